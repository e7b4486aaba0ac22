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

    /**
     * n random bases with, every ten, an identity, a P/−P pair and a repeated point: (0, 0) at i, −P_{i+1} at
     * i + 2 and P_{i+1} again at i + 3.
     */
    static long[] edgeCaseBases(ShortWeierstrassCurve c, int n, SplittableRandom rng) {
        long[] bases = randomBases(c, n, rng);
        for (int i = 0; i + 3 < n; i += 10) {
            java.util.Arrays.fill(bases, AFF * i, AFF * i + AFF, 0L);
            System.arraycopy(bases, AFF * (i + 1), bases, AFF * (i + 2), AFF);
            c.arithmetic().negAffine(bases, AFF * (i + 2), bases, AFF * (i + 2));
            System.arraycopy(bases, AFF * (i + 1), bases, AFF * (i + 3), AFF);
        }
        return bases;
    }

    /**
     * n random scalars with, every ten, equal scalars on the P/−P pair and the repeat of {@link #edgeCaseBases}
     * (i + 1 to i + 3), then 0, 1, −1 and 2^254 + i.
     */
    static long[] edgeCaseScalars(ShortWeierstrassCurve c, int n, SplittableRandom rng) {
        BigInteger order = c.scalarField().modulus();
        long[] scalars = randomScalars(c, n, rng);
        for (int i = 0; i + 9 < n; i += 10) {
            System.arraycopy(scalars, 4 * (i + 1), scalars, 4 * (i + 2), 4);
            System.arraycopy(scalars, 4 * (i + 1), scalars, 4 * (i + 3), 4);
            setScalar(c, scalars, i + 4, BigInteger.ZERO);
            setScalar(c, scalars, i + 5, BigInteger.ONE);
            setScalar(c, scalars, i + 6, order.subtract(BigInteger.ONE));
            setScalar(c, scalars, i + 7, BigInteger.ONE.shiftLeft(254).add(BigInteger.valueOf(i)));
        }
        return scalars;
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
