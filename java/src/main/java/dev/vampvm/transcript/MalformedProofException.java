package dev.vampvm.transcript;

/**
 * A proof whose bytes cannot be what an honest prover sends: too short, too long, a scalar not below
 * the modulus, a point encoding that does not decode or names the identity. The verifier turns it into
 * a rejection. It is a checked exception on purpose: every place that reads a proof must decide what a
 * malformed one means there, rather than letting it escape as a crash (or, worse, be caught too broadly
 * and mistaken for something else).
 */
public final class MalformedProofException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Where in the proof the problem was found (a byte offset), or −1 when not tied to a position. */
    private final int offset;

    public MalformedProofException(String message, int offset) {
        super(offset >= 0 ? message + " (at proof byte " + offset + ")" : message);
        this.offset = offset;
    }

    public MalformedProofException(String message, int offset, Throwable cause) {
        this(message, offset);
        initCause(cause);
    }

    /** The byte offset in the proof where the problem was found, or −1. */
    public int offset() {
        return offset;
    }
}
