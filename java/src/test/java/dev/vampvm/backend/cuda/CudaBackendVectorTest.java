package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.BackendVectorContract;
import org.junit.jupiter.api.Tag;

/**
 * The vector suite (element-wise work, reductions, handle checks) on the CUDA engine. Without a usable GPU every test is skipped (the assumption sits in
 * newBackend(), which the suite calls before each test, so that each shows as skipped with the reason).
 */
@Tag("gpu")
class CudaBackendVectorTest extends BackendVectorContract {

    @Override
    protected Backend newBackend() {
        GpuProbe.Result r = GpuProbe.probe();
        assumeTrue(r.usable(), () -> "no usable GPU: " + r.reason());
        return CudaBackend.open();
    }
}
