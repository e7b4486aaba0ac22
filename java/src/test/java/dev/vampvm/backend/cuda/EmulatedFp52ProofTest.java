package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.prover.RandomCircuit;
import dev.vampvm.plonk.verifier.Verifier;
import dev.vampvm.msm.GeneratorFolding;
import dev.vampvm.testing.Emulator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A whole proof with every kernel that has one in kernels/ff/fp52n.cuh's form ({@code -Dvampvm.cuda.fp52=all}: the
 * generators' fixed-base table, the MSMs' first level, the NTTs, the IPA's folds) on the emulated engine: byte for
 * byte the Java engine's proof, and it verifies. At 2^9 rows the IPA's first four rounds fold on the device, over the
 * emulator's host-fold line of 48 points: two at a time (vv_fold2_52_*), one at a time ({@code foldTwice=false},
 * vv_fold52_*), and in parts (vv_fold_parts52_*, the emulated engine's default at that size). Skipped when
 * libvampvm_native.so was not built.
 */
class EmulatedFp52ProofTest {
    private static final int K = 9;

    @Test
    void aProofWithTheFp52KernelsIsTheJavaEnginesProof() {
        Emulator.assumeAvailable();
        RandomCircuit circuit = null;
        for (long seed = 1; circuit == null; seed++) { // a lookup and a permutation: every kind of argument
            ConstraintSystem cs = Synthesis.configure(new RandomCircuit(seed));
            if (!cs.lookups().isEmpty() && cs.permutationChunks() >= 1) {
                circuit = new RandomCircuit(seed);
            }
        }
        LaunchCountingDevice device = new LaunchCountingDevice(EmulatedDevice.open());
        try (JavaBackend java = new JavaBackend(2); CudaBackend cuda = new CudaBackend(device, "all")) {
            // As CudaBackend.openEmulated: every proof on the engine, folds on the device from 48 points.
            cuda.hostUpToK = -1;
            cuda.folds.hostFoldBelow = GeneratorFolding.POINTWISE_BELOW;
            // The folds whole, two rounds at once and one at a time, then in parts (the emulator's default at these
            // sizes).
            cuda.folds.foldSplitThreads = 0;
            proveOnBoth(java, cuda, circuit);
            cuda.folds.foldTwoRounds = false;
            proveOnBoth(java, cuda, circuit);
            cuda.folds.foldTwoRounds = true;
            cuda.folds.foldSplitThreads = -1;
            proveOnBoth(java, cuda, circuit);
        }
        for (String kernel : new String[] {"vv_msm_table_step52_vesta", "vv_msm_accumulate52_vesta",
            "vv_ntt_group52_fp", "vv_fold2_52_vesta", "vv_fold52_vesta", "vv_fold_parts52_vesta"}) {
            assertTrue(device.launches(kernel) > 0, kernel + " never ran: " + device.launches);
        }
        for (String kernel : new String[] {"vv_msm_table_step_vesta", "vv_msm_accumulate_vesta", "vv_ntt_group_fp",
            "vv_fold2_vesta", "vv_fold_vesta", "vv_fold_parts_vesta"}) {
            assertEquals(0, device.launches(kernel), kernel + " ran: " + device.launches);
        }
    }

    /** Parameters (the generators' fixed-base table among them), a key and a proof on each engine: the same bytes. */
    private static void proveOnBoth(JavaBackend java, CudaBackend cuda, RandomCircuit circuit) {
        try (IpaParams javaParams = IpaParams.setup(java, K); IpaParams cudaParams = IpaParams.setup(cuda, K)) {
            try (ProvingKey javaKey = Keygen.keygen(javaParams, circuit, K);
                    ProvingKey cudaKey = Keygen.keygen(cudaParams, circuit, K)) {
                byte[] expected = Prover.prove(javaParams, javaKey, circuit, circuit.instances(K),
                        new SplittableRandom(1));
                byte[] proof = Prover.prove(cudaParams, cudaKey, circuit, circuit.instances(K),
                        new SplittableRandom(1));
                assertArrayEquals(expected, proof, "the fp52n kernels' proof differs from the Java engine's");
                assertTrue(Verifier.verify(javaParams, javaKey.verifyingKey(), circuit.instances(K), proof));
            }
        }
    }
}
