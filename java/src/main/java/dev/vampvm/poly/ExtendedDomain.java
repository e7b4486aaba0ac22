package dev.vampvm.poly;

import dev.vampvm.field.MontgomeryField;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The extended coset on which the prover computes the quotient polynomial h = N / Z_H.
 *
 * <p>A constraint of degree d in columns of degree &lt; n has degree at most d(n − 1), so h has degree
 * below n·(d − 1). h is therefore fixed by its values on any n·(d − 1) points, and the prover evaluates it
 * on the coset g·H_ext of the subgroup of size n·2^j, with 2^j the least power of two ≥ d − 1; a coset
 * rather than H_ext itself, because Z_H vanishes on H ⊂ H_ext. The numerator N may have a higher degree
 * than the coset can represent, but it is never interpolated: only N / Z_H is, point by point.
 *
 * <p>The coset generator g is the base domain's ({@link EvaluationDomain#cosetGenerator()}), so g·H_ext
 * matches halo2's extended domain.
 */
public final class ExtendedDomain {

    private record Key(EvaluationDomain base, int degree) {
    }

    private static final ConcurrentHashMap<Key, ExtendedDomain> CACHE = new ConcurrentHashMap<>();

    private final EvaluationDomain base;
    private final EvaluationDomain extended;
    private final int degree;
    private final int j;
    /** 1 / ((g·ω_ext^t)^n − 1) for t in [0, 2^j): Z_H on the coset takes only these 2^j values. */
    private final long[] vanishingInverses;

    private ExtendedDomain(EvaluationDomain base, int degree, int j) {
        this.base = base;
        this.degree = degree;
        this.j = j;
        this.extended = EvaluationDomain.of(base.field(), base.k() + j);
        // (g·ω_ext^i)^n = g^n · ω_ext^(i·n), and ω_ext^n is a primitive 2^j-th root of unity, so the value
        // depends on i mod 2^j only.
        MontgomeryField f = base.field();
        int count = 1 << j;
        long[] gn = base.evaluateVanishing(base.cosetGenerator());  // g^n − 1
        f.add(gn, 0, f.one(), 0, gn, 0);                            // g^n
        long[] step = extended.omega();
        for (int i = 0; i < base.k(); i++) {
            f.square(step, 0, step, 0);
        }
        long[] inv = new long[4 * count];
        long[] one = f.one();
        long[] acc = gn;
        for (int t = 0; t < count; t++) {
            f.sub(acc, 0, one, 0, inv, 4 * t);
            f.mul(acc, 0, step, 0, acc, 0);
        }
        // None is zero: g^n is not a 2^j-th root of unity because g lies outside every 2-power subgroup.
        f.batchInvert(inv, 0, count, new long[4 * count]);
        this.vanishingInverses = inv;
    }

    /**
     * The extended domain for constraints of degree {@code constraintDegree} over {@code base}.
     *
     * @throws IllegalArgumentException if the degree is below 2 or the extended size exceeds 2^28
     */
    public static ExtendedDomain of(EvaluationDomain base, int constraintDegree) {
        if (constraintDegree < 2) {
            throw new IllegalArgumentException("constraint degree must be at least 2 (the quotient then has "
                    + "degree-1 pieces), got " + constraintDegree);
        }
        int j = 32 - Integer.numberOfLeadingZeros(constraintDegree - 2);  // least j with 2^j ≥ d − 1
        int max = Math.min(EvaluationDomain.MAX_K, base.field().twoAdicity());
        if (base.k() + j > max) {
            throw new IllegalArgumentException("extended domain for degree " + constraintDegree + " over 2^"
                    + base.k() + " needs 2^" + (base.k() + j) + " points; the limit is 2^" + max);
        }
        return CACHE.computeIfAbsent(new Key(base, constraintDegree),
                key -> new ExtendedDomain(base, constraintDegree, j));
    }

    public EvaluationDomain base() {
        return base;
    }

    /** The subgroup H_ext of size n·2^j (its coset is where the quotient is evaluated). */
    public EvaluationDomain extended() {
        return extended;
    }

    /** The constraint degree d this domain was built for. */
    public int constraintDegree() {
        return degree;
    }

    /** The number of quotient pieces, d − 1, each of n coefficients. */
    public int quotientPieces() {
        return degree - 1;
    }

    /** log₂ of the extension factor: the extended domain has n·2^j points. */
    public int extensionLog() {
        return j;
    }

    /**
     * Coefficients of a polynomial of degree &lt; n (exactly n of them) → its evaluations on g·H_ext, in a
     * fresh vector of n·2^j elements.
     */
    public long[] coeffToExtended(long[] coeffs) {
        return coeffToExtended(coeffs, Parallel.defaultThreads());
    }

    /**
     * As {@link #coeffToExtended(long[])}, on at most {@code threads} threads. The coefficients past n are
     * zero, which saves work: only n of them need the coset scaling, and the transform's first j stages
     * reduce to copies.
     */
    public long[] coeffToExtended(long[] coeffs, int threads) {
        base.checkVector(coeffs, "coeffToExtended");
        Parallel.checkThreads(threads);
        return extended.cosetNttOfShort(coeffs, threads);
    }

    /** Evaluations on g·H_ext → all n·2^j coefficients, in place. */
    public void extendedToCoeff(long[] evals) {
        extendedToCoeff(evals, Parallel.defaultThreads());
    }

    public void extendedToCoeff(long[] evals, int threads) {
        extended.checkVector(evals, "extendedToCoeff");
        extended.cosetIntt(evals, threads);
    }

    /**
     * 1 / Z_H on the coset, which repeats with period 2^j: point i of g·H_ext takes element i mod 2^j (a fresh copy;
     * what {@link #divideByVanishingOnExtendedCoset} multiplies by).
     */
    public long[] vanishingInverses() {
        return vanishingInverses.clone();
    }

    /** Divides evaluations on g·H_ext by Z_H = X^n − 1, in place. */
    public void divideByVanishingOnExtendedCoset(long[] evals) {
        divideByVanishingOnExtendedCoset(evals, Parallel.defaultThreads());
    }

    public void divideByVanishingOnExtendedCoset(long[] evals, int threads) {
        extended.checkVector(evals, "divideByVanishingOnExtendedCoset");
        Parallel.checkThreads(threads);
        MontgomeryField f = base.field();
        int mask = (1 << j) - 1;
        long[] inv = vanishingInverses;
        Parallel.forRange(threads, extended.size(), 1 << 12, (from, to) -> {
            for (int i = from; i < to; i++) {
                f.mul(evals, 4 * i, inv, 4 * (i & mask), evals, 4 * i);
            }
        });
    }

    /**
     * Cuts the coefficients of a quotient h (n·2^j of them, as {@link #extendedToCoeff} leaves them) into
     * d − 1 pieces of n coefficients, h = Σ_i X^(n·i) · h_i, each to be committed on its own.
     *
     * @throws IllegalArgumentException if h has degree ≥ n·(d − 1): then the numerator did not vanish on H
     *         (a constraint is not satisfied) or has degree above d, and the pieces would not represent h
     */
    public long[][] splitQuotient(long[] coeffs) {
        extended.checkVector(coeffs, "splitQuotient");
        int n = base.size();
        int pieces = degree - 1;
        checkQuotientTail(java.util.Arrays.copyOfRange(coeffs, 4 * n * pieces, coeffs.length), n * pieces);
        long[][] out = new long[pieces][];
        for (int i = 0; i < pieces; i++) {
            out[i] = new long[4 * n];
            System.arraycopy(coeffs, 4 * n * i, out[i], 0, 4 * n);
        }
        return out;
    }

    /**
     * Checks that a quotient's coefficients from index {@code from} = n·(d − 1) on (given as {@code tail}) are zero, as
     * {@link #splitQuotient} does; for engines that keep the coefficients and bring back only the tail.
     *
     * @throws IllegalArgumentException naming the quotient's degree otherwise
     */
    public void checkQuotientTail(long[] tail, int from) {
        int deg = Polynomials.degree(tail);
        if (deg >= 0) {
            throw new IllegalArgumentException("splitQuotient: quotient has degree " + (from + deg) + ", expected below "
                    + "n·(d − 1) = " + from + " (the constraints do not vanish on H, or exceed degree " + degree + ")");
        }
    }

    @Override
    public String toString() {
        return "ExtendedDomain(" + base + ", degree " + degree + ", 2^" + extended.k() + ")";
    }
}
