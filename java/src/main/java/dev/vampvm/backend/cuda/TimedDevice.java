package dev.vampvm.backend.cuda;

/**
 * A device that counts, per calling thread, the time spent in its calls ({@link CudaBackend#deviceNanos()}): what a
 * proof waited on the device, so that the rest of its time is what the host did itself. On the emulator a launch runs
 * its kernel to completion, so the rest is the part of a proof a GPU would not shorten; on a GPU launches return at
 * once and the wait shows in the copies and synchronisations that follow them.
 */
final class TimedDevice implements DeviceApi {
    private final DeviceApi inner;
    private final ThreadLocal<long[]> nanos = ThreadLocal.withInitial(() -> new long[1]);

    TimedDevice(DeviceApi inner) {
        this.inner = inner;
    }

    /** The calling thread's time in this device's calls, in nanoseconds, since the device was opened. */
    long nanos() {
        return nanos.get()[0];
    }

    private void add(long since) {
        nanos.get()[0] += System.nanoTime() - since;
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
    public Allocation alloc(long bytes, String what) {
        long t = System.nanoTime();
        try {
            return inner.alloc(bytes, what);
        } finally {
            add(t);
        }
    }

    @Override
    public void free(Allocation a, long bytes) {
        long t = System.nanoTime();
        try {
            inner.free(a, bytes);
        } finally {
            add(t);
        }
    }

    @Override
    public void memsetZero(Allocation a, long bytes) {
        long t = System.nanoTime();
        try {
            inner.memsetZero(a, bytes);
        } finally {
            add(t);
        }
    }

    @Override
    public void copyHtoD(Address dst, long[] src, int srcIndex, long bytes, String what) {
        long t = System.nanoTime();
        try {
            inner.copyHtoD(dst, src, srcIndex, bytes, what);
        } finally {
            add(t);
        }
    }

    @Override
    public void copyDtoH(long[] dst, int dstIndex, Address src, long bytes, String what) {
        long t = System.nanoTime();
        try {
            inner.copyDtoH(dst, dstIndex, src, bytes, what);
        } finally {
            add(t);
        }
    }

    @Override
    public void copyDtoH(int[] dst, int dstIndex, Address src, long bytes, String what) {
        long t = System.nanoTime();
        try {
            inner.copyDtoH(dst, dstIndex, src, bytes, what);
        } finally {
            add(t);
        }
    }

    @Override
    public void copyDtoD(Address dst, Address src, long bytes, String what) {
        long t = System.nanoTime();
        try {
            inner.copyDtoD(dst, src, bytes, what);
        } finally {
            add(t);
        }
    }

    @Override
    public void launch(String kernel, int grid, int block, Object[] args) {
        long t = System.nanoTime();
        try {
            inner.launch(kernel, grid, block, args);
        } finally {
            add(t);
        }
    }

    @Override
    public void synchronize(String what) {
        long t = System.nanoTime();
        try {
            inner.synchronize(what);
        } finally {
            add(t);
        }
    }

    @Override
    public void close() {
        inner.close();
    }
}
