package dev.vampvm.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.field.Fq;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.field.SeedExpander;
import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * An engine's element-wise operations against BigInteger arithmetic, and its handle checks. Every engine
 * runs it: {@code JavaBackendVectorTest} and the GPU-tagged {@code CudaBackendVectorTest}.
 */
public abstract class BackendVectorContract {

    /** A fresh engine for one test (closed after it). */
    protected abstract Backend newBackend();

    private static final MontgomeryField F = Fp.FIELD;
    private static final BigInteger P = F.modulus();

    private Backend backend;
    private SplittableRandom rng;

    @BeforeEach
    void setUp(TestInfo info) {
        backend = newBackend();
        rng = Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName());
    }

    @AfterEach
    void tearDown() {
        if (backend != null) { // null when newBackend() skipped the test (no GPU)
            backend.close();
        }
    }

    protected long[] randomVector(int n) {
        long[] v = new long[4 * n];
        for (int i = 0; i < n; i++) {
            F.random(rng, v, 4 * i);
        }
        return v;
    }

    private static BigInteger at(long[] v, int i) {
        return F.toBigInteger(v, 4 * i);
    }

    protected long[] element(BigInteger x) {
        return F.fromBigInteger(x);
    }

    @Test
    void elementWiseOperationsMatchBigInteger() {
        // Sizes on both sides of the chunking threshold, and n = 0, 1.
        for (int n : new int[] {0, 1, 5, 4096, 20_000}) {
            long[] a = randomVector(n), b = randomVector(n);
            BigInteger c = new BigInteger(250, new java.util.Random(rng.nextLong()));
            ScalarVector va = backend.upload(F, a, 0, n);
            ScalarVector vb = backend.upload(F, b, 0, n);
            ScalarVector out = backend.allocate(F, n);

            backend.add(va, vb, out);
            long[] r = backend.download(out);
            for (int i = 0; i < n; i++) {
                assertEquals(at(a, i).add(at(b, i)).mod(P), at(r, i));
            }
            backend.sub(va, vb, out);
            r = backend.download(out);
            for (int i = 0; i < n; i++) {
                assertEquals(at(a, i).subtract(at(b, i)).mod(P), at(r, i));
            }
            backend.mul(va, vb, out);
            r = backend.download(out);
            for (int i = 0; i < n; i++) {
                assertEquals(at(a, i).multiply(at(b, i)).mod(P), at(r, i));
            }
            backend.scale(va, element(c), out);
            r = backend.download(out);
            for (int i = 0; i < n; i++) {
                assertEquals(at(a, i).multiply(c).mod(P), at(r, i));
            }
            backend.addScaled(va, element(c), vb, out);
            r = backend.download(out);
            for (int i = 0; i < n; i++) {
                assertEquals(at(a, i).add(c.multiply(at(b, i))).mod(P), at(r, i));
            }
            backend.addConstant(va, element(c), out);
            r = backend.download(out);
            for (int i = 0; i < n; i++) {
                assertEquals(at(a, i).add(c).mod(P), at(r, i));
            }

            BigInteger x = BigInteger.valueOf(rng.nextLong(1, Long.MAX_VALUE)).pow(4).mod(P);
            BigInteger eval = BigInteger.ZERO;
            BigInteger ip = BigInteger.ZERO;
            for (int i = n - 1; i >= 0; i--) {
                eval = eval.multiply(x).add(at(a, i)).mod(P);
                ip = ip.add(at(a, i).multiply(at(b, i))).mod(P);
            }
            assertEquals(eval, F.toBigInteger(backend.evaluate(va, element(x)), 0), "evaluate n=" + n);
            assertEquals(ip, F.toBigInteger(backend.innerProduct(va, vb), 0), "inner product n=" + n);

            backend.powers(element(c), element(x), out);
            r = backend.download(out);
            for (int i = 0; i < n; i++) {
                assertEquals(c.multiply(x.modPow(BigInteger.valueOf(i), P)).mod(P), at(r, i), "powers " + i);
            }
        }
    }

    @Test
    void batchInvertKeepsZeros() {
        int n = 10_000;
        long[] a = randomVector(n);
        F.setZero(a, 4 * 17);
        ScalarVector v = backend.upload(F, a, 0, n);
        backend.batchInvert(v);
        long[] r = backend.download(v);
        for (int i = 0; i < n; i++) {
            BigInteger expect = i == 17 ? BigInteger.ZERO : at(a, i).modInverse(P);
            assertEquals(expect, at(r, i));
        }
    }

    @Test
    void runningProductMatchesBigIntegerAndAZeroZeroesWhatFollows() {
        // Sizes on both sides of the Java engine's chunking threshold and of the CUDA engine's block of 2048, n = 0, 1.
        for (int n : new int[] {0, 1, 2, 5, 2049, 20_000}) {
            long[] a = randomVector(n);
            int zero = n / 2 + 1;
            if (n > 1000) {
                F.setZero(a, 4 * zero);
            }
            try (ScalarVector v = backend.upload(F, a, 0, n)) {
                backend.runningProduct(v);
                long[] r = backend.download(v);
                BigInteger acc = BigInteger.ONE;
                for (int i = 0; i < n; i++) {
                    acc = acc.multiply(at(a, i)).mod(P);
                    assertEquals(acc, at(r, i), "element " + i + " of " + n);
                }
                if (n > 1000) {
                    assertTrue(!F.isZero(r, 4 * (zero - 1)) && F.isZero(r, 4 * (n - 1)));
                }
            }
        }
    }

    @Test
    void slicesShareStorage() {
        int n = 8;
        long[] a = randomVector(n);
        ScalarVector v = backend.upload(F, a, 0, n);
        ScalarVector lo = v.slice(0, 4);
        ScalarVector hi = v.slice(4, 8);
        backend.add(lo, hi, lo);
        long[] r = backend.download(v);
        for (int i = 0; i < 4; i++) {
            assertEquals(at(a, i).add(at(a, i + 4)).mod(P), at(r, i));
            assertEquals(at(a, i + 4), at(r, i + 4));
        }
        lo.close(); // a view: closing it releases nothing
        backend.download(v);
        v.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> backend.download(hi));
        assertTrue(e.getMessage().contains("closed"));
        e = assertThrows(IllegalStateException.class, () -> backend.runningProduct(hi));
        assertTrue(e.getMessage().contains("closed"));
    }

    @Test
    void expandSeedWritesTheHostsExpansion() {
        byte[] seed = new byte[32];
        for (int i = 0; i < 32; i++) {
            seed[i] = (byte) rng.nextInt();
        }
        seed[31] = (byte) 0xFF; // high bytes set: the seed's words are unsigned
        for (MontgomeryField f : new MontgomeryField[] {F, Fq.FIELD}) {
            for (int n : new int[] {0, 1, 5, 300}) {
                long[] expect = new long[4 * n];
                SeedExpander.expand(f, seed, expect, 0, n);
                try (ScalarVector v = backend.allocate(f, n + 2)) {
                    backend.expandSeed(seed, v.slice(1, n + 1));
                    long[] got = backend.download(v);
                    assertArrayEquals(expect, java.util.Arrays.copyOfRange(got, 4, 4 + 4 * n), f.name() + " n = " + n);
                    assertTrue(f.isZero(got, 0) && f.isZero(got, 4 * (n + 1)), "only the slice is written");
                }
            }
        }
        try (ScalarVector v = backend.allocate(F, 4)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> backend.expandSeed(new byte[31], v));
            assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
        }
    }

    @Test
    void uploadIntoASliceOverwritesOnlyIt() {
        int n = 10;
        long[] a = randomVector(n);
        long[] b = randomVector(n + 2);
        try (ScalarVector v = backend.upload(F, a, 0, n)) {
            backend.upload(b, 8, v.slice(3, 7)); // elements 2..5 of b into 3..6 of v
            long[] r = backend.download(v);
            for (int i = 0; i < n; i++) {
                assertEquals(i >= 3 && i < 7 ? at(b, i - 1) : at(a, i), at(r, i), "element " + i);
            }
            long[] nonCanonical = new long[8];
            nonCanonical[7] = -1L;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> backend.upload(nonCanonical, 0, v.slice(0, 2)));
            assertTrue(e.getMessage().contains("element 1"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> backend.upload(new long[8], 4, v.slice(0, 2)),
                    "short source");
            assertArrayEquals(r, backend.download(v), "a refused upload writes nothing");
            try (JavaBackend other = new JavaBackend(1); ScalarVector foreign = other.allocate(F, 2)) {
                assertThrows(IllegalArgumentException.class, () -> backend.upload(new long[8], 0, foreign));
            }
        }
    }

    @Test
    void refusesMismatchedOrForeignHandles() {
        ScalarVector a = backend.allocate(F, 4);
        ScalarVector b = backend.allocate(F, 5);
        ScalarVector q = backend.allocate(Fq.FIELD, 4);
        assertThrows(IllegalArgumentException.class, () -> backend.add(a, b, a), "size mismatch");
        assertThrows(IllegalArgumentException.class, () -> backend.add(a, q, a), "field mismatch");
        try (JavaBackend other = new JavaBackend(1)) {
            ScalarVector foreign = other.allocate(F, 4);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> backend.add(a, foreign, a));
            assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> backend.runningProduct(foreign));
            assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
        }
        long[] nonCanonical = new long[4];
        nonCanonical[3] = -1L;
        assertThrows(IllegalArgumentException.class, () -> backend.upload(F, nonCanonical, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> backend.scale(a, nonCanonical, a));
        assertThrows(IllegalArgumentException.class, () -> backend.upload(F, new long[4], 0, 2), "short source");
        assertThrows(IllegalArgumentException.class, () -> backend.allocate(F, -1));
        assertThrows(IllegalArgumentException.class, () -> a.slice(2, 5));
        long[] offCurve = new long[8];
        F.setOne(offCurve, 0);
        assertThrows(IllegalArgumentException.class,
                () -> backend.uploadPoints(ShortWeierstrassCurve.VESTA, offCurve, 0, 1));
        backend.close();
        assertThrows(IllegalStateException.class, () -> backend.allocate(F, 1));
    }
}
