package dev.vampvm.backend.cuda;


import dev.vampvm.backend.Backend;
import dev.vampvm.backend.BackendVectorContract;
import dev.vampvm.testing.Emulator;

/**
 * The vector suite on the CUDA engine with its kernels emulated on the host ({@link CudaBackend#openEmulated()}):
 * CudaBackend's launch sequences and kernels/vampvm.cu's kernels, without a GPU. Skipped (each test, with the
 * reason) when libvampvm_native.so was not built.
 */
class EmulatedCudaBackendVectorTest extends BackendVectorContract {

    @Override
    protected Backend newBackend() {
        Emulator.assumeAvailable();
        return CudaBackend.openEmulated();
    }
}
