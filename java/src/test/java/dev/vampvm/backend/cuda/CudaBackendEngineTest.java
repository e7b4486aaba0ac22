package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.BackendEngineContract;
import org.junit.jupiter.api.Tag;

/**
 * The engine suite (NTTs, MSM, generator folding) on the CUDA engine. Without a usable GPU every test is skipped (the assumption sits in
 * newBackend(), which the suite calls before each test, so that each shows as skipped with the reason).
 */
@Tag("gpu")
class CudaBackendEngineTest extends BackendEngineContract {

    @Override
    protected Backend newBackend() {
        GpuProbe.Result r = GpuProbe.probe();
        assumeTrue(r.usable(), () -> "no usable GPU: " + r.reason());
        CudaBackend cuda = CudaBackend.open();
        cuda.folds.hostFoldBelow = dev.vampvm.msm.GeneratorFolding.POINTWISE_BELOW; // the contract's 67 points on the kernel
        return cuda;
    }
}
