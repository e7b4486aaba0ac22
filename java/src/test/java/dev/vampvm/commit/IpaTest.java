package dev.vampvm.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaOpenings.Opening;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.testing.Seeds;
import dev.vampvm.transcript.MalformedProofException;
import dev.vampvm.transcript.Transcript;
import dev.vampvm.transcript.TranscriptReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Completeness and soundness checks of the IPA opening, alone and batched. */
class IpaTest {

    private static final MontgomeryField F = Fp.FIELD;
    private static final int MAX_K = 7;

    private static JavaBackend backend;
    private static IpaParams params;
    private SplittableRandom rng;

    @BeforeAll
    static void setUpParams() {
        backend = new JavaBackend(2);
        params = IpaParams.setup(backend, MAX_K);
    }

    @AfterAll
    static void tearDown() {
        params.close();
        backend.close();
    }

    @BeforeEach
    void setUp(TestInfo info) {
        rng = Seeds.rng("IpaTest." + info.getDisplayName());
    }

    private Opening honest(int k) {
        return IpaOpenings.honest(params.truncate(k), rng);
    }

    private static DeferredIpaCheck read(Opening o, byte[] proof, long[] commitment, long[] x, long[] v)
            throws MalformedProofException {
        TranscriptReader r = Transcript.forVerifying(IpaOpenings.DOMAIN, proof);
        r.absorbPointEncoding(IpaOpenings.encodeAffine(commitment));
        r.absorbScalar(Fp.fromMontgomery(x, 0));
        r.absorbScalar(Fp.fromMontgomery(v, 0));
        DeferredIpaCheck check = IpaVerifier.read(o.k(), r, VerifierCommitment.of(commitment), x, v);
        r.finish();
        return check;
    }

    private static boolean verifies(Opening o, byte[] proof, long[] commitment, long[] x, long[] v) {
        try {
            MsmAccumulator acc = new MsmAccumulator();
            read(o, proof, commitment, x, v).accumulateInto(acc, F.one());
            return acc.isIdentity(params);
        } catch (MalformedProofException e) {
            return false;
        }
    }

    private static boolean verifies(Opening o) {
        return verifies(o, o.proof(), o.commitment(), o.x(), o.v());
    }

    /**
     * The Java engine's rounds two at a time (the second round's L and R from MSMs over the unfolded generators, both
     * rounds' folds at once) make the very proof the rounds one at a time make, and it verifies: at k = 10 on two
     * threads every round pair but the last ones (folds into fewer than 96 points) is taken together.
     */
    @Test
    void roundsTwoAtATimeMakeTheSameProof() throws MalformedProofException {
        int k = 10;
        long seed = Seeds.rng("IpaTest.roundsTwoAtATime").nextLong();
        byte[][] proofs = new byte[2][];
        for (int side = 0; side < 2; side++) {
            boolean pairs = side == 0;
            try (JavaBackend b = new JavaBackend(2, pairs); IpaParams p = IpaParams.setup(b, k)) {
                assertEquals(pairs, b.foldsTwoRoundsAtOnce(1 << (k - 2)), "the first two rounds are paired");
                Opening o = IpaOpenings.honest(p, new SplittableRandom(seed));
                proofs[side] = o.proof();
                MsmAccumulator acc = new MsmAccumulator();
                read(o, o.proof(), o.commitment(), o.x(), o.v()).accumulateInto(acc, F.one());
                assertTrue(acc.isIdentity(p), "the proof verifies");
            }
        }
        assertEquals(-1, java.util.Arrays.mismatch(proofs[0], proofs[1]), "the same proof bytes both ways");
    }

    /**
     * The Java engine's openings without folding (every round's L and R over the unfolded generators, the challenges'
     * products in the scalars) make the very proof the folding rounds make, at every k from 1 to 8, and it verifies.
     */
    @Test
    void openingsWithoutFoldingMakeTheSameProof() throws MalformedProofException {
        for (int k = 1; k <= 8; k++) {
            long seed = Seeds.rng("IpaTest.withoutFolding." + k).nextLong();
            byte[][] proofs = new byte[2][];
            for (int side = 0; side < 2; side++) {
                int upTo = side == 0 ? 0 : 1 << k;
                try (JavaBackend b = new JavaBackend(2, true, upTo); IpaParams p = IpaParams.setup(b, k)) {
                    assertEquals(side == 1, b.opensWithoutFolding(1 << k));
                    Opening o = IpaOpenings.honest(p, new SplittableRandom(seed));
                    proofs[side] = o.proof();
                    MsmAccumulator acc = new MsmAccumulator();
                    read(o, o.proof(), o.commitment(), o.x(), o.v()).accumulateInto(acc, F.one());
                    assertTrue(acc.isIdentity(p), "the proof verifies at k = " + k);
                }
            }
            assertEquals(-1, java.util.Arrays.mismatch(proofs[0], proofs[1]), "the same proof bytes at k = " + k);
        }
    }

    @Test
    void honestOpeningsVerifyAtEveryK() {
        for (int k = 1; k <= MAX_K; k++) {
            Opening o = honest(k);
            assertEquals(32 * (2 * k + 1) + 64, o.proof().length, "proof size at k = " + k);
            assertTrue(verifies(o), "k = " + k);
        }
    }

    @Test
    void wrongStatementIsRefused() {
        Opening o = honest(5);
        long[] other = new long[4];
        F.add(o.v(), 0, F.one(), 0, other, 0);
        assertFalse(verifies(o, o.proof(), o.commitment(), o.x(), other), "wrong value");
        F.add(o.x(), 0, F.one(), 0, other, 0);
        assertFalse(verifies(o, o.proof(), o.commitment(), other, o.v()), "wrong point");
        Opening another = honest(5);
        assertFalse(verifies(o, o.proof(), another.commitment(), o.x(), o.v()), "wrong commitment");
    }

    @Test
    void everyFlippedByteIsRefused() {
        Opening o = honest(3);
        for (int i = 0; i < o.proof().length; i++) {
            for (int bit : new int[] {0, 7}) {
                byte[] bad = o.proof().clone();
                bad[i] ^= (byte) (1 << bit);
                assertFalse(verifies(o, bad, o.commitment(), o.x(), o.v()), "byte " + i + " bit " + bit);
            }
        }
        assertFalse(verifies(o, java.util.Arrays.copyOf(o.proof(), o.proof().length - 1), o.commitment(), o.x(), o.v()));
        assertFalse(verifies(o, java.util.Arrays.copyOf(o.proof(), o.proof().length + 32), o.commitment(), o.x(), o.v()));
        MalformedProofException e = assertThrows(MalformedProofException.class,
                () -> read(o, java.util.Arrays.copyOf(o.proof(), o.proof().length + 1), o.commitment(), o.x(), o.v()));
        assertTrue(e.getMessage().contains("trailing") || e.getMessage().contains("left"), e.getMessage());
    }

    @Test
    void batchOfDifferentSizesVerifiesWithOneAccumulator() throws MalformedProofException {
        List<Opening> openings = new ArrayList<>();
        for (int k : new int[] {2, 7, 4, 4, 6}) {
            openings.add(honest(k));
        }
        MsmAccumulator acc = new MsmAccumulator();
        for (Opening o : openings) {
            long[] weight = new long[4];
            F.random(rng, weight, 0);
            read(o, o.proof(), o.commitment(), o.x(), o.v()).accumulateInto(acc, weight);
        }
        assertTrue(acc.isIdentity(params));

        // One wrong value among honest proofs spoils the batch.
        MsmAccumulator bad = new MsmAccumulator();
        for (int i = 0; i < openings.size(); i++) {
            Opening o = openings.get(i);
            long[] v = o.v().clone();
            if (i == 2) {
                F.add(v, 0, F.one(), 0, v, 0);
            }
            long[] weight = new long[4];
            F.random(rng, weight, 0);
            read(o, o.proof(), o.commitment(), o.x(), v).accumulateInto(bad, weight);
        }
        assertFalse(bad.isIdentity(params));
    }

    @Test
    void parametersRefuseBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> IpaParams.setup(backend, 0));
        assertThrows(IllegalArgumentException.class, () -> IpaParams.setup(backend, IpaParams.MAX_K + 1));
        assertThrows(IllegalArgumentException.class, () -> params.truncate(MAX_K + 1));
        try (ScalarVector tooLong = backend.allocate(F, (1 << MAX_K) + 1)) {
            assertThrows(IllegalArgumentException.class, () -> IpaProver.commit(params, tooLong, F.one()));
        }
    }
}
