package dev.vampvm.msm;

import dev.vampvm.curve.Glv;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;

/**
 * An n-term MSM rewritten as a 2n-term one with half-length scalars: kᵢ = k₁ + λk₂ gives
 * [kᵢ]Pᵢ = [|k₁|](±Pᵢ) + [|k₂|](±φ(Pᵢ)), φ(x, y) = (ζx, y) costing one multiplication per base.
 * Layout interleaved: half-term 2i is (|k₁|, ±Pᵢ), 2i + 1 is (|k₂|, ±φ(Pᵢ)); magnitudes two limbs each (below
 * 2^127), signs as negation flags. Interleaving keeps a prefix of the terms a prefix of the half-terms, which
 * the fixed-base tables rely on.
 */
record GlvSplit(long[] points, long[] magnitudes, boolean[] negate) {

    /** Decomposes the scalars and builds the 2n-point table (P₀, φ(P₀), P₁, φ(P₁), …). */
    static GlvSplit of(ShortWeierstrassCurve curve, long[] bases, int basesOffset, long[] scalarsMontgomery,
                       int scalarsOffset, int n, Workers workers) {
        Glv glv = Glv.of(curve);
        long[] points = new long[ShortWeierstrassCurve.AFFINE_LONGS * 2 * n];
        GlvSplit split = scalarsOnly(curve, scalarsMontgomery, scalarsOffset, n, workers, points);
        workers.forRange(n, 1 << 12, (from, to) -> {
            for (int i = from; i < to; i++) {
                System.arraycopy(bases, basesOffset + 8 * i, points, 16 * i, 8);
                glv.endomorphismAffine(bases, basesOffset + 8 * i, points, 16 * i + 8);
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
                System.arraycopy(half, 0, magnitudes, 4 * i, 4);
                negate[2 * i] = (signs & 1) != 0;
                negate[2 * i + 1] = (signs & 2) != 0;
            }
        });
        return new GlvSplit(points, magnitudes, negate);
    }
}
