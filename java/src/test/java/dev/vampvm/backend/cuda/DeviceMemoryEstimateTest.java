package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.Backend;
import dev.vampvm.bench.ProveBenchmark.StandardGateChain;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.prover.DeviceMemoryEstimate;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.testing.Emulator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link DeviceMemoryEstimate} against what a proof really holds on the (emulated) device at its peak: the parameters,
 * the proving key and every buffer of the proof. The engine's cache of freed buffers ({@link CachingDevice}) is not
 * counted: it is given back when an allocation fails, so it never makes a proof that fits fail.
 */
class DeviceMemoryEstimateTest {

    @Test
    void theEstimateCoversAProofsPeakOnTheDevice() {
        Emulator.assumeAvailable();
        for (int k : new int[] {6, 9, 12}) {
            int rows = Synthesis.configure(new StandardGateChain(1, 1)).usableRows(k);
            StandardGateChain circuit = new StandardGateChain(rows, 3);
            ConstraintSystem cs = Synthesis.configure(circuit);
            HeldBytesDevice device = new HeldBytesDevice(EmulatedDevice.open());
            CudaBackend engine = new CudaBackend(device);
            device.engine = engine;
            try (Backend cuda = engine; IpaParams params = IpaParams.setup(cuda, k);
                    ProvingKey pk = Keygen.keygen(params, circuit, k)) {
                Prover.prove(params, pk, circuit, List.of(List.of(circuit.output())), new SplittableRandom(k));
            }
            long estimate = DeviceMemoryEstimate.proofBytes(engine, cs, k) - DeviceMemoryEstimate.BASELINE;
            assertTrue(estimate >= device.peakHeld, "k = " + k + ": estimated " + estimate + " bytes, the proof held "
                    + device.peakHeld);
            assertTrue(estimate <= 4 * device.peakHeld, "k = " + k + ": estimated " + estimate + " bytes, over 4x the "
                    + device.peakHeld + " the proof held");
            // The cache of freed buffers only adds to that (it is given back when an allocation fails).
            assertTrue(device.peak >= device.peakHeld);
        }
    }
}
