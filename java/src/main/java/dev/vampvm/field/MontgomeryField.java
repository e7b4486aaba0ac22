package dev.vampvm.field;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Arithmetic in a prime field of at most 255 bits, in Montgomery form over four 64-bit limbs.
 *
 * <p>One implementation, parameterised by the modulus: {@link Fp} and {@link Fq} are its two instances.
 * Everything else (R, R², −p⁻¹ mod 2⁶⁴, the 2-adic root of unity and the square-root tables) is derived
 * from the modulus and the multiplicative generator at construction.
 *
 * <p>The methods on {@code long[]} with offsets are the allocation-free kernels for hot loops: an element
 * occupies four consecutive longs (least significant first), and a vector of n elements is a flat
 * {@code long[4n]}. Inputs and outputs may alias. Every kernel expects and returns fully reduced values
 * (in [0, p) in Montgomery form); the codecs ({@link #fromBytes}, {@link #fromCanonical}) are the only
 * places where untrusted values come in, and they check.
 *
 * <p>Multiplication uses CIOS with the "no-carry" shortcut (Gautam Botrel's observation, used by gnark):
 * when the top limb of p is below 2⁶³ − 1, the running sum never needs a fifth limb. Both Pasta moduli
 * qualify; the constructor refuses a modulus that does not.
 *
 * <p>Moduli of the Pasta shape p = 2²⁵⁴ + c, c &lt; 2¹²⁸, get specialised kernels, chosen once at
 * construction (see {@link #hasPastaShape}): mul, square, add, sub and dbl. Every other modulus uses the
 * generic ones, which the BN254 law test keeps covered. Java has no add-with-carry, so each carry costs a
 * compare and a conditional move; the kernels are shaped to need as few as possible, and unrolled by hand
 * because C2 leaves their loops rolled.
 */
public final class MontgomeryField {

    /** Limbs per element. */
    public static final int LIMBS = 4;
    /** Bytes of the canonical encoding. */
    public static final int BYTES = 32;
    /** Limb 3 of a modulus of the Pasta shape 2²⁵⁴ + c, c < 2¹²⁸. */
    private static final long PASTA_P3 = 1L << 62;

    private final String name;
    private final BigInteger modulus;
    private final long p0, p1, p2, p3;
    /** −p⁻¹ mod 2⁶⁴. */
    private final long inv;
    /**
     * Whether p = 2²⁵⁴ + c with c &lt; 2¹²⁸ (limb 2 zero, limb 3 = 2⁶²), as both Pasta moduli are: then the
     * Montgomery reduction needs two 64×64 products per round instead of four, and a specialised kernel is
     * used. Any other modulus takes the generic kernel.
     */
    private final boolean pastaShape;
    private final long[] one;
    private final long[] r2;
    private final long[] r3;
    private final int twoAdicity;
    /** t = (p − 1) / 2^S, odd. */
    private final BigInteger trace;
    /** A primitive 2^S-th root of unity, g^t for the multiplicative generator g, Montgomery form. */
    private final long[] rootOfUnity;
    private final long[] generator;
    private final SqrtTables sqrtTables;
    /** The exponent p − 2 of Fermat inversion. */
    private final long[] pMinus2;
    /** The variable-time inversion. */
    private final BernsteinYang safegcd;

    /**
     * @param name          a short name used in messages, e.g. "Fp"
     * @param modulus       an odd prime below 2²⁵⁵ whose top limb is below 2⁶³ − 1
     * @param generator     a generator of the multiplicative group
     */
    public MontgomeryField(String name, BigInteger modulus, long generator) {
        if (modulus.signum() <= 0 || !modulus.testBit(0) || modulus.bitLength() > 255) {
            throw new IllegalArgumentException(name + ": modulus must be an odd number of at most 255 bits");
        }
        if (!modulus.isProbablePrime(64)) {
            throw new IllegalArgumentException(name + ": modulus is not prime");
        }
        this.name = name;
        this.modulus = modulus;
        long[] p = Limbs.fromBigInteger(modulus);
        this.p0 = p[0];
        this.p1 = p[1];
        this.p2 = p[2];
        this.p3 = p[3];
        if (Long.compareUnsigned(p3, 0x7FFF_FFFF_FFFF_FFFEL) > 0) {
            throw new IllegalArgumentException(name + ": top limb too large for the no-carry multiplication");
        }
        this.pastaShape = p2 == 0 && p3 == PASTA_P3;
        this.inv = BigInteger.ONE.shiftLeft(64)
                .subtract(modulus.modInverse(BigInteger.ONE.shiftLeft(64))).longValue();
        BigInteger r = BigInteger.ONE.shiftLeft(256).mod(modulus);
        this.one = Limbs.fromBigInteger(r);
        this.r2 = Limbs.fromBigInteger(r.multiply(r).mod(modulus));
        this.r3 = Limbs.fromBigInteger(r.multiply(r).multiply(r).mod(modulus));
        BigInteger pm1 = modulus.subtract(BigInteger.ONE);
        this.twoAdicity = pm1.getLowestSetBit();
        this.trace = pm1.shiftRight(twoAdicity);
        this.pMinus2 = Limbs.fromBigInteger(modulus.subtract(BigInteger.TWO));
        this.safegcd = new BernsteinYang(this, modulus);
        this.generator = fromBigIntegerUnchecked(BigInteger.valueOf(generator));
        long[] root = new long[LIMBS];
        pow(this.generator, 0, Limbs.fromBigInteger(trace), root, 0);
        this.rootOfUnity = root;
        checkGenerator(pm1);
        this.sqrtTables = new SqrtTables();
    }

    private void checkGenerator(BigInteger pm1) {
        // g generates F* iff g^((p−1)/ℓ) ≠ 1 for every prime ℓ | p − 1. We only need (and check) that the
        // 2-adic part is full, i.e. that g^t has order exactly 2^S, which is what the NTT and sqrt rely on.
        long[] x = rootOfUnity.clone();
        for (int i = 0; i < twoAdicity - 1; i++) {
            square(x, 0, x, 0);
        }
        long[] minusOne = new long[LIMBS];
        neg(one, 0, minusOne, 0);
        if (!equal(x, 0, minusOne, 0)) {
            throw new IllegalArgumentException(name + ": " + pm1 + " — generator is not a 2^S-th non-residue");
        }
    }

    public String name() {
        return name;
    }

    /** Whether the kernels specialised to p = 2²⁵⁴ + c, c &lt; 2¹²⁸, are in use (tests check both paths). */
    boolean hasPastaShape() {
        return pastaShape;
    }

    public BigInteger modulus() {
        return modulus;
    }

    /** S such that p − 1 = 2^S · t with t odd. */
    public int twoAdicity() {
        return twoAdicity;
    }

    /** A primitive 2^S-th root of unity (generator^t), in Montgomery form; a fresh copy. */
    public long[] rootOfUnity() {
        return rootOfUnity.clone();
    }

    /** The multiplicative generator, in Montgomery form; a fresh copy. */
    public long[] generator() {
        return generator.clone();
    }

    /** One (R mod p), in Montgomery form; a fresh copy. */
    public long[] one() {
        return one.clone();
    }

    // ---------------------------------------------------------------------------------------------
    // Kernels: a, b at offsets ao, bo; result at ro. Aliasing allowed.

    public void setZero(long[] r, int ro) {
        r[ro] = 0;
        r[ro + 1] = 0;
        r[ro + 2] = 0;
        r[ro + 3] = 0;
    }

    public void setOne(long[] r, int ro) {
        System.arraycopy(one, 0, r, ro, LIMBS);
    }

    public boolean isZero(long[] a, int ao) {
        return (a[ao] | a[ao + 1] | a[ao + 2] | a[ao + 3]) == 0;
    }

    public boolean isOne(long[] a, int ao) {
        return equal(a, ao, one, 0);
    }

    public boolean equal(long[] a, int ao, long[] b, int bo) {
        return ((a[ao] ^ b[bo]) | (a[ao + 1] ^ b[bo + 1]) | (a[ao + 2] ^ b[bo + 2]) | (a[ao + 3] ^ b[bo + 3])) == 0;
    }

    /** r = a + b mod p. */
    public void add(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
        long y0 = b[bo], y1 = b[bo + 1], y2 = b[bo + 2], y3 = b[bo + 3];
        long s0 = x0 + y0;
        long k = carryOf(s0, x0);
        long t = x1 + y1;
        long k1 = carryOf(t, x1);
        long s1 = t + k;
        k = k1 | carryOf(s1, t);
        t = x2 + y2;
        k1 = carryOf(t, x2);
        long s2 = t + k;
        k = k1 | carryOf(s2, t);
        // p < 2^255, so a + b < 2^256: no carry out of the top limb.
        long s3 = x3 + y3 + k;
        if (pastaShape) {
            reduceOncePastaShape(s0, s1, s2, s3, r, ro);
        } else {
            reduceOnce(s0, s1, s2, s3, r, ro);
        }
    }

    /** r = 2a mod p. */
    public void dbl(long[] a, int ao, long[] r, int ro) {
        long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
        long s0 = a0 << 1, s1 = (a1 << 1) | (a0 >>> 63), s2 = (a2 << 1) | (a1 >>> 63), s3 = (a3 << 1) | (a2 >>> 63);
        if (pastaShape) {
            reduceOncePastaShape(s0, s1, s2, s3, r, ro);
        } else {
            reduceOnce(s0, s1, s2, s3, r, ro);
        }
    }

    /**
     * r = a − b mod p. Split by shape so that each kernel stays under C2's inlining limit for hot call
     * sites (FreqInlineSize, 325 bytecodes): the old single version (369 bytecodes) was never inlined.
     */
    public void sub(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        if (pastaShape) {
            subPastaShape(a, ao, b, bo, r, ro);
        } else {
            subGeneric(a, ao, b, bo, r, ro);
        }
    }

    /** a − b, and p added back on borrow; with p2 = 0 and p3 = 2⁶² the add-back is two limbs and two carries. */
    private void subPastaShape(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
        long y0 = b[bo], y1 = b[bo + 1], y2 = b[bo + 2], y3 = b[bo + 3];
        long d0 = x0 - y0;
        long w = carryOf(x0, y0);
        long e = x1 - y1;
        long w1 = carryOf(x1, y1);
        long d1 = e - w;
        w = w1 | carryOf(e, w);
        e = x2 - y2;
        w1 = carryOf(x2, y2);
        long d2 = e - w;
        w = w1 | carryOf(e, w);
        e = x3 - y3;
        w1 = carryOf(x3, y3);
        long d3 = e - w;
        w = w1 | carryOf(e, w);
        // mask is all ones iff the subtraction borrowed.
        long mask = -w;
        long q0 = p0 & mask, q1 = p1 & mask;
        long s0 = d0 + q0;
        long k = carryOf(s0, d0);
        long t = d1 + q1;
        long k1 = carryOf(t, d1);
        long s1 = t + k;
        k = k1 | carryOf(s1, t);
        long s2 = d2 + k;
        k = carryOf(s2, d2);
        r[ro] = s0;
        r[ro + 1] = s1;
        r[ro + 2] = s2;
        r[ro + 3] = d3 + (PASTA_P3 & mask) + k;
    }

    /** a − b, and p added back on borrow (any modulus). */
    private void subGeneric(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        long x0 = a[ao], y0 = b[bo];
        long d0 = x0 - y0;
        long w = borrow(x0, y0, d0);
        long x1 = a[ao + 1], y1 = b[bo + 1];
        long e1 = x1 - y1;
        long w1 = borrow(x1, y1, e1);
        long d1 = e1 - w;
        w = w1 | borrow(e1, w, d1);
        long x2 = a[ao + 2], y2 = b[bo + 2];
        long e2 = x2 - y2;
        long w2 = borrow(x2, y2, e2);
        long d2 = e2 - w;
        w = w2 | borrow(e2, w, d2);
        long x3 = a[ao + 3], y3 = b[bo + 3];
        long e3 = x3 - y3;
        long w3 = borrow(x3, y3, e3);
        long d3 = e3 - w;
        w = w3 | borrow(e3, w, d3);
        // On borrow, add p back (mask is all ones iff borrow).
        long mask = -w;
        long q0 = p0 & mask, q1 = p1 & mask, q2 = p2 & mask, q3 = p3 & mask;
        long s0 = d0 + q0;
        long c = carry(d0, q0, s0);
        long t1 = d1 + q1;
        long c1 = carry(d1, q1, t1);
        long s1 = t1 + c;
        c = c1 | carry(t1, c, s1);
        long t2 = d2 + q2;
        long c2 = carry(d2, q2, t2);
        long s2 = t2 + c;
        c = c2 | carry(t2, c, s2);
        r[ro] = s0;
        r[ro + 1] = s1;
        r[ro + 2] = s2;
        r[ro + 3] = d3 + q3 + c;
    }

    /** r = −a mod p. */
    public void neg(long[] a, int ao, long[] r, int ro) {
        long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
        long mask = ((a0 | a1 | a2 | a3) == 0) ? 0 : -1L;
        long d0 = p0 - a0;
        long w = borrow(p0, a0, d0);
        long e1 = p1 - a1;
        long w1 = borrow(p1, a1, e1);
        long d1 = e1 - w;
        w = w1 | borrow(e1, w, d1);
        long e2 = p2 - a2;
        long w2 = borrow(p2, a2, e2);
        long d2 = e2 - w;
        w = w2 | borrow(e2, w, d2);
        long d3 = p3 - a3 - w;
        r[ro] = d0 & mask;
        r[ro + 1] = d1 & mask;
        r[ro + 2] = d2 & mask;
        r[ro + 3] = d3 & mask;
    }

    /** r = a · b · R⁻¹ mod p (Montgomery product). */
    public void mul(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        if (pastaShape) {
            mulPastaShape(a, ao, b, bo, r, ro);
        } else {
            mulGeneric(a, ao, b, bo, r, ro);
        }
    }

    /**
     * CIOS for p = p0 + p1·2⁶⁴ + 2²⁵⁴ (limb 2 zero, limb 3 = 2⁶²), fully unrolled. Per round, m·p costs two 64×64
     * products instead of four: m·p2 vanishes, m·p3 is the shift pair (m ≪ 62, m ≫ 2), and the low word of m·p0 is
     * −t0 by the choice of m, so only its high word is computed and the carry out of that column is just (t0 ≠ 0).
     * The loop over rounds is unrolled by hand because C2 does not unroll it (the body is too large), and with it
     * unrolled the b limbs and round constants stay in registers or are folded into memory operands. Measured on the
     * 2-core EPYC (JDK 25, dependent chain x = x·y, thread CPU time): 56 ns generic CIOS → 48 ns shape-specialised
     * loop → 40 ns unrolled.
     */
    private void mulPastaShape(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        final long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
        final long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];
        final long q0 = p0, q1 = p1, n = inv;
        long t0, t1, t2, t3, A, C, m, lo, hi, s;
        // Round 0: t = a·b0 + m·p, shifted down one limb.
        t0 = a0 * b0; A = mulHi(a0, b0);
        m = t0 * n;
        C = mulHi(m, q0) + ((t0 | -t0) >>> 63);
        lo = a1 * b0; t1 = lo + A; A = mulHi(a1, b0) + carryOf(t1, lo);
        lo = m * q1; s = lo + t1; hi = mulHi(m, q1) + carryOf(s, lo); t0 = s + C; C = hi + carryOf(t0, s);
        lo = a2 * b0; t2 = lo + A; A = mulHi(a2, b0) + carryOf(t2, lo);
        t1 = t2 + C; C = carryOf(t1, t2);
        lo = a3 * b0; t3 = lo + A; A = mulHi(a3, b0) + carryOf(t3, lo);
        s = (m << 62) + C; t2 = t3 + s; C = (m >>> 2) + carryOf(t2, s);
        t3 = A + C;
        // Round 1.
        lo = a0 * b1; t0 += lo; A = mulHi(a0, b1) + carryOf(t0, lo);
        m = t0 * n;
        C = mulHi(m, q0) + ((t0 | -t0) >>> 63);
        lo = a1 * b1; s = t1 + lo; hi = mulHi(a1, b1) + carryOf(s, lo); t1 = s + A; A = hi + carryOf(t1, s);
        lo = m * q1; s = t1 + lo; hi = mulHi(m, q1) + carryOf(s, lo); t0 = s + C; C = hi + carryOf(t0, s);
        lo = a2 * b1; s = t2 + lo; hi = mulHi(a2, b1) + carryOf(s, lo); t2 = s + A; A = hi + carryOf(t2, s);
        t1 = t2 + C; C = carryOf(t1, t2);
        lo = a3 * b1; s = t3 + lo; hi = mulHi(a3, b1) + carryOf(s, lo); t3 = s + A; A = hi + carryOf(t3, s);
        s = (m << 62) + C; t2 = t3 + s; C = (m >>> 2) + carryOf(t2, s);
        t3 = A + C;
        // Round 2.
        lo = a0 * b2; t0 += lo; A = mulHi(a0, b2) + carryOf(t0, lo);
        m = t0 * n;
        C = mulHi(m, q0) + ((t0 | -t0) >>> 63);
        lo = a1 * b2; s = t1 + lo; hi = mulHi(a1, b2) + carryOf(s, lo); t1 = s + A; A = hi + carryOf(t1, s);
        lo = m * q1; s = t1 + lo; hi = mulHi(m, q1) + carryOf(s, lo); t0 = s + C; C = hi + carryOf(t0, s);
        lo = a2 * b2; s = t2 + lo; hi = mulHi(a2, b2) + carryOf(s, lo); t2 = s + A; A = hi + carryOf(t2, s);
        t1 = t2 + C; C = carryOf(t1, t2);
        lo = a3 * b2; s = t3 + lo; hi = mulHi(a3, b2) + carryOf(s, lo); t3 = s + A; A = hi + carryOf(t3, s);
        s = (m << 62) + C; t2 = t3 + s; C = (m >>> 2) + carryOf(t2, s);
        t3 = A + C;
        // Round 3.
        lo = a0 * b3; t0 += lo; A = mulHi(a0, b3) + carryOf(t0, lo);
        m = t0 * n;
        C = mulHi(m, q0) + ((t0 | -t0) >>> 63);
        lo = a1 * b3; s = t1 + lo; hi = mulHi(a1, b3) + carryOf(s, lo); t1 = s + A; A = hi + carryOf(t1, s);
        lo = m * q1; s = t1 + lo; hi = mulHi(m, q1) + carryOf(s, lo); t0 = s + C; C = hi + carryOf(t0, s);
        lo = a2 * b3; s = t2 + lo; hi = mulHi(a2, b3) + carryOf(s, lo); t2 = s + A; A = hi + carryOf(t2, s);
        t1 = t2 + C; C = carryOf(t1, t2);
        lo = a3 * b3; s = t3 + lo; hi = mulHi(a3, b3) + carryOf(s, lo); t3 = s + A; A = hi + carryOf(t3, s);
        s = (m << 62) + C; t2 = t3 + s; C = (m >>> 2) + carryOf(t2, s);
        t3 = A + C;
        reduceOncePastaShape(t0, t1, t2, t3, r, ro);
    }

    /** Generic CIOS with the no-carry shortcut (any modulus whose top limb is below 2⁶³ − 1). */
    private void mulGeneric(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        final long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
        final long m0 = p0, m1 = p1, m2 = p2, m3 = p3, n = inv;
        long t0, t1, t2, t3, A, C, m, lo, hi, s;

        // Round 0: t = a · b0, then reduce one limb.
        long bi = b[bo];
        lo = a0 * bi;
        A = Math.unsignedMultiplyHigh(a0, bi);
        t0 = lo;
        m = t0 * n;
        lo = m * m0;
        hi = Math.unsignedMultiplyHigh(m, m0);
        s = lo + t0;
        C = hi + carry(lo, t0, s);

        lo = a1 * bi;
        hi = Math.unsignedMultiplyHigh(a1, bi);
        t1 = lo + A;
        A = hi + carry(lo, A, t1);
        lo = m * m1;
        hi = Math.unsignedMultiplyHigh(m, m1);
        s = lo + t1;
        hi += carry(lo, t1, s);
        t0 = s + C;
        C = hi + carry(s, C, t0);

        lo = a2 * bi;
        hi = Math.unsignedMultiplyHigh(a2, bi);
        t2 = lo + A;
        A = hi + carry(lo, A, t2);
        lo = m * m2;
        hi = Math.unsignedMultiplyHigh(m, m2);
        s = lo + t2;
        hi += carry(lo, t2, s);
        t1 = s + C;
        C = hi + carry(s, C, t1);

        lo = a3 * bi;
        hi = Math.unsignedMultiplyHigh(a3, bi);
        t3 = lo + A;
        A = hi + carry(lo, A, t3);
        lo = m * m3;
        hi = Math.unsignedMultiplyHigh(m, m3);
        s = lo + t3;
        hi += carry(lo, t3, s);
        t2 = s + C;
        C = hi + carry(s, C, t2);
        t3 = A + C;

        // Rounds 1..3: t += a · bi, then reduce one limb.
        for (int i = 1; i < LIMBS; i++) {
            bi = b[bo + i];
            lo = a0 * bi;
            hi = Math.unsignedMultiplyHigh(a0, bi);
            s = lo + t0;
            A = hi + carry(lo, t0, s);
            t0 = s;
            m = t0 * n;
            lo = m * m0;
            hi = Math.unsignedMultiplyHigh(m, m0);
            s = lo + t0;
            C = hi + carry(lo, t0, s);

            // j = 1
            lo = a1 * bi;
            hi = Math.unsignedMultiplyHigh(a1, bi);
            s = lo + t1;
            hi += carry(lo, t1, s);
            t1 = s + A;
            A = hi + carry(s, A, t1);
            lo = m * m1;
            hi = Math.unsignedMultiplyHigh(m, m1);
            s = lo + t1;
            hi += carry(lo, t1, s);
            t0 = s + C;
            C = hi + carry(s, C, t0);

            // j = 2
            lo = a2 * bi;
            hi = Math.unsignedMultiplyHigh(a2, bi);
            s = lo + t2;
            hi += carry(lo, t2, s);
            t2 = s + A;
            A = hi + carry(s, A, t2);
            lo = m * m2;
            hi = Math.unsignedMultiplyHigh(m, m2);
            s = lo + t2;
            hi += carry(lo, t2, s);
            t1 = s + C;
            C = hi + carry(s, C, t1);

            // j = 3
            lo = a3 * bi;
            hi = Math.unsignedMultiplyHigh(a3, bi);
            s = lo + t3;
            hi += carry(lo, t3, s);
            t3 = s + A;
            A = hi + carry(s, A, t3);
            lo = m * m3;
            hi = Math.unsignedMultiplyHigh(m, m3);
            s = lo + t3;
            hi += carry(lo, t3, s);
            t2 = s + C;
            C = hi + carry(s, C, t2);
            t3 = A + C;
        }
        reduceOnce(t0, t1, t2, t3, r, ro);
    }

    /** r = a² · R⁻¹ mod p. */
    public void square(long[] a, int ao, long[] r, int ro) {
        if (pastaShape) {
            squarePastaShape(a, ao, r, ro);
        } else {
            mulGeneric(a, ao, a, ao, r, ro);
        }
    }

    /**
     * Squaring as CIOS over a triangle: a² = Σᵢ aᵢ·Wᵢ·2⁶⁴ⁱ with Wᵢ = aᵢ·2⁶⁴ⁱ + 2·Σ_{j>i} aⱼ·2⁶⁴ʲ, so
     * round i multiplies aᵢ by the limbs i..3 of Wᵢ only: 10 products instead of 16, each off-diagonal one once
     * against a doubled limb. a &lt; 2²⁵⁵ keeps the doubled limbs in four words, and the partial sums stay
     * below a², so the rounds keep CIOS's bound t &lt; 2p and the no-carry shortcut. Reduction as in
     * {@link #mulPastaShape}. Measured 40 → 34 ns per squaring against mul(a, a) (same run).
     */
    private void squarePastaShape(long[] a, int ao, long[] r, int ro) {
        final long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
        // V_i limbs: the doubled upper limbs (a < 2^255, so no bit leaves the top).
        final long e1 = a1 << 1, e2 = (a2 << 1) | (a1 >>> 63), e3 = (a3 << 1) | (a2 >>> 63);
        final long f2 = a2 << 1, g3 = a3 << 1;
        final long q0 = p0, q1 = p1, n = inv;
        long t0, t1, t2, t3, A, C, m, lo, hi, s;
        // Round 0: t += a0 * W_0 (limbs 0..3), then one reduction step.
        t0 = a0 * a0; A = mulHi(a0, a0);
        m = t0 * n;
        C = mulHi(m, q0) + ((t0 | -t0) >>> 63);
        lo = e1 * a0; t1 = lo + A; A = mulHi(e1, a0) + carryOf(t1, lo);
        lo = m * q1; s = t1 + lo; hi = mulHi(m, q1) + carryOf(s, lo); t0 = s + C; C = hi + carryOf(t0, s);
        lo = e2 * a0; t2 = lo + A; A = mulHi(e2, a0) + carryOf(t2, lo);
        t1 = t2 + C; C = carryOf(t1, t2);
        lo = e3 * a0; t3 = lo + A; A = mulHi(e3, a0) + carryOf(t3, lo);
        s = (m << 62) + C; t2 = t3 + s; C = (m >>> 2) + carryOf(t2, s);
        t3 = A + C;
        // Round 1: t += a1 * W_1 (limbs 1..3), then one reduction step.
        m = t0 * n;
        C = mulHi(m, q0) + ((t0 | -t0) >>> 63);
        lo = a1 * a1; t1 += lo; A = mulHi(a1, a1) + carryOf(t1, lo);
        lo = m * q1; s = t1 + lo; hi = mulHi(m, q1) + carryOf(s, lo); t0 = s + C; C = hi + carryOf(t0, s);
        lo = f2 * a1; s = t2 + lo; hi = mulHi(f2, a1) + carryOf(s, lo); t2 = s + A; A = hi + carryOf(t2, s);
        t1 = t2 + C; C = carryOf(t1, t2);
        lo = e3 * a1; s = t3 + lo; hi = mulHi(e3, a1) + carryOf(s, lo); t3 = s + A; A = hi + carryOf(t3, s);
        s = (m << 62) + C; t2 = t3 + s; C = (m >>> 2) + carryOf(t2, s);
        t3 = A + C;
        // Round 2: t += a2 * W_2 (limbs 2..3), then one reduction step.
        m = t0 * n;
        C = mulHi(m, q0) + ((t0 | -t0) >>> 63);
        lo = m * q1; s = t1 + lo; hi = mulHi(m, q1) + carryOf(s, lo); t0 = s + C; C = hi + carryOf(t0, s);
        lo = a2 * a2; t2 += lo; A = mulHi(a2, a2) + carryOf(t2, lo);
        t1 = t2 + C; C = carryOf(t1, t2);
        lo = g3 * a2; s = t3 + lo; hi = mulHi(g3, a2) + carryOf(s, lo); t3 = s + A; A = hi + carryOf(t3, s);
        s = (m << 62) + C; t2 = t3 + s; C = (m >>> 2) + carryOf(t2, s);
        t3 = A + C;
        // Round 3: t += a3 * W_3 (limbs 3..3), then one reduction step.
        m = t0 * n;
        C = mulHi(m, q0) + ((t0 | -t0) >>> 63);
        lo = m * q1; s = t1 + lo; hi = mulHi(m, q1) + carryOf(s, lo); t0 = s + C; C = hi + carryOf(t0, s);
        t1 = t2 + C; C = carryOf(t1, t2);
        lo = a3 * a3; t3 += lo; A = mulHi(a3, a3) + carryOf(t3, lo);
        s = (m << 62) + C; t2 = t3 + s; C = (m >>> 2) + carryOf(t2, s);
        t3 = A + C;
        reduceOncePastaShape(t0, t1, t2, t3, r, ro);
    }

    /**
     * r = a^e for an exponent given as little-endian 64-bit limbs (any length). The sequence of squarings
     * and multiplications depends only on the exponent, not on a (so inv, whose exponent p − 2 is public,
     * leaks nothing about a through timing); it is not constant time in the exponent.
     *
     * <p>Sliding window of up to 4 bits over a table of the odd powers a, a³, …, a¹⁵: for a random 254-bit
     * exponent about 51 + 8 multiplications instead of about 127 with square-and-multiply.
     */
    public void pow(long[] a, int ao, long[] exponent, long[] r, int ro) {
        final int window = 4;
        int top = exponent.length * 64 - 1;
        while (top >= 0 && ((exponent[top >>> 6] >>> (top & 63)) & 1) == 0) {
            top--;
        }
        if (top < 0) {
            setOne(r, ro);
            return;
        }
        // odd[k] = a^(2k + 1), four limbs each.
        long[] odd = new long[LIMBS << (window - 1)];
        System.arraycopy(a, ao, odd, 0, LIMBS);
        long[] sq = new long[LIMBS];
        square(odd, 0, sq, 0);
        for (int k = 1; k < (1 << (window - 1)); k++) {
            mul(odd, LIMBS * (k - 1), sq, 0, odd, LIMBS * k);
        }
        long[] acc = null;
        int i = top;
        while (i >= 0) {
            if (((exponent[i >>> 6] >>> (i & 63)) & 1) == 0) {
                square(acc, 0, acc, 0);
                i--;
                continue;
            }
            // The longest window bits i .. j (j > i − window) that ends in a one.
            int j = Math.max(i - window + 1, 0);
            while (((exponent[j >>> 6] >>> (j & 63)) & 1) == 0) {
                j++;
            }
            int value = 0;
            for (int k = i; k >= j; k--) {
                value = (value << 1) | (int) ((exponent[k >>> 6] >>> (k & 63)) & 1);
            }
            if (acc == null) {
                acc = new long[LIMBS];
                System.arraycopy(odd, LIMBS * (value >>> 1), acc, 0, LIMBS);
            } else {
                for (int k = i; k >= j; k--) {
                    square(acc, 0, acc, 0);
                }
                mul(acc, 0, odd, LIMBS * (value >>> 1), acc, 0);
            }
            i = j - 1;
        }
        System.arraycopy(acc, 0, r, ro, LIMBS);
    }

    /**
     * r = a⁻¹ (Fermat: a^(p−2)). Refuses zero, which has no inverse: callers that may meet zero use
     * {@link #batchInvert}, which skips zeros.
     */
    public void inv(long[] a, int ao, long[] r, int ro) {
        if (isZero(a, ao)) {
            throw new ArithmeticException(name + ": inverse of zero");
        }
        pow(a, ao, pMinus2, r, ro);
    }

    /**
     * r = a⁻¹ in variable time (Bernstein–Yang divsteps, {@link BernsteinYang}): a few times faster than {@link #inv},
     * for values whose timing may show (the MSM's batch denominators). Refuses zero.
     */
    public void invVartime(long[] a, int ao, long[] r, int ro) {
        if (isZero(a, ao)) {
            throw new ArithmeticException(name + ": inverse of zero");
        }
        safegcd.invert(a, ao, r, ro);
    }

    /**
     * Inverts {@code count} elements of {@code v} (element i at offset off + 4i) in place with one field
     * inversion and 3(count − 1) multiplications (Montgomery's trick). Zeros stay zero.
     *
     * @param scratch at least 4·count longs
     */
    public void batchInvert(long[] v, int off, int count, long[] scratch) {
        batchInvert(v, off, count, scratch, false);
    }

    /** {@link #batchInvert} with its one inversion in variable time ({@link #invVartime}). */
    public void batchInvertVartime(long[] v, int off, int count, long[] scratch) {
        batchInvert(v, off, count, scratch, true);
    }

    private void batchInvert(long[] v, int off, int count, long[] scratch, boolean vartime) {
        if (count == 0) {
            return;
        }
        long[] acc = one.clone();
        for (int i = 0; i < count; i++) {
            int o = off + 4 * i;
            System.arraycopy(acc, 0, scratch, 4 * i, LIMBS);
            if (!isZero(v, o)) {
                mul(acc, 0, v, o, acc, 0);
            }
        }
        long[] accInv = new long[LIMBS];
        if (vartime) {
            invVartime(acc, 0, accInv, 0);
        } else {
            inv(acc, 0, accInv, 0);
        }
        long[] tmp = new long[LIMBS];
        for (int i = count - 1; i >= 0; i--) {
            int o = off + 4 * i;
            if (isZero(v, o)) {
                continue;
            }
            // scratch_i = product of the non-zero v_j for j < i, so v_i⁻¹ = accInv · scratch_i, and accInv · v_i
            // is the inverse of the product before i.
            mul(accInv, 0, scratch, 4 * i, tmp, 0);
            mul(accInv, 0, v, o, accInv, 0);
            System.arraycopy(tmp, 0, v, o, LIMBS);
        }
    }

    /** Legendre symbol: 0 for zero, 1 for a non-zero square, −1 otherwise. */
    public int legendre(long[] a, int ao) {
        if (isZero(a, ao)) {
            return 0;
        }
        long[] r = new long[LIMBS];
        pow(a, ao, Limbs.fromBigInteger(modulus.shiftRight(1)), r, 0);
        return isOne(r, 0) ? 1 : -1;
    }

    /**
     * Square root: writes one root of a to r and returns true, or returns false (r untouched) when a is
     * not a square. Which of the two roots is returned is unspecified but deterministic.
     *
     * <p>Tonelli–Shanks with Sarkar's table lookups (ePrint 2020/1407), as pasta_curves does: p − 1 = 2^S·t,
     * so after one exponentiation by (t − 1)/2 the discrete log of a^t in the 2^S subgroup is found W bits
     * at a time with precomputed tables (W = 8 for Pasta's S = 32), instead of the O(S²) squarings of
     * textbook Tonelli–Shanks.
     */
    public boolean sqrt(long[] a, int ao, long[] r, int ro) {
        if (isZero(a, ao)) {
            setZero(r, ro);
            return true;
        }
        return sqrtTables.sqrt(a, ao, r, ro);
    }

    // ---------------------------------------------------------------------------------------------
    // Conversions and codecs.

    /** Montgomery form → canonical limbs. */
    public void toCanonical(long[] a, int ao, long[] r, int ro) {
        long[] unit = {1, 0, 0, 0};
        mul(a, ao, unit, 0, r, ro);
    }

    /** Canonical limbs (must be below p) → Montgomery form. */
    public void fromCanonicalUnchecked(long[] a, int ao, long[] r, int ro) {
        mul(a, ao, r2, 0, r, ro);
    }

    /**
     * Canonical limbs → Montgomery form, refusing a value that is not below p.
     *
     * @throws NonCanonicalEncodingException if a ≥ p
     */
    public void fromCanonical(long[] a, int ao, long[] r, int ro) {
        if (!isCanonical(a, ao)) {
            throw new NonCanonicalEncodingException(name + ": value is not below the modulus");
        }
        fromCanonicalUnchecked(a, ao, r, ro);
    }

    /** Whether canonical limbs are below p. */
    public boolean isCanonical(long[] a, int ao) {
        // A top limb other than the modulus's settles it (for the Pasta moduli, all values below them but about one in
        // 2^129); only an equal one needs the limbs below compared. Uploads check every element with this.
        long top = a[ao + 3];
        if (top != p3) {
            return Long.compareUnsigned(top, p3) < 0;
        }
        long d0 = a[ao] - p0;
        long w = borrow(a[ao], p0, d0);
        long e1 = a[ao + 1] - p1;
        long w1 = borrow(a[ao + 1], p1, e1);
        long d1 = e1 - w;
        w = w1 | borrow(e1, w, d1);
        long e2 = a[ao + 2] - p2;
        long w2 = borrow(a[ao + 2], p2, e2);
        long d2 = e2 - w;
        w = w2 | borrow(e2, w, d2);
        long e3 = a[ao + 3] - p3;
        long w3 = borrow(a[ao + 3], p3, e3);
        long d3 = e3 - w;
        w = w3 | borrow(e3, w, d3);
        return w != 0;
    }

    /** The 32-byte little-endian canonical encoding of a, written at out[oo]. */
    public void toBytes(long[] a, int ao, byte[] out, int oo) {
        long[] c = new long[LIMBS];
        toCanonical(a, ao, c, 0);
        Limbs.toBytesLE(c, out, oo);
    }

    /**
     * Decodes 32 little-endian bytes into Montgomery form.
     *
     * @throws NonCanonicalEncodingException if the value is not below p
     */
    public void fromBytes(byte[] in, int io, long[] r, int ro) {
        if (in.length - io < BYTES) {
            throw new NonCanonicalEncodingException(name + ": need 32 bytes, got " + Math.max(0, in.length - io));
        }
        long[] c = Limbs.fromBytesLE(in, io);
        fromCanonical(c, 0, r, ro);
    }

    /** Reduces 64 uniformly random little-endian bytes modulo p (bias below 2⁻²⁵⁰). */
    public void fromUniformBytes(byte[] in, int io, long[] r, int ro) {
        if (in.length - io < 2 * BYTES) {
            throw new IllegalArgumentException(name + ": need 64 bytes, got " + Math.max(0, in.length - io));
        }
        // x = lo + hi·2^256; in Montgomery form x·R = lo·R + hi·R², i.e. mont(lo, R²) + mont(hi, R³).
        long[] lo = Limbs.fromBytesLE(in, io);
        long[] hi = Limbs.fromBytesLE(in, io + BYTES);
        reduceFully(lo);
        reduceFully(hi);
        long[] t = new long[LIMBS];
        mul(lo, 0, r2, 0, t, 0);
        mul(hi, 0, r3, 0, hi, 0);
        add(t, 0, hi, 0, r, ro);
    }

    /** A uniformly random element in Montgomery form. */
    public void random(RandomGenerator rng, long[] r, int ro) {
        byte[] bytes = new byte[2 * BYTES];
        rng.nextBytes(bytes);
        fromUniformBytes(bytes, 0, r, ro);
    }

    /** Montgomery form of a non-negative integer below p. */
    public long[] fromBigIntegerUnchecked(BigInteger v) {
        long[] r = new long[LIMBS];
        fromCanonicalUnchecked(Limbs.fromBigInteger(v), 0, r, 0);
        return r;
    }

    /** Montgomery form of any integer, reduced modulo p. */
    public long[] fromBigInteger(BigInteger v) {
        return fromBigIntegerUnchecked(v.mod(modulus));
    }

    public BigInteger toBigInteger(long[] a, int ao) {
        long[] c = new long[LIMBS];
        toCanonical(a, ao, c, 0);
        return Limbs.toBigInteger(c, 0);
    }

    @Override
    public String toString() {
        return name + "(0x" + modulus.toString(16) + ")";
    }

    // ---------------------------------------------------------------------------------------------
    // Internals.

    /** Reduces a value below 2^256 (≤ 4p for our moduli) into [0, p), in place. */
    private void reduceFully(long[] x) {
        if (modulus.bitLength() < 254) {
            // 2^256 / p is large: repeated subtraction would take that many steps.
            long[] r = Limbs.fromBigInteger(Limbs.toBigInteger(x, 0).mod(modulus));
            System.arraycopy(r, 0, x, 0, LIMBS);
            return;
        }
        long[] modulusLimbs = {p0, p1, p2, p3};
        while (!isCanonical(x, 0)) { // at most three times: 2^256 < 4p
            Limbs.subInPlace(x, modulusLimbs);
        }
    }

    /** Writes s − p if s ≥ p, else s (for s < 2p). */
    private void reduceOnce(long s0, long s1, long s2, long s3, long[] r, int ro) {
        long d0 = s0 - p0;
        long w = borrow(s0, p0, d0);
        long e1 = s1 - p1;
        long w1 = borrow(s1, p1, e1);
        long d1 = e1 - w;
        w = w1 | borrow(e1, w, d1);
        long e2 = s2 - p2;
        long w2 = borrow(s2, p2, e2);
        long d2 = e2 - w;
        w = w2 | borrow(e2, w, d2);
        long e3 = s3 - p3;
        long w3 = borrow(s3, p3, e3);
        long d3 = e3 - w;
        w = w3 | borrow(e3, w, d3);
        // keep = all ones when the subtraction borrowed (s < p).
        long keep = -w;
        r[ro] = (s0 & keep) | (d0 & ~keep);
        r[ro + 1] = (s1 & keep) | (d1 & ~keep);
        r[ro + 2] = (s2 & keep) | (d2 & ~keep);
        r[ro + 3] = (s3 & keep) | (d3 & ~keep);
    }

    /**
     * reduceOnce for the Pasta shape (p2 = 0, p3 = 2⁶²): the borrow chain collapses to compares, and the
     * select is four cmovs on one flag.
     */
    private void reduceOncePastaShape(long t0, long t1, long t2, long t3, long[] r, int ro) {
        final long q0 = p0, q1 = p1;
        long d0 = t0 - q0;
        long w = carryOf(t0, q0);
        long d1 = t1 - q1 - w;
        w = (w == 0) ? carryOf(t1, q1) : (Long.compareUnsigned(t1, q1) <= 0 ? 1 : 0);
        long d2 = t2 - w;
        w = (t2 == 0) ? w : 0;
        long d3 = t3 - PASTA_P3 - w;
        boolean below = Long.compareUnsigned(t3, PASTA_P3 + w) < 0;
        r[ro] = below ? t0 : d0;
        r[ro + 1] = below ? t1 : d1;
        r[ro + 2] = below ? t2 : d2;
        r[ro + 3] = below ? t3 : d3;
    }

    /** High word of the unsigned 128-bit product (an intrinsic: one mul). Short name to keep kernels legible. */
    private static long mulHi(long x, long y) {
        return Math.unsignedMultiplyHigh(x, y);
    }

    /** 1 if s &lt; x unsigned (the carry out of s = x + y), else 0: cmp + cmov, as {@link #carry}. */
    private static long carryOf(long s, long x) {
        return Long.compareUnsigned(s, x) < 0 ? 1 : 0;
    }

    /**
     * Carry out of s = x + y (unsigned), as 0 or 1. Written as an unsigned compare because C2 turns it
     * into cmp + setb, about half the instructions of the branch-free bit formula (measured: 48 vs 77 ns
     * per multiplication).
     */
    static long carry(long x, long y, long s) {
        return Long.compareUnsigned(s, x) < 0 ? 1 : 0;
    }

    /** Borrow out of d = x − y (unsigned), as 0 or 1. */
    static long borrow(long x, long y, long d) {
        return Long.compareUnsigned(x, y) < 0 ? 1 : 0;
    }

    /**
     * Tables for Sarkar's square root: the discrete log of a^t base the 2^S-th root of unity g, found in
     * windows of W bits, W the largest divisor of S up to 8. For S = 32 (Pasta) that is four lookups of 8
     * bits; for S = 28 (BN254's scalar field) four of 7. A prime S above 8 degrades to W = 1, i.e. textbook
     * Tonelli–Shanks. The tables are maps from an element of the order-2^W subgroup to its exponent.
     */
    private final class SqrtTables {
        private final int W;
        private final int windows;
        /** g^(j · 2^(W·i)) for window i (i = 0 .. windows − 1), j = 0 .. 2^W − 1, flat. */
        private final long[][] powers;
        /** Element of ⟨g^(2^(S−W))⟩ → its exponent j in (g^(2^(S−W)))^j. */
        private final Map<Key, Integer> dlog = new HashMap<>();
        private final long[] tMinus1Over2;

        SqrtTables() {
            int w = Math.min(8, twoAdicity);
            while (twoAdicity % w != 0) {
                w--;
            }
            W = w;
            windows = twoAdicity / W;
            powers = new long[windows][];
            long[] base = rootOfUnity.clone();
            for (int i = 0; i < windows; i++) {
                long[] table = new long[LIMBS << W];
                long[] acc = one.clone();
                for (int j = 0; j < (1 << W); j++) {
                    System.arraycopy(acc, 0, table, LIMBS * j, LIMBS);
                    mul(acc, 0, base, 0, acc, 0);
                }
                powers[i] = table;
                for (int k = 0; k < W; k++) {
                    square(base, 0, base, 0);
                }
            }
            // The order-2^W subgroup is generated by g^(2^(S−W)), the base of the last window.
            long[] last = powers[windows - 1];
            for (int j = 0; j < (1 << W); j++) {
                dlog.put(new Key(last, LIMBS * j), j);
            }
            tMinus1Over2 = Limbs.fromBigInteger(trace.subtract(BigInteger.ONE).shiftRight(1));
        }

        boolean sqrt(long[] a, int ao, long[] r, int ro) {
            // w = a^((t−1)/2), v = a·w = a^((t+1)/2), x = v·w = a^t ∈ ⟨g⟩. If x = g^e then a is a square iff
            // e is even, and sqrt(a) = v · g^(−e/2).
            long[] w = new long[LIMBS];
            pow(a, ao, tMinus1Over2, w, 0);
            long[] v = new long[LIMBS];
            mul(a, ao, w, 0, v, 0);
            long[] x = new long[LIMBS];
            mul(v, 0, w, 0, x, 0);

            // Find e = Σ e_i·2^(W·i) from the bottom: with E the digits found so far,
            // (x · g^(−E))^(2^(S − W(i+1))) = G^(e_i) lies in the order-2^W subgroup.
            long e = 0;
            long[] y = new long[LIMBS];
            long[] corr = new long[LIMBS];
            for (int i = 0; i < windows; i++) {
                // y = (x · g^(−e))^(2^(S − W(i+1)))
                gPow(-e, corr);
                mul(x, 0, corr, 0, y, 0);
                for (int k = 0; k < twoAdicity - W * (i + 1); k++) {
                    square(y, 0, y, 0);
                }
                Integer digit = dlog.get(new Key(y, 0));
                if (digit == null) {
                    throw new IllegalStateException(name + ": sqrt tables inconsistent");
                }
                // y = G^digit with G = g^(2^(S−W)): digit is bits W·i .. W·i + W − 1 of e.
                e += (long) digit << (W * i);
            }
            if ((e & 1) != 0) {
                return false;
            }
            gPow(-(e >>> 1), corr);
            mul(v, 0, corr, 0, r, ro);
            return true;
        }

        /** out = g^k for |k| < 2^S, using the window tables. */
        private void gPow(long k, long[] out) {
            long order = 1L << twoAdicity;
            long exp = Math.floorMod(k, order);
            setOne(out, 0);
            for (int i = 0; i < windows; i++) {
                int digit = (int) ((exp >>> (W * i)) & ((1 << W) - 1));
                if (digit != 0) {
                    mul(out, 0, powers[i], LIMBS * digit, out, 0);
                }
            }
        }
    }

    /** Hash key over four limbs. */
    private record Key(long l0, long l1, long l2, long l3) {
        Key(long[] a, int o) {
            this(a[o], a[o + 1], a[o + 2], a[o + 3]);
        }
    }
}
