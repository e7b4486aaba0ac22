package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The staging ring's chunking and waiting, against a device whose copies really are asynchronous: {@link StreamLane}
 * queues them in stream order and runs them only when the host waits on an event, and fails the test if the host
 * touches a slot whose copy has not happened yet (filling a slot the DMA is still reading, or reading one it has not
 * written). The same ring runs on a GPU behind {@link JCudaDevice}, where the {@code gpu} suites check it end to end.
 */
class PinnedStagingTest {
    private static final int SLOTS = 3;
    private static final int SLOT_BYTES = 64;

    private record Memory(byte[] bytes) implements DeviceApi.Allocation {
    }

    /** One stream: copies queued in order, run up to a slot's last event when the host waits on it. */
    private static final class StreamLane implements PinnedStaging.Lane {
        final ByteBuffer[] slots = new ByteBuffer[SLOTS];
        /** Queued copies, each with the slot whose event it records. */
        final ArrayDeque<Object[]> queue = new ArrayDeque<>();
        int awaits;
        int maxQueued;

        StreamLane() {
            for (int i = 0; i < SLOTS; i++) {
                slots[i] = ByteBuffer.allocateDirect(SLOT_BYTES);
            }
        }

        private boolean queued(int i) {
            return queue.stream().anyMatch(op -> (int) op[0] == i);
        }

        @Override
        public ByteBuffer slot(int i) {
            assertTrue(!queued(i), "the host touched slot " + i + " while a copy on it was still queued");
            return slots[i];
        }

        @Override
        public void upload(int i, DeviceApi.Address dst, long bytes, String what) {
            enqueue(i, () -> copy(slots[i], 0, dst, bytes, true));
        }

        @Override
        public void download(int i, DeviceApi.Address src, long bytes, String what) {
            enqueue(i, () -> copy(slots[i], 0, src, bytes, false));
        }

        private void enqueue(int i, Runnable copy) {
            queue.add(new Object[] {i, copy});
            maxQueued = Math.max(maxQueued, queue.size());
        }

        @Override
        public void await(int i, String what) {
            awaits++;
            while (queued(i)) {
                ((Runnable) queue.remove()[1]).run();
            }
        }

        private static void copy(ByteBuffer slot, int at, DeviceApi.Address a, long bytes, boolean toDevice) {
            byte[] device = ((Memory) a.allocation()).bytes();
            for (int k = 0; k < bytes; k++) {
                if (toDevice) {
                    device[(int) a.offset() + k] = slot.get(at + k);
                } else {
                    slot.put(at + k, device[(int) a.offset() + k]);
                }
            }
        }
    }

    private final StreamLane lane = new StreamLane();
    /** Pieces of 16 bytes: a chunk's host copy in up to four pieces, on the common pool. */
    private final PinnedStaging staging = new PinnedStaging(lane, SLOTS, SLOT_BYTES, 16);
    private final SplittableRandom rng = new SplittableRandom(7);

    private long[] randomLongs(int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextLong();
        }
        return v;
    }

    /** Every size around the slots and the pieces, with a chunk copied in pieces and whole (a piece a slot). */
    @Test
    void everySizeAroundTheSlotsRoundTrips() {
        int[] longs = {0, 1, 2, 3, 7, 8, 9, 16, 23, 24, 25, 100, 1000};
        PinnedStaging whole = new PinnedStaging(lane, SLOTS, SLOT_BYTES, SLOT_BYTES);
        for (PinnedStaging ring : new PinnedStaging[] {staging, whole}) {
            for (int n : longs) {
                long[] src = randomLongs(n + 5);
                DeviceApi.Address dst = new DeviceApi.Address(new Memory(new byte[8 * n + 24]), 16);
                ring.upload(dst, src, 3, 8L * n, "up " + n);
                long[] back = new long[n + 2];
                ring.download(back, 1, dst, 8L * n, "down " + n);
                assertArrayEquals(Arrays.copyOfRange(src, 3, 3 + n), Arrays.copyOfRange(back, 1, 1 + n), n + " longs");
                assertEquals(0, back[0], "nothing written before the index");
                assertEquals(0, back[n + 1], "nothing written after the copy");
            }
        }
    }

    @Test
    void intsComeBackInNativeOrderIncludingAnOddCount() {
        long[] src = randomLongs(40);
        DeviceApi.Address a = new DeviceApi.Address(new Memory(new byte[320]), 0);
        staging.upload(a, src, 0, 320, "longs");
        int[] ints = new int[79];
        staging.download(ints, 0, a.plus(4), 4L * 79, "ints");
        ByteBuffer b = ByteBuffer.allocate(320).order(java.nio.ByteOrder.nativeOrder());
        b.asLongBuffer().put(src);
        for (int i = 0; i < 79; i++) {
            assertEquals(b.getInt(4 + 4 * i), ints[i], "int " + i);
        }
    }

    @Test
    void anUploadThatFitsTheFreeSlotsDoesNotWait() {
        DeviceApi.Address a = new DeviceApi.Address(new Memory(new byte[SLOTS * SLOT_BYTES]), 0);
        staging.upload(a, randomLongs(SLOTS * SLOT_BYTES / 8), 0, (long) SLOTS * SLOT_BYTES, "fits");
        assertEquals(0, lane.awaits, "the host waited although a slot was free for every chunk");
        assertEquals(SLOTS, lane.queue.size(), "every chunk queued, none run yet");
        staging.upload(a, randomLongs(1), 0, 8, "one more");
        assertEquals(1, lane.awaits, "the fourth chunk reuses the oldest slot, after its copy");
    }

    @Test
    void uploadsAndDownloadsInterleavedKeepStreamOrder() {
        DeviceApi.Address a = new DeviceApi.Address(new Memory(new byte[800]), 0);
        long[] first = randomLongs(100);
        long[] second = randomLongs(100);
        staging.upload(a, first, 0, 800, "first");
        long[] back = new long[100];
        staging.download(back, 0, a, 800, "after first");
        assertArrayEquals(first, back);
        staging.upload(a, second, 0, 800, "second");
        staging.upload(a.plus(8), first, 0, 16, "a patch over it");
        staging.download(back, 0, a, 800, "after second");
        long[] expected = second.clone();
        expected[1] = first[0];
        expected[2] = first[1];
        assertArrayEquals(expected, back);
        assertTrue(lane.maxQueued <= SLOTS, "more copies in flight than slots");
    }

    @Test
    void copiesThatAreNotWholeElementsOrLeaveTheArrayAreRefused() {
        DeviceApi.Address a = new DeviceApi.Address(new Memory(new byte[64]), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> staging.upload(a, new long[8], 0, 12, "twelve bytes"));
        assertTrue(e.getMessage().contains("twelve bytes") && e.getMessage().contains("12 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> staging.upload(a, new long[8], 1, 64, "past the end"));
        assertThrows(IllegalArgumentException.class, () -> staging.download(new long[8], 0, a, -8, "negative"));
        assertThrows(IllegalArgumentException.class, () -> staging.download(new int[3], 1, a, 12, "past the end"));
        assertThrows(IllegalArgumentException.class, () -> staging.download(new int[3], 0, a, 6, "half an int"));
        assertThrows(IllegalArgumentException.class, () -> new PinnedStaging(lane, 0, 64, 16));
        assertThrows(IllegalArgumentException.class, () -> new PinnedStaging(lane, 2, 12, 16));
        assertThrows(IllegalArgumentException.class, () -> new PinnedStaging(lane, 2, 64, 12));
        assertThrows(IllegalArgumentException.class, () -> new PinnedStaging(lane, 2, 64, 0));
        assertEquals(0, lane.queue.size(), "a refused copy queued nothing");
    }

    @Test
    void thePieceSizeSettingTakesMultiplesOfEightUpToASlot() {
        assertEquals(JCudaDevice.STAGING_PIECE_BYTES, JCudaDevice.stagingPieceBytes(null));
        assertEquals(JCudaDevice.STAGING_SLOT_BYTES, JCudaDevice.stagingPieceBytes("4194304"));
        assertEquals(8, JCudaDevice.stagingPieceBytes(" 8 "));
        for (String bad : new String[] {"12", "0", "4194312", "512k", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> JCudaDevice.stagingPieceBytes(bad), bad);
            assertTrue(e.getMessage().contains("vampvm.cuda.stagingPieceBytes"), e.getMessage());
        }
    }
}
