package dev.vampvm.transcript;

import dev.vampvm.field.FieldElement;
import dev.vampvm.field.Fp;
import dev.vampvm.field.NonCanonicalEncodingException;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * The verifier's side of a transcript: reads what the prover sent from a proof, refuses anything an
 * honest prover could not have sent, and absorbs each item exactly as {@link TranscriptWriter} did, so
 * both sides derive the same challenges from the same bytes.
 *
 * <p>Refused, each with a {@link MalformedProofException} naming the offset: a proof too short for the
 * next item; a scalar not below the modulus (accepting it would give one proof two encodings); a point
 * encoding of all zeros (the identity never enters a transcript) or one the caller's decoder rejects;
 * and, at {@link #finish()}, bytes left over after the last expected item.
 */
public final class TranscriptReader {
    private final Transcript transcript;
    private final byte[] proof;
    private int position;

    TranscriptReader(Transcript transcript, byte[] proof) {
        this.transcript = transcript;
        this.proof = Objects.requireNonNull(proof, "proof").clone();
    }

    /** Absorbs a scalar both sides know (not read from the proof). */
    public void absorbScalar(FieldElement<?> scalar) {
        transcript.absorbScalar(scalar);
    }

    /** Absorbs a point both sides know (not read from the proof). */
    public void absorbPointEncoding(byte[] encoding32) {
        transcript.absorbPointEncoding(encoding32);
    }

    /** Reads the next scalar, refusing a non-canonical one, and absorbs it. */
    public Fp readScalar() throws MalformedProofException {
        int at = position;
        byte[] bytes = take("scalar");
        Fp scalar;
        try {
            scalar = Fp.fromBytes(bytes);
        } catch (NonCanonicalEncodingException e) {
            throw new MalformedProofException("scalar is not canonical (not below the modulus)", at, e);
        }
        transcript.absorbScalar(scalar);
        return scalar;
    }

    /**
     * Reads the next point's 32-byte compressed encoding, refuses the identity's, absorbs it and returns
     * the bytes as they are. Use {@link #readPoint(Function)} where the point itself is needed: it also
     * checks that the bytes decode.
     */
    public byte[] readPointEncoding() throws MalformedProofException {
        return readPoint(Function.identity());
    }

    /**
     * Reads the next point with the given decoder (for example a curve's compressed-point decoder),
     * absorbs its encoding and returns the decoded point. The decoder must refuse every encoding that is
     * not canonical by throwing {@link IllegalArgumentException} (such as
     * {@link NonCanonicalEncodingException}); the refusal becomes a {@link MalformedProofException}.
     * All-zero bytes (the identity) are refused before the decoder is called.
     */
    public <P> P readPoint(Function<byte[], P> decoder) throws MalformedProofException {
        Objects.requireNonNull(decoder, "decoder");
        int at = position;
        byte[] bytes = take("point");
        if (Transcript.isAllZero(bytes)) {
            throw new MalformedProofException("point is the identity, which a proof never sends", at);
        }
        P point;
        try {
            point = decoder.apply(bytes.clone());
        } catch (IllegalArgumentException e) {
            throw new MalformedProofException("point encoding is invalid: " + e.getMessage(), at, e);
        }
        if (point == null) {
            throw new MalformedProofException("point encoding is invalid (the decoder returned nothing)", at);
        }
        transcript.absorbPointEncoding(bytes);
        return point;
    }

    /** A challenge derived from everything absorbed so far. */
    public Fp squeezeChallenge() {
        return transcript.squeezeChallenge();
    }

    /** The number of proof bytes not read yet. */
    public int remaining() {
        return proof.length - position;
    }

    /**
     * Declares the proof fully read.
     *
     * @throws MalformedProofException if bytes are left over: a proof has exactly one encoding, so
     *     trailing bytes mean it is not the proof the verifier is checking
     */
    public void finish() throws MalformedProofException {
        if (position != proof.length) {
            throw new MalformedProofException("proof has " + remaining()
                    + " trailing bytes after the last expected item", position);
        }
    }

    private byte[] take(String what) throws MalformedProofException {
        if (remaining() < Transcript.ELEMENT_BYTES) {
            throw new MalformedProofException("proof is truncated: a " + what + " needs "
                    + Transcript.ELEMENT_BYTES + " bytes, " + remaining() + " left", position);
        }
        byte[] bytes = Arrays.copyOfRange(proof, position, position + Transcript.ELEMENT_BYTES);
        position += Transcript.ELEMENT_BYTES;
        return bytes;
    }

    @Override
    public String toString() {
        return "TranscriptReader[" + position + " of " + proof.length + " proof bytes read]";
    }
}
