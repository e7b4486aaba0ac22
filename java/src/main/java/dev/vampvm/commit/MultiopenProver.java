package dev.vampvm.commit;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.poly.EvaluationDomain;
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
 *
 * <p>On an engine with its own memory f is made where the q_S are ({@link LinearDivision}); on the Java engine, on the
 * host by synthetic division. Both give the same f, so the proof does not depend on the engine.
 */
public final class MultiopenProver {

    private static final MontgomeryField F = VestaPoints.SCALARS;

    private MultiopenProver() {
    }

    /**
     * Writes the multipoint opening of the queries. Each polynomial is given by its coefficients, at most 2^k of them
     * and a power of two: a proof's own polynomials are all 2^k long; the VM's shared opening ({@link
     * dev.vampvm.vm.VmProver}) opens the block proofs' polynomials, of their own k, together with parameters of the
     * largest, a shorter vector standing for its coefficients followed by zeros (a commitment with a prefix of the
     * bases is the same point).
     */
    public static void open(IpaParams params, TranscriptWriter transcript, List<ProverQuery> queries,
            RandomGenerator rng) {
        open(params, transcript, queries, rng, null);
    }

    /**
     * {@link #open(IpaParams, TranscriptWriter, List, RandomGenerator)} with the IPA's random polynomial drawn before
     * ({@link IpaProver.Blinding}; null: drawn from rng when the IPA starts). Closing it is the caller's.
     */
    public static void open(IpaParams params, TranscriptWriter transcript, List<ProverQuery> queries,
            RandomGenerator rng, IpaProver.Blinding ipaBlinding) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("a multipoint opening needs at least one query");
        }
        Backend backend = params.backend();
        int n = params.size();
        for (ProverQuery q : queries) {
            int size = q.polynomial().size();
            if (size > n || Integer.bitCount(size) != 1) {
                throw new IllegalArgumentException("query polynomial of " + size
                        + " coefficients, parameters of " + n + " (at most that, a power of two)");
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
                int size = 1;
                for (PointSets.Entry<ScalarVector> e : g.entries()) {
                    size = Math.max(size, e.key().size());
                }
                q[i] = backend.allocate(F, size);
                qBlind[i] = new long[4];
                // q = Σ_j x₁^j · p_j, Horner over the group's polynomials (each added to q's first coefficients).
                for (PointSets.Entry<ScalarVector> e : g.entries()) {
                    backend.scale(q[i], x1, q[i]);
                    ScalarVector low = prefix(q[i], e.key().size());
                    backend.add(low, e.key(), low);
                    F.mul(qBlind[i], 0, x1, 0, qBlind[i], 0);
                    F.add(qBlind[i], 0, blindOf(queries, e), 0, qBlind[i], 0);
                }
            }
            long[] fBlind = new long[4];
            F.random(rng, fBlind, 0);
            long[][] x2Powers = descendingPowers(x2, m);
            try (ScalarVector fv = backend.hostMemory() ? combinedQuotientOnHost(params, groups, q, x2Powers)
                    : combinedQuotientOnEngine(params, groups, q, x2Powers)) {
                transcript.writePointEncoding(VestaPoints.encode(IpaProver.commit(params, fv, fBlind)));
                long[] x3 = transcript.squeezeChallenge().montgomeryLimbs();
                for (int i = 0; i < m; i++) {
                    transcript.writeScalar(Fp.fromMontgomery(backend.evaluate(q[i], x3), 0));
                }
                long[] x4 = transcript.squeezeChallenge().montgomeryLimbs();
                // p = f·x₄^m + Σ_i x₄^(m−1−i)·q_i, blinds alike (Horner's result, each q_i added to p's first
                // coefficients with its power, so that a short q_i costs its own length).
                long[][] x4Powers = descendingPowers(x4, m + 1);
                backend.scale(fv, x4Powers[0], fv);
                long[] pBlind = new long[4];
                F.mul(fBlind, 0, x4Powers[0], 0, pBlind, 0);
                long[] t = new long[4];
                for (int i = 0; i < m; i++) {
                    backend.scale(q[i], x4Powers[i + 1], q[i]);
                    ScalarVector low = prefix(fv, q[i].size());
                    backend.add(low, q[i], low);
                    F.mul(qBlind[i], 0, x4Powers[i + 1], 0, t, 0);
                    F.add(pBlind, 0, t, 0, pBlind, 0);
                }
                if (ipaBlinding == null) {
                    IpaProver.open(params, transcript, fv, pBlind, x3, rng);
                } else {
                    IpaProver.open(params, transcript, fv, pBlind, x3, rng, ipaBlinding);
                }
            }
        } finally {
            for (ScalarVector v : q) {
                if (v != null) {
                    v.close();
                }
            }
        }
    }

    /** c^(count−1), …, c, 1: the powers Horner's rule gives the terms of a sum of {@code count}, first to last. */
    private static long[][] descendingPowers(long[] c, int count) {
        long[][] out = new long[count][];
        out[count - 1] = F.one();
        for (int i = count - 2; i >= 0; i--) {
            out[i] = new long[4];
            F.mul(out[i + 1], 0, c, 0, out[i], 0);
        }
        return out;
    }

    /** The first {@code size} elements of v (v itself when that is all of it). */
    private static ScalarVector prefix(ScalarVector v, int size) {
        return size == v.size() ? v : v.slice(0, size);
    }

    /**
     * f = Σ_S x₂-powers · (q_S − r_S) / Π_{z∈S}(X − z), dividing by each (X − z) in turn and dropping the remainders
     * (what is left is the floor quotient by the product, which is (q_S − r_S) / Π(X − z)), made on the host: there
     * synthetic division, n products in place, is cheaper than the engine's two NTTs.
     */
    private static ScalarVector combinedQuotientOnHost(IpaParams params, List<PointSets.Group<ScalarVector>> groups,
            ScalarVector[] q, long[][] x2Powers) {
        Backend backend = params.backend();
        int n = params.size();
        long[] f = new long[4 * n];
        long[] term = new long[4];
        for (int i = 0; i < groups.size(); i++) {
            long[] t = backend.download(q[i]);
            for (long[] z : groups.get(i).points()) {
                t = Polynomials.divideByLinear(F, t, z);
            }
            for (int c = 0; c < t.length / 4; c++) {
                F.mul(t, 4 * c, x2Powers[i], 0, term, 0);
                F.add(f, 4 * c, term, 0, f, 4 * c);
            }
        }
        return backend.upload(F, f, 0, n);
    }

    /**
     * The same f made on an engine with its own memory, where q_S already is ({@link LinearDivision}, one divider for
     * each length among the q_S): no polynomial crosses to the host and back, only each t(z).
     */
    private static ScalarVector combinedQuotientOnEngine(IpaParams params, List<PointSets.Group<ScalarVector>> groups,
            ScalarVector[] q, long[][] x2Powers) {
        Backend backend = params.backend();
        int n = params.size();
        ScalarVector f = backend.allocate(F, n);
        java.util.Map<Integer, LinearDivision> dividers = new java.util.HashMap<>();
        java.util.Map<Integer, ScalarVector> scratch = new java.util.HashMap<>();
        try {
            for (int i = 0; i < groups.size(); i++) {
                int size = q[i].size();
                LinearDivision division = dividers.computeIfAbsent(size, s -> new LinearDivision(backend,
                        EvaluationDomain.of(F, Integer.numberOfTrailingZeros(s))));
                ScalarVector t = scratch.computeIfAbsent(size, s -> backend.allocate(F, s));
                backend.copy(q[i], t);
                for (long[] z : groups.get(i).points()) {
                    division.divide(t, z);
                }
                backend.scale(t, x2Powers[i], t);
                ScalarVector low = prefix(f, size);
                backend.add(low, t, low);
            }
            return f;
        } catch (RuntimeException | Error e) {
            f.close();
            throw e;
        } finally {
            dividers.values().forEach(LinearDivision::close);
            scratch.values().forEach(ScalarVector::close);
        }
    }

    private static long[] blindOf(List<ProverQuery> queries, PointSets.Entry<ScalarVector> e) {
        return queries.get(e.queries().get(0).get(0)).blind();
    }
}
