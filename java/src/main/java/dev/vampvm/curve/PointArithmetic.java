package dev.vampvm.curve;

import dev.vampvm.field.MontgomeryField;

/**
 * Allocation-free point kernels on the flat layouts of {@link ShortWeierstrassCurve}, holding their own
 * scratch space: one instance per thread, never shared.
 *
 * <p>Formulas: Renes, Costello and Batina, "Complete addition formulas for prime order elliptic curves"
 * (EUROCRYPT 2016), algorithms 7 (addition, 12M + 2m₃ᵦ), 8 (mixed addition, 11M + 2m₃ᵦ) and 9 (doubling,
 * 6M + 2S + 1m₃ᵦ) for a = 0. They are complete on prime-order curves: P + P, P + (−P) and the identity need
 * no special case, so no branch depends on the points (the mixed form alone needs a non-identity affine
 * input, which we check). Outputs may alias inputs.
 *
 * <p>Scalar multiplication: {@link #mul} (GLV decomposition and width-5 wNAF, the fast path) and
 * {@link #mulDoubleAndAdd} (the reference it is tested against).
 */
public final class PointArithmetic {

    private static final int T0 = 0, T1 = 4, T2 = 8, T3 = 12, T4 = 16, X3 = 20, Y3 = 24, Z3 = 28;

    private final ShortWeierstrassCurve curve;
    private final MontgomeryField f;
    private final long[] b3;
    private final long[] s = new long[32];

    // Scratch of mul: the decomposition, two wNAF digit strings, two tables of odd multiples, a spare point.
    private static final int WINDOW = 5;
    private static final int TABLE_SIZE = 1 << (WINDOW - 2);
    /** A 128-bit magnitude has at most 129 wNAF digits. */
    private static final int MAX_DIGITS = 130;
    private final long[] halves = new long[4];
    private final byte[] naf1 = new byte[MAX_DIGITS];
    private final byte[] naf2 = new byte[MAX_DIGITS];
    private final long[] table1 = new long[TABLE_SIZE * ShortWeierstrassCurve.PROJECTIVE_LONGS];
    private final long[] table2 = new long[TABLE_SIZE * ShortWeierstrassCurve.PROJECTIVE_LONGS];
    private final long[] acc = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
    private final long[] tmp = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
    private final long[] reduced = new long[4];

    PointArithmetic(ShortWeierstrassCurve curve) {
        this.curve = curve;
        this.f = curve.baseField();
        this.b3 = curve.b3;
    }

    public ShortWeierstrassCurve curve() {
        return curve;
    }

    /** r = p + q, all projective. */
    public void add(long[] p, int po, long[] q, int qo, long[] r, int ro) {
        final MontgomeryField f = this.f;
        final long[] s = this.s;
        final int x1 = po, y1 = po + 4, z1 = po + 8, x2 = qo, y2 = qo + 4, z2 = qo + 8;
        f.mul(p, x1, q, x2, s, T0);
        f.mul(p, y1, q, y2, s, T1);
        f.mul(p, z1, q, z2, s, T2);
        f.add(p, x1, p, y1, s, T3);
        f.add(q, x2, q, y2, s, T4);
        f.mul(s, T3, s, T4, s, T3);
        f.add(s, T0, s, T1, s, T4);
        f.sub(s, T3, s, T4, s, T3);
        f.add(p, y1, p, z1, s, T4);
        f.add(q, y2, q, z2, s, X3);
        f.mul(s, T4, s, X3, s, T4);
        f.add(s, T1, s, T2, s, X3);
        f.sub(s, T4, s, X3, s, T4);
        f.add(p, x1, p, z1, s, X3);
        f.add(q, x2, q, z2, s, Y3);
        f.mul(s, X3, s, Y3, s, X3);
        f.add(s, T0, s, T2, s, Y3);
        f.sub(s, X3, s, Y3, s, Y3);
        f.dbl(s, T0, s, X3);
        f.add(s, X3, s, T0, s, T0);
        f.mul(b3, 0, s, T2, s, T2);
        f.add(s, T1, s, T2, s, Z3);
        f.sub(s, T1, s, T2, s, T1);
        f.mul(b3, 0, s, Y3, s, Y3);
        finish(r, ro);
    }

    /** r = p + q with p projective and q affine; q may be the identity (0, 0). */
    public void addMixed(long[] p, int po, long[] q, int qo, long[] r, int ro) {
        if (curve.isIdentityAffine(q, qo)) {
            if (p != r || po != ro) {
                System.arraycopy(p, po, r, ro, ShortWeierstrassCurve.PROJECTIVE_LONGS);
            }
            return;
        }
        final MontgomeryField f = this.f;
        final long[] s = this.s;
        final int x1 = po, y1 = po + 4, z1 = po + 8, x2 = qo, y2 = qo + 4;
        f.mul(p, x1, q, x2, s, T0);
        f.mul(p, y1, q, y2, s, T1);
        f.add(q, x2, q, y2, s, T3);
        f.add(p, x1, p, y1, s, T4);
        f.mul(s, T3, s, T4, s, T3);
        f.add(s, T0, s, T1, s, T4);
        f.sub(s, T3, s, T4, s, T3);
        f.mul(q, y2, p, z1, s, T4);
        f.add(s, T4, p, y1, s, T4);
        f.mul(q, x2, p, z1, s, Y3);
        f.add(s, Y3, p, x1, s, Y3);
        f.dbl(s, T0, s, X3);
        f.add(s, X3, s, T0, s, T0);
        f.mul(b3, 0, p, z1, s, T2);
        f.add(s, T1, s, T2, s, Z3);
        f.sub(s, T1, s, T2, s, T1);
        f.mul(b3, 0, s, Y3, s, Y3);
        finish(r, ro);
    }

    /**
     * Common tail of algorithms 7 and 8: from t0 = 3·X1X2, t1 = Y1Y2 − 3bZ, t3, t4, Y3 = 3b·(…) and
     * Z3 = Y1Y2 + 3bZ, computes the result into r.
     */
    private void finish(long[] r, int ro) {
        final MontgomeryField f = this.f;
        final long[] s = this.s;
        f.mul(s, T4, s, Y3, s, X3);
        f.mul(s, T3, s, T1, s, T2);
        f.sub(s, T2, s, X3, s, X3);
        f.mul(s, Y3, s, T0, s, Y3);
        f.mul(s, T1, s, Z3, s, T1);
        f.add(s, T1, s, Y3, s, Y3);
        f.mul(s, T0, s, T3, s, T0);
        f.mul(s, Z3, s, T4, s, Z3);
        f.add(s, Z3, s, T0, s, Z3);
        System.arraycopy(s, X3, r, ro, ShortWeierstrassCurve.PROJECTIVE_LONGS);
    }

    /** r = 2p, projective. */
    public void dbl(long[] p, int po, long[] r, int ro) {
        final MontgomeryField f = this.f;
        final long[] s = this.s;
        final int x = po, y = po + 4, z = po + 8;
        f.square(p, y, s, T0);
        f.dbl(s, T0, s, Z3);
        f.dbl(s, Z3, s, Z3);
        f.dbl(s, Z3, s, Z3);
        f.mul(p, y, p, z, s, T1);
        f.square(p, z, s, T2);
        f.mul(b3, 0, s, T2, s, T2);
        f.mul(s, T2, s, Z3, s, X3);
        f.add(s, T0, s, T2, s, Y3);
        f.mul(s, T1, s, Z3, s, Z3);
        f.dbl(s, T2, s, T1);
        f.add(s, T1, s, T2, s, T2);
        f.sub(s, T0, s, T2, s, T0);
        f.mul(s, T0, s, Y3, s, Y3);
        f.add(s, X3, s, Y3, s, Y3);
        f.mul(p, x, p, y, s, T1);
        f.mul(s, T0, s, T1, s, X3);
        f.dbl(s, X3, s, X3);
        System.arraycopy(s, X3, r, ro, ShortWeierstrassCurve.PROJECTIVE_LONGS);
    }

    /**
     * r = [2^times]p, projective (times ≥ 0): the doublings in Jacobian coordinates (x = X/Z², y = Y/Z³), a = 0's
     * dbl-2009-l, 2M + 5S each against {@link #dbl}'s 6M + 2S + 1m₃ᵦ, converted in and out once (1S + 2M each way).
     * Complete for these curves, whose order is odd: the identity stays itself (returned as given), and no other point
     * has y = 0, so no doubling meets one. For chains of doublings, e.g. a Pippenger MSM's Horner over its window sums,
     * c doublings apart. Outputs may alias inputs.
     */
    public void dblTimes(long[] p, int po, int times, long[] r, int ro) {
        if (times < 0) {
            throw new IllegalArgumentException("a negative number of doublings: " + times);
        }
        if (times == 0 || f.isZero(p, po + 8)) {
            if (p != r || po != ro) {
                System.arraycopy(p, po, r, ro, ShortWeierstrassCurve.PROJECTIVE_LONGS);
            }
            return;
        }
        final MontgomeryField f = this.f;
        final long[] s = this.s;
        // Scratch: X, Y, Z of the Jacobian point at X3, Y3, Z3; A..D at T0..T3; E at T4.
        f.mul(p, po, p, po + 8, s, X3);          // X·Z
        f.square(p, po + 8, s, T0);              // Z²
        f.mul(p, po + 4, s, T0, s, Y3);          // Y·Z²
        System.arraycopy(p, po + 8, s, Z3, 4);   // Z
        for (int i = 0; i < times; i++) {
            f.square(s, X3, s, T0);              // A = X²
            f.square(s, Y3, s, T1);              // B = Y²
            f.square(s, T1, s, T2);              // C = B²
            f.add(s, X3, s, T1, s, T3);
            f.square(s, T3, s, T3);
            f.sub(s, T3, s, T0, s, T3);
            f.sub(s, T3, s, T2, s, T3);
            f.dbl(s, T3, s, T3);                 // D = 2((X + B)² − A − C)
            f.dbl(s, T0, s, T4);
            f.add(s, T4, s, T0, s, T4);          // E = 3A
            f.mul(s, Y3, s, Z3, s, Z3);
            f.dbl(s, Z3, s, Z3);                 // Z3 = 2YZ
            f.square(s, T4, s, X3);
            f.sub(s, X3, s, T3, s, X3);
            f.sub(s, X3, s, T3, s, X3);          // X3 = E² − 2D
            f.sub(s, T3, s, X3, s, Y3);
            f.mul(s, T4, s, Y3, s, Y3);
            f.dbl(s, T2, s, T2);
            f.dbl(s, T2, s, T2);
            f.dbl(s, T2, s, T2);
            f.sub(s, Y3, s, T2, s, Y3);          // Y3 = E(D − X3) − 8C
        }
        // Back to (X·Z : Y : Z³).
        f.square(s, Z3, s, T0);
        f.mul(s, X3, s, Z3, r, ro);
        System.arraycopy(s, Y3, r, ro + 4, 4);
        f.mul(s, T0, s, Z3, r, ro + 8);
    }

    /** r = −p, projective. */
    public void neg(long[] p, int po, long[] r, int ro) {
        if (p != r || po != ro) {
            System.arraycopy(p, po, r, ro, ShortWeierstrassCurve.PROJECTIVE_LONGS);
        }
        f.neg(p, po + 4, r, ro + 4);
    }

    /** r = −a, affine (the identity (0, 0) stays itself). */
    public void negAffine(long[] a, int ao, long[] r, int ro) {
        if (a != r || ao != ro) {
            System.arraycopy(a, ao, r, ro, ShortWeierstrassCurve.AFFINE_LONGS);
        }
        f.neg(a, ao + 4, r, ro + 4);
    }

    /**
     * r = [k]p by double-and-add over the canonical little-endian limbs of k (any length). Variable time;
     * the slow, obviously-correct reference for {@link #mul}.
     */
    public void mulDoubleAndAdd(long[] p, int po, long[] kLimbs, long[] r, int ro) {
        long[] acc = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        long[] base = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        System.arraycopy(p, po, base, 0, ShortWeierstrassCurve.PROJECTIVE_LONGS);
        curve.setIdentityProjective(acc, 0);
        for (int i = kLimbs.length * 64 - 1; i >= 0; i--) {
            dbl(acc, 0, acc, 0);
            if (((kLimbs[i >>> 6] >>> (i & 63)) & 1) != 0) {
                add(acc, 0, base, 0, acc, 0);
            }
        }
        System.arraycopy(acc, 0, r, ro, ShortWeierstrassCurve.PROJECTIVE_LONGS);
    }

    /**
     * r = [k]p for a scalar given as four canonical little-endian limbs at k[ko] (any value below 2²⁵⁶; values
     * at or above the group order are reduced). Variable time: for public scalars (verification, commitments to
     * public data, tests), not for secrets.
     *
     * <p>GLV with width-5 wNAF: k = k₁ + λk₂ with |k₁|, |k₂| &lt; 2¹²⁷ ({@link Glv}), so [k]p = [k₁]p + [k₂]φ(p) costs
     * ~127 shared doublings and ~2·127/6 additions, against 254 doublings and ~127 additions for double-and-add.
     * The table of odd multiples of ±φ(p) is the table of ±p mapped through φ, one field multiplication per entry.
     */
    public void mul(long[] p, int po, long[] k, int ko, long[] r, int ro) {
        final int P = ShortWeierstrassCurve.PROJECTIVE_LONGS;
        // Looked up per call, not in the constructor: Glv's own set-up builds a PointArithmetic.
        Glv glv = Glv.of(curve);
        reduceScalar(k, ko);
        int signs = glv.decompose(reduced, 0, halves, 0);
        int len1 = wnaf(halves[0], halves[1], naf1);
        int len2 = wnaf(halves[2], halves[3], naf2);
        int len = Math.max(len1, len2);
        // The shorter string is read up to the longer one's length: clear what an earlier call left there.
        java.util.Arrays.fill(naf1, len1, len, (byte) 0);
        java.util.Arrays.fill(naf2, len2, len, (byte) 0);

        // table1[j] = (2j + 1)·(±p), with the sign of k₁.
        System.arraycopy(p, po, table1, 0, P);
        if ((signs & 1) != 0) {
            neg(table1, 0, table1, 0);
        }
        dbl(table1, 0, tmp, 0);
        for (int j = 1; j < TABLE_SIZE; j++) {
            add(table1, (j - 1) * P, tmp, 0, table1, j * P);
        }
        // table2[j] = (2j + 1)·(±φ(p)), with the sign of k₂: φ commutes with negation and with multiples.
        boolean flip = ((signs ^ (signs >>> 1)) & 1) != 0;
        for (int j = 0; j < TABLE_SIZE; j++) {
            glv.endomorphismProjective(table1, j * P, table2, j * P);
            if (flip) {
                f.neg(table2, j * P + 4, table2, j * P + 4);
            }
        }

        curve.setIdentityProjective(acc, 0);
        boolean started = false;
        for (int i = len - 1; i >= 0; i--) {
            if (started) {
                dbl(acc, 0, acc, 0);
            }
            started |= addDigit(naf1[i], table1);
            started |= addDigit(naf2[i], table2);
        }
        System.arraycopy(acc, 0, r, ro, P);
    }

    /** acc += digit·(table entry), for an odd signed digit or 0; returns whether anything was added. */
    private boolean addDigit(int digit, long[] table) {
        if (digit == 0) {
            return false;
        }
        int entry = ((digit < 0 ? -digit : digit) >>> 1) * ShortWeierstrassCurve.PROJECTIVE_LONGS;
        if (digit > 0) {
            add(acc, 0, table, entry, acc, 0);
        } else {
            neg(table, entry, tmp, 0);
            add(acc, 0, tmp, 0, acc, 0);
        }
        return true;
    }

    /**
     * Width-5 non-adjacent form of the 128-bit value (lo, hi): digits d_i ∈ {0, ±1, ±3, …, ±15}, least
     * significant first, at most one non-zero in any 5 consecutive; returns the number of digits (at most 129).
     * Public for the CUDA engine's generator folding, whose kernel reads the same digits.
     */
    public static int wnaf(long lo, long hi, byte[] digits) {
        final int width = WINDOW;
        final long mask = (1L << width) - 1;
        int i = 0;
        while ((lo | hi) != 0) {
            int d = 0;
            if ((lo & 1) != 0) {
                d = (int) (lo & mask);
                if (d >= 1 << (width - 1)) {
                    d -= 1 << width;
                }
                // (lo, hi) −= d; afterwards the low WINDOW bits are zero.
                long nlo = lo - d;
                if (d > 0) {
                    hi -= Long.compareUnsigned(nlo, lo) > 0 ? 1 : 0;
                } else {
                    hi += Long.compareUnsigned(nlo, lo) < 0 ? 1 : 0;
                }
                lo = nlo;
            }
            digits[i++] = (byte) d;
            lo = (lo >>> 1) | (hi << 63);
            hi >>>= 1;
        }
        return i;
    }

    /** reduced = k mod n, for k below 2²⁵⁶ (at most three subtractions, since n > 2²⁵⁴). */
    private void reduceScalar(long[] k, int ko) {
        MontgomeryField scalar = curve.scalarField();
        System.arraycopy(k, ko, reduced, 0, 4);
        while (!scalar.isCanonical(reduced, 0)) {
            long borrow = 0;
            for (int i = 0; i < 4; i++) {
                long x = reduced[i], y = curve.orderLimbs[i];
                long d = x - y - borrow;
                borrow = (Long.compareUnsigned(x, y) < 0 || (borrow != 0 && x == y)) ? 1 : 0;
                reduced[i] = d;
            }
        }
    }
}
