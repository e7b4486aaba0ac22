package dev.vampvm.commit;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.transcript.Transcript;
import dev.vampvm.transcript.TranscriptWriter;
import java.util.SplittableRandom;

/** Honest IPA openings of random polynomials, for the tests of the opening on either engine. */
public final class IpaOpenings {
    /** The transcript domain the openings are made under. */
    public static final String DOMAIN = "vampvm-ipa-test";
    private static final MontgomeryField F = Fp.FIELD;

    private IpaOpenings() {
    }

    /** One honest opening: the polynomial's commitment, the point, the value and the proof bytes. */
    public record Opening(int k, long[] commitment, long[] x, long[] v, byte[] proof) {
    }

    /**
     * An honest opening of a random polynomial at a random point, at p's k on p's engine, everything drawn from r:
     * the same bytes on every engine for the same r.
     */
    public static Opening honest(IpaParams p, SplittableRandom r) {
        Backend b = p.backend();
        int n = p.size();
        long[] coeffs = new long[4 * n];
        for (int i = 0; i < n; i++) {
            F.random(r, coeffs, 4 * i);
        }
        long[] blind = new long[4];
        F.random(r, blind, 0);
        long[] x = new long[4];
        F.random(r, x, 0);
        try (ScalarVector poly = b.upload(F, coeffs, 0, n)) {
            long[] commitment = VestaPoints.toAffine(IpaProver.commit(p, poly, blind));
            long[] v = b.evaluate(poly, x);
            TranscriptWriter w = Transcript.forProving(DOMAIN);
            w.absorbPointEncoding(encodeAffine(commitment));
            w.absorbScalar(Fp.fromMontgomery(x, 0));
            w.absorbScalar(Fp.fromMontgomery(v, 0));
            IpaProver.open(p, w, poly, blind, x, r);
            return new Opening(p.k(), commitment, x, v, w.toByteArray());
        }
    }

    /** The compressed encoding of an affine Vesta point. */
    public static byte[] encodeAffine(long[] a) {
        byte[] out = new byte[32];
        ShortWeierstrassCurve.VESTA.encodeAffine(a, 0, out, 0);
        return out;
    }
}
