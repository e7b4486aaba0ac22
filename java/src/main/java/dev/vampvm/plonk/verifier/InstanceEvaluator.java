package dev.vampvm.plonk.verifier;

import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Expression.Query;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.poly.EvaluationDomain;
import java.math.BigInteger;
import java.util.List;

/**
 * Evaluates the instance polynomials at the points the circuit queries them, from the public values alone:
 * an instance column holding v₀ … v_(m−1) (zero on every other row) is I(X) = Σ vᵢ·Lᵢ(X), and at z = x·ω^r
 * <pre>
 *   I(z) = (zⁿ − 1)/n · Σᵢ vᵢ·ωⁱ/(z − ωⁱ),    zⁿ = xⁿ,
 * </pre>
 * O(m) multiplications and one batch inversion per query. This replaces instance commitments (halo2-KZG's
 * {@code QUERY_INSTANCE = false}); it needs xⁿ ≠ 1, which the verifier checks first.
 */
final class InstanceEvaluator {
    private static final MontgomeryField F = Fp.FIELD;

    private InstanceEvaluator() {
    }

    /** The value of each instance query, in {@link ConstraintSystem#instanceQueries()} order. */
    static long[][] evaluate(VerifyingKey vk, List<List<Fp>> instances, long[] x, long[] vanishing) {
        ConstraintSystem cs = vk.constraintSystem();
        EvaluationDomain domain = vk.domain();
        List<Query> queries = cs.instanceQueries();
        long[][] out = new long[queries.size()][];
        int longest = 0;
        for (List<Fp> column : instances) {
            longest = Math.max(longest, column.size());
        }
        long[] omegas = new long[4 * Math.max(1, longest)];
        F.setOne(omegas, 0);
        long[] w = domain.omega();
        for (int i = 1; i < longest; i++) {
            F.mul(omegas, 4 * (i - 1), w, 0, omegas, 4 * i);
        }
        // (xⁿ − 1)/n
        long[] factor = F.fromBigInteger(BigInteger.valueOf(domain.size()));
        F.inv(factor, 0, factor, 0);
        F.mul(factor, 0, vanishing, 0, factor, 0);
        for (int qi = 0; qi < queries.size(); qi++) {
            Query q = queries.get(qi);
            List<Fp> values = instances.get(q.column().index());
            int m = values.size();
            long[] z = domain.rotate(x, 0, q.rotation());
            long[] d = new long[4 * Math.max(1, m)];
            for (int i = 0; i < m; i++) {
                F.sub(z, 0, omegas, 4 * i, d, 4 * i); // never zero: z = ωⁱ would make xⁿ = 1
            }
            F.batchInvert(d, 0, m, new long[4 * Math.max(1, m)]);
            long[] acc = new long[4];
            long[] t = new long[4];
            for (int i = 0; i < m; i++) {
                F.mul(d, 4 * i, omegas, 4 * i, t, 0);
                F.mul(t, 0, values.get(i).montgomeryLimbs(), 0, t, 0);
                F.add(acc, 0, t, 0, acc, 0);
            }
            F.mul(acc, 0, factor, 0, acc, 0);
            out[qi] = acc;
        }
        return out;
    }
}
