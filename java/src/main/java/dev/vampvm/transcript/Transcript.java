package dev.vampvm.transcript;

import dev.vampvm.field.FieldElement;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The Fiat–Shamir transcript (protocol.md, "Transcript"): a running BLAKE2b-512 hash, personalised with
 * a domain string, over everything prover and verifier have agreed on so far. Challenges are derived
 * from it, so the prover cannot choose them after seeing them: every value the prover sends must be
 * absorbed before the next challenge, or the proof system loses soundness ("Frozen Heart").
 *
 * <p>Byte format, which is part of the protocol (a change here changes every proof):
 * <ul>
 *   <li>the hash is BLAKE2b with a 64-byte digest, no key, no salt, and the 16-byte personalization
 *       {@link #personalization(String)} made from the domain;</li>
 *   <li>a scalar is absorbed as {@link #TAG_SCALAR} followed by its 32-byte canonical little-endian
 *       encoding;</li>
 *   <li>a point is absorbed as {@link #TAG_POINT} followed by its 32-byte canonical compressed encoding;
 *       the identity never enters a transcript (its encoding, all zeros, is refused);</li>
 *   <li>a challenge absorbs {@link #TAG_CHALLENGE}, then takes the 64-byte digest of everything absorbed
 *       so far, read as a little-endian integer and reduced modulo p ({@link Fp#fromUniformBytes}). The
 *       running state is not finalised: the next item continues the same hash, so each challenge
 *       depends on all earlier ones.</li>
 * </ul>
 * The tags keep the encoding unambiguous: a scalar can never be read back as a point or the marker of
 * a challenge. This is the layout of zcash halo2's {@code Blake2bWrite}/{@code Blake2bRead}.
 *
 * <p>This class only absorbs and squeezes. What the prover sends and the verifier reads goes through
 * {@link TranscriptWriter} ({@link #forProving}) and {@link TranscriptReader} ({@link #forVerifying}),
 * which both drive a {@code Transcript}, so the two sides cannot drift apart. Not thread-safe.
 */
public final class Transcript {

    /** Tag absorbed before every challenge is squeezed. */
    public static final byte TAG_CHALLENGE = 0;
    /** Tag absorbed before a point's compressed encoding. */
    public static final byte TAG_POINT = 1;
    /** Tag absorbed before a scalar's canonical encoding. */
    public static final byte TAG_SCALAR = 2;

    /** BLAKE2b's personalization is exactly this many bytes. */
    public static final int PERSONALIZATION_BYTES = 16;
    /** Bytes of a scalar or a compressed point in the transcript and in proofs. */
    public static final int ELEMENT_BYTES = MontgomeryField.BYTES;
    /** Bytes of the digest a challenge is reduced from (wide, so the reduction's bias is negligible). */
    public static final int DIGEST_BYTES = 64;

    private final Blake2bDigest state;

    /**
     * A fresh transcript for the given domain (at most 16 bytes of UTF-8, no NUL; see
     * {@link #personalization(String)}). Distinct domains give unrelated challenges, so a proof made for
     * one purpose cannot be replayed as another.
     */
    public Transcript(String domain) {
        this.state = new Blake2bDigest(null, DIGEST_BYTES, null, personalization(domain));
    }

    private Transcript(Blake2bDigest state) {
        this.state = state;
    }

    /** A prover's transcript for the domain, which records what the prover sends. */
    public static TranscriptWriter forProving(String domain) {
        return new TranscriptWriter(new Transcript(domain));
    }

    /** A verifier's transcript for the domain, which reads what the prover sent from {@code proof}. */
    public static TranscriptReader forVerifying(String domain, byte[] proof) {
        return new TranscriptReader(new Transcript(domain), proof);
    }

    /**
     * The 16-byte BLAKE2b personalization for a domain: its UTF-8 bytes, zero-padded on the right.
     * NUL characters are refused, so that padding cannot make two different domains equal
     * ("abc" and "abc\0").
     *
     * @throws IllegalArgumentException if the domain is empty, longer than 16 bytes or contains NUL
     */
    public static byte[] personalization(String domain) {
        Objects.requireNonNull(domain, "domain");
        byte[] utf8 = domain.getBytes(StandardCharsets.UTF_8);
        if (utf8.length == 0 || utf8.length > PERSONALIZATION_BYTES || domain.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a transcript domain is 1 to 16 bytes of UTF-8 without NUL, got \""
                    + domain + "\" (" + utf8.length + " bytes)");
        }
        byte[] p = new byte[PERSONALIZATION_BYTES];
        System.arraycopy(utf8, 0, p, 0, utf8.length);
        return p;
    }

    /** Absorbs a scalar of Fp (the circuit field). */
    public void absorbScalar(Fp scalar) {
        absorbScalar((FieldElement<?>) scalar);
    }

    /** Absorbs an element of either Pasta field as a scalar (32-byte canonical little-endian). */
    public void absorbScalar(FieldElement<?> scalar) {
        Objects.requireNonNull(scalar, "scalar");
        state.update(TAG_SCALAR);
        byte[] encoding = scalar.toBytes();
        state.update(encoding, 0, encoding.length);
    }

    /**
     * Absorbs a point given as its 32-byte canonical compressed encoding. The caller vouches that the
     * bytes are canonical (they come from an encoder, or from a decoder that checked them).
     *
     * @throws IllegalArgumentException if the encoding is not 32 bytes, or is the identity's (all zeros):
     *     protocol.md keeps the identity out of transcripts
     */
    public void absorbPointEncoding(byte[] encoding32) {
        Objects.requireNonNull(encoding32, "encoding32");
        if (encoding32.length != ELEMENT_BYTES) {
            throw new IllegalArgumentException("a point encoding is 32 bytes, got " + encoding32.length);
        }
        if (isAllZero(encoding32)) {
            throw new IllegalArgumentException("the identity point cannot be absorbed into a transcript");
        }
        state.update(TAG_POINT);
        state.update(encoding32, 0, encoding32.length);
    }

    /** Absorbs the challenge tag and derives a challenge from everything absorbed so far. */
    public Fp squeezeChallenge() {
        state.update(TAG_CHALLENGE);
        byte[] digest = new byte[DIGEST_BYTES];
        // Finalise a copy: the running state must go on absorbing after the challenge.
        new Blake2bDigest(state).doFinal(digest, 0);
        return Fp.fromUniformBytes(digest);
    }

    /**
     * An independent copy of this transcript in its current state: both go on separately. For
     * speculative work (try a continuation, discard it) and for tests.
     */
    public Transcript copy() {
        return new Transcript(new Blake2bDigest(state));
    }

    static boolean isAllZero(byte[] bytes) {
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }
}
