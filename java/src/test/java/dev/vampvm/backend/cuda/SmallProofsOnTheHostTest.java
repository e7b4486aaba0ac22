package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.api.KeyCache;
import dev.vampvm.backend.Backend;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.ir.Inputs;
import dev.vampvm.ir.syntax.SourceFile;
import dev.vampvm.testing.Emulator;
import dev.vampvm.vm.Interpreter;
import dev.vampvm.vm.Trace;
import dev.vampvm.vm.VmProgram;
import dev.vampvm.vm.VmProver;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GPU engine sends proofs of at most 2^hostUpToK rows to the host's Java engine ({@link CudaBackend#forProof}): one
 * host engine, owned and closed by the GPU engine, the same proof bytes, and a reason the user is shown. Run on the
 * emulated engine, which itself proves every size on its (emulated) kernels unless told otherwise.
 */
class SmallProofsOnTheHostTest {

    @TempDir
    Path keys;

    @Test
    void theEmulatedEngineKeepsEveryProofItself() {
        Emulator.assumeAvailable();
        try (CudaBackend cuda = CudaBackend.openEmulated()) {
            for (int k = 0; k <= IpaParams.MAX_K; k++) {
                assertSame(cuda, cuda.forProof(k), "k = " + k);
                assertNull(cuda.elsewhereReason(k), "k = " + k);
            }
        }
    }

    @Test
    void smallProofsGoToOneHostEngineThatClosesWithTheGpuEngine() {
        Emulator.assumeAvailable();
        CudaBackend cuda = CudaBackend.openEmulated();
        cuda.hostUpToK = 9;
        Backend small = cuda.forProof(3);
        assertInstanceOf(JavaBackend.class, small);
        assertSame(small, cuda.forProof(9), "one host engine for every small proof");
        assertSame(cuda, cuda.forProof(10));
        assertNull(cuda.elsewhereReason(10));
        String why = cuda.elsewhereReason(3);
        assertNotNull(why);
        assertTrue(why.contains("2^3 rows is at most 2^9") && why.contains("-Dvampvm.cuda.hostUpToK"), why);
        cuda.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cuda.forProof(3));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertSame(cuda, cuda.forProof(10), "a large proof's engine is the GPU engine, which says it is closed itself");
    }

    @Test
    void aSmallVmRunIsProvenOnTheHostWithTheJavaEnginesBytes() {
        Emulator.assumeAvailable();
        VmProgram p = VmProgram.compile(new SourceFile("fib.pir", FIB));
        Trace t = Interpreter.run(p, Inputs.of(Map.of("n", "3", "r", "2")), Interpreter.DEFAULT_MAX_STEPS);
        VmProver.Result routed;
        try (CudaBackend cuda = CudaBackend.openEmulated()) {
            cuda.hostUpToK = IpaParams.MAX_K;
            routed = VmProver.prove(p, t, cuda, options("cuda"), null);
            assertEquals(0, cuda.deviceNanos(), "nothing ran on the (emulated) device");
        }
        assertEquals("java", routed.engine());
        assertNotNull(routed.elsewhere());
        assertEquals(0, routed.openingDeviceNanos());
        try (JavaBackend java = new JavaBackend(2)) {
            VmProver.Result expected = VmProver.prove(p, t, java, options("java"), null);
            assertNull(expected.elsewhere());
            assertArrayEquals(expected.proof().toBytes(), routed.proof().toBytes());
        }
    }

    /**
     * A run whose block proofs straddle the line: the small ones on the host, the others and the shared opening on
     * the (emulated) GPU, the host's polynomials moved there for it; the Java engine's bytes all the same.
     */
    @Test
    void aRunStraddlingTheLineSplitsItsBlockProofsAndOpensOnTheGpu() {
        Emulator.assumeAvailable();
        VmProgram p = VmProgram.compile(new SourceFile("fib.pir", FIB));
        Trace t = Interpreter.run(p, Inputs.of(Map.of("n", "10", "r", "55")), Interpreter.DEFAULT_MAX_STEPS);
        VmProver.Result expected;
        try (JavaBackend java = new JavaBackend(2)) {
            expected = VmProver.prove(p, t, java, options("java"), null);
        }
        int smallest = expected.groups().stream().mapToInt(VmProver.GroupReport::k).min().orElseThrow();
        int largest = expected.groups().stream().mapToInt(VmProver.GroupReport::k).max().orElseThrow();
        assertTrue(smallest < largest, "the run needs block proofs of two sizes: " + expected.groups());
        VmProver.Result split;
        try (CudaBackend cuda = CudaBackend.openEmulated()) {
            cuda.hostUpToK = smallest;
            split = VmProver.prove(p, t, cuda, options("cuda"), null);
            assertEquals(cuda.name(), split.engine(), "the opening on the GPU engine");
            assertNull(split.elsewhere());
            assertTrue(split.openingDeviceNanos() > 0);
            for (VmProver.GroupReport g : split.groups()) {
                assertEquals(g.k() <= smallest ? JavaBackend.NAME : cuda.name(), g.engine(), g.toString());
                assertEquals(g.k() <= smallest, g.deviceNanos() == 0, g.toString());
            }
        }
        assertArrayEquals(expected.proof().toBytes(), split.proof().toBytes());
    }

    private static final String FIB = """
            def fib n a b = branch (lt n 1) (fib (n - 1) b (a + b)) a;
            pub r;
            fib n 0 1 = r;
            """;

    private VmProver.Options options(String cache) {
        return new VmProver.Options(KeyCache.in(keys.resolve(cache)), () -> new java.util.Random(1), 2);
    }
}
