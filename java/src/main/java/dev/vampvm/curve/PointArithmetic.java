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
 */
public final class PointArithmetic {

    private static final int T0 = 0, T1 = 4, T2 = 8, T3 = 12, T4 = 16, X3 = 20, Y3 = 24, Z3 = 28;

    private final ShortWeierstrassCurve curve;
    private final MontgomeryField f;
    private final long[] b3;
    private final long[] s = new long[32];

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
     * a reference and a building block, not the fast path (see the curve's windowed/GLV multiplication).
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
}
