package dev.vampvm.curve;

import dev.vampvm.field.Fp;
import dev.vampvm.field.Fq;
import dev.vampvm.field.Limbs;
import dev.vampvm.field.MontgomeryField;
import java.math.BigInteger;

/**
 * A prime-order curve y² = x³ + b over a {@link MontgomeryField} (a = 0), described by data: its base
 * field, its scalar field (the group order), b and a generator. {@link #PALLAS} and {@link #VESTA} are
 * the two instances; everything curve-specific beyond these constants is derived.
 *
 * <p>Flat layouts used by every kernel (coordinates in Montgomery form of the base field):
 * <ul>
 *   <li>projective (homogeneous) X, Y, Z: 12 longs, x = X/Z, y = Y/Z; the identity is (0, 1, 0) (any
 *       point with Z = 0);</li>
 *   <li>affine x, y: 8 longs; the identity is (0, 0), which is never a curve point since b = 5 is not a
 *       square in either Pasta field (so no point has x = 0).</li>
 *   <li>compressed: 32 bytes, x little-endian with the parity of y in bit 255 (x &lt; 2²⁵⁵ leaves it free);
 *       the identity is 32 zero bytes. This is pasta_curves' {@code GroupEncoding}, so proofs and
 *       parameters are byte-compatible with halo2.</li>
 * </ul>
 * Kernels that need temporaries live in {@link PointArithmetic}, one instance per thread.
 */
public final class ShortWeierstrassCurve {

    public static final int AFFINE_LONGS = 8;
    public static final int PROJECTIVE_LONGS = 12;

    /** Pallas: y² = x³ + 5 over Fp, of order q = |Fq|. */
    public static final ShortWeierstrassCurve PALLAS = new ShortWeierstrassCurve("Pallas", Fp.FIELD, Fq.FIELD, 5);
    /** Vesta: y² = x³ + 5 over Fq, of order p = |Fp|. Commitments live here. */
    public static final ShortWeierstrassCurve VESTA = new ShortWeierstrassCurve("Vesta", Fq.FIELD, Fp.FIELD, 5);

    private final String name;
    private final MontgomeryField base;
    private final MontgomeryField scalar;
    final long[] b;
    /** 3b, the constant of the complete formulas. */
    final long[] b3;
    /** The group order n as four canonical limbs. */
    final long[] orderLimbs;
    private final long[] generatorAffine;
    /** Per-thread kernels for the value types, which have no place to keep scratch space of their own. */
    private final ThreadLocal<PointArithmetic> perThread = ThreadLocal.withInitial(this::arithmetic);

    private ShortWeierstrassCurve(String name, MontgomeryField base, MontgomeryField scalar, long b) {
        this.name = name;
        this.base = base;
        this.scalar = scalar;
        this.b = base.fromBigInteger(BigInteger.valueOf(b));
        this.b3 = base.fromBigInteger(BigInteger.valueOf(3 * b));
        this.orderLimbs = Limbs.fromBigInteger(scalar.modulus());
        // pasta_curves' generator (−1, 2): (−1)³ + 5 = 4 = 2².
        this.generatorAffine = new long[AFFINE_LONGS];
        System.arraycopy(base.fromBigInteger(BigInteger.ONE.negate()), 0, generatorAffine, 0, 4);
        System.arraycopy(base.fromBigInteger(BigInteger.TWO), 0, generatorAffine, 4, 4);
        if (!isOnCurveAffine(generatorAffine, 0)) {
            throw new IllegalStateException(name + ": generator is not on the curve");
        }
    }

    public String name() {
        return name;
    }

    /** The field the coordinates live in. */
    public MontgomeryField baseField() {
        return base;
    }

    /** The field of scalars, whose modulus is the group order. */
    public MontgomeryField scalarField() {
        return scalar;
    }

    /** The constant b, Montgomery form; a fresh copy. */
    public long[] b() {
        return b.clone();
    }

    /** The generator (−1, 2) in affine form; a fresh copy. */
    public long[] generatorAffine() {
        return generatorAffine.clone();
    }

    /** A new scratch-owning arithmetic object; use one per thread. */
    public PointArithmetic arithmetic() {
        return new PointArithmetic(this);
    }

    /** The calling thread's arithmetic object (for code outside hot loops that has nowhere to keep one). */
    PointArithmetic threadArithmetic() {
        return perThread.get();
    }

    /** The group order n (the scalar field's modulus). */
    public BigInteger order() {
        return scalar.modulus();
    }

    /** Whether the affine point at a[ao] is the identity (0, 0). */
    public boolean isIdentityAffine(long[] a, int ao) {
        return base.isZero(a, ao) && base.isZero(a, ao + 4);
    }

    /** Whether the projective point at p[po] is the identity (Z = 0). */
    public boolean isIdentityProjective(long[] p, int po) {
        return base.isZero(p, po + 8);
    }

    /** Whether an affine point satisfies y² = x³ + b, or is the identity encoding (0, 0). */
    public boolean isOnCurveAffine(long[] a, int ao) {
        if (isIdentityAffine(a, ao)) {
            return true;
        }
        long[] lhs = new long[4];
        long[] rhs = new long[4];
        base.square(a, ao + 4, lhs, 0);
        base.square(a, ao, rhs, 0);
        base.mul(rhs, 0, a, ao, rhs, 0);
        base.add(rhs, 0, b, 0, rhs, 0);
        return base.equal(lhs, 0, rhs, 0);
    }

    /** Whether a projective point satisfies Y²Z = X³ + bZ³ (the identity (0, 1, 0) does). */
    public boolean isOnCurveProjective(long[] p, int po) {
        long[] y2z = new long[4];
        long[] x3 = new long[4];
        long[] z3 = new long[4];
        base.square(p, po + 4, y2z, 0);
        base.mul(y2z, 0, p, po + 8, y2z, 0);
        base.square(p, po, x3, 0);
        base.mul(x3, 0, p, po, x3, 0);
        base.square(p, po + 8, z3, 0);
        base.mul(z3, 0, p, po + 8, z3, 0);
        base.mul(z3, 0, b, 0, z3, 0);
        base.add(x3, 0, z3, 0, x3, 0);
        if (base.isZero(p, po + 8)) {
            // Z = 0 satisfies the equation only with X = 0; and Y must be non-zero for a valid point.
            return base.isZero(p, po) && !base.isZero(p, po + 4);
        }
        return base.equal(y2z, 0, x3, 0);
    }

    /** Writes the projective identity (0, 1, 0). */
    public void setIdentityProjective(long[] r, int ro) {
        base.setZero(r, ro);
        base.setOne(r, ro + 4);
        base.setZero(r, ro + 8);
    }

    /** Affine → projective (Z = 1, or the identity). */
    public void affineToProjective(long[] a, int ao, long[] r, int ro) {
        if (isIdentityAffine(a, ao)) {
            setIdentityProjective(r, ro);
            return;
        }
        System.arraycopy(a, ao, r, ro, AFFINE_LONGS);
        base.setOne(r, ro + 8);
    }

    /** Projective → affine with one field inversion. */
    public void projectiveToAffine(long[] p, int po, long[] r, int ro) {
        if (isIdentityProjective(p, po)) {
            base.setZero(r, ro);
            base.setZero(r, ro + 4);
            return;
        }
        long[] zInv = new long[4];
        base.inv(p, po + 8, zInv, 0);
        base.mul(p, po, zInv, 0, r, ro);
        base.mul(p, po + 4, zInv, 0, r, ro + 4);
    }

    /**
     * Converts {@code count} projective points (12 longs each, from pOff) to affine (8 longs each, from
     * rOff) with a single field inversion (Montgomery's trick); identities become (0, 0).
     */
    public void batchProjectiveToAffine(long[] p, int pOff, int count, long[] r, int rOff) {
        long[] zs = new long[4 * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(p, pOff + PROJECTIVE_LONGS * i + 8, zs, 4 * i, 4);
        }
        base.batchInvert(zs, 0, count, new long[4 * count]);
        for (int i = 0; i < count; i++) {
            int po = pOff + PROJECTIVE_LONGS * i;
            int ro = rOff + AFFINE_LONGS * i;
            // batchInvert leaves zero as zero, so the identity maps to (0, 0).
            base.mul(p, po, zs, 4 * i, r, ro);
            base.mul(p, po + 4, zs, 4 * i, r, ro + 4);
        }
    }

    /** Whether two projective points are the same group element (cross-multiplied, no inversion). */
    public boolean equalProjective(long[] p, int po, long[] q, int qo) {
        boolean pId = isIdentityProjective(p, po);
        boolean qId = isIdentityProjective(q, qo);
        if (pId || qId) {
            return pId == qId;
        }
        long[] l = new long[4];
        long[] r = new long[4];
        base.mul(p, po, q, qo + 8, l, 0);
        base.mul(q, qo, p, po + 8, r, 0);
        if (!base.equal(l, 0, r, 0)) {
            return false;
        }
        base.mul(p, po + 4, q, qo + 8, l, 0);
        base.mul(q, qo + 4, p, po + 8, r, 0);
        return base.equal(l, 0, r, 0);
    }

    // ---------------------------------------------------------------------------------------------
    // Compressed encoding.

    /** Bytes of a compressed point. */
    public static final int ENCODED_BYTES = 32;

    /** Writes the 32-byte compressed encoding of the affine point at a[ao] to out[oo]. */
    public void encodeAffine(long[] a, int ao, byte[] out, int oo) {
        if (out.length - oo < ENCODED_BYTES) {
            throw new IllegalArgumentException(name + ": need 32 bytes of room, have " + Math.max(0, out.length - oo));
        }
        if (isIdentityAffine(a, ao)) {
            java.util.Arrays.fill(out, oo, oo + ENCODED_BYTES, (byte) 0);
            return;
        }
        base.toBytes(a, ao, out, oo);
        if (isOddCanonical(a, ao + 4)) {
            out[oo + ENCODED_BYTES - 1] |= (byte) 0x80;
        }
    }

    /**
     * Decodes the 32 bytes at in[io] into the affine layout at r[ro]; the identity (32 zero bytes) is accepted.
     *
     * @throws InvalidPointEncodingException if the bytes are not the encoding of a point
     */
    public void decodeAffine(byte[] in, int io, long[] r, int ro) {
        decodeAffine(in, io, r, ro, true);
    }

    /**
     * Decodes the 32 bytes at in[io] into the affine layout at r[ro]. Every check pasta_curves makes, each with
     * its own message: enough bytes; x (bit 255 cleared) below the modulus; x = 0 only as the all-zero identity
     * (no point has x = 0, since 5 is not a square, so a set sign bit there is a second encoding of the
     * identity); x³ + 5 a square. With {@code allowIdentity} false the identity is refused too, for places where
     * it would be a degenerate value (a commitment key, a public input point).
     *
     * @throws InvalidPointEncodingException if the bytes are not the encoding of an acceptable point
     */
    public void decodeAffine(byte[] in, int io, long[] r, int ro, boolean allowIdentity) {
        if (io < 0 || in.length - io < ENCODED_BYTES) {
            throw new InvalidPointEncodingException(
                    name + ": a point encoding is 32 bytes, got " + Math.max(0, in.length - io));
        }
        boolean ySign = (in[io + ENCODED_BYTES - 1] & 0x80) != 0;
        long[] x = Limbs.fromBytesLE(in, io);
        x[3] &= Long.MAX_VALUE;
        if (!base.isCanonical(x, 0)) {
            throw new InvalidPointEncodingException(name + ": point encoding has x not below the modulus");
        }
        if ((x[0] | x[1] | x[2] | x[3]) == 0) {
            if (ySign) {
                throw new InvalidPointEncodingException(
                        name + ": point encoding has x = 0 with the sign bit set (no point has x = 0)");
            }
            if (!allowIdentity) {
                throw new InvalidPointEncodingException(name + ": the identity is not allowed here");
            }
            base.setZero(r, ro);
            base.setZero(r, ro + 4);
            return;
        }
        long[] xm = new long[4];
        base.fromCanonicalUnchecked(x, 0, xm, 0);
        long[] rhs = new long[4];
        base.square(xm, 0, rhs, 0);
        base.mul(rhs, 0, xm, 0, rhs, 0);
        base.add(rhs, 0, b, 0, rhs, 0);
        long[] y = new long[4];
        if (!base.sqrt(rhs, 0, y, 0)) {
            throw new InvalidPointEncodingException(name + ": point encoding has an x with no point over it (x³ + 5 is not a square)");
        }
        if (isOddCanonical(y, 0) != ySign) {
            base.neg(y, 0, y, 0);
        }
        System.arraycopy(xm, 0, r, ro, 4);
        System.arraycopy(y, 0, r, ro + 4, 4);
    }

    /** Whether the canonical value of the base-field element at a[ao] (Montgomery form) is odd. */
    boolean isOddCanonical(long[] a, int ao) {
        long[] c = new long[4];
        base.toCanonical(a, ao, c, 0);
        return (c[0] & 1) != 0;
    }

    /**
     * n distinct pseudo-random affine points (8 longs each) for benchmarks and checks, without n scalar
     * multiplications: a random walk from a random point over 16 random steps (one mixed addition each), normalised
     * with a single inversion. Not uniformly random and not for anything secret.
     */
    public long[] randomAffinePoints(int n, java.util.random.RandomGenerator rng) {
        PointArithmetic ops = arithmetic();
        long[] g = new long[PROJECTIVE_LONGS];
        long[][] steps = new long[17][AFFINE_LONGS];
        long[] k = new long[4];
        for (long[] step : steps) {
            affineToProjective(generatorAffine(), 0, g, 0);
            scalarField().random(rng, k, 0);
            scalarField().toCanonical(k, 0, k, 0);
            ops.mulDoubleAndAdd(g, 0, k, g, 0);
            projectiveToAffine(g, 0, step, 0);
        }
        long[] proj = new long[PROJECTIVE_LONGS * n];
        long[] cur = new long[PROJECTIVE_LONGS];
        affineToProjective(steps[16], 0, cur, 0);
        for (int i = 0; i < n; i++) {
            ops.addMixed(cur, 0, steps[rng.nextInt(16)], 0, cur, 0);
            System.arraycopy(cur, 0, proj, PROJECTIVE_LONGS * i, PROJECTIVE_LONGS);
        }
        long[] out = new long[AFFINE_LONGS * n];
        batchProjectiveToAffine(proj, 0, n, out, 0);
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
