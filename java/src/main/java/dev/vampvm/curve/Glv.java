package dev.vampvm.curve;

import dev.vampvm.field.Limbs;
import dev.vampvm.field.MontgomeryField;
import java.math.BigInteger;

/**
 * The Gallant–Lambert–Vanstone endomorphism of a Pasta curve and the scalar decomposition it enables.
 *
 * <p>Both curves have j-invariant 0, so φ(x, y) = (ζ·x, y) for a primitive cube root of unity ζ of the base
 * field is an automorphism of order 3, and on a prime-order group it acts as multiplication by a cube root
 * of unity λ of the scalar field. Which λ goes with which ζ is a convention fixed by pasta_curves
 * ({@code pasta.md}): on Pallas ζ = Fp ZETA and λ = Fq ZETA, on Vesta the mirror. The constructor checks
 * φ(G) = [λ]G, so a mismatched pair cannot go unnoticed.
 *
 * <p>Decomposition (GLV 2001, §4; Guide to ECC, alg. 3.74): the scalars (a, b) with a + λb ≡ 0 (mod n) form a
 * lattice L of determinant n. A reduced basis v₁ = (a₁, b₁), v₂ = (a₂, b₂) with entries near √n comes out of
 * the extended Euclidean algorithm on (n, λ). Writing (k, 0) = β₁v₁ + β₂v₂ over the rationals and rounding,
 * (k₁, k₂) = (k, 0) − ĉ₁v₁ − ĉ₂v₂ lies in (k, 0) + L, so k₁ + λk₂ ≡ k, and |k₁| ≤ (½ + δ)(|a₁| + |a₂|),
 * |k₂| ≤ (½ + δ)(|b₁| + |b₂|) where δ bounds the error of the approximate β's.
 *
 * <p>Hot path: β₁ = k·b₂/n and β₂ = −k·b₁/n are approximated by k·g/2³²⁰ with g = round(2³²⁰·|b/n|)
 * precomputed, so decomposition is one 4×4-limb product per coefficient plus a few 128-bit products, all in
 * {@code long}s. Since k < n < 2²⁵⁵, the approximation is off by at most k/2³²¹ < 2⁻⁶⁶ = δ. For Pasta the
 * resulting bounds are |k₁| < 2^126.3 and |k₂| < 2^126.8; the constructor recomputes them from the basis and
 * refuses to build unless both are below 2¹²⁷, which is what lets the final subtraction run modulo 2¹²⁸
 * (a value in (−2¹²⁷, 2¹²⁷) is determined by its residue mod 2¹²⁸).
 */
public final class Glv {

    /** ZETA of pasta.md: the primitive cube roots of unity of Fp and Fq that pasta_curves pairs. */
    private static final BigInteger FP_ZETA =
            new BigInteger("12ccca834acdba712caad5dc57aab1b01d1f8bd237ad31491dad5ebdfdfe4ab9", 16);
    private static final BigInteger FQ_ZETA =
            new BigInteger("06819a58283e528e511db4d81cf70f5a0fed467d47c033af2aa9d2e050aa0e4f", 16);

    /** Fixed-point precision of the rounding constants: β ≈ k·g / 2^SHIFT. Equal to five limbs. */
    private static final int SHIFT = 320;

    /** Proven bound on both magnitudes: |k₁|, |k₂| < 2^MAGNITUDE_BITS. */
    public static final int MAGNITUDE_BITS = 127;

    private static final Glv PALLAS = new Glv(ShortWeierstrassCurve.PALLAS, FP_ZETA, FQ_ZETA);
    private static final Glv VESTA = new Glv(ShortWeierstrassCurve.VESTA, FQ_ZETA, FP_ZETA);

    private final ShortWeierstrassCurve curve;
    private final MontgomeryField base;
    private final MontgomeryField scalar;
    private final BigInteger lambda;
    /** ζ in Montgomery form of the base field. */
    private final long[] zeta;
    /** The reduced lattice basis, for tests and documentation. */
    private final BigInteger a1, b1, a2, b2;
    /** g₁, g₂ as four limbs each: round(2^SHIFT·|e_i|) with e₁ = b₂/det, e₂ = −b₁/det. */
    private final long[] g1, g2;
    /**
     * The multipliers of |ĉ₁| and |ĉ₂| in k₁ = k + |ĉ₁|·ka1 + |ĉ₂|·ka2 and k₂ = |ĉ₁|·kb1 + |ĉ₂|·kb2, i.e.
     * −sign(e_i)·(a_i or b_i), as two's complement residues mod 2¹²⁸ (low limb, high limb).
     */
    private final long ka1Lo, ka1Hi, ka2Lo, ka2Hi, kb1Lo, kb1Hi, kb2Lo, kb2Hi;

    private Glv(ShortWeierstrassCurve curve, BigInteger zetaBase, BigInteger lambdaScalar) {
        this.curve = curve;
        this.base = curve.baseField();
        this.scalar = curve.scalarField();
        BigInteger n = scalar.modulus();
        if (!zetaBase.modPow(BigInteger.valueOf(3), base.modulus()).equals(BigInteger.ONE) || zetaBase.equals(BigInteger.ONE)
                || !lambdaScalar.modPow(BigInteger.valueOf(3), n).equals(BigInteger.ONE) || lambdaScalar.equals(BigInteger.ONE)) {
            throw new IllegalStateException(curve.name() + ": ZETA constants are not primitive cube roots of unity");
        }
        this.lambda = lambdaScalar;
        this.zeta = base.fromBigIntegerUnchecked(zetaBase);
        checkEigenvalue();

        BigInteger[] basis = reducedBasis(n, lambdaScalar);
        this.a1 = basis[0];
        this.b1 = basis[1];
        this.a2 = basis[2];
        this.b2 = basis[3];
        BigInteger det = a1.multiply(b2).subtract(a2.multiply(b1));
        if (!det.abs().equals(n)) {
            throw new IllegalStateException(curve.name() + ": GLV basis does not span the lattice");
        }
        // e₁ = b₂/det, e₂ = −b₁/det; β_i = k·e_i.
        BigInteger num1 = b2.multiply(BigInteger.valueOf(det.signum()));
        BigInteger num2 = b1.negate().multiply(BigInteger.valueOf(det.signum()));
        this.g1 = Limbs.fromBigInteger(roundDiv(num1.abs().shiftLeft(SHIFT), n));
        this.g2 = Limbs.fromBigInteger(roundDiv(num2.abs().shiftLeft(SHIFT), n));
        int s1 = num1.signum() < 0 ? -1 : 1;
        int s2 = num2.signum() < 0 ? -1 : 1;
        long[] ka1 = residue128(a1.multiply(BigInteger.valueOf(-s1)));
        long[] ka2 = residue128(a2.multiply(BigInteger.valueOf(-s2)));
        long[] kb1 = residue128(b1.multiply(BigInteger.valueOf(-s1)));
        long[] kb2 = residue128(b2.multiply(BigInteger.valueOf(-s2)));
        ka1Lo = ka1[0];
        ka1Hi = ka1[1];
        ka2Lo = ka2[0];
        ka2Hi = ka2[1];
        kb1Lo = kb1[0];
        kb1Hi = kb1[1];
        kb2Lo = kb2[0];
        kb2Hi = kb2[1];
        checkBounds(n);
    }

    /** The cached instance for {@link ShortWeierstrassCurve#PALLAS} or {@link ShortWeierstrassCurve#VESTA}. */
    public static Glv of(ShortWeierstrassCurve curve) {
        if (curve == ShortWeierstrassCurve.PALLAS) {
            return PALLAS;
        }
        if (curve == ShortWeierstrassCurve.VESTA) {
            return VESTA;
        }
        throw new IllegalArgumentException("no GLV parameters for " + curve);
    }

    public ShortWeierstrassCurve curve() {
        return curve;
    }

    /** λ: φ(P) = [λ]P for every P. */
    public BigInteger lambda() {
        return lambda;
    }

    /** ζ, the base-field cube root with φ(x, y) = (ζx, y). */
    public BigInteger zeta() {
        return base.toBigInteger(zeta, 0);
    }

    /** The reduced basis {(a₁, b₁), (a₂, b₂)} of {(a, b) : a + λb ≡ 0 mod n}, as {a₁, b₁, a₂, b₂}. */
    public BigInteger[] basis() {
        return new BigInteger[] {a1, b1, a2, b2};
    }

    /**
     * k (canonical 4 limbs at ko, k &lt; order) = k1 + λ·k2 mod order. Writes |k1| to out[oo], out[oo+1] and
     * |k2| to out[oo+2], out[oo+3] (128-bit magnitudes, little-endian limbs; in fact both are below
     * 2^{@value #MAGNITUDE_BITS}). Returns sign bits: bit 0 set iff k1 &lt; 0, bit 1 set iff k2 &lt; 0.
     * {@code out} may alias {@code k}. Thread-safe and allocation-free.
     *
     * @throws IllegalArgumentException if k is not below the group order
     */
    public int decompose(long[] k, int ko, long[] out, int oo) {
        if (!scalar.isCanonical(k, ko)) {
            throw new IllegalArgumentException(curve.name() + ": scalar is not below the group order");
        }
        final long k0 = k[ko], k1l = k[ko + 1];

        // ĉ_j = round(k·g_j / 2^320), as two limbs each (the constructor proved ĉ_j < 2^128). Both are computed
        // before anything is written, since out may alias k.
        long c1Lo = 0, c1Hi = 0, c2Lo = 0, c2Hi = 0;
        for (int j = 0; j < 2; j++) {
            final long[] g = j == 0 ? g1 : g2;
            // 4×4-limb schoolbook product by columns, with a 192-bit accumulator (acc0, acc1, acc2); only
            // limbs 4 (for its top bit, the rounding bit 319) to 6 are kept. Limb 7 is zero since ĉ < 2^128.
            long acc0 = 0, acc1 = 0, acc2 = 0, r4 = 0, r5 = 0, r6 = 0;
            for (int col = 0; col < 7; col++) {
                for (int i = Math.max(0, col - 3); i <= Math.min(3, col); i++) {
                    long x = k[ko + i], y = g[col - i];
                    long lo = x * y, hi = Math.unsignedMultiplyHigh(x, y);
                    acc0 += lo;
                    hi += Long.compareUnsigned(acc0, lo) < 0 ? 1 : 0;
                    acc1 += hi;
                    acc2 += Long.compareUnsigned(acc1, hi) < 0 ? 1 : 0;
                }
                if (col == 4) {
                    r4 = acc0;
                } else if (col == 5) {
                    r5 = acc0;
                } else if (col == 6) {
                    r6 = acc0;
                }
                acc0 = acc1;
                acc1 = acc2;
                acc2 = 0;
            }
            long roundBit = r4 >>> 63;
            long lo = r5 + roundBit;
            long hi = r6 + (lo == 0 && roundBit != 0 ? 1 : 0);
            if (j == 0) {
                c1Lo = lo;
                c1Hi = hi;
            } else {
                c2Lo = lo;
                c2Hi = hi;
            }
        }

        // k₁ = k + ĉ₁·ka1 + ĉ₂·ka2 and k₂ = ĉ₁·kb1 + ĉ₂·kb2, all mod 2^128: (x + 2^64·X)(y + 2^64·Y) ≡
        // xy + 2^64·(hi(xy) + xY + Xy).
        long x1Lo = k0, x1Hi = k1l;
        long t = c1Lo * ka1Lo;
        long th = Math.unsignedMultiplyHigh(c1Lo, ka1Lo) + c1Lo * ka1Hi + c1Hi * ka1Lo;
        long s = x1Lo + t;
        x1Hi += th + (Long.compareUnsigned(s, t) < 0 ? 1 : 0);
        x1Lo = s;
        t = c2Lo * ka2Lo;
        th = Math.unsignedMultiplyHigh(c2Lo, ka2Lo) + c2Lo * ka2Hi + c2Hi * ka2Lo;
        s = x1Lo + t;
        x1Hi += th + (Long.compareUnsigned(s, t) < 0 ? 1 : 0);
        x1Lo = s;

        long x2Lo = c1Lo * kb1Lo;
        long x2Hi = Math.unsignedMultiplyHigh(c1Lo, kb1Lo) + c1Lo * kb1Hi + c1Hi * kb1Lo;
        t = c2Lo * kb2Lo;
        th = Math.unsignedMultiplyHigh(c2Lo, kb2Lo) + c2Lo * kb2Hi + c2Hi * kb2Lo;
        s = x2Lo + t;
        x2Hi += th + (Long.compareUnsigned(s, t) < 0 ? 1 : 0);
        x2Lo = s;

        // |k_i| < 2^127, so the top bit of the residue is the sign.
        int signs = 0;
        if (x1Hi < 0) {
            signs |= 1;
            x1Lo = -x1Lo;
            x1Hi = ~x1Hi + (x1Lo == 0 ? 1 : 0);
        }
        if (x2Hi < 0) {
            signs |= 2;
            x2Lo = -x2Lo;
            x2Hi = ~x2Hi + (x2Lo == 0 ? 1 : 0);
        }
        out[oo] = x1Lo;
        out[oo + 1] = x1Hi;
        out[oo + 2] = x2Lo;
        out[oo + 3] = x2Hi;
        return signs;
    }

    /** r = φ(a) = (ζ·x, y) on the affine layout; the identity (0, 0) maps to itself. Aliasing allowed. */
    public void endomorphismAffine(long[] a, int ao, long[] r, int ro) {
        base.mul(a, ao, zeta, 0, r, ro);
        if (a != r || ao != ro) {
            System.arraycopy(a, ao + 4, r, ro + 4, 4);
        }
    }

    /** r = φ(p) = (ζ·X, Y, Z) on the projective layout (the identity stays the identity). Aliasing allowed. */
    public void endomorphismProjective(long[] p, int po, long[] r, int ro) {
        base.mul(p, po, zeta, 0, r, ro);
        if (p != r || po != ro) {
            System.arraycopy(p, po + 4, r, ro + 4, 8);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Set-up, in BigInteger, once per curve.

    /** φ(G) must equal [λ]G; otherwise ζ and λ are not the pair pasta_curves uses. */
    private void checkEigenvalue() {
        PointArithmetic ops = curve.arithmetic();
        long[] g = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        curve.affineToProjective(curve.generatorAffine(), 0, g, 0);
        long[] lg = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        ops.mulDoubleAndAdd(g, 0, Limbs.fromBigInteger(lambda), lg, 0);
        long[] phiG = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        endomorphismProjective(g, 0, phiG, 0);
        if (!curve.equalProjective(lg, 0, phiG, 0)) {
            throw new IllegalStateException(curve.name() + ": φ(G) ≠ [λ]G — ζ and λ are not paired as in pasta_curves");
        }
    }

    /**
     * Extended Euclid on (n, λ): each remainder r_i = s_i·n + t_i·λ gives the lattice vector (r_i, −t_i). With
     * l the last index where r_l ≥ √n, v₁ = (r_{l+1}, −t_{l+1}) and v₂ is the shorter of (r_l, −t_l) and
     * (r_{l+2}, −t_{l+2}) (Guide to ECC, alg. 3.74).
     */
    static BigInteger[] reducedBasis(BigInteger n, BigInteger lambda) {
        BigInteger sqrtN = n.sqrt();
        BigInteger rPrev = n, r = lambda, tPrev = BigInteger.ZERO, t = BigInteger.ONE;
        // Advance until r < √n; then (rPrev, tPrev) is index l and (r, t) is l + 1.
        while (r.compareTo(sqrtN) >= 0) {
            BigInteger quot = rPrev.divide(r);
            BigInteger rNext = rPrev.subtract(quot.multiply(r));
            BigInteger tNext = tPrev.subtract(quot.multiply(t));
            rPrev = r;
            tPrev = t;
            r = rNext;
            t = tNext;
        }
        BigInteger quot = rPrev.divide(r);
        BigInteger rNext = rPrev.subtract(quot.multiply(r));
        BigInteger tNext = tPrev.subtract(quot.multiply(t));
        BigInteger[] v1 = {r, t.negate()};
        BigInteger[] vl = {rPrev, tPrev.negate()};
        BigInteger[] vl2 = {rNext, tNext.negate()};
        BigInteger[] v2 = norm2(vl).compareTo(norm2(vl2)) <= 0 ? vl : vl2;
        return new BigInteger[] {v1[0], v1[1], v2[0], v2[1]};
    }

    private static BigInteger norm2(BigInteger[] v) {
        return v[0].multiply(v[0]).add(v[1].multiply(v[1]));
    }

    private static BigInteger roundDiv(BigInteger num, BigInteger den) {
        return num.add(den.shiftRight(1)).divide(den);
    }

    private static long[] residue128(BigInteger v) {
        BigInteger r = v.mod(BigInteger.ONE.shiftLeft(128));
        return new long[] {r.longValue(), r.shiftRight(64).longValue()};
    }

    /**
     * The bound argument of the class comment, in numbers: |ĉ_i − β_i| ≤ ½ + δ with δ = 2²⁵⁵/2³²¹, so
     * |k₁| ≤ (½ + δ)(|a₁| + |a₂|) and |k₂| ≤ (½ + δ)(|b₁| + |b₂|), both of which must be below 2¹²⁷; and
     * |ĉ_i| ≤ |β_i| + 1 ≤ max(|b₁|, |b₂|) + 1 must be below 2¹²⁸ to fit two limbs.
     */
    private void checkBounds(BigInteger n) {
        if (n.bitLength() > 255) {
            throw new IllegalStateException(curve.name() + ": order above 2^255 breaks the δ estimate");
        }
        // (½ + 2^−66)·s < 2^127  ⇔  s·(2^65 + 1) < 2^(127 + 66)
        BigInteger factor = BigInteger.ONE.shiftLeft(SHIFT - 255).add(BigInteger.ONE); // 2^65 + 1
        BigInteger limit = BigInteger.ONE.shiftLeft(MAGNITUDE_BITS + SHIFT - 255 + 1);
        BigInteger sa = a1.abs().add(a2.abs());
        BigInteger sb = b1.abs().add(b2.abs());
        if (sa.multiply(factor).compareTo(limit) >= 0 || sb.multiply(factor).compareTo(limit) >= 0) {
            throw new IllegalStateException(curve.name() + ": GLV magnitudes are not provably below 2^" + MAGNITUDE_BITS);
        }
        if (b1.abs().max(b2.abs()).add(BigInteger.ONE).bitLength() > 128) {
            throw new IllegalStateException(curve.name() + ": rounded GLV coefficients do not fit 128 bits");
        }
    }
}
