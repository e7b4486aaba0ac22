package dev.vampvm.backend.cuda;

/**
 * A device that passes every call to another: the base of devices that watch the calls a {@link CudaBackend} makes
 * ({@link TimedDevice}, and the tests' recording devices) and override only what they watch.
 */
abstract class ForwardingDevice implements DeviceApi {
    private final DeviceApi inner;

    ForwardingDevice(DeviceApi inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String description() {
        return inner.description();
    }

    @Override
    public long freeMemoryBytes() {
        return inner.freeMemoryBytes();
    }

    @Override
    public int multiprocessors() {
        return inner.multiprocessors();
    }

    @Override
    public boolean fullRateFp64() {
        return inner.fullRateFp64();
    }

    @Override
    public int residentBlocks(String kernel, int block) {
        return inner.residentBlocks(kernel, block);
    }

    @Override
    public Allocation alloc(long bytes, String what) {
        return inner.alloc(bytes, what);
    }

    @Override
    public void free(Allocation a, long bytes) {
        inner.free(a, bytes);
    }

    @Override
    public void memsetZero(Allocation a, long bytes) {
        inner.memsetZero(a, bytes);
    }

    @Override
    public void copyHtoD(Address dst, long[] src, int srcIndex, long bytes, String what) {
        inner.copyHtoD(dst, src, srcIndex, bytes, what);
    }

    @Override
    public void copyDtoH(long[] dst, int dstIndex, Address src, long bytes, String what) {
        inner.copyDtoH(dst, dstIndex, src, bytes, what);
    }

    @Override
    public void copyDtoH(int[] dst, int dstIndex, Address src, long bytes, String what) {
        inner.copyDtoH(dst, dstIndex, src, bytes, what);
    }

    @Override
    public void copyDtoD(Address dst, Address src, long bytes, String what) {
        inner.copyDtoD(dst, src, bytes, what);
    }

    @Override
    public void launch(String kernel, int grid, int block, Object[] args) {
        inner.launch(kernel, grid, block, args);
    }

    @Override
    public void synchronize(String what) {
        inner.synchronize(what);
    }

    @Override
    public Marker mark() {
        return inner.mark();
    }

    @Override
    public double elapsedMs(Marker a, Marker b) {
        return inner.elapsedMs(a, b);
    }

    @Override
    public void release(Marker m) {
        inner.release(m);
    }

    @Override
    public void close() {
        inner.close();
    }
}
