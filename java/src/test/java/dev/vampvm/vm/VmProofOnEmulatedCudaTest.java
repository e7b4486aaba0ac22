package dev.vampvm.vm;

import static dev.vampvm.vm.VmTesting.fp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vampvm.api.KeyCache;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.backend.cuda.CudaBackend;
import dev.vampvm.testing.Emulator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole proof on the CUDA engine with its kernels emulated on the host ({@link CudaBackend#openEmulated()}):
 * keys, commitments, quotient, multiopen and IPA all through CudaBackend's launch sequences and the kernels of
 * kernels/vampvm.cu. With the same randomness the proof must be byte for byte the Java engine's, and verify.
 * Skipped when libvampvm_native.so was not built.
 */
class VmProofOnEmulatedCudaTest {

    @TempDir
    Path keys;

    @Test
    void aProofOnTheEmulatedCudaEngineIsTheJavaEnginesProof() {
        Emulator.assumeAvailable();
        VmProgram p = VmTesting.compile(VmTesting.FIB);
        Trace t = VmTesting.run(p, Map.of("n", "3", "r", "2"));
        byte[] emulated;
        try (CudaBackend cuda = CudaBackend.openEmulated()) {
            emulated = VmTesting.prove(p, t, cuda, KeyCache.in(keys.resolve("cuda"))).toBytes();
        }
        try (JavaBackend java = new JavaBackend(2)) {
            byte[] expected = VmTesting.prove(p, t, java, KeyCache.in(keys.resolve("java"))).toBytes();
            assertArrayEquals(expected, emulated, "the emulated CUDA engine's proof differs from the Java engine's");
            VmVerifier.Verdict v = VmVerifier.verify(p, emulated, Map.of("r", fp(2)), java, KeyCache.in(keys.resolve("java")));
            VmTesting.accepted(v, "FIB proven on the emulated CUDA engine");
            assertEquals(Map.of("r", fp(2)), v.publicValues());
        }
    }
}
