package dev.vampvm.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.ir.Inputs;
import dev.vampvm.testing.Emulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Whole static-mode proofs through the API on the CUDA engine, its kernels emulated on the host
 * ({@link Engine#CUDA_EMULATED}): the extended-coset transforms and the quotient's interpolation then run on the
 * engine, not on the host. With the same randomness the proof is byte for byte the Java engine's, and the Java
 * verifier accepts it. Skipped when libvampvm_native.so was not built.
 */
class EngineProofTest {
    private static final Path EXAMPLES = Path.of("examples").toAbsolutePath();

    /** The engine under test; {@link CudaEngineProofTest} runs the same on a GPU. */
    Engine engine() {
        return Engine.CUDA_EMULATED;
    }

    @BeforeEach
    void engineAvailable() {
        Emulator.assumeAvailable();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pythagoras", "range", "booleans"})
    void theEmulatedCudaEnginesProofIsTheJavaEnginesProof(String name) throws IOException {
        Program p = Vampvm.compile(EXAMPLES.resolve(name + ".pir"));
        Map<String, String> inputs = Inputs.read(EXAMPLES.resolve(name + ".inputs.json")).raw();
        ProveOptions options = ProveOptions.defaults().withKeyCache(null).withThreads(2);
        ProofResult java = p.prove(inputs, options.withRandom(new Random(7)));
        ProofResult cuda = p.prove(inputs, options.withRandom(new Random(7)).withEngine(engine()));
        assertArrayEquals(java.bytes(), cuda.bytes(), name + ": the engines' proofs differ");
        Verification v = p.check(cuda.proof(), null, null, 2);
        assertTrue(v.valid(), name + ": " + v.reason());
    }

    @Test
    void aProofLargerThanTheGpusMemoryIsRefusedBeforeProving() throws IOException {
        Program p = Vampvm.compile(EXAMPLES.resolve("pythagoras.pir"));
        Map<String, String> inputs = Inputs.read(EXAMPLES.resolve("pythagoras.inputs.json")).raw();
        System.setProperty("vampvm.gpu.memoryLimit", Long.toString(1L << 20));
        try {
            VampvmException e = assertThrows(VampvmException.class, () -> p.prove(inputs,
                    ProveOptions.defaults().withKeyCache(null).withEngine(engine())));
            assertEquals(VampvmException.Kind.RESOURCES, e.kind());
            assertTrue(e.getMessage().contains("of " + engine().cliName() + " engine memory")
                    && e.getMessage().contains("1 MiB free"), e.getMessage());
        } finally {
            System.clearProperty("vampvm.gpu.memoryLimit");
        }
    }

    @Test
    void vmModeOnTheEmulatedCudaEngineMatchesTheJavaEngineAndRefusesWhatTheGpuCannotHold() throws IOException {
        Path dir = Path.of("examples/vm").toAbsolutePath();
        Program p = Vampvm.compile(dir.resolve("mix.pir"));
        Map<String, String> inputs = Inputs.read(dir.resolve("mix.small.inputs.json")).raw();
        ProveOptions options = ProveOptions.defaults().withKeyCache(null).withThreads(2);
        VmProofResult java = p.proveVm(inputs, options.withRandom(new Random(3)), 100_000, null);
        VmProofResult cuda = p.proveVm(inputs, options.withRandom(new Random(3)).withEngine(engine()),
                100_000, null);
        assertArrayEquals(java.bytes(), cuda.bytes(), "mix: the engines' VM proofs differ");
        assertTrue(p.checkVm(cuda.bytes(), null, null, 2).valid());
        System.setProperty("vampvm.gpu.memoryLimit", Long.toString(1L << 20));
        try {
            VampvmException e = assertThrows(VampvmException.class, () -> p.proveVm(inputs,
                    options.withEngine(engine()), 100_000, null));
            assertEquals(VampvmException.Kind.RESOURCES, e.kind());
            assertTrue(e.getMessage().contains("one block at a time") && e.getMessage().contains("engine memory"),
                    e.getMessage());
        } finally {
            System.clearProperty("vampvm.gpu.memoryLimit");
        }
    }
}
