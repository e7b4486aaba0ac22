package dev.vampvm.plonk.prover;


import dev.vampvm.backend.Backend;
import dev.vampvm.backend.cuda.CudaBackend;
import dev.vampvm.testing.Emulator;

/**
 * {@link SoundnessTest}'s refusals on the CUDA engine, its kernels emulated on the host: there the grand products are
 * computed and checked on the engine, so a broken copy must still be refused when the permutation product, read back
 * from the engine, does not close, and a cheating prover's lookup product, never checked, must still be refused by
 * the verifier. Skipped when libvampvm_native.so was not built.
 */
class EmulatedCudaSoundnessTest extends SoundnessTest {
    @Override
    Backend newBackend() {
        Emulator.assumeAvailable();
        return CudaBackend.openEmulated();
    }
}
