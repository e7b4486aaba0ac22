package dev.vampvm.backend.cuda;

import java.util.function.Supplier;

/**
 * A device that counts, per calling thread, the time spent in its calls ({@link CudaBackend#deviceNanos()}): what a
 * proof waited on the device, so that the rest of its time is what the host did itself. On the emulator a launch runs
 * its kernel to completion, so the rest is the part of a proof a GPU would not shorten; on a GPU launches return at
 * once and the wait shows in the copies and synchronisations that follow them.
 */
final class TimedDevice extends ForwardingDevice {
    private final ThreadLocal<long[]> nanos = ThreadLocal.withInitial(() -> new long[1]);

    TimedDevice(DeviceApi inner) {
        super(inner);
    }

    /** The calling thread's time in this device's calls, in nanoseconds, since the device was opened. */
    long nanos() {
        return nanos.get()[0];
    }

    private <T> T timed(Supplier<T> call) {
        long t = System.nanoTime();
        try {
            return call.get();
        } finally {
            nanos.get()[0] += System.nanoTime() - t;
        }
    }

    private void timed(Runnable call) {
        timed(() -> {
            call.run();
            return null;
        });
    }

    @Override
    public Allocation alloc(long bytes, String what) {
        return timed(() -> super.alloc(bytes, what));
    }

    @Override
    public void free(Allocation a, long bytes) {
        timed(() -> super.free(a, bytes));
    }

    @Override
    public void memsetZero(Allocation a, long bytes) {
        timed(() -> super.memsetZero(a, bytes));
    }

    @Override
    public void copyHtoD(Address dst, long[] src, int srcIndex, long bytes, String what) {
        timed(() -> super.copyHtoD(dst, src, srcIndex, bytes, what));
    }

    @Override
    public void copyDtoH(long[] dst, int dstIndex, Address src, long bytes, String what) {
        timed(() -> super.copyDtoH(dst, dstIndex, src, bytes, what));
    }

    @Override
    public void copyDtoH(int[] dst, int dstIndex, Address src, long bytes, String what) {
        timed(() -> super.copyDtoH(dst, dstIndex, src, bytes, what));
    }

    @Override
    public void copyDtoD(Address dst, Address src, long bytes, String what) {
        timed(() -> super.copyDtoD(dst, src, bytes, what));
    }

    @Override
    public void launch(String kernel, int grid, int block, Object[] args) {
        timed(() -> super.launch(kernel, grid, block, args));
    }

    @Override
    public void synchronize(String what) {
        timed(() -> super.synchronize(what));
    }
}
