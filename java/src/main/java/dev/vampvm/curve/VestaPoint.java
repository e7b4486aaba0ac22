package dev.vampvm.curve;

import dev.vampvm.field.Fq;
import dev.vampvm.field.Fp;
import java.util.random.RandomGenerator;

/** A point of the Vesta curve y² = x³ + 5 over Fq, of prime order p; its scalars are Fp. Commitments are Vesta points. Immutable; see {@link CurvePoint}. */
public final class VestaPoint extends CurvePoint<VestaPoint, Fq, Fp> {

    private static final VestaPoint GENERATOR = new VestaPoint(generatorProjective(ShortWeierstrassCurve.VESTA));
    private static final VestaPoint IDENTITY = new VestaPoint(identityProjective(ShortWeierstrassCurve.VESTA));

    private VestaPoint(long[] projective) {
        super(projective);
    }

    @Override
    public ShortWeierstrassCurve curve() {
        return ShortWeierstrassCurve.VESTA;
    }

    @Override
    VestaPoint wrap(long[] projective) {
        return new VestaPoint(projective);
    }

    @Override
    Fq baseElement(long[] v, int offset) {
        return Fq.fromMontgomery(v, offset);
    }

    /** pasta_curves' generator (−1, 2). */
    public static VestaPoint generator() {
        return GENERATOR;
    }

    public static VestaPoint identity() {
        return IDENTITY;
    }

    /**
     * The point with affine coordinates (x, y).
     *
     * @throws InvalidPointEncodingException if it is not on the curve
     */
    public static VestaPoint of(Fq x, Fq y) {
        long[] a = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        x.copyInto(a, 0);
        y.copyInto(a, 4);
        return fromAffine(a, 0);
    }

    /**
     * The point in the flat affine layout at a[offset] ((0, 0) is the identity).
     *
     * @throws InvalidPointEncodingException if it is not on the curve or a coordinate is not reduced
     */
    public static VestaPoint fromAffine(long[] a, int offset) {
        return new VestaPoint(fromAffineChecked(ShortWeierstrassCurve.VESTA, a, offset));
    }

    /**
     * Decodes a 32-byte compressed encoding; the identity is accepted.
     *
     * @throws InvalidPointEncodingException if the bytes are not the encoding of a point
     */
    public static VestaPoint fromBytes(byte[] bytes) {
        return decode(bytes, true);
    }

    /**
     * Decodes a 32-byte compressed encoding, refusing the identity unless {@code allowIdentity}.
     *
     * @throws InvalidPointEncodingException if the bytes are not the encoding of an acceptable point
     */
    public static VestaPoint decode(byte[] bytes, boolean allowIdentity) {
        return new VestaPoint(CurvePoint.decode(ShortWeierstrassCurve.VESTA, bytes, allowIdentity));
    }

    /** A uniformly random point (for tests and blinding, not for secrets unless rng is a CSPRNG). */
    public static VestaPoint random(RandomGenerator rng) {
        return new VestaPoint(CurvePoint.random(ShortWeierstrassCurve.VESTA, rng));
    }

    /** pasta_curves' {@code hash_to_curve(domainPrefix)(message)}; see {@link HashToCurve}. */
    public static VestaPoint hashToCurve(String domainPrefix, byte[] message) {
        return new VestaPoint(hash(ShortWeierstrassCurve.VESTA, domainPrefix, message));
    }
}
