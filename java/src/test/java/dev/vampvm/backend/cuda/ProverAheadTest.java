package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.Assignment;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.prover.TestCircuits;
import dev.vampvm.testing.Emulator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On an engine that leaves the host free, a proof makes its random polynomials (the vanishing argument's and the IPA's
 * s: their seeds' expansions and commitments) on another thread while this one synthesizes the witness: the proof is
 * byte for byte the Java engine's, which makes them where the proof uses them; a witness that fails, or a failure
 * while making them, is thrown and leaves nothing held on the device. On the emulated engine.
 */
class ProverAheadTest {
    private static final int K = 4;

    /** The emulator, tracking the bytes the engine holds, recording which threads expanded seeds, failing on demand. */
    private static final class WatchingDevice extends HeldBytesDevice {
        final Set<String> expandingThreads = ConcurrentHashMap.newKeySet();
        volatile boolean failExpansion;

        WatchingDevice(DeviceApi inner) {
            super(inner);
        }

        @Override
        public void launch(String kernel, int grid, int block, Object[] args) {
            if (kernel.startsWith("vv_expand_seed_")) {
                expandingThreads.add(Thread.currentThread().getName());
                if (failExpansion) {
                    throw new IllegalStateException("injected failure of " + kernel);
                }
            }
            super.launch(kernel, grid, block, args);
        }
    }

    /** The standard-gate circuit, failing in its synthesis (after the keys are made) when told to. */
    private record Failing(TestCircuits.StandardGate inner, boolean fail) implements Circuit<dev.vampvm.plonk.StandardGate> {
        @Override
        public dev.vampvm.plonk.StandardGate configure(ConstraintSystem.Builder cs) {
            return inner.configure(cs);
        }

        @Override
        public void synthesize(dev.vampvm.plonk.StandardGate k, Assignment t) {
            if (fail) {
                throw new IllegalArgumentException("the witness cannot be made");
            }
            inner.synthesize(k, t);
        }
    }

    @BeforeEach
    void emulatorAvailable() {
        Emulator.assumeAvailable();
    }

    @Test
    void theyAreMadeBesideTheWitnessAndTheProofIsTheJavaEnginesAndFailuresLeaveNothingHeld() {
        TestCircuits.StandardGate circuit = new TestCircuits.StandardGate(3);
        List<List<Fp>> instances = circuit.instances();
        byte[] expected;
        try (JavaBackend java = new JavaBackend(2); IpaParams params = IpaParams.setup(java, K);
                ProvingKey pk = Keygen.keygen(params, circuit, K)) {
            expected = Prover.prove(params, pk, circuit, instances, new SplittableRandom(5));
        }
        WatchingDevice device = new WatchingDevice(EmulatedDevice.open());
        try (CudaBackend cuda = new CudaBackend(device)) {
            device.engine = cuda;
            assertTrue(cuda.runsBesideTheHost());
            try (IpaParams params = IpaParams.setup(cuda, K); ProvingKey pk = Keygen.keygen(params, circuit, K)) {
                device.expandingThreads.clear();
                byte[] proof = Prover.prove(params, pk, circuit, instances, new SplittableRandom(5));
                assertArrayEquals(expected, proof, "made ahead, the same proof as the Java engine's");
                assertEquals(Set.of("vampvm-prover-ahead"), device.expandingThreads, "both seeds expanded beside");

                long held = device.held();
                IllegalArgumentException witness = assertThrows(IllegalArgumentException.class,
                        () -> Prover.prove(params, pk, new Failing(circuit, true), instances, new SplittableRandom(5)));
                assertEquals("the witness cannot be made", witness.getMessage());
                assertEquals(held, device.held(), "a failed witness leaves no random polynomial held");

                device.failExpansion = true;
                IllegalStateException making = assertThrows(IllegalStateException.class,
                        () -> Prover.prove(params, pk, circuit, instances, new SplittableRandom(5)));
                assertTrue(making.getMessage().startsWith("injected failure of vv_expand_seed_"), making.getMessage());
                assertEquals(held, device.held(), "a failure making them leaves nothing held");

                // Both at once: the witness's failure is thrown, the other's suppressed in it.
                IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                        () -> Prover.prove(params, pk, new Failing(circuit, true), instances, new SplittableRandom(5)));
                assertEquals(1, both.getSuppressed().length);
                assertSame(IllegalStateException.class, both.getSuppressed()[0].getClass());
                assertEquals(held, device.held());

                device.failExpansion = false;
                assertArrayEquals(expected, Prover.prove(params, pk, circuit, instances, new SplittableRandom(5)),
                        "and proofs go on as before");
            }
        }
    }
}
