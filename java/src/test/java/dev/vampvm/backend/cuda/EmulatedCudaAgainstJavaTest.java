package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vampvm.testing.Seeds;

/**
 * {@link CudaAgainstJavaSuite} on the emulated engine ({@link CudaBackend#openEmulated()}): the real kernels
 * on the CPU, at sizes that keep CI fast yet still reach every code path: NTTs to 2^12 (two global stages
 * after the 2^10 tile, and a tile of a single butterfly), MSMs to 2^11 points (windows of 8 bits, segments,
 * edge scalars and bases), element-wise vectors over 20 reduction blocks; blocks and threads in a seeded
 * order. Skipped when
 * libvampvm_native.so was not built.
 */
class EmulatedCudaAgainstJavaTest extends CudaAgainstJavaSuite {

    @Override
    protected CudaBackend openEngine() {
        String why = CudaBackend.emulatorUnavailableReason();
        assumeTrue(why == null, () -> "kernel emulator not available: " + why);
        // Blocks and threads in a seeded order (a GPU promises none): rerun with the logged seed to reproduce.
        long order = Seeds.rng(getClass().getSimpleName() + ".schedule").nextLong() | 2;
        return CudaBackend.openEmulated(order);
    }

    @Override
    protected int[] nttLogSizes() {
        return new int[] {1, 2, 9, 10, 11, 12};
    }

    @Override
    protected int[] msmSizes() {
        return new int[] {1, 3, 6, 100, 1 << 11};
    }

    @Override
    protected int elementWiseSize() {
        return 5_003;
    }
}
