package dev.vampvm.plonk.vanishing;

import dev.vampvm.commit.VerifierCommitment;
import dev.vampvm.commit.VerifierQuery;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.transcript.MalformedProofException;
import dev.vampvm.transcript.TranscriptReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The verifier's side of the vanishing argument: reads the random polynomial's commitment, the quotient pieces'
 * commitments and the random polynomial's evaluation; computes the value h(x) must take from the constraint
 * values; and asks the multipoint opening to check that H = Σ x^(n·i)·H_i opens to it at x.
 */
public final class VanishingVerifier {
    private static final MontgomeryField F = Fp.FIELD;
    private static final ShortWeierstrassCurve CURVE = ShortWeierstrassCurve.VESTA;

    private VanishingVerifier() {
    }

    public static long[] readRandomCommitment(TranscriptReader transcript) throws MalformedProofException {
        return transcript.readPoint(VanishingVerifier::decode);
    }

    public static List<long[]> readQuotientCommitments(int pieces, TranscriptReader transcript)
            throws MalformedProofException {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < pieces; i++) {
            out.add(transcript.readPoint(VanishingVerifier::decode));
        }
        return out;
    }

    static long[] decode(byte[] bytes) {
        long[] p = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        CURVE.decodeAffine(bytes, 0, p, 0, false);
        return p;
    }

    /**
     * h(x) = (…(c₀·y + c₁)·y + … + c_last) / (xⁿ − 1), the fold the prover's quotient program computes.
     *
     * @param vanishing xⁿ − 1, which the caller has checked is not zero
     */
    public static long[] expectedQuotient(List<long[]> constraints, long[] y, long[] vanishing) {
        long[] acc = new long[4];
        for (long[] c : constraints) {
            F.mul(acc, 0, y, 0, acc, 0);
            F.add(acc, 0, c, 0, acc, 0);
        }
        long[] inv = new long[4];
        F.inv(vanishing, 0, inv, 0);
        F.mul(acc, 0, inv, 0, acc, 0);
        return acc;
    }

    /** The queries at x: the combined quotient commitment with the expected value, and the random polynomial. */
    public static void queries(List<VerifierQuery> out, List<long[]> pieces, long[] randomCommitment,
            long[] randomEval, long[] x, long[] xn, long[] expectedH) {
        VerifierCommitment h = new VerifierCommitment();
        long[] power = F.one();
        for (long[] piece : pieces) {
            h.plus(piece, power);
            F.mul(power, 0, xn, 0, power, 0);
        }
        out.add(new VerifierQuery(x, h, expectedH));
        out.add(new VerifierQuery(x, VerifierCommitment.of(randomCommitment), randomEval));
    }
}
