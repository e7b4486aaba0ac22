package dev.vampvm.backend.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.stream.IntStream;

/**
 * Copies between Java arrays and the device through a ring of pinned (page-locked) host slots, each copy cut into
 * chunks of a slot. The driver can only DMA from pinned memory: a copy from a Java array is staged by the driver
 * through its own pinned buffer, synchronously, and a synchronous host-to-device copy first waits for every kernel
 * already launched. Here an upload is the host's copy of each chunk into a slot, then an asynchronous copy from the
 * slot on the engine's stream: the call returns once the array has been read, without waiting for the launches ahead of
 * it, and the host fills the next slot while the previous one is on the bus. A download asks for up to one chunk per
 * slot ahead, then copies each out as it lands.
 *
 * <p>The host's copy between an array and a slot is one memory copy a piece of {@code pieceBytes}, the pieces of a chunk
 * on the common pool: on the H200 machine (509e65b) a 32 MiB upload took 4.2 ms on the device's timeline, the GPU
 * waiting for it, one thread filling the slots at ~8 GB/s where the bus takes ~50.
 *
 * <p>A slot is reused only after the host has waited for its last copy (its event). Not thread safe: the engine's lock
 * serialises calls, as for every device.
 */
final class PinnedStaging {

    /** What the staging needs from a driver: the slots' memory, and asynchronous copies to and from them. */
    interface Lane {
        /** Slot {@code i}'s pinned memory, as many bytes as the staging's slot size. */
        ByteBuffer slot(int i);

        /** Enqueues a copy of the first {@code bytes} of slot {@code i} to {@code dst}, then records slot i's event. */
        void upload(int i, DeviceApi.Address dst, long bytes, String what);

        /** Enqueues a copy of {@code bytes} from {@code src} into slot {@code i}, then records slot i's event. */
        void download(int i, DeviceApi.Address src, long bytes, String what);

        /** Waits on the host until slot {@code i}'s last recorded event has happened. */
        void await(int i, String what);
    }

    private final Lane lane;
    private final int slots;
    private final int slotBytes;
    private final int pieceBytes;
    /** Whether a slot has a copy recorded that the host has not waited for. */
    private final boolean[] busy;
    /** The slot the next chunk takes: slots are taken round robin, so the oldest busy one is reused first. */
    private int next;

    /**
     * A ring of {@code slots} slots of {@code slotBytes}, the host's copies in pieces of {@code pieceBytes} (both
     * multiples of 8).
     */
    PinnedStaging(Lane lane, int slots, int slotBytes, int pieceBytes) {
        if (slots < 1 || slotBytes < 8 || slotBytes % 8 != 0 || pieceBytes < 8 || pieceBytes % 8 != 0) {
            throw new IllegalArgumentException("staging of " + slots + " slots of " + slotBytes + " bytes in pieces of "
                    + pieceBytes);
        }
        this.lane = lane;
        this.slots = slots;
        this.slotBytes = slotBytes;
        this.pieceBytes = pieceBytes;
        this.busy = new boolean[slots];
    }

    /** Copies {@code bytes} (a multiple of 8) from {@code src[srcIndex..]} to {@code dst}; the array may be reused on return. */
    void upload(DeviceApi.Address dst, long[] src, int srcIndex, long bytes, String what) {
        checkLength(bytes, 8, src.length - (long) srcIndex, what);
        for (long done = 0; done < bytes; done += slotBytes) {
            int chunk = (int) Math.min(slotBytes, bytes - done);
            int s = take(what);
            int from = srcIndex + (int) (done / 8);
            inPieces(s, chunk, (slot, at, part) -> slot.asLongBuffer().put(at / 8, src, from + at / 8, part / 8));
            lane.upload(s, dst.plus(done), chunk, what);
            busy[s] = true;
        }
    }

    /** Copies {@code bytes} (a multiple of 8) from {@code src} into {@code dst[dstIndex..]}, waiting for them. */
    void download(long[] dst, int dstIndex, DeviceApi.Address src, long bytes, String what) {
        checkLength(bytes, 8, dst.length - (long) dstIndex, what);
        download(src, bytes, what, (s, done, chunk) -> inPieces(s, chunk, (slot, at, part) -> slot.asLongBuffer()
                .get(at / 8, dst, dstIndex + (int) ((done + at) / 8), part / 8)));
    }

    /** Copies {@code bytes} (a multiple of 4) from {@code src} into {@code dst[dstIndex..]}, waiting for them. */
    void download(int[] dst, int dstIndex, DeviceApi.Address src, long bytes, String what) {
        checkLength(bytes, 4, dst.length - (long) dstIndex, what);
        download(src, bytes, what, (s, done, chunk) -> inPieces(s, chunk, (slot, at, part) -> slot.asIntBuffer()
                .get(at / 4, dst, dstIndex + (int) ((done + at) / 4), part / 4)));
    }

    private interface Sink {
        /** Takes {@code chunk} bytes, landed in slot {@code s}, that belong {@code done} bytes into the copy. */
        void take(int s, long done, int chunk);
    }

    private void download(DeviceApi.Address src, long bytes, String what, Sink sink) {
        // In flight, oldest first: {slot, chunk bytes} with the copy's offset alongside.
        ArrayDeque<long[]> inFlight = new ArrayDeque<>();
        for (long done = 0; done < bytes || !inFlight.isEmpty(); ) {
            if (done < bytes && inFlight.size() < slots) {
                int chunk = (int) Math.min(slotBytes, bytes - done);
                int s = take(what);
                lane.download(s, src.plus(done), chunk, what);
                busy[s] = true;
                inFlight.add(new long[] {s, done, chunk});
                done += chunk;
            } else {
                long[] oldest = inFlight.remove();
                int s = (int) oldest[0];
                lane.await(s, what);
                busy[s] = false;
                sink.take(s, oldest[1], (int) oldest[2]);
            }
        }
    }

    /** The next slot, once the host has waited for its last copy. */
    private int take(String what) {
        int s = next;
        next = (next + 1) % slots;
        if (busy[s]) {
            lane.await(s, what);
            busy[s] = false;
        }
        return s;
    }

    private interface Piece {
        /** Copies {@code bytes} at byte {@code at} of the slot (a view of its own, native order) to or from the array. */
        void copy(ByteBuffer slot, int at, int bytes);
    }

    /**
     * The first {@code chunk} bytes of slot {@code s} in pieces of {@link #pieceBytes} (the last one shorter), on the
     * common pool when there are several; each piece gets its own view of the slot, made here.
     */
    private void inPieces(int s, int chunk, Piece piece) {
        ByteBuffer slot = lane.slot(s);
        int pieces = (chunk + pieceBytes - 1) / pieceBytes;
        if (pieces <= 1) {
            piece.copy(view(slot), 0, chunk);
            return;
        }
        ByteBuffer[] views = new ByteBuffer[pieces];
        for (int p = 0; p < pieces; p++) {
            views[p] = view(slot);
        }
        IntStream.range(0, pieces).parallel().forEach(p -> piece.copy(views[p], p * pieceBytes,
                Math.min(pieceBytes, chunk - p * pieceBytes)));
    }

    private static ByteBuffer view(ByteBuffer slot) {
        return slot.duplicate().clear().order(ByteOrder.nativeOrder());
    }

    private static void checkLength(long bytes, int unit, long elementsThere, String what) {
        if (bytes < 0 || bytes % unit != 0 || bytes / unit > elementsThere) {
            throw new IllegalArgumentException("copy of " + bytes + " bytes (" + what + "): not a whole number of "
                    + unit + "-byte elements within the array's " + elementsThere + " from the index");
        }
    }
}
