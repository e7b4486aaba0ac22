package dev.vampvm.msm;

import dev.vampvm.curve.Glv;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;

/**
 * An n-term MSM rewritten as a 2n-term one with half-length scalars: kᵢ = k₁ + λk₂ gives
 * [kᵢ]Pᵢ = [|k₁|](±Pᵢ) + [|k₂|](±φ(Pᵢ)), φ(x, y) = (ζx, y) costing one multiplication per base.
 * Layout: term i and term n + i; magnitudes two limbs each (below 2^127), signs as negation flags.
 */
record GlvSplit(long[] points, long[] magnitudes, boolean[] negate) {

    /** Decomposes the scalars and builds the 2n-point table (P₀ … P_{n−1}, φ(P₀) … φ(P_{n−1})). */
    static GlvSplit of(ShortWeierstrassCurve curve, long[] bases, int basesOffset, long[] scalarsMontgomery,
                       int scalarsOffset, int n, Workers workers) {
        Glv glv = Glv.of(curve);
        long[] points = new long[ShortWeierstrassCurve.AFFINE_LONGS * 2 * n];
        GlvSplit split = scalarsOnly(curve, scalarsMontgomery, scalarsOffset, n, workers, points);
        workers.forRange(n, 1 << 12, (from, to) -> {
            System.arraycopy(bases, basesOffset + 8 * from, points, 8 * from, 8 * (to - from));
            for (int i = from; i < to; i++) {
                glv.endomorphismAffine(bases, basesOffset + 8 * i, points, 8 * (n + i));
            }
        });
        return split;
    }

    /** Decomposes the scalars only (for precomputed tables); {@code points} is carried through as given. */
    static GlvSplit scalarsOnly(ShortWeierstrassCurve curve, long[] scalarsMontgomery, int scalarsOffset, int n,
                                Workers workers, long[] points) {
        Glv glv = Glv.of(curve);
        MontgomeryField fr = curve.scalarField();
        long[] magnitudes = new long[4 * n];
        boolean[] negate = new boolean[2 * n];
        workers.forRange(n, 1 << 12, (from, to) -> {
            long[] k = new long[4];
            long[] half = new long[4];
            for (int i = from; i < to; i++) {
                fr.toCanonical(scalarsMontgomery, scalarsOffset + 4 * i, k, 0);
                int signs = glv.decompose(k, 0, half, 0);
                magnitudes[2 * i] = half[0];
                magnitudes[2 * i + 1] = half[1];
                magnitudes[2 * (n + i)] = half[2];
                magnitudes[2 * (n + i) + 1] = half[3];
                negate[i] = (signs & 1) != 0;
                negate[n + i] = (signs & 2) != 0;
            }
        });
        return new GlvSplit(points, magnitudes, negate);
    }
}
