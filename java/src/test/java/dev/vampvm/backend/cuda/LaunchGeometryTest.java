package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the engine sizes element-wise launches ({@link CudaBackend#elementWiseBlock}). */
class LaunchGeometryTest {

    @Test
    void largeLaunchesTakeFullBlocks() {
        assertEquals(256, CudaBackend.elementWiseBlock(1 << 20, 132));
        assertEquals(256, CudaBackend.elementWiseBlock(132 * 256, 132));
    }

    @Test
    void smallLaunchesSpreadOverTheMultiprocessorsInWarps() {
        // 2,048 threads on 132 multiprocessors: 16 each, one warp: 64 blocks of 32 instead of 8 blocks of 256.
        assertEquals(32, CudaBackend.elementWiseBlock(2048, 132));
        assertEquals(32, CudaBackend.elementWiseBlock(1, 132));
        // 132 * 33 threads: 33 per multiprocessor, two warps.
        assertEquals(64, CudaBackend.elementWiseBlock(132 * 33, 132));
        assertEquals(160, CudaBackend.elementWiseBlock(132 * 150, 132));
    }

    @Test
    void aDeviceReportingNoMultiprocessorsStillGetsAValidBlock() {
        assertEquals(256, CudaBackend.elementWiseBlock(1000, 0));
        assertEquals(32, CudaBackend.elementWiseBlock(1, 1));
    }
}
