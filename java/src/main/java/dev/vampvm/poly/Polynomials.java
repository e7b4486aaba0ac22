package dev.vampvm.poly;

import dev.vampvm.field.MontgomeryField;

/**
 * Operations on polynomials held as flat coefficient vectors ({@code long[4n]}, Montgomery form,
 * ascending degree) or, for the element-wise ones, as evaluation vectors of equal length.
 *
 * <p>Scalars are 4-limb arrays at offset 0. Methods that touch every element split the work across
 * threads for long vectors; results do not depend on the thread count.
 */
public final class Polynomials {

    /** Vectors shorter than this are processed on the calling thread. */
    private static final int PARALLEL_MIN = 1 << 12;

    private Polynomials() {
    }

    /** Number of elements of a flat vector, refusing a length that is not a multiple of 4. */
    static int elements(long[] v, String what) {
        if (v == null) {
            throw new IllegalArgumentException(what + ": vector is null");
        }
        if ((v.length & 3) != 0) {
            throw new IllegalArgumentException(what + ": a flat vector has 4 longs per element, got length "
                    + v.length);
        }
        return v.length >>> 2;
    }

    private static void checkScalar(long[] s, String what) {
        if (s == null || s.length < 4) {
            throw new IllegalArgumentException(what + ": a scalar is 4 limbs");
        }
    }

    private static void checkSameLength(long[] a, long[] b, String what) {
        int n = elements(a, what);
        int m = elements(b, what);
        if (n != m) {
            throw new IllegalArgumentException(what + ": vectors of " + n + " and " + m + " elements");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Evaluation and division.

    /** p(x) for p with the given coefficients, on all available processors; the empty vector is p = 0. */
    public static long[] evaluate(MontgomeryField field, long[] coeffs, long[] x) {
        return evaluate(field, coeffs, x, Parallel.defaultThreads());
    }

    /**
     * p(x) by Horner's rule. Long vectors are cut into one chunk per thread: chunk [s, e) contributes
     * x^s · Σ_{i∈[s,e)} c_i x^(i−s), each evaluated by Horner, so every thread does n/threads multiplications.
     */
    public static long[] evaluate(MontgomeryField field, long[] coeffs, long[] x, int threads) {
        int n = elements(coeffs, "evaluate");
        checkScalar(x, "evaluate");
        Parallel.checkThreads(threads);
        int chunks = n >= PARALLEL_MIN ? Math.min(threads, n / (PARALLEL_MIN / 4)) : 1;
        long[] partial = new long[4 * Math.max(1, chunks)];
        Parallel.forRange(chunks, Math.max(1, chunks), 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int from = (int) ((long) n * c / chunks);
                int to = (int) ((long) n * (c + 1) / chunks);
                int o = 4 * c;
                for (int i = to - 1; i >= from; i--) {
                    field.mul(partial, o, x, 0, partial, o);
                    field.add(partial, o, coeffs, 4 * i, partial, o);
                }
                if (from > 0) {
                    long[] xs = new long[4];
                    field.pow(x, 0, new long[] {from}, xs, 0);
                    field.mul(partial, o, xs, 0, partial, o);
                }
            }
        });
        long[] r = new long[4];
        for (int c = 0; c < chunks; c++) {
            field.add(r, 0, partial, 4 * c, r, 0);
        }
        return r;
    }

    /**
     * The quotient (p(X) − p(a)) / (X − a) by synthetic division, as n − 1 coefficients (p has n). This
     * is the division a commitment opening at a performs (halo2's {@code kate_division}); the remainder
     * p(a) is dropped. A constant p gives the empty quotient.
     *
     * @throws IllegalArgumentException for the empty vector, which has no well-defined division
     */
    public static long[] divideByLinear(MontgomeryField field, long[] coeffs, long[] a) {
        int n = elements(coeffs, "divideByLinear");
        checkScalar(a, "divideByLinear");
        if (n == 0) {
            throw new IllegalArgumentException("divideByLinear: the polynomial has no coefficients (need at least 1)");
        }
        // From the top: q_{n−2} = c_{n−1}, q_{i−1} = c_i + a·q_i.
        long[] q = new long[4 * (n - 1)];
        if (n == 1) {
            return q;
        }
        System.arraycopy(coeffs, 4 * (n - 1), q, 4 * (n - 2), 4);
        for (int i = n - 2; i >= 1; i--) {
            field.mul(q, 4 * i, a, 0, q, 4 * (i - 1));
            field.add(q, 4 * (i - 1), coeffs, 4 * i, q, 4 * (i - 1));
        }
        return q;
    }

    /** Index of the highest non-zero coefficient, or −1 for the zero polynomial. */
    public static int degree(long[] coeffs) {
        int n = elements(coeffs, "degree");
        for (int i = n - 1; i >= 0; i--) {
            int o = 4 * i;
            if ((coeffs[o] | coeffs[o + 1] | coeffs[o + 2] | coeffs[o + 3]) != 0) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------
    // Element-wise operations (coefficient or evaluation vectors alike).

    /** a ← a + b. */
    public static void addAssign(MontgomeryField field, long[] a, long[] b) {
        checkSameLength(a, b, "addAssign");
        Parallel.forRange(Parallel.defaultThreads(), a.length >>> 2, PARALLEL_MIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                field.add(a, 4 * i, b, 4 * i, a, 4 * i);
            }
        });
    }

    /** a ← a − b. */
    public static void subAssign(MontgomeryField field, long[] a, long[] b) {
        checkSameLength(a, b, "subAssign");
        Parallel.forRange(Parallel.defaultThreads(), a.length >>> 2, PARALLEL_MIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                field.sub(a, 4 * i, b, 4 * i, a, 4 * i);
            }
        });
    }

    /** a ← a + s·b. */
    public static void addScaled(MontgomeryField field, long[] a, long[] s, long[] b) {
        checkSameLength(a, b, "addScaled");
        checkScalar(s, "addScaled");
        Parallel.forRange(Parallel.defaultThreads(), a.length >>> 2, PARALLEL_MIN, (from, to) -> {
            long[] t = new long[4];
            for (int i = from; i < to; i++) {
                field.mul(b, 4 * i, s, 0, t, 0);
                field.add(a, 4 * i, t, 0, a, 4 * i);
            }
        });
    }

    /** a ← s·a. */
    public static void scale(MontgomeryField field, long[] a, long[] s) {
        elements(a, "scale");
        checkScalar(s, "scale");
        Parallel.forRange(Parallel.defaultThreads(), a.length >>> 2, PARALLEL_MIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                field.mul(a, 4 * i, s, 0, a, 4 * i);
            }
        });
    }

    /** a ← a ⊙ b, the element-wise product (of evaluation vectors over the same points). */
    public static void mulAssign(MontgomeryField field, long[] a, long[] b) {
        checkSameLength(a, b, "mulAssign");
        Parallel.forRange(Parallel.defaultThreads(), a.length >>> 2, PARALLEL_MIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                field.mul(a, 4 * i, b, 4 * i, a, 4 * i);
            }
        });
    }

    /** a_i ← a_i · base^i: turns the coefficients of p(X) into those of p(base·X). */
    public static void distributePowers(MontgomeryField field, long[] a, long[] base) {
        distributePowers(field, a, base, Parallel.defaultThreads());
    }

    /** a_i ← a_i · base^i on at most {@code threads} threads. */
    public static void distributePowers(MontgomeryField field, long[] a, long[] base, int threads) {
        distributePowers(field, a, field.one(), base, threads);
    }

    /** a_i ← a_i · start · base^i; each thread starts its chunk from start · base^from by one exponentiation. */
    public static void distributePowers(MontgomeryField field, long[] a, long[] start, long[] base, int threads) {
        int n = elements(a, "distributePowers");
        checkScalar(start, "distributePowers");
        checkScalar(base, "distributePowers");
        Parallel.checkThreads(threads);
        Parallel.forRange(threads, n, PARALLEL_MIN, (from, to) -> {
            long[] acc = new long[4];
            field.pow(base, 0, new long[] {from}, acc, 0);
            field.mul(acc, 0, start, 0, acc, 0);
            for (int i = from; i < to; i++) {
                field.mul(a, 4 * i, acc, 0, a, 4 * i);
                if (i + 1 < to) {
                    field.mul(acc, 0, base, 0, acc, 0);
                }
            }
        });
    }
}
