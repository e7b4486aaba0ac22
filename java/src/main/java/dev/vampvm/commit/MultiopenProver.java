package dev.vampvm.commit;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.poly.Polynomials;
import dev.vampvm.transcript.TranscriptWriter;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Opens many polynomials at many points with one IPA (halo2's multipoint opening):
 * <ol>
 *   <li>challenges x₁, x₂; polynomials with the same point set S are combined with powers of x₁ into
 *       q_S, and f = Σ_S x₂-powers · (q_S − r_S) / Π_{z∈S}(X − z) is committed (r_S interpolates q_S on S);</li>
 *   <li>challenge x₃; each q_S(x₃) is sent;</li>
 *   <li>challenge x₄; the IPA opens f·x₄^m + Σ_S x₄-powers · q_S at x₃.</li>
 * </ol>
 * The verifier derives f(x₃) from the sent q_S(x₃) and the claimed evaluations, so one opening checks
 * every claim. {@link MultiopenVerifier} is the other side.
 */
public final class MultiopenProver {

    private static final MontgomeryField F = VestaPoints.SCALARS;

    private MultiopenProver() {
    }

    /** Writes the multipoint opening of the queries (each polynomial given as 2^k coefficients). */
    public static void open(IpaParams params, TranscriptWriter transcript, List<ProverQuery> queries,
            RandomGenerator rng) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("a multipoint opening needs at least one query");
        }
        Backend backend = params.backend();
        int n = params.size();
        for (ProverQuery q : queries) {
            if (q.polynomial().size() != n) {
                throw new IllegalArgumentException("query polynomial of " + q.polynomial().size()
                        + " coefficients, parameters of " + n);
            }
        }
        long[] x1 = transcript.squeezeChallenge().montgomeryLimbs();
        long[] x2 = transcript.squeezeChallenge().montgomeryLimbs();

        PointSets<ScalarVector> sets = new PointSets<>(queries, ProverQuery::polynomial, ProverQuery::point);
        List<PointSets.Group<ScalarVector>> groups = sets.groups();
        int m = groups.size();
        ScalarVector[] q = new ScalarVector[m];
        long[][] qBlind = new long[m][];
        long[] f = new long[4 * n];
        try {
            for (int i = 0; i < m; i++) {
                PointSets.Group<ScalarVector> g = groups.get(i);
                q[i] = backend.allocate(F, n);
                qBlind[i] = new long[4];
                // q = Σ_j x₁^j · p_j, Horner over the group's polynomials.
                for (PointSets.Entry<ScalarVector> e : g.entries()) {
                    backend.scale(q[i], x1, q[i]);
                    backend.add(q[i], e.key(), q[i]);
                    F.mul(qBlind[i], 0, x1, 0, qBlind[i], 0);
                    F.add(qBlind[i], 0, blindOf(queries, e), 0, qBlind[i], 0);
                }
                // (q − r) / Π(X − z) by dividing by each (X − z) in turn, dropping remainders.
                long[] t = backend.download(q[i]);
                for (long[] z : g.points()) {
                    long[] d = Polynomials.divideByLinear(F, t, z);
                    t = java.util.Arrays.copyOf(d, 4 * n);
                }
                // f = f·x₂ + t
                for (int c = 0; c < n; c++) {
                    F.mul(f, 4 * c, x2, 0, f, 4 * c);
                    F.add(f, 4 * c, t, 4 * c, f, 4 * c);
                }
            }
            long[] fBlind = new long[4];
            F.random(rng, fBlind, 0);
            try (ScalarVector fv = backend.upload(F, f, 0, n)) {
                transcript.writePointEncoding(VestaPoints.encode(IpaProver.commit(params, fv, fBlind)));
                long[] x3 = transcript.squeezeChallenge().montgomeryLimbs();
                for (int i = 0; i < m; i++) {
                    transcript.writeScalar(Fp.fromMontgomery(backend.evaluate(q[i], x3), 0));
                }
                long[] x4 = transcript.squeezeChallenge().montgomeryLimbs();
                // p = (…(f·x₄ + q₀)·x₄ + q₁ …), blinds alike.
                long[] pBlind = fBlind;
                for (int i = 0; i < m; i++) {
                    backend.scale(fv, x4, fv);
                    backend.add(fv, q[i], fv);
                    F.mul(pBlind, 0, x4, 0, pBlind, 0);
                    F.add(pBlind, 0, qBlind[i], 0, pBlind, 0);
                }
                IpaProver.open(params, transcript, fv, pBlind, x3, rng);
            }
        } finally {
            for (ScalarVector v : q) {
                if (v != null) {
                    v.close();
                }
            }
        }
    }

    private static long[] blindOf(List<ProverQuery> queries, PointSets.Entry<ScalarVector> e) {
        return queries.get(e.queries().get(0).get(0)).blind();
    }
}
