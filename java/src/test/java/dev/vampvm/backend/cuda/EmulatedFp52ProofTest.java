package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A whole proof with every kernel that has one in kernels/ff/fp52n.cuh's form ({@code -Dvampvm.cuda.fp52=all}: the
 * generators' fixed-base table, the MSMs' first level, the NTTs, the IPA's folds) on the emulated engine: byte for
 * byte the Java engine's proof, and it verifies. At 2^9 rows the IPA's first two rounds fold on the device at once (vv_fold2_52_*) and its third round
 * alone (vv_fold52_*), over the emulator's host-fold line of 48 points. Skipped when libvampvm_native.so was not built.
 */
class EmulatedFp52ProofTest {
    private static final int K = 9;

    /** The emulator, counting the launches of each kernel. */
    private static final class CountingDevice extends ForwardingDevice {
        final Map<String, Integer> launches = new TreeMap<>();

        CountingDevice(DeviceApi inner) {
            super(inner);
        }

        @Override
        public void launch(String kernel, int grid, int block, Object[] args) {
            launches.merge(kernel, 1, Integer::sum);
            super.launch(kernel, grid, block, args);
        }
    }

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
        CountingDevice device = new CountingDevice(EmulatedDevice.open());
        try (JavaBackend java = new JavaBackend(2); CudaBackend cuda = new CudaBackend(device, "all")) {
            // As CudaBackend.openEmulated: every proof on the engine, folds on the device from 48 points.
            cuda.hostUpToK = -1;
            cuda.hostFoldBelow = GeneratorFolding.POINTWISE_BELOW;
            proveOnBoth(java, cuda, circuit);
        }
        for (String kernel : new String[] {"vv_msm_table_step52_vesta", "vv_msm_accumulate52_vesta",
            "vv_ntt_group52_fp", "vv_fold2_52_vesta", "vv_fold52_vesta"}) {
            assertTrue(device.launches.getOrDefault(kernel, 0) > 0, kernel + " never ran: " + device.launches);
        }
        for (String kernel : new String[] {"vv_msm_table_step_vesta", "vv_msm_accumulate_vesta", "vv_ntt_group_fp",
            "vv_fold2_vesta", "vv_fold_vesta"}) {
            assertTrue(!device.launches.containsKey(kernel), kernel + " ran: " + device.launches);
        }
    }

    /** Parameters (the generators' fixed-base table among them), a key and a proof on each engine: the same bytes. */
    private static void proveOnBoth(JavaBackend java, CudaBackend cuda, RandomCircuit circuit) {
        try (IpaParams javaParams = IpaParams.setup(java, K); IpaParams cudaParams = IpaParams.setup(cuda, K)) {
            try (ProvingKey javaKey = Keygen.keygen(javaParams, circuit, K);
                    ProvingKey cudaKey = Keygen.keygen(cudaParams, circuit, K)) {
                byte[] expected = Prover.prove(javaParams, javaKey, circuit, circuit.instances(K),
                        new SplittableRandom(1));
                byte[] proof = Prover.prove(cudaParams, cudaKey, circuit, circuit.instances(K), new SplittableRandom(1));
                assertArrayEquals(expected, proof, "the fp52n kernels' proof differs from the Java engine's");
                assertTrue(Verifier.verify(javaParams, javaKey.verifyingKey(), circuit.instances(K), proof));
            }
        }
    }
}
