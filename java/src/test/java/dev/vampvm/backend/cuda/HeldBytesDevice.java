package dev.vampvm.backend.cuda;

/**
 * A device (the emulator, in the tests) that tracks the bytes allocated and not freed and their peak, and what the
 * engine in front of it holds (less its cache of freed buffers, {@link CachingDevice}) now and at its peak.
 */
class HeldBytesDevice extends ForwardingDevice {
    long current;
    long peak;
    long peakHeld;
    /** The engine whose cache to leave out; set once it is made. */
    CudaBackend engine;

    HeldBytesDevice(DeviceApi inner) {
        super(inner);
    }

    /** The bytes the engine holds now: allocated, not freed, not in its cache. */
    long held() {
        return current - (engine == null ? 0 : engine.cachedBytes());
    }

    @Override
    public Allocation alloc(long bytes, String what) {
        Allocation a = super.alloc(bytes, what);
        current += bytes;
        peak = Math.max(peak, current);
        peakHeld = Math.max(peakHeld, held());
        return a;
    }

    @Override
    public void free(Allocation a, long bytes) {
        super.free(a, bytes);
        current -= bytes;
    }
}
