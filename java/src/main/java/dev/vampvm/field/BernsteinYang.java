package dev.vampvm.field;

import java.math.BigInteger;

/**
 * Field inversion by Bernstein and Yang's "safegcd" divsteps, in variable time: a few times faster than Fermat's
 * a^(p−2), for values whose timing may show (the MSM's batch denominators, sums of public points).
 *
 * <p>The divstep on (δ, f, g), f odd: if δ &gt; 0 and g is odd, (δ, f, g) ← (1 − δ, g, (g − f)/2); else if g is odd,
 * (1 + δ, f, (g + f)/2); else (1 + δ, f, g/2). From (f, g) = (p, a) it reaches g = 0 with f = ±gcd = ±1. The
 * steps run 62 at a time on the low 64 bits of f and g only (each step looks at one more bit), collecting the
 * 2×2 matrix T with 2⁶²·(f', g') = T·(f, g), which is then applied to the whole f and g (five signed 62-bit limbs)
 * and to (d, e), which keep d·a ≡ f and e·a ≡ g (mod p) from (0, 1). So at the end a⁻¹ = ±d.
 *
 * <p>(d, e) are updated with the field's Montgomery product by T's entries as residues: that divides by 2²⁵⁶
 * instead of 2⁶², an extra 2⁻¹⁹⁴ per batch, which one product by a precomputed 2^(194k)·R³ removes at the end
 * (R³ also turns the integer inverse of the Montgomery residue into the Montgomery form of the inverse).
 */
final class BernsteinYang {

    private static final int STEPS = 62;
    private static final long M62 = (1L << 62) - 1;
    /** Batches enough for any input below 2²⁵⁶: at most 741 divsteps for 256-bit moduli (Bernstein–Yang). */
    private static final int MAX_BATCHES = 13;

    private final MontgomeryField field;
    /** p in five 62-bit limbs. */
    private final long[] p62;
    /** fix[k] = 2^(194k)·R³ mod p, the correction after k batches. */
    private final long[][] fix;

    BernsteinYang(MontgomeryField field, BigInteger modulus) {
        this.field = field;
        this.p62 = new long[5];
        to62(Limbs.fromBigInteger(modulus), 0, p62);
        this.fix = new long[MAX_BATCHES + 1][];
        BigInteger r3 = BigInteger.ONE.shiftLeft(3 * 256).mod(modulus);
        for (int k = 0; k <= MAX_BATCHES; k++) {
            fix[k] = Limbs.fromBigInteger(BigInteger.ONE.shiftLeft(194 * k).multiply(r3).mod(modulus));
        }
    }

    /** r = a⁻¹ (a in Montgomery form, not zero; the caller checks). */
    void invert(long[] a, int ao, long[] r, int ro) {
        final MontgomeryField f = field;
        long[] fv = p62.clone(), gv = new long[5], nf = new long[5], ng = new long[5];
        to62(a, ao, gv);
        long[] d = new long[4], e = new long[4], nd = new long[4], ne = new long[4];
        e[0] = 1;
        long[] tu = new long[4], tv = new long[4], t1 = new long[4], t2 = new long[4];
        long delta = 1;
        int k = 0;
        while ((gv[0] | gv[1] | gv[2] | gv[3] | gv[4]) != 0) {
            if (k == MAX_BATCHES) {
                throw new IllegalStateException(f.name() + ": safegcd did not finish in " + MAX_BATCHES + " batches");
            }
            // 62 divsteps on the low 64 bits; rows (u, v) for f, (q, s) for g.
            long fl = fv[0] | (fv[1] << 62), gl = gv[0] | (gv[1] << 62);
            long u = 1, v = 0, q = 0, s = 1;
            for (int i = 0; i < STEPS; i++) {
                if ((gl & 1) != 0) {
                    if (delta > 0) {
                        delta = -delta;
                        long t = fl;
                        fl = gl;
                        gl = -t;
                        t = u;
                        u = q;
                        q = -t;
                        t = v;
                        v = s;
                        s = -t;
                    }
                    gl += fl;
                    q += u;
                    s += v;
                }
                delta++;
                gl >>= 1;
                u <<= 1;
                v <<= 1;
            }
            combine(u, v, fv, gv, nf);
            combine(q, s, fv, gv, ng);
            long[] t = fv;
            fv = nf;
            nf = t;
            t = gv;
            gv = ng;
            ng = t;
            // d, e ← (u·d + v·e)·2⁻²⁵⁶, (q·d + s·e)·2⁻²⁵⁶ (mod p).
            residue(u, tu);
            residue(v, tv);
            f.mul(d, 0, tu, 0, t1, 0);
            f.mul(e, 0, tv, 0, t2, 0);
            f.add(t1, 0, t2, 0, nd, 0);
            residue(q, tu);
            residue(s, tv);
            f.mul(d, 0, tu, 0, t1, 0);
            f.mul(e, 0, tv, 0, t2, 0);
            f.add(t1, 0, t2, 0, ne, 0);
            t = d;
            d = nd;
            nd = t;
            t = e;
            e = ne;
            ne = t;
            k++;
        }
        // f = ±1; a⁻¹ = ±d, which is d_computed·2^(194k), in Montgomery form times R²: one product by fix[k].
        f.mul(d, 0, fix[k], 0, r, ro);
        if (fv[4] < 0) {
            f.neg(r, ro, r, ro);
        }
    }

    /** out = (x·f + y·g) / 2⁶², exact, on five-limb signed values (limbs 0-3 in [0, 2⁶²), limb 4 signed). */
    private static void combine(long x, long y, long[] f, long[] g, long[] out) {
        long carryHi = 0, carry = 0;
        for (int i = 0; i < 5; i++) {
            // acc = x·f_i + y·g_i + carry, 128-bit signed, as (hi, lo).
            long lo1 = x * f[i], hi1 = Math.multiplyHigh(x, f[i]);
            long lo2 = y * g[i], hi2 = Math.multiplyHigh(y, g[i]);
            long lo = lo1 + lo2;
            long hi = hi1 + hi2 + (Long.compareUnsigned(lo, lo1) < 0 ? 1 : 0);
            long lo3 = lo + carry;
            hi += carryHi + (Long.compareUnsigned(lo3, lo) < 0 ? 1 : 0);
            lo = lo3;
            if (i > 0) {
                out[i - 1] = lo & M62;
            }
            // carry = acc >> 62 (arithmetic), which fits a long: |acc| < 2¹²⁵.
            carry = (hi << 2) | (lo >>> 62);
            carryHi = carry >> 63;
        }
        out[4] = carry;
    }

    /** The residue of a signed integer |x| ≤ 2⁶² (p − |x| when negative), four limbs. */
    private void residue(long x, long[] out) {
        out[0] = Math.abs(x);
        out[1] = 0;
        out[2] = 0;
        out[3] = 0;
        if (x < 0) {
            field.neg(out, 0, out, 0);
        }
    }

    /** Five 62-bit limbs of the value below 2²⁵⁶ in four 64-bit limbs. */
    private static void to62(long[] a, int ao, long[] out) {
        long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
        out[0] = a0 & M62;
        out[1] = ((a0 >>> 62) | (a1 << 2)) & M62;
        out[2] = ((a1 >>> 60) | (a2 << 4)) & M62;
        out[3] = ((a2 >>> 58) | (a3 << 6)) & M62;
        out[4] = a3 >>> 56;
    }
}
