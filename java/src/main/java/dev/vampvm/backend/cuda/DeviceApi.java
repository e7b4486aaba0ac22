package dev.vampvm.backend.cuda;

/**
 * What {@link CudaBackend} needs from a device: memory, copies, kernel launches by name, synchronisation. Two
 * implementations: {@link JCudaDevice}, the CUDA driver API on a GPU, and {@link EmulatedDevice}, host memory
 * and native/kernel_emulator.cpp running the same kernels (kernels/vampvm.cu compiled for the host), so that
 * the engine's launch sequences and the kernels run in CI without a GPU. The engine's logic is written once,
 * against this interface.
 *
 * <p>Every failure is a {@link CudaException} naming the operation (and for a launch, the kernel and its
 * geometry). The caller serialises calls (CudaBackend's lock).
 */
interface DeviceApi {

    /** One allocation, opaque to the engine; only the device that made it understands it. */
    interface Allocation {
    }

    /** An address in device memory: {@code offset} bytes into an allocation. */
    record Address(Allocation allocation, long offset) {
        Address plus(long bytes) {
            return new Address(allocation, offset + bytes);
        }
    }

    /** The engine's {@link dev.vampvm.backend.Backend#name()}. */
    String name();

    /** The engine's {@link dev.vampvm.backend.Backend#description()}. */
    String description();

    /** The device memory free for allocations when the device was opened, in bytes (Long.MAX_VALUE: no limit). */
    long freeMemoryBytes();

    /** {@code bytes} of uninitialised device memory; {@code what} names it in an error. Zero bytes is allowed. */
    Allocation alloc(long bytes, String what);

    void free(Allocation a, long bytes);

    /** The device's multiprocessors (SMs): how many blocks run side by side, for sizing small launches. */
    int multiprocessors();

    /** Whether the device runs FP64 at half its FP32 rate ({@link GpuProbe.Device#fullRateFp64}). */
    boolean fullRateFp64();

    /**
     * How many blocks of {@code block} threads of {@code kernel} one multiprocessor holds at once, as the kernel's
     * registers and shared memory allow (the driver's occupancy calculator): for choosing the block size of an
     * element-wise launch ({@link CudaBackend#fullestBlock}).
     */
    int residentBlocks(String kernel, int block);

    /** Zeroes {@code bytes} from the start of an allocation. */
    void memsetZero(Allocation a, long bytes);

    /** Copies {@code bytes} from {@code src[srcIndex..]}; {@code what} names the copy in an error. */
    void copyHtoD(Address dst, long[] src, int srcIndex, long bytes, String what);

    void copyDtoH(long[] dst, int dstIndex, Address src, long bytes, String what);

    void copyDtoH(int[] dst, int dstIndex, Address src, long bytes, String what);

    void copyDtoD(Address dst, Address src, long bytes, String what);

    /**
     * Launches a kernel on a 1-D grid. Arguments: an {@link Address} is passed as a device address, an
     * {@code Integer} as a 32-bit int, a {@code long[4]} as 32 bytes by value (a field element or a scalar).
     */
    void launch(String kernel, int grid, int block, Object[] args);

    /** Waits for all launched work; a failure names {@code what} (the work waited for). */
    void synchronize(String what);

    /** A point in the device's queue of work, for {@link DeviceTimeline}: on a GPU a CUDA event with timing. */
    interface Marker {
    }

    /** Records a marker after all the work queued so far, without waiting for it. */
    Marker mark();

    /** The device's milliseconds from marker {@code a} to marker {@code b} (both recorded), waiting for b. */
    double elapsedMs(Marker a, Marker b);

    /** Gives a marker back (the device may reuse it); it must not be read again. */
    void release(Marker m);

    /** Releases the device (the engine has freed its allocations). */
    void close();
}
