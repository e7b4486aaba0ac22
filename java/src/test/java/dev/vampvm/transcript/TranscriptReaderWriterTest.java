package dev.vampvm.transcript;

import static dev.vampvm.transcript.TranscriptTest.DOMAIN;
import static dev.vampvm.transcript.TranscriptTest.point;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Fp;
import dev.vampvm.field.NonCanonicalEncodingException;
import dev.vampvm.testing.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A prover's writer and a verifier's reader agree, and the reader refuses malformed proofs. */
class TranscriptReaderWriterTest {

    /** What a small protocol sends: common VK hash, point, scalar, challenge, two more, challenge. */
    record Run(byte[] proof, Fp c1, Fp c2, Fp s1, Fp s2) {
    }

    static Run prove(SplittableRandom rng) {
        TranscriptWriter w = Transcript.forProving(DOMAIN);
        w.absorbScalar(Fp.of(42)); // stands for the VK hash, known to both sides
        w.writePointEncoding(point(1));
        Fp s1 = Fp.random(rng);
        w.writeScalar(s1);
        Fp c1 = w.squeezeChallenge();
        w.writePointEncoding(point(2));
        Fp s2 = Fp.random(rng);
        w.writeScalar(s2);
        Fp c2 = w.squeezeChallenge();
        assertEquals(4 * 32, w.size());
        return new Run(w.toByteArray(), c1, c2, s1, s2);
    }

    /** The verifier's replay; returns its two challenges. */
    static Fp[] verify(byte[] proof) throws MalformedProofException {
        TranscriptReader r = Transcript.forVerifying(DOMAIN, proof);
        r.absorbScalar(Fp.of(42));
        r.readPointEncoding();
        r.readScalar();
        Fp c1 = r.squeezeChallenge();
        r.readPoint(bytes -> bytes);
        r.readScalar();
        Fp c2 = r.squeezeChallenge();
        r.finish();
        return new Fp[] {c1, c2};
    }

    @Test
    void roundTripGivesTheSameChallengesAndValues() throws MalformedProofException {
        Run run = prove(Seeds.rng("TranscriptReaderWriterTest.roundTrip"));
        assertArrayEquals(new Fp[] {run.c1(), run.c2()}, verify(run.proof()));

        TranscriptReader r = Transcript.forVerifying(DOMAIN, run.proof());
        r.absorbScalar(Fp.of(42));
        assertArrayEquals(point(1), r.readPointEncoding());
        assertEquals(run.s1(), r.readScalar());
        r.squeezeChallenge();
        r.readPointEncoding();
        assertEquals(run.s2(), r.readScalar());
        assertEquals(0, r.remaining());
    }

    @Test
    void writerChallengesEqualAPlainTranscripts() {
        TranscriptWriter w = Transcript.forProving(DOMAIN);
        w.writeScalar(Fp.ONE);
        w.writePointEncoding(point(1));
        assertEquals(TranscriptTest.referenceChallenges().get(0), w.squeezeChallenge());
    }

    @Test
    void flippingAnyByteChangesAChallengeOrIsRefused() {
        Run run = prove(Seeds.rng("TranscriptReaderWriterTest.flip"));
        for (int i = 0; i < run.proof().length; i++) {
            byte[] bad = run.proof().clone();
            bad[i] ^= 1;
            try {
                Fp[] c = verify(bad);
                assertTrue(!c[0].equals(run.c1()) || !c[1].equals(run.c2()), "byte " + i);
            } catch (MalformedProofException e) {
                // refused (a flip can push a scalar past the modulus): also fine
            }
        }
    }

    @Test
    void refusesTruncation() {
        byte[] proof = prove(Seeds.rng("TranscriptReaderWriterTest.truncation")).proof();
        for (int len : new int[] {0, 1, 31, 32, 63, 64 + 31, proof.length - 1}) {
            byte[] cut = Arrays.copyOf(proof, len);
            MalformedProofException e = assertThrows(MalformedProofException.class, () -> verify(cut));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertEquals(len / 32 * 32, e.offset());
        }
    }

    @Test
    void refusesTrailingBytes() {
        byte[] proof = prove(Seeds.rng("TranscriptReaderWriterTest.trailing")).proof();
        for (int extra : new int[] {1, 32}) {
            byte[] longer = Arrays.copyOf(proof, proof.length + extra);
            MalformedProofException e = assertThrows(MalformedProofException.class, () -> verify(longer));
            assertTrue(e.getMessage().contains(extra + " trailing bytes"), e.getMessage());
            assertEquals(proof.length, e.offset());
        }
    }

    @Test
    void refusesNonCanonicalScalars() {
        byte[] proof = prove(Seeds.rng("TranscriptReaderWriterTest.nonCanonical")).proof();
        // p itself, p + 1 and 2^256 − 1 in the first scalar's slot (bytes 32..63)
        for (java.math.BigInteger v : new java.math.BigInteger[] {
                Fp.FIELD.modulus(), Fp.FIELD.modulus().add(java.math.BigInteger.ONE),
                java.math.BigInteger.ONE.shiftLeft(256).subtract(java.math.BigInteger.ONE)}) {
            byte[] bad = proof.clone();
            System.arraycopy(TranscriptTest.le32(v), 0, bad, 32, 32);
            MalformedProofException e = assertThrows(MalformedProofException.class, () -> verify(bad));
            assertTrue(e.getMessage().contains("not canonical"), e.getMessage());
            assertEquals(32, e.offset());
        }
    }

    @Test
    void refusesTheIdentityAndUndecodablePoints() {
        byte[] proof = prove(Seeds.rng("TranscriptReaderWriterTest.identity")).proof();
        byte[] zero = proof.clone();
        Arrays.fill(zero, 0, 32, (byte) 0);
        MalformedProofException e = assertThrows(MalformedProofException.class, () -> verify(zero));
        assertTrue(e.getMessage().contains("identity"), e.getMessage());

        TranscriptReader r = Transcript.forVerifying(DOMAIN, proof);
        MalformedProofException d = assertThrows(MalformedProofException.class, () -> r.readPoint(bytes -> {
            throw new NonCanonicalEncodingException("not on the curve");
        }));
        assertTrue(d.getMessage().contains("not on the curve"), d.getMessage());

        TranscriptWriter w = Transcript.forProving(DOMAIN);
        assertThrows(IllegalArgumentException.class, () -> w.writePointEncoding(new byte[32]));
        assertEquals(0, w.size(), "a refused point must not reach the proof");
    }

    @Test
    void decodedPointIsReturned() throws MalformedProofException {
        TranscriptWriter w = Transcript.forProving(DOMAIN);
        w.writePointEncoding(point(3));
        TranscriptReader r = Transcript.forVerifying(DOMAIN, w.toByteArray());
        assertEquals(Arrays.toString(point(3)), r.readPoint(Arrays::toString));
        r.finish();
        assertEquals(w.squeezeChallenge(), r.squeezeChallenge());
    }

    @Test
    void aVerifierThatSkipsAnAbsorbGetsOtherChallenges() throws MalformedProofException {
        Run run = prove(Seeds.rng("TranscriptReaderWriterTest.skip"));
        TranscriptReader r = Transcript.forVerifying(DOMAIN, run.proof());
        // forgets the common VK hash
        r.readPointEncoding();
        r.readScalar();
        assertNotEquals(run.c1(), r.squeezeChallenge());
    }
}
