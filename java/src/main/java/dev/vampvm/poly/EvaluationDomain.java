package dev.vampvm.poly;

import dev.vampvm.field.MontgomeryField;
import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The multiplicative subgroup H = ⟨ω⟩ of size n = 2^k of a field, with the transforms between a
 * polynomial's coefficients and its evaluations over H and over the coset g·H.
 *
 * <p>Vectors are flat {@code long[4n]} in Montgomery form (element i at offset 4i), coefficients in
 * ascending degree, evaluations in natural order (entry i is the value at ω^i, or g·ω^i on the coset).
 * Transforms work in place and refuse a vector whose length is not exactly 4n.
 *
 * <p>Domains are cached per (field, k): {@link #of} is cheap to call repeatedly. The twiddle table (n/2
 * elements, i.e. 16·n bytes) is built on the first transform and then shared by every user of the domain.
 *
 * <p>The coset generator g is a primitive cube root of unity ζ, as in halo2: it lies outside every
 * subgroup of 2-power order, and g⁻¹ = g². Of the two primitive cube roots we take the smaller as a
 * canonical integer, a rule derived from the modulus alone that picks exactly pasta_curves' {@code ZETA}
 * for both Fp and Fq, so our coset evaluations agree with halo2's. A field with 3 ∤ p − 1 (none we use)
 * falls back to its multiplicative generator, which generates the whole group and so is outside H too.
 */
public final class EvaluationDomain {

    /** Largest supported k: 4·2^28 longs is the largest power-of-two Java array we can index. */
    public static final int MAX_K = 28;

    private record Key(MontgomeryField field, int k) {
    }

    private static final ConcurrentHashMap<Key, EvaluationDomain> CACHE = new ConcurrentHashMap<>();

    private final MontgomeryField field;
    private final int k;
    private final int n;
    private final long[] omega;
    private final long[] omegaInv;
    private final long[] nInv;
    private final long[] g;
    private final long[] gInv;
    /** Whether g³ = 1, so that g^i depends on i mod 3 only. */
    private final boolean cubeRootCoset;
    private volatile Radix2Ntt ntt;

    private EvaluationDomain(MontgomeryField field, int k) {
        this.field = field;
        this.k = k;
        this.n = 1 << k;
        long[] w = field.rootOfUnity();
        for (int i = k; i < field.twoAdicity(); i++) {
            field.square(w, 0, w, 0);
        }
        this.omega = w;
        this.omegaInv = new long[4];
        field.inv(omega, 0, omegaInv, 0);
        this.nInv = field.fromBigInteger(BigInteger.valueOf(n));
        field.inv(nInv, 0, nInv, 0);
        this.g = cosetGenerator(field);
        this.gInv = new long[4];
        field.inv(g, 0, gInv, 0);
        long[] g3 = new long[4];
        field.square(g, 0, g3, 0);
        field.mul(g3, 0, g, 0, g3, 0);
        this.cubeRootCoset = field.isOne(g3, 0);
    }

    /**
     * The domain of size 2^k over {@code field}.
     *
     * @throws IllegalArgumentException unless 1 ≤ k ≤ min(28, the field's 2-adicity)
     */
    public static EvaluationDomain of(MontgomeryField field, int k) {
        int max = Math.min(MAX_K, field.twoAdicity());
        if (k < 1 || k > max) {
            throw new IllegalArgumentException("domain size 2^k needs 1 ≤ k ≤ " + max + " over " + field.name()
                    + " (2-adicity " + field.twoAdicity() + ", array limit 2^" + MAX_K + "), got k = " + k);
        }
        return CACHE.computeIfAbsent(new Key(field, k), key -> new EvaluationDomain(key.field(), key.k()));
    }

    static long[] cosetGenerator(MontgomeryField field) {
        BigInteger p = field.modulus();
        BigInteger pm1 = p.subtract(BigInteger.ONE);
        if (pm1.mod(BigInteger.valueOf(3)).signum() != 0) {
            return field.generator();
        }
        // generator^((p−1)/3) has order exactly 3; the other primitive cube root is its square.
        long[] z = new long[4];
        field.pow(field.generator(), 0, limbs(pm1.divide(BigInteger.valueOf(3))), z, 0);
        long[] z2 = new long[4];
        field.square(z, 0, z2, 0);
        return field.toBigInteger(z, 0).compareTo(field.toBigInteger(z2, 0)) < 0 ? z : z2;
    }

    private static long[] limbs(BigInteger v) {
        long[] r = new long[(v.bitLength() + 64) / 64];
        for (int i = 0; i < r.length; i++) {
            r[i] = v.shiftRight(64 * i).longValue();
        }
        return r;
    }

    public MontgomeryField field() {
        return field;
    }

    /** log₂ of the size. */
    public int k() {
        return k;
    }

    /** The number of elements n = 2^k. */
    public int size() {
        return n;
    }

    /** ω, a primitive n-th root of unity (the 2^32-th root raised to 2^(32−k)); a fresh copy. */
    public long[] omega() {
        return omega.clone();
    }

    /** ω⁻¹; a fresh copy. */
    public long[] omegaInverse() {
        return omegaInv.clone();
    }

    /** n⁻¹; a fresh copy. */
    public long[] sizeInverse() {
        return nInv.clone();
    }

    /** The coset generator g (see the class comment); a fresh copy. */
    public long[] cosetGenerator() {
        return g.clone();
    }

    /** g⁻¹; a fresh copy. */
    public long[] cosetGeneratorInverse() {
        return gInv.clone();
    }

    /** ω^r for any rotation r (negative r means ω^(n + r)); a fresh 4-limb array. */
    public long[] omegaPower(long r) {
        long e = Math.floorMod(r, (long) n);
        long[] out = new long[4];
        field.pow(omega, 0, new long[] {e}, out, 0);
        return out;
    }

    /** x · ω^r: the point a query at rotation r opens, in halo2's terms. */
    public long[] rotate(long[] x, int xo, int rotation) {
        long[] r = omegaPower(rotation);
        field.mul(x, xo, r, 0, r, 0);
        return r;
    }

    // ---------------------------------------------------------------------------------------------
    // Transforms.

    /** Coefficients → evaluations over H, in place, on all available processors. */
    public void ntt(long[] a) {
        ntt(a, Parallel.defaultThreads());
    }

    /** Coefficients → evaluations over H, in place, on at most {@code threads} threads. */
    public void ntt(long[] a, int threads) {
        checkVector(a, "ntt");
        Parallel.checkThreads(threads);
        plan().forward(a, threads);
    }

    /** Evaluations over H → coefficients, in place (the 1/n included). */
    public void intt(long[] a) {
        intt(a, Parallel.defaultThreads());
    }

    /**
     * Evaluations over H → coefficients, in place, on at most {@code threads} threads.
     *
     * <p>Uses the forward transform: the DFT with ω⁻¹ equals the DFT with ω followed by the index map
     * i ↦ −i mod n, so the inverse is a forward transform, a reversal of entries 1 .. n − 1 and a scaling by
     * 1/n, fused into one pass. One twiddle table then serves both directions.
     */
    public void intt(long[] a, int threads) {
        checkVector(a, "intt");
        Parallel.checkThreads(threads);
        plan().forward(a, threads);
        reverseTail(a, nInv, threads);
    }

    /** Coefficients → evaluations over the coset g·H, in place. */
    public void cosetNtt(long[] a) {
        cosetNtt(a, Parallel.defaultThreads());
    }

    /** Coefficients → evaluations over g·H, in place: p(gX) has coefficients a_i g^i, then a plain NTT. */
    public void cosetNtt(long[] a, int threads) {
        checkVector(a, "cosetNtt");
        Parallel.checkThreads(threads);
        distributeCosetPowers(a, null, g, threads);
        plan().forward(a, threads);
    }

    /** Evaluations over g·H → coefficients, in place. */
    public void cosetIntt(long[] a) {
        cosetIntt(a, Parallel.defaultThreads());
    }

    /** Evaluations over g·H → coefficients, in place: the inverse of {@link #cosetNtt(long[], int)}. */
    public void cosetIntt(long[] a, int threads) {
        checkVector(a, "cosetIntt");
        Parallel.checkThreads(threads);
        plan().forward(a, threads);
        reverseTail(a, null, threads);
        // a_i ← a_i · n⁻¹ · g^(−i), the 1/n folded into the powers.
        distributeCosetPowers(a, nInv, gInv, threads);
    }

    /**
     * a_i ← a_i · start · base^i for base = g or g⁻¹ (start = null meaning 1), for a vector of any length.
     * With g a cube root of unity the factor depends on i mod 3 only: one multiplication per element, none
     * at all where the factor is 1, instead of the two a running power costs.
     */
    void distributeCosetPowers(long[] a, long[] start, long[] base, int threads) {
        if (!cubeRootCoset) {
            Polynomials.distributePowers(field, a, start == null ? field.one() : start, base, threads);
            return;
        }
        long[] c = new long[12];
        if (start == null) {
            field.setOne(c, 0);
        } else {
            System.arraycopy(start, 0, c, 0, 4);
        }
        field.mul(c, 0, base, 0, c, 4);
        field.mul(c, 4, base, 0, c, 8);
        boolean skipFirst = start == null;
        Parallel.forRange(threads, a.length >>> 2, 1 << 12, (from, to) -> {
            int t = from % 3;
            for (int i = from; i < to; i++) {
                if (t != 0 || !skipFirst) {
                    field.mul(a, 4 * i, c, 4 * t, a, 4 * i);
                }
                t = t == 2 ? 0 : t + 1;
            }
        });
    }

    /**
     * a[i] ↔ a[n − i] for 0 &lt; i &lt; n/2, and every entry multiplied by {@code scale} unless it is null.
     */
    private void reverseTail(long[] a, long[] scale, int threads) {
        int half = n / 2;
        if (scale != null) {
            field.mul(a, 0, scale, 0, a, 0);
            field.mul(a, 4 * half, scale, 0, a, 4 * half);
        }
        // Pairs (i, n − i) for i in [1, n/2).
        Parallel.forRange(k >= 10 ? threads : 1, half - 1, 1 << 11, (from, to) -> {
            long[] tmp = new long[4];
            for (int i = from + 1; i < to + 1; i++) {
                int x = 4 * i;
                int y = 4 * (n - i);
                if (scale != null) {
                    field.mul(a, x, scale, 0, tmp, 0);
                    field.mul(a, y, scale, 0, a, x);
                } else {
                    System.arraycopy(a, x, tmp, 0, 4);
                    System.arraycopy(a, y, a, x, 4);
                }
                System.arraycopy(tmp, 0, a, y, 4);
            }
        });
    }

    private Radix2Ntt plan() {
        Radix2Ntt p = ntt;
        if (p == null) {
            synchronized (this) {
                p = ntt;
                if (p == null) {
                    p = new Radix2Ntt(field, k, omega);
                    ntt = p;
                }
            }
        }
        return p;
    }

    /**
     * Evaluations on g·H of the polynomial with the given coefficients, fewer than n of them: n / 2^j for
     * some j (a polynomial of degree below n / 2^j), into a fresh vector.
     */
    long[] cosetNttOfShort(long[] coeffs, int threads) {
        int count = coeffs.length >>> 2;
        int j = k - (31 - Integer.numberOfLeadingZeros(count));
        long[] scaled = coeffs.clone();
        distributeCosetPowers(scaled, null, g, threads);
        long[] out = new long[4 * n];
        plan().forwardZeroPadded(scaled, j, out, threads);
        return out;
    }

    /** ω^j for j &lt; n/2 (building the twiddle table if needed); shared, do not modify. */
    long[] twiddles() {
        return plan().twiddles();
    }

    void checkVector(long[] a, String what) {
        if (a == null) {
            throw new IllegalArgumentException(what + ": vector is null");
        }
        if (a.length != 4 * n) {
            throw new IllegalArgumentException(what + ": domain of size 2^" + k + " = " + n
                    + " needs a vector of exactly " + n + " elements (" + 4 * n + " longs), got "
                    + (a.length % 4 == 0 ? a.length / 4 + " elements" : a.length + " longs"));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Vanishing polynomial and Lagrange basis.

    /** r = Z_H(x) = x^n − 1. */
    public void evaluateVanishing(long[] x, int xo, long[] r, int ro) {
        long[] t = new long[4];
        System.arraycopy(x, xo, t, 0, 4);
        for (int i = 0; i < k; i++) {
            field.square(t, 0, t, 0);
        }
        long[] one = field.one();
        field.sub(t, 0, one, 0, r, ro);
    }

    /** Z_H(x) = x^n − 1, as a fresh 4-limb array. */
    public long[] evaluateVanishing(long[] x) {
        long[] r = new long[4];
        evaluateVanishing(x, 0, r, 0);
        return r;
    }

    /**
     * The Lagrange basis polynomials of H at x: entry t of the result (offset 4t) is l_{ω^r}(x) for
     * r = rotations[t], where l_{ω^r} is 1 at ω^r and 0 elsewhere on H; a negative r means n + r.
     *
     * <p>Off H, l_{ω^r}(x) = ω^r · (x^n − 1) / (n · (x − ω^r)), all denominators inverted together. On H,
     * x^n − 1 = 0 and that formula is 0/0, so the exact values are returned instead: 1 where x = ω^r, else 0.
     */
    public long[] lagrangeBasisAt(long[] x, int xo, int[] rotations) {
        int m = rotations.length;
        long[] out = new long[4 * m];
        if (m == 0) {
            return out;
        }
        long[] points = new long[4 * m];
        for (int t = 0; t < m; t++) {
            System.arraycopy(omegaPower(rotations[t]), 0, points, 4 * t, 4);
        }
        long[] zx = new long[4];
        evaluateVanishing(x, xo, zx, 0);
        if (field.isZero(zx, 0)) {
            for (int t = 0; t < m; t++) {
                if (field.equal(points, 4 * t, x, xo)) {
                    field.setOne(out, 4 * t);
                }
            }
            return out;
        }
        // out_t = n·(x − ω^r), inverted in one batch (none is zero since x ∉ H).
        long[] nn = field.fromBigInteger(BigInteger.valueOf(n));
        for (int t = 0; t < m; t++) {
            field.sub(x, xo, points, 4 * t, out, 4 * t);
            field.mul(out, 4 * t, nn, 0, out, 4 * t);
        }
        field.batchInvert(out, 0, m, new long[4 * m]);
        for (int t = 0; t < m; t++) {
            field.mul(out, 4 * t, points, 4 * t, out, 4 * t);
            field.mul(out, 4 * t, zx, 0, out, 4 * t);
        }
        return out;
    }

    /** {@link #lagrangeBasisAt(long[], int, int[])} for x at offset 0. */
    public long[] lagrangeBasisAt(long[] x, int... rotations) {
        return lagrangeBasisAt(x, 0, rotations);
    }

    @Override
    public String toString() {
        return "EvaluationDomain(" + field.name() + ", 2^" + k + ")";
    }
}
