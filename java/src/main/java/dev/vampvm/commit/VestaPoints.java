package dev.vampvm.commit;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;

/** Small host-side helpers on flat Vesta points for the commitment code. */
final class VestaPoints {
    static final ShortWeierstrassCurve CURVE = ShortWeierstrassCurve.VESTA;
    static final MontgomeryField SCALARS = CURVE.scalarField();

    private VestaPoints() {
    }

    /** The compressed encoding of a projective point. */
    static byte[] encode(long[] projective) {
        long[] affine = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        CURVE.projectiveToAffine(projective, 0, affine, 0);
        byte[] out = new byte[ShortWeierstrassCurve.ENCODED_BYTES];
        CURVE.encodeAffine(affine, 0, out, 0);
        return out;
    }

    /** Decodes a compressed point that must not be the identity (for proof elements). */
    static long[] decodeNonIdentity(byte[] bytes) {
        long[] affine = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        CURVE.decodeAffine(bytes, 0, affine, 0, false);
        return affine;
    }


    static long[] toAffine(long[] projective) {
        long[] affine = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        CURVE.projectiveToAffine(projective, 0, affine, 0);
        return affine;
    }
}
