package dev.vampvm.poly;

import dev.vampvm.field.MontgomeryField;
import java.util.SplittableRandom;

/**
 * Slow, obviously correct references for the transforms: every evaluation is a Horner loop, every
 * inverse a direct sum. O(n²); only for tests.
 */
final class Naive {
    private Naive() {
    }

    static long[] random(MontgomeryField f, SplittableRandom rng, int n) {
        long[] v = new long[4 * n];
        for (int i = 0; i < n; i++) {
            randomInto(f, rng, v, 4 * i);
        }
        return v;
    }

    /**
     * A uniformly random element. {@link MontgomeryField#random} reduces 512 random bits by repeated
     * subtraction, which only terminates quickly for moduli near 2^255 (the Pasta ones); smaller test fields
     * take the BigInteger route.
     */
    static void randomInto(MontgomeryField f, SplittableRandom rng, long[] r, int ro) {
        if (f.modulus().bitLength() >= 254) {
            f.random(rng, r, ro);
            return;
        }
        byte[] bytes = new byte[(f.modulus().bitLength() + 7) / 8 + 16];
        rng.nextBytes(bytes);
        System.arraycopy(f.fromBigInteger(new java.math.BigInteger(1, bytes)), 0, r, ro, 4);
    }

    /** p(x) by Horner. */
    static long[] eval(MontgomeryField f, long[] coeffs, long[] x) {
        long[] acc = new long[4];
        for (int i = coeffs.length / 4 - 1; i >= 0; i--) {
            f.mul(acc, 0, x, 0, acc, 0);
            f.add(acc, 0, coeffs, 4 * i, acc, 0);
        }
        return acc;
    }

    /** [p(shift · ω^i) for i < count], for coefficients of any length. */
    static long[] evalOnCoset(MontgomeryField f, long[] coeffs, long[] shift, long[] omega, int count) {
        long[] out = new long[4 * count];
        long[] x = shift.clone();
        for (int i = 0; i < count; i++) {
            System.arraycopy(eval(f, coeffs, x), 0, out, 4 * i, 4);
            f.mul(x, 0, omega, 0, x, 0);
        }
        return out;
    }

    /**
     * The inverse of {@link #evalOnCoset} for count = n: a_j = n⁻¹ · shift^(−j) · Σ_i e_i ω^(−ij), each sum a
     * Horner loop in ω^(−j).
     */
    static long[] interpolateFromCoset(MontgomeryField f, long[] evals, long[] shift, long[] omega) {
        int n = evals.length / 4;
        long[] omegaInv = new long[4];
        f.inv(omega, 0, omegaInv, 0);
        long[] shiftInv = new long[4];
        f.inv(shift, 0, shiftInv, 0);
        long[] nInv = f.fromBigInteger(java.math.BigInteger.valueOf(n));
        f.inv(nInv, 0, nInv, 0);
        long[] out = new long[4 * n];
        long[] step = f.one();         // ω^(−j)
        long[] scale = nInv.clone();   // n⁻¹ · shift^(−j)
        for (int j = 0; j < n; j++) {
            long[] s = eval(f, evals, step);
            f.mul(s, 0, scale, 0, out, 4 * j);
            f.mul(step, 0, omegaInv, 0, step, 0);
            f.mul(scale, 0, shiftInv, 0, scale, 0);
        }
        return out;
    }
}
