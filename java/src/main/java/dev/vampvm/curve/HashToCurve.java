package dev.vampvm.curve;

import dev.vampvm.field.MontgomeryField;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Hashing to Pallas and Vesta exactly as pasta_curves' {@code CurveExt::hash_to_curve(domain_prefix)} does,
 * so that generators derived here are the ones halo2 derives.
 *
 * <p>The construction (RFC 9380 "hash_to_curve" with the random-oracle encoding, suite
 * {@code <prefix>-<curve>_XMD:BLAKE2b_SSWU_RO_}):
 * <ol>
 *   <li>{@code expand_message_xmd} with BLAKE2b-512 to 128 bytes, split into two 64-byte strings; each is read
 *       as a big-endian integer and reduced modulo p (pasta_curves reverses the bytes and calls
 *       {@code from_bytes_wide}). The zero pad Z_pad is BLAKE2b's 128-byte block, as RFC 9380 prescribes
 *       (early pasta_curves used 64 bytes; its test vectors are for 128).</li>
 *   <li>each field element u is mapped with the simplified SWU map onto the isogenous curve
 *       E′: y² = x³ + A′x + B′ (B′ = 1265, Z = −13), the y-sign chosen to match the parity of u;</li>
 *   <li>the two E′ points are added, and the sum is carried to y² = x³ + 5 by the 3-isogeny whose 13
 *       coefficients pasta_curves lists (cofactor 1: nothing to clear).</li>
 * </ol>
 * Constant time is not a goal: everything hashed here is public (generators, test vectors).
 */
public final class HashToCurve {

    /** The suite tag after "<prefix>-<curve id>". */
    private static final String SUITE = "_XMD:BLAKE2b_SSWU_RO_";
    /** Output of BLAKE2b-512, and the bytes per field element (k = 256: L = ⌈(255 + 256)/8⌉ = 64). */
    private static final int CHUNK = 64;
    /** BLAKE2b's input block: the length of Z_pad. */
    private static final int BLOCK = 128;

    private static final HashToCurve PALLAS = new HashToCurve(ShortWeierstrassCurve.PALLAS, "pallas",
            limbs(0x92bb4b0b657a014bL, 0xb74134581a27a59fL, 0x49be2d7258370742L, 0x18354a2eb0ea8c9cL),
            new long[][] {
                    {0x775f6034aaaaaaabL, 0x4081775473d8375bL, 0xe38e38e38e38e38eL, 0x0e38e38e38e38e38L},
                    {0x8cf863b02814fb76L, 0x0f93b82ee4b99495L, 0x267c7ffa51cf412aL, 0x3509afd51872d88eL},
                    {0x0eb64faef37ea4f7L, 0x380af066cfeb6d69L, 0x98c7d7ac3d98fd13L, 0x17329b9ec5253753L},
                    {0xeebec06955555580L, 0x8102eea8e7b06eb6L, 0xc71c71c71c71c71cL, 0x1c71c71c71c71c71L},
                    {0xc47f2ab668bcd71fL, 0x9c434ac1c96b6980L, 0x5a607fcce0494a79L, 0x1d572e7ddc099cffL},
                    {0x2aa3af1eae5b6604L, 0xb4abf9fb9a1fc81cL, 0x1d13bf2a7f22b105L, 0x325669becaecd5d1L},
                    {0x5ad985b5e38e38e4L, 0x7642b01ad461bad2L, 0x4bda12f684bda12fL, 0x1a12f684bda12f68L},
                    {0xc67c31d8140a7dbbL, 0x07c9dc17725cca4aL, 0x133e3ffd28e7a095L, 0x1a84d7ea8c396c47L},
                    {0x02e2be87d225b234L, 0x1765e924f7459378L, 0x303216cce1db9ff1L, 0x3fb98ff0d2ddcaddL},
                    {0x93e53ab371c71c4fL, 0x0ac03e8e134eb3e4L, 0x7b425ed097b425edL, 0x025ed097b425ed09L},
                    {0x5a28279b1d1b42aeL, 0x5941a3a4a97aa1b3L, 0x0790bfb3506defb6L, 0x0c02c5bcca0e6b7fL},
                    {0x4d90ab820b12320aL, 0xd976bbfabbc5661dL, 0x573b3d7f7d681310L, 0x17033d3c60c68173L},
                    {0x992d30ecfffffde5L, 0x224698fc094cf91bL, 0x0000000000000000L, 0x4000000000000000L},
            });

    private static final HashToCurve VESTA = new HashToCurve(ShortWeierstrassCurve.VESTA, "vesta",
            limbs(0xc515ad7242eaa6b1L, 0x9673928c7d01b212L, 0x81639c4d96f78773L, 0x267f9b2ee592271aL),
            new long[][] {
                    {0x43cd42c800000001L, 0x0205dd51cfa0961aL, 0x8e38e38e38e38e39L, 0x38e38e38e38e38e3L},
                    {0x8b95c6aaf703bcc5L, 0x216b8861ec72bd5dL, 0xacecf10f5f7c09a2L, 0x1d935247b4473d17L},
                    {0xaeac67bbeb586a3dL, 0xd59d03d23b39cb11L, 0xed7ee4a9cdf78f8fL, 0x18760c7f7a9ad20dL},
                    {0xfb539a6f0000002bL, 0xe1c521a795ac8356L, 0x1c71c71c71c71c71L, 0x31c71c71c71c71c7L},
                    {0xb7284f7eaf21a2e9L, 0xa3ad678129b604d3L, 0x1454798a5b5c56b2L, 0x0a2de485568125d5L},
                    {0xf169c187d2533465L, 0x30cd6d53df49d235L, 0x0c621de8b91c242aL, 0x14735171ee542778L},
                    {0x6bef1642aaaaaaabL, 0x5601f4709a8adcb3L, 0xda12f684bda12f68L, 0x12f684bda12f684bL},
                    {0x8bee58e5fb81de63L, 0x21d910aefb03b31dL, 0xd6767887afbe04d1L, 0x2ec9a923da239e8bL},
                    {0x4986913ab4443034L, 0x97a3ca5c24e9ea63L, 0x66d1466e9de10e64L, 0x19b0d87e16e25788L},
                    {0x8f64842c55555533L, 0x8bc32d36fb21a6a3L, 0x425ed097b425ed09L, 0x1ed097b425ed097bL},
                    {0x58dfecce86b2745eL, 0x06a767bfc35b5bacL, 0x9e7eb64f890a820cL, 0x2f44d6c801c1b8bfL},
                    {0xd43d449776f99d2fL, 0x926847fb9ddd76a1L, 0x252659ba2b546c7eL, 0x3d59f455cafc7668L},
                    {0x8c46eb20fffffde5L, 0x224698fc0994a8ddL, 0x0000000000000000L, 0x4000000000000000L},
            });

    private final ShortWeierstrassCurve curve;
    private final MontgomeryField f;
    private final String curveId;
    /** A′, B′ = 1265 and Z = −13 of the isogenous curve, Montgomery form. */
    private final long[] isoA, isoB, z;
    /** The 13 isogeny coefficients, Montgomery form, flat (4 longs each). */
    private final long[] iso;
    /** B′/(Z·A′), the SWU x₁ for the exceptional case, and −B′/A′. */
    private final long[] exceptionalX, minusBOverA;

    private HashToCurve(ShortWeierstrassCurve curve, String curveId, long[] isoACanonical, long[][] isoCanonical) {
        this.curve = curve;
        this.f = curve.baseField();
        this.curveId = curveId;
        this.isoA = new long[4];
        f.fromCanonical(isoACanonical, 0, isoA, 0);
        this.isoB = f.fromBigInteger(BigInteger.valueOf(1265));
        this.z = f.fromBigInteger(BigInteger.valueOf(-13));
        if (isoCanonical.length != 13) {
            throw new IllegalArgumentException("a 3-isogeny map has 13 coefficients");
        }
        this.iso = new long[4 * 13];
        for (int i = 0; i < 13; i++) {
            f.fromCanonical(isoCanonical[i], 0, iso, 4 * i);
        }
        long[] za = new long[4];
        f.mul(z, 0, isoA, 0, za, 0);
        f.inv(za, 0, za, 0);
        this.exceptionalX = new long[4];
        f.mul(isoB, 0, za, 0, exceptionalX, 0);
        long[] aInv = new long[4];
        f.inv(isoA, 0, aInv, 0);
        this.minusBOverA = new long[4];
        f.mul(isoB, 0, aInv, 0, minusBOverA, 0);
        f.neg(minusBOverA, 0, minusBOverA, 0);
    }

    /** The instance for {@link ShortWeierstrassCurve#PALLAS} or {@link ShortWeierstrassCurve#VESTA}. */
    public static HashToCurve of(ShortWeierstrassCurve curve) {
        if (curve == ShortWeierstrassCurve.PALLAS) {
            return PALLAS;
        }
        if (curve == ShortWeierstrassCurve.VESTA) {
            return VESTA;
        }
        throw new IllegalArgumentException("no hash-to-curve parameters for " + curve);
    }

    public ShortWeierstrassCurve curve() {
        return curve;
    }

    /** "pallas" or "vesta", the curve id in the domain separation tag. */
    public String curveId() {
        return curveId;
    }

    /** The domain separation tag for a prefix: {@code <prefix>-<curve id>_XMD:BLAKE2b_SSWU_RO_}. */
    public String dst(String domainPrefix) {
        return domainPrefix + "-" + curveId + SUITE;
    }

    /**
     * H(domainPrefix)(message), written in the projective layout at r[ro] (not normalised, so that many hashes
     * can share one batch inversion). Thread-safe.
     *
     * @throws IllegalArgumentException if the prefix is 256 bytes or longer, or the tag would be
     */
    public void hashProjective(String domainPrefix, byte[] message, long[] r, int ro) {
        long[] u = new long[8];
        hashToField(domainPrefix, message, u, 0);
        long[] q = new long[16];
        mapToIsoCurve(u, 0, q, 0);
        mapToIsoCurve(u, 4, q, 8);
        addOnIsoCurve(q, 0, q, 8, q, 0);
        isoMapProjective(q, 0, r, ro);
    }

    /** H(domainPrefix)(message) in the affine layout at r[ro]. */
    public void hashAffine(String domainPrefix, byte[] message, long[] r, int ro) {
        long[] p = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        hashProjective(domainPrefix, message, p, 0);
        curve.projectiveToAffine(p, 0, r, ro);
    }

    /**
     * The two field elements u₀, u₁ (Montgomery form, at u[uo] and u[uo + 4]) that pasta_curves' hash_to_field
     * derives: expand_message_xmd(message, DST, 128) with BLAKE2b-512, each 64-byte half read big-endian and
     * reduced.
     */
    public void hashToField(String domainPrefix, byte[] message, long[] u, int uo) {
        byte[] prefix = domainPrefix.getBytes(StandardCharsets.UTF_8);
        byte[] dst = dst(domainPrefix).getBytes(StandardCharsets.UTF_8);
        if (prefix.length >= 256 || dst.length >= 256) {
            throw new IllegalArgumentException("hash-to-curve domain prefix too long: " + prefix.length + " bytes");
        }
        // b₀ = H(Z_pad ‖ msg ‖ I2OSP(128, 2) ‖ I2OSP(0, 1) ‖ DST′), DST′ = DST ‖ I2OSP(len(DST), 1)
        Blake2bDigest h = new Blake2bDigest(CHUNK * 8);
        h.update(new byte[BLOCK], 0, BLOCK);
        h.update(message, 0, message.length);
        h.update(new byte[] {0, (byte) (2 * CHUNK), 0}, 0, 3);
        absorbDst(h, dst);
        byte[] b0 = new byte[CHUNK];
        h.doFinal(b0, 0);
        // b₁ = H(b₀ ‖ 1 ‖ DST′)
        h.update(b0, 0, CHUNK);
        h.update((byte) 1);
        absorbDst(h, dst);
        byte[] b1 = new byte[CHUNK];
        h.doFinal(b1, 0);
        // b₂ = H((b₀ ⊕ b₁) ‖ 2 ‖ DST′)
        byte[] x = new byte[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            x[i] = (byte) (b0[i] ^ b1[i]);
        }
        h.update(x, 0, CHUNK);
        h.update((byte) 2);
        absorbDst(h, dst);
        byte[] b2 = new byte[CHUNK];
        h.doFinal(b2, 0);
        fromBigEndianWide(b1, u, uo);
        fromBigEndianWide(b2, u, uo + 4);
    }

    private static void absorbDst(Blake2bDigest h, byte[] dst) {
        h.update(dst, 0, dst.length);
        h.update((byte) dst.length);
    }

    private void fromBigEndianWide(byte[] big, long[] r, int ro) {
        byte[] little = new byte[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            little[i] = big[CHUNK - 1 - i];
        }
        f.fromUniformBytes(little, 0, r, ro);
    }

    /**
     * Simplified SWU (RFC 9380 §6.6.2) onto E′: the affine point for the field element at u[uo], written at
     * r[ro]. Never the identity.
     */
    public void mapToIsoCurve(long[] u, int uo, long[] r, int ro) {
        long[] zu2 = new long[4];
        f.square(u, uo, zu2, 0);
        f.mul(zu2, 0, z, 0, zu2, 0);
        // ta = Z²u⁴ + Zu²
        long[] ta = new long[4];
        f.square(zu2, 0, ta, 0);
        f.add(ta, 0, zu2, 0, ta, 0);
        long[] x1 = new long[4];
        if (f.isZero(ta, 0)) {
            System.arraycopy(exceptionalX, 0, x1, 0, 4);
        } else {
            // x₁ = (−B′/A′)·(1 + 1/ta)
            f.inv(ta, 0, x1, 0);
            long[] one = f.one();
            f.add(x1, 0, one, 0, x1, 0);
            f.mul(x1, 0, minusBOverA, 0, x1, 0);
        }
        long[] y = new long[4];
        long[] g = new long[4];
        isoRhs(x1, g);
        long[] x = x1;
        if (!f.sqrt(g, 0, y, 0)) {
            // g(Z·u²·x₁) = Z³u⁶·g(x₁) is a square when g(x₁) is not, since Z is a non-square.
            x = new long[4];
            f.mul(zu2, 0, x1, 0, x, 0);
            isoRhs(x, g);
            if (!f.sqrt(g, 0, y, 0)) {
                throw new IllegalStateException(curveId + ": SWU found neither g(x1) nor g(x2) square — Z is wrong");
            }
        }
        // sgn0(y) = sgn0(u), sgn0 being the parity of the canonical value.
        if (curve.isOddCanonical(y, 0) != curve.isOddCanonical(u, uo)) {
            f.neg(y, 0, y, 0);
        }
        System.arraycopy(x, 0, r, ro, 4);
        System.arraycopy(y, 0, r, ro + 4, 4);
    }

    /** g = x³ + A′x + B′. */
    private void isoRhs(long[] x, long[] g) {
        f.square(x, 0, g, 0);
        f.add(g, 0, isoA, 0, g, 0);
        f.mul(g, 0, x, 0, g, 0);
        f.add(g, 0, isoB, 0, g, 0);
    }

    /** Whether an affine point lies on E′ (or is the identity (0, 0)). */
    public boolean isOnIsoCurve(long[] a, int ao) {
        if (curve.isIdentityAffine(a, ao)) {
            return true;
        }
        long[] x = {a[ao], a[ao + 1], a[ao + 2], a[ao + 3]};
        long[] g = new long[4];
        isoRhs(x, g);
        long[] y2 = new long[4];
        f.square(a, ao + 4, y2, 0);
        return f.equal(y2, 0, g, 0);
    }

    /** r = p + q on E′, affine (textbook chord and tangent, a ≠ 0); the identity is (0, 0). Aliasing allowed. */
    public void addOnIsoCurve(long[] p, int po, long[] q, int qo, long[] r, int ro) {
        if (curve.isIdentityAffine(p, po)) {
            System.arraycopy(q, qo, r, ro, 8);
            return;
        }
        if (curve.isIdentityAffine(q, qo)) {
            System.arraycopy(p, po, r, ro, 8);
            return;
        }
        long[] num = new long[4];
        long[] den = new long[4];
        if (f.equal(p, po, q, qo)) {
            long[] ySum = new long[4];
            f.add(p, po + 4, q, qo + 4, ySum, 0);
            if (f.isZero(ySum, 0)) {
                f.setZero(r, ro);
                f.setZero(r, ro + 4);
                return;
            }
            // slope = (3x² + A′) / 2y
            f.square(p, po, num, 0);
            long[] t = new long[4];
            f.dbl(num, 0, t, 0);
            f.add(num, 0, t, 0, num, 0);
            f.add(num, 0, isoA, 0, num, 0);
            f.dbl(p, po + 4, den, 0);
        } else {
            f.sub(q, qo + 4, p, po + 4, num, 0);
            f.sub(q, qo, p, po, den, 0);
        }
        long[] slope = new long[4];
        f.inv(den, 0, slope, 0);
        f.mul(slope, 0, num, 0, slope, 0);
        long[] x3 = new long[4];
        f.square(slope, 0, x3, 0);
        f.sub(x3, 0, p, po, x3, 0);
        f.sub(x3, 0, q, qo, x3, 0);
        long[] y3 = new long[4];
        f.sub(p, po, x3, 0, y3, 0);
        f.mul(y3, 0, slope, 0, y3, 0);
        f.sub(y3, 0, p, po + 4, y3, 0);
        System.arraycopy(x3, 0, r, ro, 4);
        System.arraycopy(y3, 0, r, ro + 4, 4);
    }

    /**
     * The 3-isogeny E′ → E on an affine point at a[ao], into the projective layout at r[ro]:
     * x = N_x(x′)/D_x(x′), y = y′·N_y(x′)/D_y(x′) with cubic numerators and monic denominators of degree 2 and 3
     * (pasta_curves' coefficient order: N_x = k₀..k₃, D_x = x² + k₄x + k₅, N_y = k₆..k₉, D_y = x³ + k₁₀x² + k₁₁x +
     * k₁₂), so X = N_x·D_y, Y = y′·N_y·D_x, Z = D_x·D_y without an inversion. The identity and the kernel of the
     * isogeny (where a denominator vanishes) go to the identity.
     */
    public void isoMapProjective(long[] a, int ao, long[] r, int ro) {
        if (curve.isIdentityAffine(a, ao)) {
            curve.setIdentityProjective(r, ro);
            return;
        }
        long[] x = {a[ao], a[ao + 1], a[ao + 2], a[ao + 3]};
        long[] nx = horner(x, 0, 3, false);
        long[] dx = horner(x, 4, 2, true);
        long[] ny = horner(x, 6, 3, false);
        long[] dy = horner(x, 10, 3, true);
        f.mul(ny, 0, a, ao + 4, ny, 0);
        long[] zz = new long[4];
        f.mul(dx, 0, dy, 0, zz, 0);
        if (f.isZero(zz, 0)) {
            curve.setIdentityProjective(r, ro);
            return;
        }
        f.mul(nx, 0, dy, 0, r, ro);
        f.mul(ny, 0, dx, 0, r, ro + 4);
        System.arraycopy(zz, 0, r, ro + 8, 4);
    }

    /**
     * Evaluates a polynomial of the given degree at x by Horner's rule, with coefficients iso[from..] from the
     * leading one down; a monic polynomial has an implicit leading 1 and {@code degree} stored coefficients.
     */
    private long[] horner(long[] x, int from, int degree, boolean monic) {
        long[] acc = new long[4];
        int next = from;
        if (monic) {
            acc = f.one();
        } else {
            System.arraycopy(iso, 4 * next++, acc, 0, 4);
        }
        for (int i = 0; i < degree; i++) {
            f.mul(acc, 0, x, 0, acc, 0);
            f.add(acc, 0, iso, 4 * next++, acc, 0);
        }
        return acc;
    }

    private static long[] limbs(long l0, long l1, long l2, long l3) {
        return new long[] {l0, l1, l2, l3};
    }

    /** The isogeny coefficient i as a canonical integer (for tests and documentation). */
    BigInteger isogenyCoefficient(int i) {
        return f.toBigInteger(iso, 4 * i);
    }

    /** A′ as a canonical integer. */
    public BigInteger isoA() {
        return f.toBigInteger(isoA, 0);
    }
}
