package dev.vampvm.curve;

import dev.vampvm.field.Fp;
import dev.vampvm.field.Fq;
import java.util.random.RandomGenerator;

/** A point of the Pallas curve y² = x³ + 5 over Fp, of prime order q; its scalars are Fq. Immutable; see {@link CurvePoint}. */
public final class PallasPoint extends CurvePoint<PallasPoint, Fp, Fq> {

    private static final PallasPoint GENERATOR = new PallasPoint(generatorProjective(ShortWeierstrassCurve.PALLAS));
    private static final PallasPoint IDENTITY = new PallasPoint(identityProjective(ShortWeierstrassCurve.PALLAS));

    private PallasPoint(long[] projective) {
        super(projective);
    }

    @Override
    public ShortWeierstrassCurve curve() {
        return ShortWeierstrassCurve.PALLAS;
    }

    @Override
    PallasPoint wrap(long[] projective) {
        return new PallasPoint(projective);
    }

    @Override
    Fp baseElement(long[] v, int offset) {
        return Fp.fromMontgomery(v, offset);
    }

    /** pasta_curves' generator (−1, 2). */
    public static PallasPoint generator() {
        return GENERATOR;
    }

    public static PallasPoint identity() {
        return IDENTITY;
    }

    /**
     * The point with affine coordinates (x, y).
     *
     * @throws InvalidPointEncodingException if it is not on the curve
     */
    public static PallasPoint of(Fp x, Fp y) {
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
    public static PallasPoint fromAffine(long[] a, int offset) {
        return new PallasPoint(fromAffineChecked(ShortWeierstrassCurve.PALLAS, a, offset));
    }

    /**
     * Decodes a 32-byte compressed encoding; the identity is accepted.
     *
     * @throws InvalidPointEncodingException if the bytes are not the encoding of a point
     */
    public static PallasPoint fromBytes(byte[] bytes) {
        return decode(bytes, true);
    }

    /**
     * Decodes a 32-byte compressed encoding, refusing the identity unless {@code allowIdentity}.
     *
     * @throws InvalidPointEncodingException if the bytes are not the encoding of an acceptable point
     */
    public static PallasPoint decode(byte[] bytes, boolean allowIdentity) {
        return new PallasPoint(CurvePoint.decode(ShortWeierstrassCurve.PALLAS, bytes, allowIdentity));
    }

    /** A uniformly random point (for tests and blinding, not for secrets unless rng is a CSPRNG). */
    public static PallasPoint random(RandomGenerator rng) {
        return new PallasPoint(CurvePoint.random(ShortWeierstrassCurve.PALLAS, rng));
    }

    /** pasta_curves' {@code hash_to_curve(domainPrefix)(message)}; see {@link HashToCurve}. */
    public static PallasPoint hashToCurve(String domainPrefix, byte[] message) {
        return new PallasPoint(hash(ShortWeierstrassCurve.PALLAS, domainPrefix, message));
    }
}
