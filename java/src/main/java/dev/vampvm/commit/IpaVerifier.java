package dev.vampvm.commit;

import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.transcript.MalformedProofException;
import dev.vampvm.transcript.TranscriptReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The verifier's side of the inner-product argument ({@link IpaProver} describes the protocol). It
 * replays the transcript, does the O(k) field work, and returns the linear-size remainder as a
 * {@link DeferredIpaCheck}; {@link #verify} is the one-proof convenience that runs it at once.
 */
public final class IpaVerifier {

    private static final MontgomeryField F = VestaPoints.SCALARS;

    private IpaVerifier() {
    }

    /**
     * Reads an opening of the commitment P (a combination of points the transcript has already bound, as
     * have x and v) and reduces it to a deferred check.
     *
     * @throws MalformedProofException if the proof's bytes are not a well-formed opening
     */
    public static DeferredIpaCheck read(int k, TranscriptReader transcript, VerifierCommitment commitment, long[] x,
            long[] v) throws MalformedProofException {
        List<long[]> points = new ArrayList<>();
        List<long[]> scalars = new ArrayList<>();
        for (int i = 0; i < commitment.terms(); i++) {
            points.add(commitment.point(i));
            scalars.add(commitment.scalar(i));
        }

        long[] s = transcript.readPoint(VestaPoints::decodeNonIdentity);
        long[] xi = transcript.squeezeChallenge().montgomeryLimbs();
        long[] z = transcript.squeezeChallenge().montgomeryLimbs();
        points.add(s);
        scalars.add(xi);

        long[][] u = new long[k][];
        for (int j = 0; j < k; j++) {
            long[] l = transcript.readPoint(VestaPoints::decodeNonIdentity);
            long[] r = transcript.readPoint(VestaPoints::decodeNonIdentity);
            u[j] = transcript.squeezeChallenge().montgomeryLimbs();
            if (F.isZero(u[j], 0)) {
                throw new MalformedProofException("IPA round " + j + " challenge is zero", -1);
            }
            long[] uInv = new long[4];
            F.inv(u[j], 0, uInv, 0);
            points.add(l);
            scalars.add(uInv);
            points.add(r);
            scalars.add(u[j]);
        }
        Fp c = transcript.readScalar();
        Fp f = transcript.readScalar();

        // b = Π_j (1 + u_j·x^(2^(k−1−j))): the folded powers-of-x vector.
        long[] b = F.one();
        long[] xPow = x.clone();
        long[] t = new long[4];
        for (int j = k - 1; j >= 0; j--) {
            F.mul(u[j], 0, xPow, 0, t, 0);
            F.add(t, 0, F.one(), 0, t, 0);
            F.mul(b, 0, t, 0, b, 0);
            F.square(xPow, 0, xPow, 0);
        }
        long[] negC = c.neg().montgomeryLimbs();
        long[] uScalar = new long[4];
        F.mul(negC, 0, z, 0, uScalar, 0);
        F.mul(uScalar, 0, b, 0, uScalar, 0);
        long[] negV = new long[4];
        F.neg(v, 0, negV, 0);
        return new DeferredIpaCheck(k, negC, u, negV, points, scalars, f.neg().montgomeryLimbs(), uScalar);
    }

    /** Reads the opening and checks it at once with one MSM. */
    public static boolean verify(IpaParams params, TranscriptReader transcript, long[] commitmentAffine, long[] x,
            long[] v) throws MalformedProofException {
        DeferredIpaCheck check = read(params.k(), transcript, VerifierCommitment.of(commitmentAffine), x, v);
        MsmAccumulator acc = new MsmAccumulator();
        check.accumulateInto(acc, F.one());
        return acc.isIdentity(params);
    }
}
