package dev.vampvm.curve;

import dev.vampvm.field.FieldElement;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * An immutable point of a Pasta curve, for readable code outside hot loops (hot loops use the flat layouts and
 * {@link PointArithmetic} directly). {@link PallasPoint} and {@link VestaPoint} are the two concrete types, so
 * that a Pallas point, or an Fp scalar meant for Vesta, cannot be passed where the other is expected; this
 * class holds everything they share, the subclasses only name their curve and fields.
 *
 * <p>Equality is equality as group elements (projective coordinates are cross-multiplied), and the hash code
 * comes from the affine form, so equal points hash alike however they were computed.
 *
 * @param <P> the concrete point type
 * @param <B> the base-field element type (coordinates)
 * @param <S> the scalar-field element type (multipliers)
 */
public abstract sealed class CurvePoint<P extends CurvePoint<P, B, S>, B extends FieldElement<B>, S extends FieldElement<S>>
        permits PallasPoint, VestaPoint {

    /** Projective X, Y, Z (Montgomery form); never mutated, never handed out. */
    final long[] projective;
    /** Affine x, y, computed on first use; (0, 0) for the identity. Racing threads compute the same value. */
    private long[] affine;

    CurvePoint(long[] projective) {
        this.projective = projective;
    }

    /** The curve this point lies on. */
    public abstract ShortWeierstrassCurve curve();

    /** Wraps fresh projective limbs (ownership passes to the point). */
    abstract P wrap(long[] projective);

    /** A base-field element from Montgomery limbs at v[offset] (copied). */
    abstract B baseElement(long[] v, int offset);

    public P add(P other) {
        long[] r = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        curve().threadArithmetic().add(projective, 0, other.projective, 0, r, 0);
        return wrap(r);
    }

    public P sub(P other) {
        return add(other.neg());
    }

    public P neg() {
        long[] r = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        curve().threadArithmetic().neg(projective, 0, r, 0);
        return wrap(r);
    }

    public P dbl() {
        long[] r = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        curve().threadArithmetic().dbl(projective, 0, r, 0);
        return wrap(r);
    }

    /** [k]this, by GLV and wNAF ({@link PointArithmetic#mul}); variable time, for public scalars. */
    public P mul(S k) {
        long[] canonical = new long[4];
        k.field().toCanonical(k.montgomeryLimbs(), 0, canonical, 0);
        long[] r = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        curve().threadArithmetic().mul(projective, 0, canonical, 0, r, 0);
        return wrap(r);
    }

    public boolean isIdentity() {
        return curve().isIdentityProjective(projective, 0);
    }

    /**
     * The affine x-coordinate.
     *
     * @throws IllegalStateException for the identity, which has none
     */
    public B x() {
        return baseElement(affineChecked(), 0);
    }

    /**
     * The affine y-coordinate.
     *
     * @throws IllegalStateException for the identity, which has none
     */
    public B y() {
        return baseElement(affineChecked(), 4);
    }

    /** The 32-byte compressed encoding (pasta_curves' {@code to_bytes}). */
    public byte[] toBytes() {
        byte[] out = new byte[ShortWeierstrassCurve.ENCODED_BYTES];
        curve().encodeAffine(affine(), 0, out, 0);
        return out;
    }

    /** Writes the affine form (8 longs; the identity as (0, 0)) at dst[offset]. */
    public void copyAffineInto(long[] dst, int offset) {
        System.arraycopy(affine(), 0, dst, offset, ShortWeierstrassCurve.AFFINE_LONGS);
    }

    /** Writes the projective form (12 longs) at dst[offset]. */
    public void copyProjectiveInto(long[] dst, int offset) {
        System.arraycopy(projective, 0, dst, offset, ShortWeierstrassCurve.PROJECTIVE_LONGS);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CurvePoint<?, ?, ?> q && q.curve() == curve()
                && curve().equalProjective(projective, 0, q.projective, 0);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(affine()) * 31 + curve().hashCode();
    }

    /** "Pallas(x, y)" with canonical big-endian hex coordinates, or "Pallas(identity)". */
    @Override
    public String toString() {
        if (isIdentity()) {
            return curve().name() + "(identity)";
        }
        return curve().name() + "(" + x() + ", " + y() + ")";
    }

    private long[] affine() {
        long[] a = affine;
        if (a == null) {
            a = new long[ShortWeierstrassCurve.AFFINE_LONGS];
            curve().projectiveToAffine(projective, 0, a, 0);
            affine = a;
        }
        return a;
    }

    private long[] affineChecked() {
        if (isIdentity()) {
            throw new IllegalStateException(curve().name() + ": the identity has no affine coordinates");
        }
        return affine();
    }

    // ---------------------------------------------------------------------------------------------
    // Constructions shared by the subclasses' static factories; each returns fresh projective limbs.

    static long[] generatorProjective(ShortWeierstrassCurve curve) {
        long[] r = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        curve.affineToProjective(curve.generatorAffine(), 0, r, 0);
        return r;
    }

    static long[] identityProjective(ShortWeierstrassCurve curve) {
        long[] r = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        curve.setIdentityProjective(r, 0);
        return r;
    }

    /** From the flat affine layout, refusing a point that is not on the curve. */
    static long[] fromAffineChecked(ShortWeierstrassCurve curve, long[] a, int offset) {
        if (!curve.baseField().isCanonical(a, offset) || !curve.baseField().isCanonical(a, offset + 4)) {
            throw new InvalidPointEncodingException(curve.name() + ": affine coordinates are not reduced");
        }
        if (!curve.isOnCurveAffine(a, offset)) {
            throw new InvalidPointEncodingException(curve.name() + ": affine point is not on the curve");
        }
        long[] r = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        curve.affineToProjective(a, offset, r, 0);
        return r;
    }

    static long[] decode(ShortWeierstrassCurve curve, byte[] bytes, boolean allowIdentity) {
        if (bytes.length != ShortWeierstrassCurve.ENCODED_BYTES) {
            throw new InvalidPointEncodingException(curve.name() + ": a point encoding is 32 bytes, got " + bytes.length);
        }
        long[] a = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        curve.decodeAffine(bytes, 0, a, 0, allowIdentity);
        long[] r = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        curve.affineToProjective(a, 0, r, 0);
        return r;
    }

    /** A uniformly random point: a random x until x³ + 5 is a square, then a random choice of root. */
    static long[] random(ShortWeierstrassCurve curve, RandomGenerator rng) {
        var f = curve.baseField();
        long[] a = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        long[] rhs = new long[4];
        long[] b = curve.b();
        while (true) {
            f.random(rng, a, 0);
            f.square(a, 0, rhs, 0);
            f.mul(rhs, 0, a, 0, rhs, 0);
            f.add(rhs, 0, b, 0, rhs, 0);
            if (f.sqrt(rhs, 0, a, 4)) {
                if (rng.nextBoolean()) {
                    f.neg(a, 4, a, 4);
                }
                long[] r = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
                curve.affineToProjective(a, 0, r, 0);
                return r;
            }
        }
    }

    static long[] hash(ShortWeierstrassCurve curve, String domainPrefix, byte[] message) {
        long[] r = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        HashToCurve.of(curve).hashProjective(domainPrefix, message, r, 0);
        return r;
    }
}
