package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Tag;

/**
 * {@link CudaAgainstJavaSuite} on a GPU, at sizes up to 2^21 (NTT: three passes) and 2^16 (MSM). Skipped without a
 * usable GPU.
 */
@Tag("gpu")
class CudaAgainstJavaTest extends CudaAgainstJavaSuite {

    @Override
    protected CudaBackend openEngine() {
        GpuProbe.Result r = GpuProbe.probe();
        assumeTrue(r.usable(), () -> "no usable GPU: " + r.reason());
        return CudaBackend.open();
    }

    @Override
    protected int[] nttLogSizes() {
        return new int[] {1, 2, 9, 10, 11, 14, 18, 20, 21};
    }

    @Override
    protected int[] msmSizes() {
        return new int[] {1, 3, 100, 1 << 12, 1 << 16};
    }

    /** Past the chunk and level boundaries, and 2^16 (five levels of stage 4 for equal scalars). */
    @Override
    protected int[] skewedMsmSizes() {
        return new int[] {33, 1025, 1 << 16};
    }

    @Override
    protected int elementWiseSize() {
        return 100_003;
    }
}
