package dev.vampvm.plonk.permutation;

import dev.vampvm.commit.VerifierCommitment;
import dev.vampvm.commit.VerifierQuery;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.transcript.MalformedProofException;
import dev.vampvm.transcript.TranscriptReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The verifier's side of the permutation argument ({@link PermutationProver} states the constraints): reads the
 * products' commitments and the evaluations, recomputes each constraint at x, and adds the openings to the
 * multipoint query list.
 */
public final class PermutationVerifier {
    private static final MontgomeryField F = Fp.FIELD;
    private static final ShortWeierstrassCurve CURVE = ShortWeierstrassCurve.VESTA;

    private PermutationVerifier() {
    }

    /** Reads one commitment per chunk. */
    public static List<long[]> readCommitments(VerifyingKey vk, TranscriptReader transcript)
            throws MalformedProofException {
        List<long[]> out = new ArrayList<>();
        for (int c = 0; c < vk.constraintSystem().permutationChunks(); c++) {
            out.add(transcript.readPoint(PermutationVerifier::decode));
        }
        return out;
    }

    /** A proof point: a valid encoding of a point other than the identity. */
    static long[] decode(byte[] bytes) {
        long[] p = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        CURVE.decodeAffine(bytes, 0, p, 0, false);
        return p;
    }

    /** The evaluations at x, as {@link PermutationProver#evaluate} wrote them. */
    public record Evaluations(long[][] sigma, long[][] z, long[][] zNext, long[][] zLast) {
    }

    public static Evaluations readEvaluations(VerifyingKey vk, TranscriptReader transcript)
            throws MalformedProofException {
        ConstraintSystem cs = vk.constraintSystem();
        int m = cs.permutationColumns().size();
        int chunks = cs.permutationChunks();
        long[][] sigma = new long[m][];
        for (int i = 0; i < m; i++) {
            sigma[i] = transcript.readScalar().montgomeryLimbs();
        }
        long[][] z = new long[chunks][];
        long[][] zNext = new long[chunks][];
        long[][] zLast = new long[chunks][];
        for (int c = 0; c < chunks; c++) {
            z[c] = transcript.readScalar().montgomeryLimbs();
            zNext[c] = transcript.readScalar().montgomeryLimbs();
            if (c < chunks - 1) {
                zLast[c] = transcript.readScalar().montgomeryLimbs();
            }
        }
        return new Evaluations(sigma, z, zNext, zLast);
    }

    /**
     * Appends the constraints' values at x, in the prover's order.
     *
     * @param columnEvals per permutation column, its evaluation at x
     * @param l0 l_0(x); @param lLast l_last(x); @param lActive 1 − (l_last(x) + l_blind(x))
     */
    public static void constraints(List<long[]> out, VerifyingKey vk, Evaluations e, long[][] columnEvals,
            long[] beta, long[] gamma, long[] x, long[] l0, long[] lLast, long[] lActive) {
        ConstraintSystem cs = vk.constraintSystem();
        int chunks = e.z().length;
        if (chunks == 0) {
            return;
        }
        long[] t = new long[4];
        // l_0·(1 − Z_0(x))
        out.add(mul(l0, sub(F.one(), e.z()[0])));
        // l_last·(Z_last(x)² − Z_last(x))
        long[] zl = e.z()[chunks - 1];
        out.add(mul(lLast, sub(mul(zl, zl), zl)));
        for (int c = 1; c < chunks; c++) {
            out.add(mul(l0, sub(e.z()[c], e.zLast()[c - 1])));
        }
        int size = cs.permutationChunkSize();
        int m = cs.permutationColumns().size();
        long[] deltas = PermutationKeygen.deltaPowers(m);
        for (int c = 0; c < chunks; c++) {
            long[] left = e.zNext()[c].clone();
            long[] right = e.z()[c].clone();
            for (int i = c * size; i < Math.min(m, (c + 1) * size); i++) {
                F.mul(beta, 0, e.sigma()[i], 0, t, 0);
                F.add(t, 0, columnEvals[i], 0, t, 0);
                F.add(t, 0, gamma, 0, t, 0);
                F.mul(left, 0, t, 0, left, 0);
                F.mul(beta, 0, deltas, 4 * i, t, 0);
                F.mul(t, 0, x, 0, t, 0);
                F.add(t, 0, columnEvals[i], 0, t, 0);
                F.add(t, 0, gamma, 0, t, 0);
                F.mul(right, 0, t, 0, right, 0);
            }
            out.add(mul(lActive, sub(left, right)));
        }
    }

    /** The products' openings, in {@link PermutationProver#productQueries} order. */
    public static void productQueries(List<VerifierQuery> out, VerifyingKey vk, List<long[]> commitments,
            Evaluations e, long[] x) {
        EvaluationDomain domain = vk.domain();
        long[] xNext = domain.rotate(x, 0, 1);
        long[] xLast = domain.rotate(x, 0, -(vk.constraintSystem().blindingFactors() + 1));
        for (int c = 0; c < commitments.size(); c++) {
            VerifierCommitment z = VerifierCommitment.of(commitments.get(c));
            out.add(new VerifierQuery(x, z, e.z()[c]));
            out.add(new VerifierQuery(xNext, z, e.zNext()[c]));
            if (c < commitments.size() - 1) {
                out.add(new VerifierQuery(xLast, z, e.zLast()[c]));
            }
        }
    }

    /** The σ openings at x. */
    public static void sigmaQueries(List<VerifierQuery> out, VerifyingKey vk, Evaluations e, long[] x) {
        for (int i = 0; i < vk.permutationCommitmentCount(); i++) {
            out.add(new VerifierQuery(x, VerifierCommitment.of(vk.permutationCommitment(i)), e.sigma()[i]));
        }
    }

    static long[] mul(long[] a, long[] b) {
        long[] r = new long[4];
        F.mul(a, 0, b, 0, r, 0);
        return r;
    }

    static long[] sub(long[] a, long[] b) {
        long[] r = new long[4];
        F.sub(a, 0, b, 0, r, 0);
        return r;
    }
}
