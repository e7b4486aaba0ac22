package dev.vampvm.backend.cuda;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUresult;

/**
 * The CUDA kernels run on the host, for machines without a GPU (CI): "device memory" is host memory from
 * native/kernel_emulator.cpp ({@code vv_emu_alloc}: 256-byte aligned, filled with 0xA5 rather than zeros,
 * with a guard zone after the end), a device address is a native address, and a launch hands
 * {@code vv_emu_launch} the kernel's name, its 1-D geometry and a {@code void**} of argument values laid out
 * as cuLaunchKernel's kernelParams. The kernels are kernels/vampvm.cu itself, compiled for the host into
 * libvampvm_native.so; blocks run one after another, threads within a block as coroutines that meet at
 * {@code __syncthreads()}.
 *
 * <p>Launches are synchronous, so an error is reported by the launch that caused it, as a
 * {@link CudaException} in the driver's words plus what the emulator saw (an unknown kernel, a bad block
 * size, a barrier divergence, a write past an argument's allocation). What a GPU would fail on and this
 * cannot see: races, warp behaviour, the PTX carry chains, register and shared-memory limits.
 */
final class EmulatedDevice implements DeviceApi {

    /** native/kernel_emulator.cpp's C functions. */
    interface Emulator extends Library {
        int vv_emu_launch(String name, int grid, int block, Pointer params, long order, byte[] err, int errlen);

        int vv_emu_kernel_exists(String name);

        int vv_emu_kernel_max_threads(int i);

        int vv_emu_kernel_signature(String name, byte[] out, int len);

        int vv_emu_kernel_count();

        String vv_emu_kernel_name(int i);

        Pointer vv_emu_alloc(long bytes);

        int vv_emu_guard_intact(Pointer p, long bytes);

        void vv_emu_free(Pointer p);

        long vv_emu_live_allocations();

        void vv_emu_copy(Pointer dst, Pointer src, long bytes);
    }

    /** An allocation of host memory standing in for device memory. */
    private static final class HostAllocation implements DeviceApi.Allocation {
        final Pointer base;
        final long bytes;
        boolean freed;

        HostAllocation(Pointer base, long bytes) {
            this.base = base;
            this.bytes = bytes;
        }
    }

    private static volatile Emulator loaded;

    /** Ascending block and thread indices: the {@code order} of {@link #open(long)} that {@link #open()} uses. */
    static final long ASCENDING = 0;
    /** Descending block and thread indices. */
    static final long DESCENDING = 1;

    private final Emulator lib;
    private final long order;
    /** Per kernel, its parameters: "p" for a pointer, else the value's size in bytes (kernel_emulator.cpp). */
    private final Map<String, String[]> signatures = new HashMap<>();
    /**
     * For failure-behaviour tests ({@code -Dvampvm.emulator.failAtLaunch=N}): the N-th launch fails as a GPU fault
     * would (CUDA_ERROR_LAUNCH_FAILED), so that a proof can be made to fail halfway; 0 for never.
     */
    private final long failAtLaunch = Long.getLong("vampvm.emulator.failAtLaunch", 0);
    private long launches;

    private EmulatedDevice(Emulator lib, long order) {
        this.lib = lib;
        this.order = order;
    }

    /** Launches so far (for choosing a {@code vampvm.emulator.failAtLaunch} inside a given phase in tests). */
    long launches() {
        return launches;
    }

    /** The emulated device; throws {@link IllegalStateException} saying why when the native library is absent. */
    static EmulatedDevice open() {
        return open(ASCENDING);
    }

    /**
     * The emulated device running blocks, and threads within a block, in the given order: {@link #ASCENDING},
     * {@link #DESCENDING}, or any other value as the seed of a permutation. A GPU promises no order, so a
     * kernel's results must not depend on it; the tests run in several.
     */
    static EmulatedDevice open(long order) {
        return new EmulatedDevice(library(), order);
    }

    /** Why {@link #open} would fail, or null when it would not. */
    static String unavailableReason() {
        return HostArithmetic.unavailableReason();
    }

    static Emulator library() {
        Emulator e = loaded;
        if (e == null) {
            synchronized (EmulatedDevice.class) {
                if (loaded == null) {
                    String why = HostArithmetic.unavailableReason();
                    if (why != null) {
                        throw new IllegalStateException("the CUDA kernel emulator needs " + NativeArtifacts.HOST_LIBRARY
                                + ": " + why);
                    }
                    // The same file HostArithmetic loaded (and checked the ABI version of).
                    loaded = Native.load(HostArithmetic.libraryFile().toString(), Emulator.class);
                }
                e = loaded;
            }
        }
        return e;
    }

    @Override
    public String name() {
        return "cuda-emulated";
    }

    /** Host memory: as much as the machine gives (the Java heap estimate does not count it). */
    @Override
    public long freeMemoryBytes() {
        return Long.MAX_VALUE;
    }

    /**
     * As many as a small GPU has, so that the engine sizes launches here as it would there and small launches run in
     * blocks of fewer than 256 threads in the tests too.
     */
    @Override
    public int multiprocessors() {
        return 8;
    }

    /** The host's FP64 is no GPU's: {@code -Dvampvm.cuda.fp52=auto} picks no kernel here. */
    @Override
    public boolean fullRateFp64() {
        return false;
    }

    /**
     * As an H100's multiprocessor holds a kernel of 144 registers a thread (the window sums' first level's 142, as a
     * GPU allocates them): 65,536 registers, 256 a warp, warps in fours, so 12 warps, one block of 256 or two of 192.
     * The emulator knows no kernel's registers; this stand-in makes the engine launch its element-wise kernels in
     * blocks of 192 here, as it does such a kernel on a GPU, so that the tests run blocks that are not a power of two.
     */
    @Override
    public int residentBlocks(String kernel, int block) {
        int warps = (block + 31) / 32;
        return Math.min(64 / warps, 12 / warps);
    }

    @Override
    public String description() {
        return "CUDA kernels emulated on the host (no GPU)";
    }

    private static CudaException failure(String operation, int result, String detail) {
        return new CudaException(operation, result, CUresult.stringFor(result) + " (emulated: " + detail + ")");
    }

    /** The host address of {@code a} for an access of {@code bytes}, checked against its allocation. */
    private static Pointer resolve(Address a, long bytes, String operation) {
        HostAllocation h = (HostAllocation) a.allocation();
        if (h.freed) {
            throw failure(operation, CUresult.CUDA_ERROR_INVALID_VALUE, "the memory was freed");
        }
        if (a.offset() < 0 || bytes < 0 || a.offset() + bytes > h.bytes) {
            throw failure(operation, CUresult.CUDA_ERROR_INVALID_VALUE, bytes + " bytes at offset " + a.offset()
                    + " of an allocation of " + h.bytes);
        }
        return h.base.share(a.offset());
    }

    @Override
    public DeviceApi.Allocation alloc(long bytes, String what) {
        Pointer p = lib.vv_emu_alloc(Math.max(bytes, 32));
        if (p == null) {
            throw failure("cuMemAlloc(" + bytes + " bytes for " + what + ")", CUresult.CUDA_ERROR_OUT_OF_MEMORY,
                    "host memory exhausted");
        }
        return new HostAllocation(p, bytes);
    }

    @Override
    public void free(DeviceApi.Allocation a, long bytes) {
        HostAllocation h = (HostAllocation) a;
        if (h.freed) {
            throw failure("cuMemFree(" + bytes + " bytes)", CUresult.CUDA_ERROR_INVALID_VALUE, "freed twice");
        }
        h.freed = true;
        boolean intact = lib.vv_emu_guard_intact(h.base, Math.max(h.bytes, 32)) != 0;
        lib.vv_emu_free(h.base);
        if (!intact) {
            throw failure("cuMemFree(" + bytes + " bytes)", CUresult.CUDA_ERROR_ILLEGAL_ADDRESS,
                    "something wrote past the end of this allocation");
        }
    }

    @Override
    public void memsetZero(DeviceApi.Allocation a, long bytes) {
        String op = "cuMemsetD8(" + bytes + " bytes)";
        resolve(new Address(a, 0), bytes, op).setMemory(0, bytes, (byte) 0);
    }

    @Override
    public void copyHtoD(Address dst, long[] src, int srcIndex, long bytes, String what) {
        String op = "cuMemcpyHtoD(" + what + ")";
        resolve(dst, bytes, op).write(0, src, srcIndex, elements(bytes, 8, op));
    }

    @Override
    public void copyDtoH(long[] dst, int dstIndex, Address src, long bytes, String what) {
        String op = "cuMemcpyDtoH(" + what + ")";
        resolve(src, bytes, op).read(0, dst, dstIndex, elements(bytes, 8, op));
    }

    @Override
    public void copyDtoH(int[] dst, int dstIndex, Address src, long bytes, String what) {
        String op = "cuMemcpyDtoH(" + what + ")";
        resolve(src, bytes, op).read(0, dst, dstIndex, elements(bytes, 4, op));
    }

    private static int elements(long bytes, int size, String operation) {
        if (bytes % size != 0 || bytes / size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(operation + ": " + bytes + " bytes is not a whole number of "
                    + size + "-byte elements");
        }
        return (int) (bytes / size);
    }

    @Override
    public void copyDtoD(Address dst, Address src, long bytes, String what) {
        String op = "cuMemcpyDtoD(" + what + ")";
        lib.vv_emu_copy(resolve(dst, bytes, op), resolve(src, bytes, op), bytes);
    }

    @Override
    public void launch(String kernel, int grid, int block, Object[] args) {
        String what = kernel + "<<<" + grid + ", " + block + ">>>";
        String op = "cuLaunchKernel(" + what + ")";
        checkArguments(kernel, args, op);
        if (++launches == failAtLaunch) {
            throw failure("running " + what, CUresult.CUDA_ERROR_LAUNCH_FAILED, "injected by "
                    + "-Dvampvm.emulator.failAtLaunch=" + failAtLaunch);
        }
        // Each value in an 8-byte aligned slot of one block; params[i] points at value i (kernelParams).
        long[] slot = new long[args.length];
        long size = 0;
        for (int i = 0; i < args.length; i++) {
            slot[i] = size;
            Object a = args[i];
            if (a instanceof Address || a instanceof Integer) {
                size += 8;
            } else if (a instanceof long[] v && v.length == 4) {
                size += 32;
            } else {
                throw new IllegalArgumentException("kernel argument " + i + " of " + kernel + ": " + a);
            }
        }
        Memory values = new Memory(Math.max(size, 8));
        Memory params = new Memory(8L * Math.max(args.length, 1));
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Address p) {
                values.setPointer(slot[i], resolve(p, 0, op));
            } else if (a instanceof Integer v) {
                values.setInt(slot[i], v);
            } else {
                values.write(slot[i], (long[]) a, 0, 4);
            }
            params.setPointer(8L * i, values.share(slot[i]));
        }
        byte[] err = new byte[512];
        int result = lib.vv_emu_launch(kernel, grid, block, params, order, err, err.length);
        // params holds values' addresses only: without this fence values is unreachable during the launch, and a
        // collection in it frees the argument block under the kernels (seen as a wild access in a test run).
        Reference.reachabilityFence(values);
        Reference.reachabilityFence(params);
        if (result != 0) {
            int len = 0;
            while (len < err.length && err[len] != 0) {
                len++;
            }
            throw failure(op, result, new String(err, 0, len, StandardCharsets.UTF_8));
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Address p) {
                HostAllocation h = (HostAllocation) p.allocation();
                if (lib.vv_emu_guard_intact(h.base, Math.max(h.bytes, 32)) == 0) {
                    throw failure("running " + what, CUresult.CUDA_ERROR_ILLEGAL_ADDRESS, "argument " + i
                            + " (an allocation of " + h.bytes + " bytes) was written past its end");
                }
            }
        }
    }

    /**
     * The arguments against the kernel's parameters: their number, and for each a device address where it takes
     * a pointer, an Integer where a 4-byte value, a long[4] where a 32-byte one. A GPU takes whatever it is given
     * (cuLaunchKernel copies the kernel's parameter sizes from each pointer) and computes garbage.
     */
    private void checkArguments(String kernel, Object[] args, String op) {
        String[] params = signatures.get(kernel);
        if (params == null) {
            byte[] out = new byte[256];
            if (lib.vv_emu_kernel_signature(kernel, out, out.length) != 0) {
                return; // unknown: vv_emu_launch reports it
            }
            String s = Native.toString(out, "US-ASCII");
            params = s.isEmpty() ? new String[0] : s.split(",");
            signatures.put(kernel, params);
        }
        if (params.length != args.length) {
            throw failure(op, CUresult.CUDA_ERROR_INVALID_VALUE, kernel + " takes " + params.length + " arguments, given "
                    + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            String given = args[i] instanceof Address ? "p" : args[i] instanceof Integer ? "4"
                    : args[i] instanceof long[] v && v.length == 4 ? "32" : "?";
            if (!given.equals(params[i]) && !given.equals("?")) {
                throw failure(op, CUresult.CUDA_ERROR_INVALID_VALUE, "argument " + i + " of " + kernel + " is "
                        + describe(params[i]) + ", given " + describe(given));
            }
        }
    }

    private static String describe(String code) {
        return code.equals("p") ? "a device pointer" : "a " + code + "-byte value";
    }

    @Override
    public void synchronize(String what) {
        // Launches ran to completion (and reported their errors) when they were made.
    }

    /** A marker is the host's clock when it was made: every operation before it has run to completion by then. */
    private record HostClock(long nanos) implements Marker {
    }

    @Override
    public Marker mark() {
        return new HostClock(System.nanoTime());
    }

    @Override
    public double elapsedMs(Marker a, Marker b) {
        return (((HostClock) b).nanos() - ((HostClock) a).nanos()) / 1e6;
    }

    @Override
    public void release(Marker m) {
    }

    @Override
    public void close() {
    }
}
