package dev.vampvm.plonk.prover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.backend.cuda.CudaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.verifier.Verifier;
import dev.vampvm.testing.Emulator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Proofs whose grand products are made on the CUDA engine (its kernels emulated on the host): lookups, and a
 * permutation of several chunks, each starting where the one before it ended. With the same randomness each proof is
 * byte for byte the Java engine's, whose products are made on the host, and verifies. The VampIR examples
 * ({@code EngineProofTest}) have permutations of several chunks but no lookups, hence these circuits. Skipped when
 * libvampvm_native.so was not built.
 */
class EmulatedCudaProverTest {
    private static final int K = 6;

    private record Case(String name, Circuit<?> circuit, List<List<Fp>> instances) {
    }

    @Test
    void proofsWithLookupsAndChainedPermutationProductsAreTheJavaEnginesProofs() {
        Emulator.assumeAvailable();
        List<Case> cases = new ArrayList<>();
        // Two lookups and no permutation: no permutation product at all.
        cases.add(new Case("range check", new TestCircuits.RangeCheck(0, 3, 3, 15, 7, 1, 9), List.of()));
        // Random shapes (fixed seeds) with a lookup and at least two permutation chunks.
        for (long seed = 1; seed < 1000 && cases.size() < 3; seed++) {
            RandomCircuit c = new RandomCircuit(seed);
            ConstraintSystem cs = Synthesis.configure(c);
            if (!cs.lookups().isEmpty() && cs.permutationChunks() >= 2) {
                cases.add(new Case("random circuit " + seed + " (" + cs.permutationChunks() + " chunks)", c,
                        c.instances(K)));
            }
        }
        assertEquals(3, cases.size(), "random circuits with a lookup and several permutation chunks");
        try (JavaBackend java = new JavaBackend(2); CudaBackend cuda = CudaBackend.openEmulated();
                IpaParams javaParams = IpaParams.setup(java, K); IpaParams cudaParams = IpaParams.setup(cuda, K)) {
            for (Case c : cases) {
                try (ProvingKey javaKey = Keygen.keygen(javaParams, c.circuit(), K);
                        ProvingKey cudaKey = Keygen.keygen(cudaParams, c.circuit(), K)) {
                    ProverTimings onJava = new ProverTimings();
                    ProverTimings onCuda = new ProverTimings();
                    byte[] expected = Prover.prove(javaParams, javaKey, c.circuit(), c.instances(),
                            new SplittableRandom(1), onJava);
                    byte[] proof = Prover.prove(cudaParams, cudaKey, c.circuit(), c.instances(),
                            new SplittableRandom(1), onCuda);
                    assertArrayEquals(expected, proof, c.name() + ": the engines' proofs differ");
                    // The split of the time between waiting on the device and the host's own work.
                    assertEquals(0, onJava.device, c.name() + ": the Java engine has no device");
                    assertTrue(onCuda.device > 0 && onCuda.host() > 0, c.name() + ": " + onCuda);
                    // The phases' shares of the wait add up to it, each within its phase.
                    assertEquals(onCuda.device, onCuda.commitmentsDevice + onCuda.permutationDevice
                            + onCuda.quotientDevice + onCuda.openingsDevice, c.name() + ": " + onCuda);
                    assertTrue(onCuda.commitmentsDevice > 0 && onCuda.commitmentsDevice <= onCuda.commitments
                            && onCuda.permutationDevice <= onCuda.permutation
                            && onCuda.quotientDevice > 0 && onCuda.quotientDevice <= onCuda.quotient
                            && onCuda.openingsDevice > 0 && onCuda.openingsDevice <= onCuda.openings,
                            c.name() + ": " + onCuda);
                    assertTrue(Verifier.verify(javaParams, javaKey.verifyingKey(), c.instances(), proof), c.name());
                }
            }
        }
    }
}
