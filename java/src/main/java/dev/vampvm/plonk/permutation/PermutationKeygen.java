package dev.vampvm.plonk.permutation;

import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.plonk.PermutationMapping;
import dev.vampvm.poly.EvaluationDomain;

/**
 * The fixed part of the permutation argument: the σ polynomials.
 *
 * <p>The cells of the m permutation columns are labelled by distinct field elements δ^i·ω^r (column i, row r):
 * δ = g^(2^S) for the multiplicative generator g = 5 and the 2-adicity S = 32 (halo2's {@code DELTA}), so δ^i
 * lies in a different coset of the 2^S-th roots of unity for every i < t, t = (p − 1) / 2^S: the labels never
 * collide. σᵢ(ω^r) is the label of the cell that σ maps (i, r) to.
 */
public final class PermutationKeygen {
    private static final MontgomeryField F = Fp.FIELD;
    private static final long[] DELTA = computeDelta();

    private PermutationKeygen() {
    }

    private static long[] computeDelta() {
        long[] d = F.generator();
        for (int i = 0; i < F.twoAdicity(); i++) {
            F.square(d, 0, d, 0);
        }
        return d;
    }

    /** δ = 5^(2^32), Montgomery form (a copy). */
    public static long[] delta() {
        return DELTA.clone();
    }

    /** δ^0 … δ^(m−1), flat. */
    public static long[] deltaPowers(int m) {
        long[] out = new long[4 * Math.max(1, m)];
        F.setOne(out, 0);
        for (int i = 1; i < m; i++) {
            F.mul(out, 4 * (i - 1), DELTA, 0, out, 4 * i);
        }
        return out;
    }

    /** ω^0 … ω^(n−1), flat. */
    public static long[] omegaPowers(EvaluationDomain domain) {
        int n = domain.size();
        long[] out = new long[4 * n];
        long[] w = domain.omega();
        F.setOne(out, 0);
        for (int i = 1; i < n; i++) {
            F.mul(out, 4 * (i - 1), w, 0, out, 4 * i);
        }
        return out;
    }

    /** The evaluations over H of σ₀ … σ_{m−1}. */
    public static long[][] sigmaValues(PermutationMapping mapping, EvaluationDomain domain) {
        int n = domain.size();
        if (mapping.rows() != n) {
            throw new IllegalArgumentException("mapping of " + mapping.rows() + " rows for a domain of " + n);
        }
        int m = mapping.columns().size();
        long[] omegas = omegaPowers(domain);
        long[] deltas = deltaPowers(m);
        long[][] out = new long[m][4 * n];
        for (int p = 0; p < m; p++) {
            long[] s = out[p];
            for (int r = 0; r < n; r++) {
                int col = mapping.sigmaColumn(p, r);
                int row = mapping.sigmaRow(p, r);
                F.mul(deltas, 4 * col, omegas, 4 * row, s, 4 * r);
            }
        }
        return out;
    }
}
