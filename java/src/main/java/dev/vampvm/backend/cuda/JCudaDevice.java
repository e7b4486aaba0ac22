package dev.vampvm.backend.cuda;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;

/**
 * A GPU through JCuda's driver API: the device's primary context, the fatbin loaded with
 * {@code cuModuleLoadData}, and one stream of the engine's own on which every launch, memset and copy is queued in
 * order. Host copies go through pinned slots ({@link PinnedStaging}), asynchronously, so that an upload does not wait
 * for the launches ahead of it; {@code -Dvampvm.cuda.pinnedStaging=false} copies from the Java arrays instead, each
 * copy waiting for the stream first (what the driver's synchronous copies did on the default stream), to time both
 * ways. Every call is checked ({@link CudaDriver#check}) and makes the context current first, so that the engine may
 * be used from any thread.
 */
final class JCudaDevice implements DeviceApi {

    /** The staging ring: {@value #STAGING_SLOTS} slots of {@value #STAGING_SLOT_BYTES} bytes of pinned host memory. */
    static final int STAGING_SLOTS = 4;
    static final int STAGING_SLOT_BYTES = 4 << 20;
    /**
     * The host's copies into and out of a slot in pieces of this many bytes, on all cores ({@link PinnedStaging});
     * {@code -Dvampvm.cuda.stagingPieceBytes} sets it (a slot's size: one thread a chunk, as until 2026-11-27, to time
     * both ways). Untimed on a GPU when written.
     */
    static final int STAGING_PIECE_BYTES = 512 << 10;

    private record Allocation(CUdeviceptr ptr) implements DeviceApi.Allocation {
    }

    private final GpuProbe.Device device;
    private final CUdevice cuDevice = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final CUmodule module = new CUmodule();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final long freeBytes;
    private final int multiprocessors;
    private final CUstream stream = new CUstream();
    /** The pinned slots (one allocation), their events and the ring over them; null with pinned staging off. */
    private final Pointer pinned;
    private final CUevent[] slotEvents;
    private final PinnedStaging staging;
    /** What the constructor acquired (context, module, stream, pinned slots, events), for close(), newest first. */
    private final Releases releases = new Releases();

    /**
     * {@code -Dvampvm.cuda.stagingPieceBytes}'s value: a multiple of 8 up to a slot, {@link #STAGING_PIECE_BYTES} if
     * absent.
     */
    static int stagingPieceBytes(String value) {
        int bytes = (int) CudaBackend.parseLong("vampvm.cuda.stagingPieceBytes", value, STAGING_PIECE_BYTES, 8,
                STAGING_SLOT_BYTES);
        if (bytes % 8 != 0) {
            throw new IllegalArgumentException("-Dvampvm.cuda.stagingPieceBytes must be a multiple of 8, got " + bytes);
        }
        return bytes;
    }

    JCudaDevice(GpuProbe.Device device, byte[] image) {
        // Both refused before any CUDA call.
        boolean pinnedStaging = CudaBackend.booleanProperty("vampvm.cuda.pinnedStaging", true);
        int pieceBytes = stagingPieceBytes(System.getProperty("vampvm.cuda.stagingPieceBytes"));
        this.device = device;
        try {
            CudaDriver.check(JCudaDriver.cuDeviceGet(cuDevice, device.index()), "cuDeviceGet(" + device.index() + ")");
            CudaDriver.check(JCudaDriver.cuDevicePrimaryCtxRetain(context, cuDevice),
                    "cuDevicePrimaryCtxRetain(device " + device.index() + ")");
            releases.add(() -> CudaDriver.check(JCudaDriver.cuDevicePrimaryCtxRelease(cuDevice),
                    "cuDevicePrimaryCtxRelease"));
            current();
            CudaDriver.check(JCudaDriver.cuModuleLoadData(module, image),
                    "cuModuleLoadData(" + NativeArtifacts.KERNELS + ", " + image.length + " bytes, on " + device.name()
                            + " sm_" + device.ccMajor() + device.ccMinor() + ")");
            releases.add(() -> CudaDriver.check(JCudaDriver.cuModuleUnload(module), "cuModuleUnload"));
            long[] free = new long[1];
            long[] total = new long[1];
            CudaDriver.check(JCudaDriver.cuMemGetInfo(free, total), "cuMemGetInfo(device " + device.index() + ")");
            this.freeBytes = free[0];
            int[] sms = new int[1];
            CudaDriver.check(JCudaDriver.cuDeviceGetAttribute(sms,
                    CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, cuDevice),
                    "cuDeviceGetAttribute(" + device.index() + ", multiprocessors)");
            this.multiprocessors = sms[0];
            CudaDriver.check(JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING),
                    "cuStreamCreate");
            releases.add(() -> CudaDriver.check(JCudaDriver.cuStreamDestroy(stream), "cuStreamDestroy"));
            if (pinnedStaging) {
                pinned = new Pointer();
                CudaDriver.check(JCudaDriver.cuMemAllocHost(pinned, (long) STAGING_SLOTS * STAGING_SLOT_BYTES),
                        "cuMemAllocHost(" + STAGING_SLOTS + " staging slots of " + STAGING_SLOT_BYTES + " bytes)");
                releases.add(() -> CudaDriver.check(JCudaDriver.cuMemFreeHost(pinned), "cuMemFreeHost(staging slots)"));
                slotEvents = new CUevent[STAGING_SLOTS];
                for (int i = 0; i < STAGING_SLOTS; i++) {
                    CUevent event = new CUevent();
                    CudaDriver.check(JCudaDriver.cuEventCreate(event, CUevent_flags.CU_EVENT_DISABLE_TIMING),
                            "cuEventCreate(staging slot " + i + ")");
                    releases.add(() -> CudaDriver.check(JCudaDriver.cuEventDestroy(event),
                            "cuEventDestroy(staging slot)"));
                    slotEvents[i] = event;
                }
                staging = new PinnedStaging(new Lane(), STAGING_SLOTS, STAGING_SLOT_BYTES, pieceBytes);
            } else {
                pinned = null;
                slotEvents = null;
                staging = null;
            }
        } catch (RuntimeException e) {
            releases.releaseAfter(e);
            throw e;
        }
    }

    /** The staging slots on this device: copies between a slot and device memory on the engine's stream. */
    private final class Lane implements PinnedStaging.Lane {
        /** The slots' memory as direct buffers, made once (JCuda makes one by moving a shared buffer's window). */
        private final ByteBuffer[] slots = new ByteBuffer[STAGING_SLOTS];

        Lane() {
            for (int i = 0; i < STAGING_SLOTS; i++) {
                slots[i] = pinned.getByteBuffer((long) i * STAGING_SLOT_BYTES, STAGING_SLOT_BYTES);
            }
        }

        @Override
        public ByteBuffer slot(int i) {
            return slots[i];
        }

        private Pointer host(int i) {
            return pinned.withByteOffset((long) i * STAGING_SLOT_BYTES);
        }

        @Override
        public void upload(int i, Address dst, long bytes, String what) {
            CudaDriver.check(JCudaDriver.cuMemcpyHtoDAsync(ptr(dst), host(i), bytes, stream),
                    "cuMemcpyHtoDAsync(" + what + ", " + bytes + " bytes from staging slot " + i + ")");
            record(i, what);
        }

        @Override
        public void download(int i, Address src, long bytes, String what) {
            CudaDriver.check(JCudaDriver.cuMemcpyDtoHAsync(host(i), ptr(src), bytes, stream),
                    "cuMemcpyDtoHAsync(" + what + ", " + bytes + " bytes into staging slot " + i + ")");
            record(i, what);
        }

        private void record(int i, String what) {
            CudaDriver.check(JCudaDriver.cuEventRecord(slotEvents[i], stream),
                    "cuEventRecord(staging slot " + i + ", " + what + ")");
        }

        @Override
        public void await(int i, String what) {
            CudaDriver.check(JCudaDriver.cuEventSynchronize(slotEvents[i]),
                    "cuEventSynchronize(staging slot " + i + ", " + what + ")");
        }
    }

    @Override
    public int multiprocessors() {
        return multiprocessors;
    }

    @Override
    public long freeMemoryBytes() {
        return freeBytes;
    }

    @Override
    public boolean fullRateFp64() {
        return device.fullRateFp64();
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String description() {
        return "CUDA on GPU " + device.index() + ": " + device.name() + ", compute capability "
                + device.computeCapability() + ", " + (device.totalMemoryBytes() >> 20) + " MiB";
    }

    private void current() {
        CudaDriver.check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent(device " + device.index() + ")");
    }

    private static CUdeviceptr ptr(Address a) {
        return ((Allocation) a.allocation()).ptr().withByteOffset(a.offset());
    }

    @Override
    public DeviceApi.Allocation alloc(long bytes, String what) {
        current();
        CUdeviceptr p = new CUdeviceptr();
        // A zero-byte request still gets a real (tiny) allocation, so that every vector has an address.
        CudaDriver.check(JCudaDriver.cuMemAlloc(p, Math.max(bytes, 32)),
                "cuMemAlloc(" + bytes + " bytes for " + what + ")");
        return new Allocation(p);
    }

    @Override
    public void free(DeviceApi.Allocation a, long bytes) {
        current();
        // The stream's queued work may still use the memory; cuMemFree is not ordered with a non-blocking stream.
        CudaDriver.check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize(before cuMemFree)");
        CudaDriver.check(JCudaDriver.cuMemFree(((Allocation) a).ptr()), "cuMemFree(" + bytes + " bytes)");
    }

    @Override
    public void memsetZero(DeviceApi.Allocation a, long bytes) {
        current();
        CudaDriver.check(JCudaDriver.cuMemsetD8Async(((Allocation) a).ptr(), (byte) 0, bytes, stream),
                "cuMemsetD8Async(" + bytes + " bytes)");
    }

    @Override
    public void copyHtoD(Address dst, long[] src, int srcIndex, long bytes, String what) {
        current();
        if (staging != null) {
            staging.upload(dst, src, srcIndex, bytes, what);
            return;
        }
        waitForStream(what);
        CudaDriver.check(JCudaDriver.cuMemcpyHtoD(ptr(dst), Pointer.to(src).withByteOffset(8L * srcIndex), bytes),
                "cuMemcpyHtoD(" + what + ")");
    }

    @Override
    public void copyDtoH(long[] dst, int dstIndex, Address src, long bytes, String what) {
        current();
        if (staging != null) {
            staging.download(dst, dstIndex, src, bytes, what);
            return;
        }
        waitForStream(what);
        CudaDriver.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(dst).withByteOffset(8L * dstIndex), ptr(src), bytes),
                "cuMemcpyDtoH(" + what + ")");
    }

    @Override
    public void copyDtoH(int[] dst, int dstIndex, Address src, long bytes, String what) {
        current();
        if (staging != null) {
            staging.download(dst, dstIndex, src, bytes, what);
            return;
        }
        waitForStream(what);
        CudaDriver.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(dst).withByteOffset(4L * dstIndex), ptr(src), bytes),
                "cuMemcpyDtoH(" + what + ")");
    }

    /** A copy from or to a Java array is synchronous and outside the stream: it must wait for the stream's work. */
    private void waitForStream(String what) {
        CudaDriver.check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize(before the copy of " + what + ")");
    }

    @Override
    public void copyDtoD(Address dst, Address src, long bytes, String what) {
        current();
        CudaDriver.check(JCudaDriver.cuMemcpyDtoDAsync(ptr(dst), ptr(src), bytes, stream),
                "cuMemcpyDtoDAsync(" + what + ")");
    }

    private CUfunction function(String name) {
        CUfunction f = functions.get(name);
        if (f == null) {
            f = new CUfunction();
            CudaDriver.check(JCudaDriver.cuModuleGetFunction(f, module, name), "cuModuleGetFunction(" + name + ")");
            functions.put(name, f);
        }
        return f;
    }

    @Override
    public int residentBlocks(String kernel, int block) {
        current();
        int[] blocks = new int[1];
        CudaDriver.check(JCudaDriver.cuOccupancyMaxActiveBlocksPerMultiprocessor(blocks, function(kernel), block, 0),
                "cuOccupancyMaxActiveBlocksPerMultiprocessor(" + kernel + ", " + block + " threads)");
        return blocks[0];
    }

    @Override
    public void launch(String kernel, int grid, int block, Object[] args) {
        current();
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Address p) {
                params[i] = Pointer.to(ptr(p));
            } else if (a instanceof Integer v) {
                params[i] = Pointer.to(new int[] {v});
            } else if (a instanceof long[] v && v.length == 4) {
                params[i] = Pointer.to(v.clone());
            } else {
                throw new IllegalArgumentException("kernel argument " + i + " of " + kernel + ": " + a);
            }
        }
        String what = kernel + "<<<" + grid + ", " + block + ">>>";
        CudaDriver.check(JCudaDriver.cuLaunchKernel(function(kernel), grid, 1, 1, block, 1, 1, 0, stream,
                Pointer.to(params), null), "cuLaunchKernel(" + what + ")");
    }

    @Override
    public void synchronize(String what) {
        current();
        CudaDriver.check(JCudaDriver.cuStreamSynchronize(stream), what);
    }

    /** A marker: a CUDA event with timing, recorded on the engine's stream. */
    private record Event(CUevent event) implements Marker {
    }

    /** Markers given back, for reuse (an event's creation costs more than its recording); destroyed by close(). */
    private final ArrayDeque<Event> spareMarkers = new ArrayDeque<>();

    @Override
    public Marker mark() {
        current();
        Event m = spareMarkers.poll();
        if (m == null) {
            CUevent event = new CUevent();
            CudaDriver.check(JCudaDriver.cuEventCreate(event, CUevent_flags.CU_EVENT_DEFAULT),
                    "cuEventCreate(timeline marker)");
            releases.add(() -> CudaDriver.check(JCudaDriver.cuEventDestroy(event), "cuEventDestroy(timeline marker)"));
            m = new Event(event);
        }
        CudaDriver.check(JCudaDriver.cuEventRecord(m.event(), stream), "cuEventRecord(timeline marker)");
        return m;
    }

    @Override
    public double elapsedMs(Marker a, Marker b) {
        current();
        CudaDriver.check(JCudaDriver.cuEventSynchronize(((Event) b).event()), "cuEventSynchronize(timeline marker)");
        float[] ms = new float[1];
        CudaDriver.check(JCudaDriver.cuEventElapsedTime(ms, ((Event) a).event(), ((Event) b).event()),
                "cuEventElapsedTime(timeline markers)");
        return ms[0];
    }

    @Override
    public void release(Marker m) {
        spareMarkers.push((Event) m);
    }

    @Override
    public void close() {
        current();
        try {
            CudaDriver.check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize(closing the device)");
        } catch (RuntimeException e) {
            releases.releaseAfter(e);
            throw e;
        }
        releases.releaseAll();
    }
}
