package dev.vampvm.backend.cuda;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUresult;

/**
 * Keeps freed device allocations for reuse, by exact size. On a GPU, cuMemAlloc is a driver round trip and cuMemFree
 * waits for the whole device, so a proof's temporaries (each MSM's dozen scratch buffers above all) would otherwise
 * stall the launches that run ahead and pay the driver at every MSM; the engine sizes its temporaries from the
 * problem, not from the data, so the sizes recur (every MSM of one size, every proof of one circuit).
 *
 * <p>Cached memory never makes an allocation fail: when one fails with CUDA_ERROR_OUT_OF_MEMORY, the cache goes back to
 * the driver and the allocation is tried once more. {@link #close} frees what is cached (the emulator checks each
 * allocation's guard zone then). Calls are serialised by the engine's lock, as for every device.
 */
final class CachingDevice extends ForwardingDevice {
    private final Map<Long, ArrayDeque<Allocation>> cached = new HashMap<>();
    private long cachedBytes;

    CachingDevice(DeviceApi inner) {
        super(inner);
    }

    /** The bytes held for reuse, freed by the engine but not yet given back to the driver. */
    long cachedBytes() {
        return cachedBytes;
    }

    @Override
    public Allocation alloc(long bytes, String what) {
        ArrayDeque<Allocation> same = cached.get(bytes);
        if (same != null && !same.isEmpty()) {
            cachedBytes -= bytes;
            return same.pop();
        }
        try {
            return super.alloc(bytes, what);
        } catch (CudaException e) {
            if (e.result() != CUresult.CUDA_ERROR_OUT_OF_MEMORY || cachedBytes == 0) {
                throw e;
            }
            release();
            return super.alloc(bytes, what);
        }
    }

    @Override
    public void free(Allocation a, long bytes) {
        cached.computeIfAbsent(bytes, b -> new ArrayDeque<>()).push(a);
        cachedBytes += bytes;
    }

    /** Gives every cached allocation back to the driver; the first failure is thrown after the rest are freed. */
    void release() {
        RuntimeException first = null;
        for (Map.Entry<Long, ArrayDeque<Allocation>> e : cached.entrySet()) {
            for (Allocation a : e.getValue()) {
                try {
                    super.free(a, e.getKey());
                } catch (RuntimeException x) {
                    first = first == null ? x : first;
                }
            }
        }
        cached.clear();
        cachedBytes = 0;
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() {
        try {
            release();
        } finally {
            super.close();
        }
    }
}
