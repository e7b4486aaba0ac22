package dev.vampvm.commit;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.poly.Polynomials;
import dev.vampvm.transcript.TranscriptWriter;
import java.util.Arrays;
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
 *
 * <p>On an engine with its own memory f is made where the q_S are ({@link LinearDivision}); on the Java engine, on the
 * host by synthetic division. Both give the same f, so the proof does not depend on the engine.
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
            }
            long[] fBlind = new long[4];
            F.random(rng, fBlind, 0);
            try (ScalarVector fv = backend.hostMemory() ? combinedQuotientOnHost(params, groups, q, x2)
                    : combinedQuotientOnEngine(params, groups, q, x2)) {
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

    /**
     * f = Σ_S x₂-powers · (q_S − r_S) / Π_{z∈S}(X − z), dividing by each (X − z) in turn and dropping the remainders
     * (what is left is the floor quotient by the product, which is (q_S − r_S) / Π(X − z)), made on the host: there
     * synthetic division, n products in place, is cheaper than the engine's two NTTs.
     */
    private static ScalarVector combinedQuotientOnHost(IpaParams params, List<PointSets.Group<ScalarVector>> groups,
            ScalarVector[] q, long[] x2) {
        Backend backend = params.backend();
        int n = params.size();
        long[] f = new long[4 * n];
        for (int i = 0; i < groups.size(); i++) {
            long[] t = backend.download(q[i]);
            for (long[] z : groups.get(i).points()) {
                t = Arrays.copyOf(Polynomials.divideByLinear(F, t, z), 4 * n);
            }
            for (int c = 0; c < n; c++) {
                F.mul(f, 4 * c, x2, 0, f, 4 * c);
                F.add(f, 4 * c, t, 4 * c, f, 4 * c);
            }
        }
        return backend.upload(F, f, 0, n);
    }

    /**
     * The same f made on an engine with its own memory, where q_S already is ({@link LinearDivision}): no polynomial
     * of n coefficients crosses to the host and back, only each t(z).
     */
    private static ScalarVector combinedQuotientOnEngine(IpaParams params, List<PointSets.Group<ScalarVector>> groups,
            ScalarVector[] q, long[] x2) {
        Backend backend = params.backend();
        int n = params.size();
        ScalarVector f = backend.allocate(F, n);
        try (ScalarVector t = backend.allocate(F, n);
                LinearDivision division = new LinearDivision(backend, EvaluationDomain.of(F, params.k()))) {
            for (int i = 0; i < groups.size(); i++) {
                backend.copy(q[i], t);
                for (long[] z : groups.get(i).points()) {
                    division.divide(t, z);
                }
                backend.scale(f, x2, f);
                backend.add(f, t, f);
            }
            return f;
        } catch (RuntimeException | Error e) {
            f.close();
            throw e;
        }
    }

    private static long[] blindOf(List<ProverQuery> queries, PointSets.Entry<ScalarVector> e) {
        return queries.get(e.queries().get(0).get(0)).blind();
    }
}
