package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaOpenings;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.testing.Emulator;
import dev.vampvm.testing.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The CUDA engine's IPA rounds two at a time (kernels/msm/fold.cuh's fold2_body, {@link
 * DeviceGeneratorFolding#foldTwoRounds}), and a round's L and R as one batch over its generators ({@link
 * CudaBackend#batchHalves}), its kernels emulated on the host: the opening is byte for byte the one the rounds one at a
 * time, and L and R as two MSMs, make on the same engine, and the Java engine's. At k = 9 the first two rounds (512
 * generators into 256, then 128; 128 ≥ the emulated engine's host-fold line of 48) are a pair, and so are the next two
 * (64 ≥ 48 into 32, the pair's second fold on the GPU where one round at a time would fold it on the host), the rest
 * single rounds on the host. The fold2 kernel itself is checked point for point by {@code
 * BackendEngineContract.twoRoundFoldsAreTheRoundsOneAtATime}. Skipped when libvampvm_native.so was not built.
 */
class EmulatedIpaRoundPairsTest {
    private static final int K = 9;

    @Test
    void roundsTwoAtATimeOnTheGpuEngineMakeTheJavaEnginesOpening() {
        Emulator.assumeAvailable();
        long seed = Seeds.rng("EmulatedIpaRoundPairsTest").nextLong();
        byte[] expected;
        try (JavaBackend java = new JavaBackend(2, false); IpaParams p = IpaParams.setup(java, K)) {
            assertFalse(java.batchesMsmsOverHalves(1 << K), "the Java engine's MSMs are their work: two halves");
            expected = open(p, seed);
        }
        for (boolean pairs : new boolean[] {true, false}) {
            for (boolean batch : new boolean[] {true, false}) {
                try (CudaBackend cuda = CudaBackend.openEmulated(); IpaParams p = IpaParams.setup(cuda, K)) {
                    cuda.folds.foldTwoRounds = pairs;
                    cuda.batchHalves = batch;
                    int firstPair = 1 << (K - 2);
                    assertTrue(cuda.folds.hostFoldBelow <= firstPair,
                            "the first pair's folds run on the (emulated) GPU");
                    if (pairs) {
                        assertTrue(cuda.foldsTwoRoundsAtOnce(firstPair), "the first two rounds are a pair");
                        int hostBelow = cuda.folds.hostFoldBelow;
                        assertTrue(cuda.foldsTwoRoundsAtOnce(hostBelow / 2),
                                "a pair whose first fold runs on the GPU runs there whole, its second fold too");
                        assertFalse(cuda.foldsTwoRoundsAtOnce(hostBelow / 2 - 1), "folds on the host go one by one");
                    } else {
                        assertFalse(cuda.foldsTwoRoundsAtOnce(firstPair), "-Dvampvm.cuda.foldTwice=false");
                    }
                    assertTrue(cuda.batchesMsmsOverHalves(1 << K) == batch, "-Dvampvm.cuda.batchHalves");
                    assertTrue(cuda.batchesMsmsOverHalves(DevicePippenger.MSM_GROUP_POINTS / 2) == batch);
                    assertFalse(cuda.batchesMsmsOverHalves(DevicePippenger.MSM_GROUP_POINTS),
                            "a batch past one launch sequence's scalars would run as two MSMs over all the bases");
                    assertArrayEquals(expected, open(p, seed), "pairs " + pairs + ", L and R in one batch " + batch
                            + ": the Java engine's opening");
                }
            }
        }
    }

    private static byte[] open(IpaParams p, long seed) {
        return IpaOpenings.honest(p, new SplittableRandom(seed)).proof();
    }
}
