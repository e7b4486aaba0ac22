package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.PointVector;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.testing.Emulator;
import dev.vampvm.testing.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The fixed-base MSM table's life on the engine ({@link CudaBackend#prepareFixedBases}): made once for a vector that
 * starts its buffer and is large enough, and freed with that vector. Its results are {@link CudaAgainstJavaSuite}'s.
 */
class FixedBaseTableTest {

    /** The emulator, counting the bytes allocated and not freed. */
    private static final class CountingDevice extends ForwardingDevice {
        long current;

        CountingDevice(DeviceApi inner) {
            super(inner);
        }

        @Override
        public Allocation alloc(long bytes, String what) {
            current += bytes;
            return super.alloc(bytes, what);
        }

        @Override
        public void free(Allocation a, long bytes) {
            current -= bytes;
            super.free(a, bytes);
        }
    }

    @Test
    void theWindowIsLog2OfTheBasesAndTheTableHasABudget() {
        assertEquals(4, DevicePippenger.fixedWindow(1));
        assertEquals(7, DevicePippenger.fixedWindow(100));
        assertEquals(20, DevicePippenger.fixedWindow(1 << 20));
        assertEquals(22, DevicePippenger.fixedWindow(1 << 24));
        long cap = DevicePippenger.FIXED_TABLE_MIN_CAP;
        assertEquals(0, DevicePippenger.fixedTableBytes(DevicePippenger.FIXED_MIN_POINTS - 1, cap));
        assertEquals(64L * 128 * 37, DevicePippenger.fixedTableBytes(128, cap)); // c = 7: 37 windows
        assertEquals(64L * (1 << 20) * 13, DevicePippenger.fixedTableBytes(1 << 20, cap));
        assertEquals(64L * (1 << 21) * 13, DevicePippenger.fixedTableBytes(1 << 21, cap));
        assertEquals(0, DevicePippenger.fixedTableBytes(1 << 22, cap), "over the cap");
        assertEquals(64L * (1 << 22) * 12, DevicePippenger.fixedTableBytes(1 << 22, 4L << 30)); // c = 22: 12 windows
    }

    @Test
    void theCapIsAnEighthOfTheDevicesMemoryAtLeast2GiBUnlessThePropertySaysOtherwise() {
        assertEquals(2L << 30, DevicePippenger.fixedTableMaxBytes(null, Long.MAX_VALUE), "memory not known: the emulator");
        assertEquals(2L << 30, DevicePippenger.fixedTableMaxBytes(null, 8L << 30), "an eighth of 8 GiB is under 2 GiB");
        long h100 = 79_000_000_000L;
        long h200 = 140_000_000_000L;
        long cap100 = DevicePippenger.fixedTableMaxBytes(null, h100);
        long cap200 = DevicePippenger.fixedTableMaxBytes(null, h200);
        assertEquals(h100 / 8, cap100);
        assertTrue(DevicePippenger.fixedTableBytes(1 << 23, cap100) > 0, "an H100 takes a table of 2^23 bases");
        assertEquals(0, DevicePippenger.fixedTableBytes(1 << 24, cap100), "but not of 2^24 (12.9 GB)");
        assertTrue(DevicePippenger.fixedTableBytes(1 << 24, cap200) > 0, "an H200 does");
        assertEquals(16_000_000_000L, DevicePippenger.fixedTableMaxBytes(" 16000000000 ", h100));
        assertEquals(0, DevicePippenger.fixedTableMaxBytes("0", h200));
        String p = "vampvm.cuda.fixedBases";
        assertTrue(CudaBackend.parseBoolean(p, null, true) && CudaBackend.parseBoolean(p, "true", false));
        assertFalse(CudaBackend.parseBoolean(p, " false", true));
        assertThrows(IllegalArgumentException.class, () -> CudaBackend.parseBoolean(p, "no", true));
        for (String bad : new String[] {"-1", "2GiB", "", "1e9"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DevicePippenger.fixedTableMaxBytes(bad, h200), bad);
            assertTrue(e.getMessage().contains("vampvm.cuda.fixedTableMaxBytes") && e.getMessage().contains(bad),
                    e.getMessage());
        }
    }

    @Test
    void theEngineTakesItsCapFromItsDevicesFreeMemory() {
        Emulator.assumeAvailable();
        try (CudaBackend emulated = new CudaBackend(EmulatedDevice.open());
                CudaBackend large = new CudaBackend(new ForwardingDevice(EmulatedDevice.open()) {
                    @Override
                    public long freeMemoryBytes() {
                        return 80_000_000_000L;
                    }
                })) {
            assertEquals(0, emulated.fixedBasesBytes(1 << 22), "the emulator's memory is not known: 2 GiB");
            assertEquals(64L * (1 << 22) * 12, large.fixedBasesBytes(1 << 22), "10 GB on an 80 GB device");
            assertEquals(64L * (1 << 20) * 13, emulated.fixedBasesBytes(1 << 20));
        }
    }

    @Test
    void aTableIsMadeOnceForAWholeVectorAndFreedWithIt() {
        Emulator.assumeAvailable();
        CountingDevice device = new CountingDevice(EmulatedDevice.open());
        ShortWeierstrassCurve c = ShortWeierstrassCurve.VESTA;
        int n = 100;
        try (CudaBackend cuda = new CudaBackend(device)) {
            long before = held(device, cuda);
            PointVector bases = cuda.uploadPoints(c, c.randomAffinePoints(n, Seeds.rng("FixedBaseTableTest")), 0, n);
            long withBases = held(device, cuda);
            cuda.prepareFixedBases(bases.slice(1, n)); // not from the buffer's start: no table
            assertEquals(withBases, held(device, cuda));
            cuda.prepareFixedBases(bases);
            long withTable = held(device, cuda);
            assertEquals(cuda.fixedBasesBytes(n), withTable - withBases, "the table, its temporary freed");
            cuda.prepareFixedBases(bases);
            cuda.prepareFixedBases(bases.slice(0, n));
            assertEquals(withTable, held(device, cuda), "one table per buffer");
            bases.close();
            assertEquals(before, held(device, cuda), "the table goes with its bases");
            try (PointVector few = cuda.uploadPoints(c, c.randomAffinePoints(8, Seeds.rng("few")), 0, 8)) {
                long withFew = held(device, cuda);
                cuda.prepareFixedBases(few);
                assertEquals(withFew, held(device, cuda), "no table for fewer than FIXED_MIN_POINTS bases");
            }
        }
        assertTrue(device.current >= 0);
    }

    /** What the engine holds: allocated and not freed, less its cache of freed buffers. */
    private static long held(CountingDevice device, CudaBackend cuda) {
        return device.current - cuda.cachedBytes();
    }
}
