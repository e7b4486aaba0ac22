package dev.vampvm.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vampvm.field.Fp;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The vector suite on the pure-Java engine, and what only it has: a thread count. */
class JavaBackendVectorTest extends BackendVectorContract {

    @Override
    protected Backend newBackend() {
        return new JavaBackend(3);
    }

    @Test
    void refusesNoThreads() {
        assertThrows(IllegalArgumentException.class, () -> new JavaBackend(0));
    }

    @Test
    void resultsDoNotDependOnParallelism() {
        int n = 50_000;
        long[] a = randomVector(n);
        long[] x = element(BigInteger.valueOf(12345));
        long[] expect = null;
        for (int threads : new int[] {1, 2, 5}) {
            try (JavaBackend b = new JavaBackend(threads)) {
                ScalarVector v = b.upload(Fp.FIELD, a, 0, n);
                long[] e = b.evaluate(v, x);
                if (expect == null) {
                    expect = e;
                }
                assertArrayEquals(expect, e, "threads=" + threads);
            }
        }
    }

    /** The running product's serial pass (up to two threads) and its chunked one (5 threads: 20 chunks) agree. */
    @Test
    void runningProductDoesNotDependOnParallelism() {
        int n = 100_000;
        long[] a = randomVector(n);
        Fp.FIELD.setZero(a, 4 * 90_000);
        long[] expect = null;
        for (int threads : new int[] {1, 5}) {
            try (JavaBackend b = new JavaBackend(threads); ScalarVector v = b.upload(Fp.FIELD, a, 0, n)) {
                b.runningProduct(v);
                long[] e = b.download(v);
                if (expect == null) {
                    expect = e;
                }
                assertArrayEquals(expect, e, "threads=" + threads);
            }
        }
    }
}
