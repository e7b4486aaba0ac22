package dev.vampvm.commit;

import dev.vampvm.field.MontgomeryField;
import dev.vampvm.transcript.MalformedProofException;
import dev.vampvm.transcript.TranscriptReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The verifier's side of {@link MultiopenProver}: reduces every claimed evaluation to one deferred IPA check. */
public final class MultiopenVerifier {

    private static final MontgomeryField F = VestaPoints.SCALARS;

    private MultiopenVerifier() {
    }

    /**
     * Reads a multipoint opening of the queries and returns its deferred check.
     *
     * @throws MalformedProofException if the proof is malformed, if one commitment is claimed to take two
     *     different values at one point (halo2 0.3.1's soundness fix), or if x₃ hits a query point
     */
    public static DeferredIpaCheck read(int k, TranscriptReader transcript, List<VerifierQuery> queries)
            throws MalformedProofException {
        return readShared(k, transcript, List.of(queries));
    }

    /**
     * Reads one multipoint opening of several proofs' queries (the VM's shared opening), each proof's in turn, and
     * returns its deferred check. Queries of one proof on equal commitments are one polynomial, as in {@link #read};
     * equal commitments of two proofs stay two polynomials, as they are two on the prover's side (each proof holds its
     * own vectors).
     *
     * @throws MalformedProofException as {@link #read}
     */
    public static DeferredIpaCheck readShared(int k, TranscriptReader transcript, List<List<VerifierQuery>> proofs)
            throws MalformedProofException {
        List<Sourced> queries = new ArrayList<>();
        for (int i = 0; i < proofs.size(); i++) {
            for (VerifierQuery q : proofs.get(i)) {
                queries.add(new Sourced(i, q));
            }
        }
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("a multipoint opening needs at least one query");
        }
        long[] x1 = transcript.squeezeChallenge().montgomeryLimbs();
        long[] x2 = transcript.squeezeChallenge().montgomeryLimbs();
        PointSets<Key> sets = new PointSets<>(queries, q -> new Key(q.source(), q.query().commitment()),
                q -> q.query().point());
        List<PointSets.Group<Key>> groups = sets.groups();
        int m = groups.size();

        long[] fCommitment = transcript.readPoint(VestaPoints::decodeNonIdentity);
        long[] x3 = transcript.squeezeChallenge().montgomeryLimbs();
        long[][] qEvals = new long[m][];
        for (int i = 0; i < m; i++) {
            qEvals[i] = transcript.readScalar().montgomeryLimbs();
        }
        long[] x4 = transcript.squeezeChallenge().montgomeryLimbs();

        long[] fAtX3 = new long[4];
        long[] t = new long[4];
        for (int i = 0; i < m; i++) {
            PointSets.Group<Key> g = groups.get(i);
            int s = g.points().size();
            // The values of q at each point of the set: Σ_j x₁^j · eval_j(z).
            long[][] values = new long[s][];
            for (int p = 0; p < s; p++) {
                long[] acc = new long[4];
                for (PointSets.Entry<Key> e : g.entries()) {
                    F.mul(acc, 0, x1, 0, acc, 0);
                    F.add(acc, 0, uniqueEval(queries, e, p), 0, acc, 0);
                }
                values[p] = acc;
            }
            long[] r = interpolateAt(g.points(), values, x3);
            long[] zAtX3 = F.one();
            for (long[] z : g.points()) {
                F.sub(x3, 0, z, 0, t, 0);
                F.mul(zAtX3, 0, t, 0, zAtX3, 0);
            }
            if (F.isZero(zAtX3, 0)) {
                throw new MalformedProofException("x3 coincides with a query point", -1);
            }
            F.inv(zAtX3, 0, zAtX3, 0);
            F.sub(qEvals[i], 0, r, 0, t, 0);
            F.mul(t, 0, zAtX3, 0, t, 0);
            F.mul(fAtX3, 0, x2, 0, fAtX3, 0);
            F.add(fAtX3, 0, t, 0, fAtX3, 0);
        }

        // P = F·x₄^m + Σ_i x₄^(m−1−i)·Q_i with Q_i = Σ_j x₁^(|S_i|−1−j) C_j; v alike.
        VerifierCommitment p = new VerifierCommitment();
        long[] x4Pow = F.one();
        long[] v = new long[4];
        for (int i = m - 1; i >= 0; i--) {
            F.mul(qEvals[i], 0, x4Pow, 0, t, 0);
            F.add(v, 0, t, 0, v, 0);
            List<PointSets.Entry<Key>> entries = groups.get(i).entries();
            long[] x1Pow = x4Pow.clone();
            for (int j = entries.size() - 1; j >= 0; j--) {
                VerifierCommitment c = entries.get(j).key().commitment();
                for (int term = 0; term < c.terms(); term++) {
                    long[] coeff = new long[4];
                    F.mul(c.scalar(term), 0, x1Pow, 0, coeff, 0);
                    p.plus(c.point(term), coeff);
                }
                F.mul(x1Pow, 0, x1, 0, x1Pow, 0);
            }
            F.mul(x4Pow, 0, x4, 0, x4Pow, 0);
        }
        p.plus(fCommitment, x4Pow);
        F.mul(fAtX3, 0, x4Pow, 0, t, 0);
        F.add(v, 0, t, 0, v, 0);
        return IpaVerifier.read(k, transcript, p, x3, v);
    }

    /** A query and the index of the proof it is from. */
    private record Sourced(int source, VerifierQuery query) {
    }

    /** What identifies a polynomial: its commitment within its proof. */
    private record Key(int source, VerifierCommitment commitment) {
    }

    /** The evaluation claimed for the entry's p-th point; every query of that (commitment, point) must agree. */
    private static long[] uniqueEval(List<Sourced> queries, PointSets.Entry<Key> e, int p)
            throws MalformedProofException {
        List<Integer> hits = e.queries().get(p);
        long[] eval = queries.get(hits.get(0)).query().eval();
        for (int qi : hits) {
            if (!Arrays.equals(eval, queries.get(qi).query().eval())) {
                throw new MalformedProofException(
                        "one commitment is claimed to take two different values at the same point", -1);
            }
        }
        return eval;
    }

    /** The value at x of the polynomial of degree < |points| through (points[i], values[i]) (Lagrange form). */
    private static long[] interpolateAt(List<long[]> points, long[][] values, long[] x) {
        long[] result = new long[4];
        long[] num = new long[4];
        long[] den = new long[4];
        long[] t = new long[4];
        for (int i = 0; i < points.size(); i++) {
            F.setOne(num, 0);
            F.setOne(den, 0);
            for (int j = 0; j < points.size(); j++) {
                if (j == i) {
                    continue;
                }
                F.sub(x, 0, points.get(j), 0, t, 0);
                F.mul(num, 0, t, 0, num, 0);
                F.sub(points.get(i), 0, points.get(j), 0, t, 0);
                F.mul(den, 0, t, 0, den, 0);
            }
            F.inv(den, 0, den, 0); // points are distinct, so den ≠ 0
            F.mul(num, 0, den, 0, t, 0);
            F.mul(t, 0, values[i], 0, t, 0);
            F.add(result, 0, t, 0, result, 0);
        }
        return result;
    }
}
