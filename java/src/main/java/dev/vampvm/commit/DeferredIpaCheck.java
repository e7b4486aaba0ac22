package dev.vampvm.commit;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import java.util.List;

/**
 * What remains of an IPA verification after the cheap part: the claim that
 * <pre>
 *   P − v·G_0 + ξ·S + Σ_j (u_j⁻¹·L_j + u_j·R_j) − c·G'_0 − (z·c·b)·U − f·W = 0,
 * </pre>
 * with G'_0 = Σ_i s_i·G_i, s_i the product of the u_j selected by the bits of i. Checking it costs an MSM
 * over all n bases, which is why it is deferred: many checks combine into one {@link MsmAccumulator}.
 *
 * @param k           log2 of the number of bases the proof used
 * @param negC        −c (Montgomery form)
 * @param challenges  u_0 … u_{k−1}, in round order
 * @param negV        −v, the coefficient of G_0 from subtracting the claimed value
 * @param points      the other points (P, S, L_j, R_j), affine
 * @param scalars     their coefficients
 * @param wScalar     −f
 * @param uScalar     −z·c·b
 */
public record DeferredIpaCheck(int k, long[] negC, long[][] challenges, long[] negV, List<long[]> points,
        List<long[]> scalars, long[] wScalar, long[] uScalar) {

    private static final MontgomeryField F = ShortWeierstrassCurve.VESTA.scalarField();

    /** Adds weight × this check to the accumulator. */
    public void accumulateInto(MsmAccumulator acc, long[] weight) {
        int n = 1 << k;
        // s_i · (−c) · weight, built from the last round to the first: s = [s, u_j·s].
        long[] s = new long[4 * n];
        F.mul(negC, 0, weight, 0, s, 0);
        int len = 1;
        for (int j = k - 1; j >= 0; j--) {
            for (int i = 0; i < len; i++) {
                F.mul(s, 4 * i, challenges[j], 0, s, 4 * (len + i));
            }
            len *= 2;
        }
        acc.addGVector(s);
        long[] t = new long[4];
        F.mul(negV, 0, weight, 0, t, 0);
        acc.addG(0, t);
        for (int i = 0; i < points.size(); i++) {
            F.mul(scalars.get(i), 0, weight, 0, t, 0);
            acc.addPoint(points.get(i), t);
        }
        F.mul(wScalar, 0, weight, 0, t, 0);
        acc.addW(t);
        F.mul(uScalar, 0, weight, 0, t, 0);
        acc.addU(t);
    }
}
