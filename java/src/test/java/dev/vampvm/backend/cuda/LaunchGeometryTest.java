package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.ScalarVector;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.testing.Emulator;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;
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

    /**
     * Blocks of a kernel of {@code registers} a thread that an H100's multiprocessor holds, as the driver's calculator
     * counts them: 65,536 registers, allocated 256 a warp, and warps in fours (one per scheduler); 64 warps, 32 blocks.
     */
    static IntUnaryOperator multiprocessor(int registers) {
        int warpsByRegisters = 65536 / ((registers * 32 + 255) / 256 * 256) / 4 * 4;
        return block -> {
            int warps = (block + 31) / 32;
            return Math.min(32, Math.min(64 / warps, warpsByRegisters / warps));
        };
    }

    @Test
    void kernelsOfFewRegistersKeepFullBlocks() {
        assertEquals(256, CudaBackend.fullestBlock(multiprocessor(32)));
        assertEquals(256, CudaBackend.fullestBlock(multiprocessor(64)));
        // The twiddle table, 80 registers: 24 warps, three blocks of 256.
        assertEquals(256, CudaBackend.fullestBlock(multiprocessor(80)));
        // The first level of bucket sums, 126: 16 warps, two blocks of 256 or sixteen of 32; the larger.
        assertEquals(256, CudaBackend.fullestBlock(multiprocessor(126)));
        // Its fp52n form, 174: 8 warps whatever the block.
        assertEquals(256, CudaBackend.fullestBlock(multiprocessor(174)));
    }

    @Test
    void kernelsOfManyRegistersTakeTheBlockThatHoldsTheMostWarps() {
        // 142 registers (the window sums' first level): room for 12 warps, one block of 256 (8) or two of 192 (12).
        assertEquals(192, CudaBackend.fullestBlock(multiprocessor(142)));
        // 134 (the fixed-base table's doublings in fp52n): as 142.
        assertEquals(192, CudaBackend.fullestBlock(multiprocessor(134)));
        // 91: 20 warps, two blocks of 256 (16) or four of 160 (20).
        assertEquals(160, CudaBackend.fullestBlock(multiprocessor(91)));
    }

    @Test
    void aKernelThatCannotRunAFullBlockGetsOneItCanRun() {
        // Launch bounds of 128 threads: no block of more fits, whatever the registers.
        IntUnaryOperator upTo128 = multiprocessor(32);
        assertEquals(128, CudaBackend.fullestBlock(block -> block <= 128 ? upTo128.applyAsInt(block) : 0));
    }

    /** The emulator, recording each launch's block and the occupancy questions asked. */
    private static final class RecordingDevice extends LaunchCountingDevice {
        final Map<String, Integer> questions = new HashMap<>();

        RecordingDevice(DeviceApi inner) {
            super(inner);
        }

        @Override
        public int residentBlocks(String kernel, int block) {
            questions.merge(kernel, 1, Integer::sum);
            return kernel.startsWith("vv_add_") ? multiprocessor(142).applyAsInt(block)
                    : super.residentBlocks(kernel, block);
        }
    }

    @Test
    void theEngineLaunchesAtTheBlockTheDeviceHoldsMostOfAndAsksOncePerKernel() {
        Emulator.assumeAvailable();
        RecordingDevice device = new RecordingDevice(EmulatedDevice.open());
        int n = 8 * 256 * 256; // large enough that the spreading of small launches leaves full blocks
        long[] ones = new long[4 * n];
        for (int i = 0; i < n; i++) {
            Fp.FIELD.setOne(ones, 4 * i);
        }
        try (CudaBackend cuda = new CudaBackend(device);
                ScalarVector a = cuda.upload(Fp.FIELD, ones, 0, n);
                ScalarVector b = cuda.upload(Fp.FIELD, ones, 0, n)) {
            long[] want = new long[4];
            Fp.FIELD.setOne(want, 0);
            for (int i = 0; i < 2; i++) {
                cuda.add(a, b, a);
                cuda.mul(a, b, a);
                Fp.FIELD.add(want, 0, ones, 0, want, 0);
            }
            long[] out = cuda.download(a);
            for (int i = 0; i < n; i += 4099) {
                assertArrayEquals(want, Arrays.copyOfRange(out, 4 * i, 4 * i + 4), "element " + i);
            }
        }
        assertEquals(192, device.blocks.get("vv_add_fp"), "a 142-register kernel: two blocks of 192");
        assertEquals(192, device.blocks.get("vv_mul_fp"), "the emulator's stand-in: 144 registers");
        assertEquals(8, device.questions.get("vv_add_fp"), "every multiple of 32 up to 256, once");
    }

    @Test
    void theBucketSumsLaterLevelsKeepAsManyThreadsBusyAsTheDeviceHoldsUnlessTold() {
        Emulator.assumeAvailable();
        RecordingDevice device = new RecordingDevice(EmulatedDevice.open());
        try (CudaBackend cuda = new CudaBackend(device)) {
            String kernel = "vv_msm_accumulate_partials_pallas";
            int expect = device.multiprocessors() * device.residentBlocks(kernel, DevicePippenger.MSM_PARTIALS_BLOCK)
                    * DevicePippenger.MSM_PARTIALS_BLOCK;
            device.questions.clear();
            assertEquals(expect, cuda.pippenger.partialsBusy(kernel));
            assertEquals(expect, cuda.pippenger.partialsBusy(kernel));
            assertEquals(1, device.questions.get(kernel), "the device asked once");
            cuda.pippenger.msmPartialsThreads = 5_000;
            assertEquals(5_000, cuda.pippenger.partialsBusy(kernel), "-Dvampvm.cuda.pippenger.msmPartialsThreads");
        }
    }

    @Test
    void aDeviceReportingNoMultiprocessorsStillGetsAValidBlock() {
        assertEquals(256, CudaBackend.elementWiseBlock(1000, 0));
        assertEquals(32, CudaBackend.elementWiseBlock(1, 1));
    }

    @Test
    void theMsmWindowIsLog2OfTheSizeLessThreeCappedAt16UnlessRaised() {
        assertEquals(4, DevicePippenger.chooseWindow(1, 16));
        assertEquals(7, DevicePippenger.chooseWindow(1 << 10, 16));
        assertEquals(7, DevicePippenger.chooseWindow((1 << 9) + 1, 16));
        assertEquals(16, DevicePippenger.chooseWindow(1 << 20, 16));
        assertEquals(16, DevicePippenger.chooseWindow(1 << 24, 16));
        assertEquals(17, DevicePippenger.chooseWindow(1 << 20, 20));
        assertEquals(20, DevicePippenger.chooseWindow(1 << 24, 20));
        assertEquals(16, DevicePippenger.MSM_WINDOW_MAX, "the default without -Dvampvm.cuda.msmWindowMax");
    }

    @Test
    void theBatchInversionTakesLargerChunksOnlyWhereItsInversionsWouldBeManyThreads() {
        int busy = CudaBackend.INVERT_THREADS;
        assertEquals(16, CudaBackend.invertChunk(1, busy));
        assertEquals(16, CudaBackend.invertChunk(1 << 19, busy), "2^15 threads of 16");
        assertEquals(32, CudaBackend.invertChunk((1 << 19) + 1, busy));
        assertEquals(32, CudaBackend.invertChunk(1 << 20, busy));
        assertEquals(64, CudaBackend.invertChunk(1 << 21, busy));
        assertEquals(64, CudaBackend.invertChunk(1 << 26, busy), "at most INVERT_MAX_CHUNK, however many threads");
        assertEquals(16, CudaBackend.invertChunk(Integer.MAX_VALUE, 1 << 30), "-Dvampvm.cuda.invertThreads=2^30");
    }

    @Test
    void theWindowCapPropertyTakesOnlyWidthsTheKernelsAreBuiltFor() {
        assertEquals(16, DevicePippenger.msmWindowMax(null));
        assertEquals(20, DevicePippenger.msmWindowMax(" 20 "));
        assertEquals(22, DevicePippenger.msmWindowMax("22"));
        for (String bad : new String[] {"15", "23", "twenty", "", "2e1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DevicePippenger.msmWindowMax(bad), bad);
            assertTrue(e.getMessage().contains("vampvm.cuda.msmWindowMax") && e.getMessage().contains(bad),
                    e.getMessage());
        }
    }

    /**
     * A fold runs in parts (DeviceGeneratorFolding.foldsInParts: two a term, a thread each) while they all fit the GPU
     * at once, as many threads of the parts' kernel as the device holds at its fullest block, up to FOLD_PARTS_MOST;
     * -Dvampvm.cuda.foldSplitThreads sets the line, 0 never splits.
     */
    @Test
    void foldsRunInPartsWhileThePartsFitTheGpuAtOnce() {
        Emulator.assumeAvailable();
        ShortWeierstrassCurve vesta = ShortWeierstrassCurve.VESTA;
        try (CudaBackend cuda = CudaBackend.openEmulated()) {
            EmulatedDevice device = EmulatedDevice.open();
            String kernel = "vv_fold_parts_vesta";
            int block = CudaBackend.fullestBlock(b -> device.residentBlocks(kernel, b));
            int fits = device.multiprocessors() * device.residentBlocks(kernel, block) * block;
            device.close();
            assertEquals(-1, cuda.folds.foldSplitThreads, "the default asks the device");
            assertTrue(fits % 6 == 0 && fits > 6, "the emulator holds " + fits);
            assertTrue(cuda.folds.foldsInParts(vesta, 3, fits / 6), "two rounds at once: six parts a point");
            assertFalse(cuda.folds.foldsInParts(vesta, 3, fits / 6 + 1));
            assertTrue(cuda.folds.foldsInParts(vesta, 1, fits / 2), "one round: two parts a point");
            assertFalse(cuda.folds.foldsInParts(vesta, 1, fits / 2 + 1));
            cuda.folds.foldSplitThreads = 0;
            assertFalse(cuda.folds.foldsInParts(vesta, 1, 1), "0: never");
            cuda.folds.foldSplitThreads = 600;
            assertTrue(cuda.folds.foldsInParts(vesta, 3, 100));
            assertFalse(cuda.folds.foldsInParts(vesta, 3, 101));
        }
        // A device that holds more than FOLD_PARTS_MOST threads of the kernel splits up to that many.
        try (CudaBackend cuda = new CudaBackend(new ForwardingDevice(EmulatedDevice.open()) {
            @Override
            public int multiprocessors() {
                return 100_000;
            }
        })) {
            assertTrue(cuda.folds.foldsInParts(vesta, 1, DeviceGeneratorFolding.FOLD_PARTS_MOST / 2));
            assertFalse(cuda.folds.foldsInParts(vesta, 1, DeviceGeneratorFolding.FOLD_PARTS_MOST / 2 + 1), "capped");
        }
    }
}
