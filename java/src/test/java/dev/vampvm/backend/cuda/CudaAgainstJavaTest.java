package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;

/**
 * {@link CudaAgainstJavaSuite} on a GPU: NTTs at every power of two from 2 to 2^22 (one, two and three passes), MSMs at
 * every power of two from 2 to 2^20 and a few sizes between. Skipped without a usable GPU.
 */
@Tag("gpu")
class CudaAgainstJavaTest extends CudaAgainstJavaSuite {

    @Override
    protected CudaBackend openEngine() {
        GpuProbe.Result r = GpuProbe.probe();
        assumeTrue(r.usable(), () -> "no usable GPU: " + r.reason());
        return new CudaBackend(watch(CudaBackend.openDevice()));
    }

    @Override
    protected int[] nttLogSizes() {
        return IntStream.rangeClosed(1, 22).toArray();
    }

    @Override
    protected int[] msmSizes() {
        return IntStream.concat(IntStream.of(1, 3, 100, 1023), IntStream.rangeClosed(1, 20).map(k -> 1 << k)).toArray();
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
