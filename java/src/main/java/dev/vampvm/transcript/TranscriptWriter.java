package dev.vampvm.transcript;

import dev.vampvm.field.FieldElement;
import dev.vampvm.field.Fp;
import java.io.ByteArrayOutputStream;

/**
 * The prover's side of a transcript: everything the prover sends is absorbed and appended to the proof,
 * in one call, so that nothing can be sent without being absorbed. Values both sides already know
 * (the verifying key's hash, instance commitments) are absorbed without being sent.
 *
 * <p>The proof is the plain concatenation of the sent items, 32 bytes each, in order; it carries no
 * framing, because the verifier knows from the verifying key what comes next.
 */
public final class TranscriptWriter {
    private final Transcript transcript;
    private final ByteArrayOutputStream proof = new ByteArrayOutputStream();

    TranscriptWriter(Transcript transcript) {
        this.transcript = transcript;
    }

    /** Absorbs a scalar both sides know; nothing is sent. */
    public void absorbScalar(FieldElement<?> scalar) {
        transcript.absorbScalar(scalar);
    }

    /** Absorbs a point both sides know (32-byte compressed encoding, not the identity); nothing is sent. */
    public void absorbPointEncoding(byte[] encoding32) {
        transcript.absorbPointEncoding(encoding32);
    }

    /** Absorbs a scalar and sends it. */
    public void writeScalar(Fp scalar) {
        transcript.absorbScalar(scalar);
        proof.writeBytes(scalar.toBytes());
    }

    /**
     * Absorbs a point and sends it.
     *
     * @throws IllegalArgumentException if the encoding is not 32 bytes or is the identity's
     */
    public void writePointEncoding(byte[] encoding32) {
        transcript.absorbPointEncoding(encoding32); // checks the length and the identity first
        proof.writeBytes(encoding32);
    }

    /** A challenge derived from everything absorbed so far. */
    public Fp squeezeChallenge() {
        return transcript.squeezeChallenge();
    }

    /** The number of proof bytes written so far. */
    public int size() {
        return proof.size();
    }

    /** A copy of the proof bytes written so far. */
    public byte[] toByteArray() {
        return proof.toByteArray();
    }

    @Override
    public String toString() {
        return "TranscriptWriter[" + size() + " proof bytes]";
    }
}
