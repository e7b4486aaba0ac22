package dev.vampvm.msm;

import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import java.math.BigInteger;
import java.util.SplittableRandom;

/** Random and edge-case inputs for the MSM tests. */
final class MsmTestData {

    static final int AFF = ShortWeierstrassCurve.AFFINE_LONGS;
    static final int PROJ = ShortWeierstrassCurve.PROJECTIVE_LONGS;

    private MsmTestData() {
    }

    static ShortWeierstrassCurve[] curves() {
        return new ShortWeierstrassCurve[] {ShortWeierstrassCurve.PALLAS, ShortWeierstrassCurve.VESTA};
    }

    /** A random point: the generator times a random scalar. */
    static long[] randomPoint(ShortWeierstrassCurve curve, SplittableRandom rng) {
        PointArithmetic ops = curve.arithmetic();
        long[] g = new long[PROJ];
        curve.affineToProjective(curve.generatorAffine(), 0, g, 0);
        long[] k = new long[4];
        curve.scalarField().random(rng, k, 0);
        curve.scalarField().toCanonical(k, 0, k, 0);
        ops.mulDoubleAndAdd(g, 0, k, g, 0);
        long[] a = new long[AFF];
        curve.projectiveToAffine(g, 0, a, 0);
        return a;
    }

    /**
     * n pseudo-random affine points, cheaply: a random walk P_{i+1} = P_i + S_j over 16 random steps, then
     * one batch normalisation.
     */
    static long[] randomBases(ShortWeierstrassCurve curve, int n, SplittableRandom rng) {
        PointArithmetic ops = curve.arithmetic();
        long[][] steps = new long[16][];
        for (int j = 0; j < steps.length; j++) {
            steps[j] = randomPoint(curve, rng);
        }
        long[] proj = new long[PROJ * n];
        long[] cur = new long[PROJ];
        curve.affineToProjective(randomPoint(curve, rng), 0, cur, 0);
        for (int i = 0; i < n; i++) {
            ops.addMixed(cur, 0, steps[rng.nextInt(steps.length)], 0, cur, 0);
            System.arraycopy(cur, 0, proj, PROJ * i, PROJ);
        }
        long[] out = new long[AFF * n];
        curve.batchProjectiveToAffine(proj, 0, n, out, 0);
        return out;
    }

    static long[] randomScalars(ShortWeierstrassCurve curve, int n, SplittableRandom rng) {
        long[] s = new long[4 * n];
        for (int i = 0; i < n; i++) {
            curve.scalarField().random(rng, s, 4 * i);
        }
        return s;
    }

    /** Montgomery form of v mod order. */
    static void setScalar(ShortWeierstrassCurve curve, long[] s, int i, BigInteger v) {
        MontgomeryField fr = curve.scalarField();
        System.arraycopy(fr.fromBigInteger(v), 0, s, 4 * i, 4);
    }

    static long[] affineToProjective(ShortWeierstrassCurve curve, long[] a, int ao) {
        long[] p = new long[PROJ];
        curve.affineToProjective(a, ao, p, 0);
        return p;
    }

    static String describe(ShortWeierstrassCurve curve, long[] p) {
        if (curve.isIdentityProjective(p, 0)) {
            return "identity";
        }
        long[] a = new long[AFF];
        curve.projectiveToAffine(p, 0, a, 0);
        return "(" + curve.baseField().toBigInteger(a, 0).toString(16) + ", " + curve.baseField().toBigInteger(a, 4).toString(16) + ")";
    }
}
