package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How the engine sizes element-wise launches ({@link CudaBackend#elementWiseBlock}) and picks the MSM's window. */
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

    @Test
    void theMsmWindowIsLog2OfTheSizeLessThreeCappedAt16UnlessRaised() {
        assertEquals(4, CudaBackend.chooseWindow(1, 16));
        assertEquals(7, CudaBackend.chooseWindow(1 << 10, 16));
        assertEquals(7, CudaBackend.chooseWindow((1 << 9) + 1, 16));
        assertEquals(16, CudaBackend.chooseWindow(1 << 20, 16));
        assertEquals(16, CudaBackend.chooseWindow(1 << 24, 16));
        assertEquals(17, CudaBackend.chooseWindow(1 << 20, 20));
        assertEquals(20, CudaBackend.chooseWindow(1 << 24, 20));
        assertEquals(16, CudaBackend.MSM_WINDOW_MAX, "the default without -Dvampvm.cuda.msmWindowMax");
    }

    @Test
    void theWindowCapPropertyTakesOnlyWidthsTheKernelsAreBuiltFor() {
        assertEquals(16, CudaBackend.msmWindowMax(null));
        assertEquals(20, CudaBackend.msmWindowMax(" 20 "));
        assertEquals(22, CudaBackend.msmWindowMax("22"));
        for (String bad : new String[] {"15", "23", "twenty", "", "2e1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CudaBackend.msmWindowMax(bad), bad);
            assertTrue(e.getMessage().contains("vampvm.cuda.msmWindowMax") && e.getMessage().contains(bad),
                    e.getMessage());
        }
    }
}
