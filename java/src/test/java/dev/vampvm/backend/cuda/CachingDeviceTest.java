package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.Backend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.prover.TestCircuits;
import dev.vampvm.testing.Emulator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;

/** The engine's cache of freed device allocations: reuse by size, the way back to the driver, and what a proof gains. */
class CachingDeviceTest {

    /** A device of {@code limit} bytes that counts the allocations and frees that reach it. */
    private static final class CountingDevice implements DeviceApi {
        final long limit;
        long used;
        int allocs;
        int frees;
        boolean closed;

        CountingDevice(long limit) {
            this.limit = limit;
        }

        private record Block(long bytes) implements Allocation {
        }

        @Override
        public int multiprocessors() {
            return 1;
        }

        @Override
        public int residentBlocks(String kernel, int block) {
            throw new AssertionError("launches nothing");
        }

        @Override
        public boolean fullRateFp64() {
            return false;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public String description() {
            return "counting";
        }

        @Override
        public long freeMemoryBytes() {
            return limit - used;
        }

        @Override
        public Allocation alloc(long bytes, String what) {
            if (used + bytes > limit) {
                throw new CudaException("cuMemAlloc(" + bytes + ")", CUresult.CUDA_ERROR_OUT_OF_MEMORY, "out of memory");
            }
            used += bytes;
            allocs++;
            return new Block(bytes);
        }

        @Override
        public void free(Allocation a, long bytes) {
            assertEquals(((Block) a).bytes(), bytes, "freed with its own size");
            used -= bytes;
            frees++;
        }

        @Override
        public void memsetZero(Allocation a, long bytes) {
        }

        @Override
        public void copyHtoD(Address dst, long[] src, int srcIndex, long bytes, String what) {
        }

        @Override
        public void copyDtoH(long[] dst, int dstIndex, Address src, long bytes, String what) {
        }

        @Override
        public void copyDtoH(int[] dst, int dstIndex, Address src, long bytes, String what) {
        }

        @Override
        public void copyDtoD(Address dst, Address src, long bytes, String what) {
        }

        @Override
        public void launch(String kernel, int grid, int block, Object[] args) {
        }

        @Override
        public void synchronize(String what) {
        }

        @Override
        public Marker mark() {
            throw new UnsupportedOperationException();
        }

        @Override
        public double elapsedMs(Marker a, Marker b) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release(Marker m) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aFreedAllocationIsReusedForTheSameSizeOnly() {
        CountingDevice inner = new CountingDevice(1 << 20);
        CachingDevice cache = new CachingDevice(inner);
        DeviceApi.Allocation a = cache.alloc(1000, "a");
        cache.free(a, 1000);
        assertEquals(0, inner.frees, "kept, not freed");
        assertEquals(1000, cache.cachedBytes());
        assertSame(a, cache.alloc(1000, "again"));
        assertEquals(0, cache.cachedBytes());
        DeviceApi.Allocation b = cache.alloc(1001, "another size");
        assertNotSame(a, b);
        assertEquals(2, inner.allocs);
        cache.free(a, 1000);
        cache.free(b, 1001);
        cache.close();
        assertEquals(2, inner.frees, "close gives everything back");
        assertEquals(0, inner.used);
        assertTrue(inner.closed);
    }

    @Test
    void anAllocationThatDoesNotFitGivesTheCacheBackAndTriesAgain() {
        CountingDevice inner = new CountingDevice(1000);
        CachingDevice cache = new CachingDevice(inner);
        cache.free(cache.alloc(600, "first"), 600);
        DeviceApi.Allocation second = cache.alloc(700, "second: fits once the 600 cached bytes are freed");
        assertEquals(1, inner.frees);
        assertEquals(0, cache.cachedBytes());
        assertEquals(700, inner.used);
        CudaException e = assertThrows(CudaException.class, () -> cache.alloc(400, "third: does not fit at all"));
        assertEquals(CUresult.CUDA_ERROR_OUT_OF_MEMORY, e.result());
        cache.free(second, 700);
        cache.close();
        assertEquals(0, inner.used);
    }

    /**
     * Two proofs of one circuit on the emulated engine: the second allocates (almost) nothing from the device, since
     * every temporary of the first, the MSMs' scratch included, has the size the second asks for.
     */
    @Test
    void aSecondProofOfACircuitReusesTheFirstOnesMemory() {
        Emulator.assumeAvailable();
        List<Integer> allocs = new ArrayList<>();
        final class Counting extends ForwardingDevice {
            int count;

            Counting(DeviceApi inner) {
                super(inner);
            }

            @Override
            public Allocation alloc(long bytes, String what) {
                count++;
                return super.alloc(bytes, what);
            }
        }
        Counting device = new Counting(EmulatedDevice.open());
        TestCircuits.Fibonacci circuit = new TestCircuits.Fibonacci(20);
        try (Backend cuda = new CudaBackend(device); IpaParams params = IpaParams.setup(cuda, 5);
                ProvingKey pk = Keygen.keygen(params, circuit, 5)) {
            for (int i = 0; i < 2; i++) {
                int before = device.count;
                Prover.prove(params, pk, circuit, circuit.instances(), new SplittableRandom(i));
                allocs.add(device.count - before);
            }
        }
        assertTrue(allocs.get(0) > 20, "the first proof allocates: " + allocs);
        assertEquals(0, allocs.get(1), "the second proof reuses: " + allocs);
    }
}
