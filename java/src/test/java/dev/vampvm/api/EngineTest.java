package dev.vampvm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.backend.cuda.GpuProbe;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.StandardGate;
import dev.vampvm.plonk.prover.DeviceMemoryEstimate;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing an engine: names, the refusal without a GPU, and the engine-memory check before proving. */
class EngineTest {

    @Test
    void namesRoundTripAndAnUnknownNameListsTheKnownOnes() {
        for (Engine e : Engine.values()) {
            assertEquals(e, Engine.parse(e.cliName()));
        }
        assertEquals("cuda-emulated", Engine.CUDA_EMULATED.cliName());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Engine.parse("CUDA"));
        assertTrue(bad.getMessage().contains("java, cuda, cuda-emulated"), bad.getMessage());
    }

    @Test
    void theJavaEngineHasNoEngineMemoryLimit() {
        try (Backend b = Engine.JAVA.open(1)) {
            assertTrue(b instanceof JavaBackend);
            assertEquals(Long.MAX_VALUE, b.memoryLimitBytes());
        }
    }

    @Test
    void cudaWithoutAUsableGpuIsRefusedWithTheProbesReason() {
        GpuProbe.Result probe = GpuProbe.probe();
        org.junit.jupiter.api.Assumptions.assumeFalse(probe.usable(), "a GPU is usable here");
        VampvmException e = assertThrows(VampvmException.class, () -> Engine.CUDA.open(0));
        assertEquals(VampvmException.Kind.NO_GPU, e.kind());
        assertEquals(probe.reason(), e.getMessage());
        Program p = Vampvm.compile("sq.pir", "pub x;\nx * x = 9;\n");
        VampvmException fromProve = assertThrows(VampvmException.class,
                () -> p.prove(Map.of("x", "3"), ProveOptions.defaults().withKeyCache(null).withEngine(Engine.CUDA)));
        assertEquals(VampvmException.Kind.NO_GPU, fromProve.kind());
    }

    @Test
    void theDeviceEstimateGrowsWithKAndCountsTheColumns() {
        ConstraintSystem cs = dev.vampvm.plonk.Synthesis.configure(
                new dev.vampvm.bench.ProveBenchmark.StandardGateChain(1, 1));
        long k10 = DeviceMemoryEstimate.proofBytes(cs, 10, table(10));
        long k20 = DeviceMemoryEstimate.proofBytes(cs, 20, table(20));
        long k22 = DeviceMemoryEstimate.proofBytes(cs, 22, table(22));
        assertTrue(k10 < k20 && k20 < k22);
        // Per row, at least the committed columns' coefficients and the generators; a k = 22 proof of this circuit
        // fits a 16 GiB GPU with room to spare (the table under that GPU's cap), as it must for the benchmark's sizes.
        long rows = 1L << 22;
        assertTrue(k22 - DeviceMemoryEstimate.BASELINE > rows * (32L * (cs.numAdviceColumns() + cs.numFixedColumns())
                + 64), "" + k22);
        assertTrue(k22 < 16L << 30, "" + k22);
    }

    @Test
    void aProofTooLargeForTheEnginesMemoryIsRefusedBeforeAnyWork() {
        ConstraintSystem cs = dev.vampvm.plonk.Synthesis.configure(
                new dev.vampvm.bench.ProveBenchmark.StandardGateChain(1, 1));
        Backend small = smallGpu(64L << 20);
        VampvmException e = assertThrows(VampvmException.class, () -> Program.checkEngineMemory(small, cs, 16, "t.pir"));
        assertEquals(VampvmException.Kind.RESOURCES, e.kind());
        assertTrue(e.getMessage().contains("t.pir needs about") && e.getMessage().contains("64 MiB free on a test GPU"),
                e.getMessage());
        Program.checkEngineMemory(smallGpu(16L << 30), cs, 16, "t.pir");
    }

    /** The fixed-base table for 2^k generators under the least cap (a GPU of up to 16 GiB). */
    private static long table(int k) {
        return dev.vampvm.backend.cuda.DevicePippenger.fixedTableBytes(1 << k,
                dev.vampvm.backend.cuda.DevicePippenger.FIXED_TABLE_MIN_CAP);
    }

    /** A backend that only answers name, description, memory limit and its fixed-base table (none). */
    private static Backend smallGpu(long bytes) {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "memoryLimitBytes" -> bytes;
                    case "name" -> "cuda";
                    case "description" -> "a test GPU";
                    case "fixedBasesBytes" -> 0L;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
