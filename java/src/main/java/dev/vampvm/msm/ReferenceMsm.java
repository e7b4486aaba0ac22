package dev.vampvm.msm;

import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;

/**
 * Σ [kᵢ]Pᵢ the obvious way: one double-and-add per term with the complete projective formulas, summed in
 * order. Slow (about 40 times a Pippenger MSM at n = 2¹⁰) and obviously correct; it is what the fast
 * engines are tested against, here and in other packages.
 */
public final class ReferenceMsm {

    private ReferenceMsm() {
    }

    /**
     * @param basesAffine        n affine points (8 longs each, identity (0, 0) allowed) from basesOffset
     * @param scalarsMontgomery  n elements of {@code curve.scalarField()} in Montgomery form from scalarsOffset
     * @return the projective sum (12 longs)
     * @throws IllegalArgumentException on a negative n, arrays too short, or a scalar not below the order
     */
    public static long[] msm(ShortWeierstrassCurve curve, long[] basesAffine, int basesOffset,
                             long[] scalarsMontgomery, int scalarsOffset, int n) {
        MsmInputs.check(curve, basesAffine, basesOffset, scalarsMontgomery, scalarsOffset, n);
        MontgomeryField fr = curve.scalarField();
        PointArithmetic ops = curve.arithmetic();
        long[] acc = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        curve.setIdentityProjective(acc, 0);
        long[] p = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        long[] k = new long[4];
        for (int i = 0; i < n; i++) {
            fr.toCanonical(scalarsMontgomery, scalarsOffset + 4 * i, k, 0);
            curve.affineToProjective(basesAffine, basesOffset + ShortWeierstrassCurve.AFFINE_LONGS * i, p, 0);
            ops.mulDoubleAndAdd(p, 0, k, p, 0);
            ops.add(acc, 0, p, 0, acc, 0);
        }
        return acc;
    }
}
