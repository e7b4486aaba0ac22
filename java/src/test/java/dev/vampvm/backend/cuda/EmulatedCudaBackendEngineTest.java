package dev.vampvm.backend.cuda;


import dev.vampvm.backend.Backend;
import dev.vampvm.backend.BackendEngineContract;
import dev.vampvm.testing.Emulator;

/**
 * The engine suite on the CUDA engine with its kernels emulated on the host ({@link CudaBackend#openEmulated()}):
 * CudaBackend's launch sequences and kernels/vampvm.cu's kernels, without a GPU, blocks and threads run in
 * descending order (the vector suite runs them ascending, EmulatedCudaAgainstJavaTest in a seeded one). Skipped (each test, with the
 * reason) when libvampvm_native.so was not built.
 */
class EmulatedCudaBackendEngineTest extends BackendEngineContract {

    @Override
    protected Backend newBackend() {
        Emulator.assumeAvailable();
        return CudaBackend.openEmulated(EmulatedDevice.DESCENDING);
    }
}
