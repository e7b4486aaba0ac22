package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.field.Fq;
import dev.vampvm.field.Limbs;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host build of the kernels' field and curve arithmetic (kernels/ff, kernels/ec through
 * libvampvm_native.so) against dev.vampvm.field and dev.vampvm.curve, limb for limb, on random and edge
 * inputs. The formulas are the same operation for operation, so even projective coordinates must agree
 * exactly, not just as group elements. Skipped when the native library was not built (no cmake).
 */
class HostArithmeticTest {

    private static final int RANDOM_CASES = 300;

    private static HostArithmetic.Lib lib;

    /** Per test rather than per class, so that each test shows as skipped, with the reason, when there is no library. */
    @BeforeEach
    void load() {
        String why = HostArithmetic.unavailableReason();
        assumeTrue(why == null, () -> "host build of the kernel arithmetic not available: " + why);
        lib = HostArithmetic.library();
    }

    /** The field ops of one field, bound to the C functions of that field. */
    private record FieldOps(MontgomeryField f, Bin add, Bin sub, Bin mul, Un neg, Un sqr, Un inv, Pow pow,
            Un fromCanonical, Un toCanonical) {
    }

    interface Bin {
        void apply(long[] r, long[] a, long[] b);
    }

    interface Un {
        void apply(long[] r, long[] a);
    }

    interface Pow {
        void apply(long[] r, long[] a, long e);
    }

    private static FieldOps ops(String name) {
        return name.equals("Fp")
                ? new FieldOps(Fp.FIELD, lib::vv_fp_add, lib::vv_fp_sub, lib::vv_fp_mul, lib::vv_fp_neg,
                        lib::vv_fp_sqr, lib::vv_fp_inv, lib::vv_fp_pow, lib::vv_fp_from_canonical,
                        lib::vv_fp_to_canonical)
                : new FieldOps(Fq.FIELD, lib::vv_fq_add, lib::vv_fq_sub, lib::vv_fq_mul, lib::vv_fq_neg,
                        lib::vv_fq_sqr, lib::vv_fq_inv, lib::vv_fq_pow, lib::vv_fq_from_canonical,
                        lib::vv_fq_to_canonical);
    }

    /** 0, 1, 2, p − 1, p − 2, (p − 1)/2, 2^64 − 1, 2^128, 2^254 − 1 and R mod p as canonical values, in Montgomery form. */
    private static List<long[]> edges(MontgomeryField f) {
        BigInteger p = f.modulus();
        List<long[]> out = new ArrayList<>();
        for (BigInteger v : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, p.subtract(BigInteger.ONE),
            p.subtract(BigInteger.TWO), p.shiftRight(1), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(128), BigInteger.ONE.shiftLeft(254).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(256).mod(p)}) {
            out.add(f.fromBigInteger(v));
        }
        return out;
    }

    private static List<long[]> inputs(MontgomeryField f, SplittableRandom rng) {
        return withRandom(edges(f), f, rng, RANDOM_CASES);
    }

    /** xs with {@code count} random elements added, in rng's order. */
    private static List<long[]> withRandom(List<long[]> xs, MontgomeryField f, SplittableRandom rng, int count) {
        for (int i = 0; i < count; i++) {
            long[] x = new long[4];
            f.random(rng, x, 0);
            xs.add(x);
        }
        return xs;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Fp", "Fq"})
    void fieldOperationsMatchMontgomeryField(String field, TestInfo info) {
        FieldOps o = ops(field);
        MontgomeryField f = o.f();
        SplittableRandom rng = Seeds.rng("HostArithmeticTest." + info.getDisplayName());
        List<long[]> xs = inputs(f, rng);
        List<long[]> ys = withRandom(new ArrayList<>(edges(f)), f, rng, 20);
        long[] got = new long[4];
        long[] want = new long[4];
        for (long[] a : xs) {
            String at = field + " a=" + f.toBigInteger(a, 0).toString(16);
            o.neg().apply(got, a);
            f.neg(a, 0, want, 0);
            assertArrayEquals(want, got, "neg " + at);
            o.sqr().apply(got, a);
            f.square(a, 0, want, 0);
            assertArrayEquals(want, got, "sqr " + at);
            o.inv().apply(got, a);
            if (f.isZero(a, 0)) {
                // The device maps 0 to 0 (batch inversion keeps zeros); Java refuses it.
                assertArrayEquals(new long[4], got, "inv 0");
            } else {
                f.inv(a, 0, want, 0);
                assertArrayEquals(want, got, "inv " + at);
            }
            long e = rng.nextLong();
            o.pow().apply(got, a, e);
            f.pow(a, 0, new long[] {e, 0, 0, 0}, want, 0);
            assertArrayEquals(want, got, "pow " + Long.toUnsignedString(e) + " " + at);
            o.toCanonical().apply(got, a);
            f.toCanonical(a, 0, want, 0);
            assertArrayEquals(want, got, "toCanonical " + at);
            long[] back = new long[4];
            o.fromCanonical().apply(back, got);
            assertArrayEquals(a, back, "fromCanonical " + at);
            for (long[] b : ys) {
                String ab = at + " b=" + f.toBigInteger(b, 0).toString(16);
                o.add().apply(got, a, b);
                f.add(a, 0, b, 0, want, 0);
                assertArrayEquals(want, got, "add " + ab);
                o.sub().apply(got, a, b);
                f.sub(a, 0, b, 0, want, 0);
                assertArrayEquals(want, got, "sub " + ab);
                o.mul().apply(got, a, b);
                f.mul(a, 0, b, 0, want, 0);
                assertArrayEquals(want, got, "mul " + ab);
            }
        }
    }

    /**
     * kernels/ff/fp52n.cuh (five 52-bit limbs below 2p, R = 2^260: the MSM's bucket sums on the FP64 units) against
     * MontgomeryField: each operation from fresh conversions, and a chain of 64 rounds mixing products, sums and
     * differences through the form's redundant range [p, 2p). Inputs: the edge values and random ones, and raw
     * Montgomery limbs around 2^254 and p, where the conversion's reduction by the top bits takes q = 15 and 16.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Fp", "Fq"})
    void fp52nFormMatchesMontgomeryField(String field, TestInfo info) {
        MontgomeryField f = field.equals("Fp") ? Fp.FIELD : Fq.FIELD;
        Bin3 ops = field.equals("Fp") ? lib::vv_fp_fp52n_ops : lib::vv_fq_fp52n_ops;
        SplittableRandom rng = Seeds.rng("HostArithmeticTest." + info.getDisplayName());
        BigInteger p = f.modulus();
        List<long[]> xs = new ArrayList<>(edges(f));
        for (BigInteger raw : new BigInteger[] {BigInteger.ONE.shiftLeft(254), BigInteger.ONE.shiftLeft(254).add(
                BigInteger.ONE), p.subtract(BigInteger.ONE), p.subtract(BigInteger.TWO), BigInteger.ONE.shiftLeft(250)}) {
            xs.add(Limbs.fromBigInteger(raw));
        }
        withRandom(xs, f, rng, 40);
        long[] got = new long[28];
        long[] want = new long[4];
        long[] c = new long[4];
        long[] t = new long[4];
        long[] bb = new long[4];
        for (long[] a : xs) {
            for (long[] b : xs) {
                String ab = field + " a=" + f.toBigInteger(a, 0).toString(16) + " b=" + f.toBigInteger(b, 0).toString(16);
                ops.apply(got, a, b);
                f.add(a, 0, b, 0, want, 0);
                assertArrayEquals(want, java.util.Arrays.copyOfRange(got, 0, 4), "add " + ab);
                f.sub(a, 0, b, 0, want, 0);
                assertArrayEquals(want, java.util.Arrays.copyOfRange(got, 4, 8), "sub " + ab);
                f.mul(a, 0, b, 0, want, 0);
                assertArrayEquals(want, java.util.Arrays.copyOfRange(got, 8, 12), "mul " + ab);
                f.square(a, 0, want, 0);
                assertArrayEquals(want, java.util.Arrays.copyOfRange(got, 12, 16), "sqr " + ab);
                f.dbl(a, 0, want, 0);
                assertArrayEquals(want, java.util.Arrays.copyOfRange(got, 16, 20), "dbl " + ab);
                if (f.isZero(a, 0)) {
                    f.setOne(want, 0);
                } else {
                    f.setZero(want, 0);
                }
                assertArrayEquals(want, java.util.Arrays.copyOfRange(got, 20, 24), "is_zero " + ab);
                System.arraycopy(a, 0, c, 0, 4);
                f.square(b, 0, bb, 0);
                for (int i = 0; i < 64; i++) {
                    f.mul(c, 0, b, 0, t, 0);
                    f.sub(t, 0, a, 0, t, 0);
                    f.dbl(c, 0, c, 0);
                    f.add(t, 0, c, 0, c, 0);
                    f.sub(c, 0, bb, 0, c, 0);
                }
                assertArrayEquals(c, java.util.Arrays.copyOfRange(got, 24, 28), "chain " + ab);
            }
        }
    }

    /**
     * The fp52n NTT's lazy butterfly (kernels/ntt/radix2.cuh), whose values run up to 4p between a pass's load and
     * store, on raw values of the form at its bounds: x and y from 0 to 4p - 1 (p - 1, p, 2p - 1, 2p, 3p, 4p - 1 among
     * them), w below 2p, the unit twiddle too. The results stand for x + w y and x - w y (x + y and x - y for the unit
     * twiddle), stay below 4p in limbs below 2^52, and convert out to the same elements.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Fp", "Fq"})
    void fp52nLazyButterflyStaysBelow4pAtItsBounds(String field, TestInfo info) {
        MontgomeryField f = field.equals("Fp") ? Fp.FIELD : Fq.FIELD;
        Butterfly butterfly = field.equals("Fp") ? lib::vv_fp_fp52n_butterfly : lib::vv_fq_fp52n_butterfly;
        SplittableRandom rng = Seeds.rng("HostArithmeticTest." + info.getDisplayName());
        java.util.Random random = new java.util.Random(rng.nextLong());
        BigInteger p = f.modulus();
        BigInteger rInv = BigInteger.ONE.shiftLeft(260).modInverse(p);
        List<BigInteger> xs = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
                p.shiftLeft(1).subtract(BigInteger.ONE), p.shiftLeft(1), p.multiply(BigInteger.valueOf(3)),
                p.shiftLeft(2).subtract(BigInteger.ONE)));
        List<BigInteger> ws = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE),
                p.shiftLeft(1).subtract(BigInteger.ONE)));
        for (int i = 0; i < 6; i++) {
            xs.add(new BigInteger(258, random).mod(p.shiftLeft(2)));
            ws.add(new BigInteger(257, random).mod(p.shiftLeft(1)));
        }
        long[] out = new long[18];
        for (BigInteger x : xs) {
            for (BigInteger y : xs) {
                for (BigInteger w : ws) {
                    for (boolean one : new boolean[] {false, true}) {
                        if (one && !w.equals(BigInteger.ZERO)) {
                            continue; // the unit twiddle ignores w: once is enough
                        }
                        butterfly.apply(out, limbs52(x), limbs52(y), limbs52(w), one ? 1 : 0);
                        BigInteger ex = x.multiply(rInv).mod(p);
                        BigInteger ez = (one ? y.multiply(rInv) : y.multiply(w).multiply(rInv).multiply(rInv)).mod(p);
                        BigInteger[] want = {ex.add(ez).mod(p), ex.subtract(ez).mod(p)};
                        String what = field + " x=" + x.toString(16) + " y=" + y.toString(16) + " w=" + w.toString(16)
                                + (one ? " (unit twiddle)" : "");
                        for (int k = 0; k < 2; k++) {
                            BigInteger raw = BigInteger.ZERO;
                            for (int l = 4; l >= 0; l--) {
                                long limb = out[5 * k + l];
                                assertTrue(limb >= 0 && limb < 1L << 52, what + ": limb " + l + " of result " + k);
                                raw = raw.shiftLeft(52).add(BigInteger.valueOf(limb));
                            }
                            assertTrue(raw.compareTo(p.shiftLeft(2)) < 0, what + ": result " + k + " not below 4p");
                            assertEquals(want[k], raw.multiply(rInv).mod(p), what + ": result " + k);
                            assertArrayEquals(f.fromBigInteger(want[k]), java.util.Arrays.copyOfRange(out,
                                    10 + 4 * k, 14 + 4 * k), what + ": result " + k + " converted out");
                        }
                    }
                }
            }
        }
    }

    /** v (below 2^260) as five 52-bit limbs, least significant first. */
    private static long[] limbs52(BigInteger v) {
        long[] l = new long[5];
        for (int k = 0; k < 5; k++) {
            l[k] = v.shiftRight(52 * k).longValue() & ((1L << 52) - 1);
        }
        return l;
    }

    private interface Bin3 {
        void apply(long[] r, long[] a, long[] b);
    }

    private interface Butterfly {
        void apply(long[] r, long[] x, long[] y, long[] w, int one);
    }

    /**
     * mont256.cuh's dedicated squaring (cross terms once, doubled; its own reduction of the 16-word square) against
     * a·a·R⁻¹ mod p in BigInteger, against the kernels' product of a with itself, and, for a below p, against
     * MontgomeryField.square. The inputs are raw Montgomery limbs, not converted values, so that the words the
     * carry chains see are chosen: every pattern of all-ones 32-bit words (the longest carry runs) over zeros and
     * over random words, the values around p and 2^254, R mod p and R² mod p, squares just below and above 2^256,
     * and random values. Values from p up to 2^255 − 1 are included: the product is correct on them (a·b < R·p keeps
     * its result below 2p, and a < 2^255 gives a² < 2^510 < R·p), and the squaring must be the same drop-in for
     * every input the product takes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Fp", "Fq"})
    void squaringMatchesProductOnEdgeWordsAndRandomValues(String field, TestInfo info) {
        FieldOps o = ops(field);
        MontgomeryField f = o.f();
        BigInteger p = f.modulus();
        BigInteger rInverse = BigInteger.ONE.shiftLeft(256).modInverse(p);
        BigInteger below255 = BigInteger.ONE.shiftLeft(255);
        SplittableRandom rng = Seeds.rng("HostArithmeticTest." + info.getDisplayName());
        List<BigInteger> xs = new ArrayList<>();
        for (int mask = 0; mask < 256; mask++) {
            for (boolean randomFill : new boolean[] {false, true}) {
                BigInteger v = BigInteger.ZERO;
                for (int w = 0; w < 8; w++) {
                    long word = (mask >> w & 1) != 0 ? 0xffffffffL : randomFill ? rng.nextLong() >>> 32 : 0;
                    v = v.or(BigInteger.valueOf(word).shiftLeft(32 * w));
                }
                xs.add(v.mod(below255));
                xs.add(v.mod(p));
            }
        }
        BigInteger two254 = BigInteger.ONE.shiftLeft(254);
        for (BigInteger v : new BigInteger[] {p.subtract(BigInteger.ONE), p.subtract(BigInteger.TWO), p,
            p.add(BigInteger.ONE), two254.subtract(BigInteger.ONE), two254, below255.subtract(BigInteger.ONE),
            below255.subtract(p), BigInteger.ONE.shiftLeft(256).mod(p), BigInteger.ONE.shiftLeft(512).mod(p),
            BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(128),
            BigInteger.ONE.shiftLeft(32), BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE), p.shiftRight(1)}) {
            xs.add(v);
        }
        for (int i = 0; i < 20_000; i++) {
            // Alternately below 2^254 (below p: the stored range) and below 2^255.
            long top = i % 2 == 0 ? rng.nextLong() >>> 2 : rng.nextLong() >>> 1;
            xs.add(Limbs.toBigInteger(new long[] {rng.nextLong(), rng.nextLong(), rng.nextLong(), top}, 0));
        }
        long[] got = new long[4];
        long[] product = new long[4];
        long[] want = new long[4];
        for (BigInteger v : xs) {
            long[] a = Limbs.fromBigInteger(v);
            String at = field + " a=" + v.toString(16);
            o.sqr().apply(got, a);
            assertArrayEquals(Limbs.fromBigInteger(v.multiply(v).multiply(rInverse).mod(p)), got, "sqr " + at);
            o.mul().apply(product, a, a);
            assertArrayEquals(product, got, "sqr against mul " + at);
            if (v.compareTo(p) < 0) {
                f.square(a, 0, want, 0);
                assertArrayEquals(want, got, "sqr against MontgomeryField.square " + at);
            }
        }
    }

    /** The curve ops of one curve, bound to the C functions of that curve. */
    private record CurveOps(ShortWeierstrassCurve c, Bin add, Bin addMixed, Un dbl, Un neg, Un toAffine, Bin mul) {
    }

    private static CurveOps curveOps(String name) {
        return name.equals("Pallas")
                ? new CurveOps(ShortWeierstrassCurve.PALLAS, lib::vv_pallas_add, lib::vv_pallas_add_mixed,
                        lib::vv_pallas_dbl, lib::vv_pallas_neg, lib::vv_pallas_to_affine, lib::vv_pallas_mul)
                : new CurveOps(ShortWeierstrassCurve.VESTA, lib::vv_vesta_add, lib::vv_vesta_add_mixed,
                        lib::vv_vesta_dbl, lib::vv_vesta_neg, lib::vv_vesta_to_affine, lib::vv_vesta_mul);
    }

    /** Random points, in projective form with a random Z (so that Z ≠ 1 is exercised), plus the identity and G. */
    private static List<long[]> points(ShortWeierstrassCurve c, SplittableRandom rng, int n) {
        PointArithmetic ops = c.arithmetic();
        MontgomeryField f = c.baseField();
        List<long[]> out = new ArrayList<>();
        long[] id = new long[12];
        c.setIdentityProjective(id, 0);
        out.add(id);
        long[] g = new long[12];
        c.affineToProjective(c.generatorAffine(), 0, g, 0);
        out.add(g);
        for (int i = 0; i < n; i++) {
            long[] p = new long[12];
            ops.mul(g, 0, new long[] {rng.nextLong(), rng.nextLong(), rng.nextLong(), rng.nextLong() >>> 3}, 0, p, 0);
            long[] z = new long[4];
            f.random(rng, z, 0);
            if (!f.isZero(z, 0)) {
                for (int j = 0; j < 3; j++) {
                    f.mul(p, 4 * j, z, 0, p, 4 * j);
                }
            }
            out.add(p);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pallas", "Vesta"})
    void curveOperationsMatchPointArithmetic(String curve, TestInfo info) {
        CurveOps o = curveOps(curve);
        ShortWeierstrassCurve c = o.c();
        PointArithmetic ops = c.arithmetic();
        SplittableRandom rng = Seeds.rng("HostArithmeticTest." + info.getDisplayName());
        List<long[]> ps = points(c, rng, 40);
        long[] got = new long[12];
        long[] want = new long[12];
        long[] affine = new long[8];
        long[] gotAffine = new long[8];
        for (long[] p : ps) {
            o.dbl().apply(got, p);
            ops.dbl(p, 0, want, 0);
            assertArrayEquals(want, got, curve + " dbl");
            o.neg().apply(got, p);
            ops.neg(p, 0, want, 0);
            assertArrayEquals(want, got, curve + " neg");
            // P + (−P) and P + P through the addition formula: the cases incomplete formulas get wrong.
            long[] minus = want.clone();
            o.add().apply(got, p, minus);
            assertTrue(c.isIdentityProjective(got, 0), curve + " P + (−P) is the identity");
            o.add().apply(got, p, p);
            ops.add(p, 0, p, 0, want, 0);
            assertArrayEquals(want, got, curve + " P + P");
            long[] twice = new long[12];
            ops.dbl(p, 0, twice, 0);
            assertTrue(c.equalProjective(got, 0, twice, 0), curve + " P + P = 2P");
            c.projectiveToAffine(p, 0, affine, 0);
            o.toAffine().apply(gotAffine, p);
            assertArrayEquals(affine, gotAffine, curve + " toAffine");
            long[] k = {rng.nextLong(), rng.nextLong(), rng.nextLong(), rng.nextLong() >>> 2};
            o.mul().apply(got, p, k);
            ops.mulDoubleAndAdd(p, 0, k, want, 0);
            assertArrayEquals(want, got, curve + " [k]P");
            for (int j = 0; j < 8; j++) {
                long[] q = ps.get(rng.nextInt(ps.size()));
                o.add().apply(got, p, q);
                ops.add(p, 0, q, 0, want, 0);
                assertArrayEquals(want, got, curve + " P + Q");
                c.projectiveToAffine(q, 0, affine, 0);
                o.addMixed().apply(got, p, affine);
                ops.addMixed(p, 0, affine, 0, want, 0);
                assertArrayEquals(want, got, curve + " P + affine Q" + (c.isIdentityAffine(affine, 0) ? " (identity)" : ""));
            }
        }
        // [0]P, [1]P, [n − 1]P = −P.
        long[] g = ps.get(1);
        o.mul().apply(got, g, new long[4]);
        assertTrue(c.isIdentityProjective(got, 0), curve + " [0]G");
        o.mul().apply(got, g, new long[] {1, 0, 0, 0});
        assertTrue(c.equalProjective(got, 0, g, 0), curve + " [1]G");
        long[] orderMinusOne = limbs(c.order().subtract(BigInteger.ONE));
        o.mul().apply(got, g, orderMinusOne);
        ops.neg(g, 0, want, 0);
        assertTrue(c.equalProjective(got, 0, want, 0), curve + " [n − 1]G = −G");
    }

    /** The XYZZ formulas of one curve, bound to the C functions of that curve. */
    private record XyzzOps(ShortWeierstrassCurve c, Bin add, Bin addMixed, Un dbl, Un toProj) {
    }

    private static XyzzOps xyzzOps(String name) {
        return name.equals("Pallas")
                ? new XyzzOps(ShortWeierstrassCurve.PALLAS, lib::vv_pallas_xyzz_add, lib::vv_pallas_xyzz_add_mixed,
                        lib::vv_pallas_xyzz_dbl, lib::vv_pallas_xyzz_to_proj)
                : new XyzzOps(ShortWeierstrassCurve.VESTA, lib::vv_vesta_xyzz_add, lib::vv_vesta_xyzz_add_mixed,
                        lib::vv_vesta_xyzz_dbl, lib::vv_vesta_xyzz_to_proj);
    }

    /**
     * The affine point a in XYZZ coordinates scaled by a random z: (x z^2, y z^3, z^2, z^3), so that equal points
     * meet in different coordinates, as they do in a bucket. The identity gets ZZ = ZZZ = 0 and random X, Y: only
     * ZZ = 0 may decide that it is the identity.
     */
    private static long[] xyzz(ShortWeierstrassCurve c, long[] a, SplittableRandom rng) {
        MontgomeryField f = c.baseField();
        long[] r = new long[16];
        if (c.isIdentityAffine(a, 0)) {
            f.random(rng, r, 0);
            f.random(rng, r, 4);
            return r;
        }
        long[] z = new long[4];
        do {
            f.random(rng, z, 0);
        } while (f.isZero(z, 0));
        f.square(z, 0, r, 8);
        f.mul(r, 8, z, 0, r, 12);
        f.mul(a, 0, r, 8, r, 0);
        f.mul(a, 4, r, 12, r, 4);
        return r;
    }

    /**
     * The MSM buckets' XYZZ formulas (kernels/ec/xyzz.cuh) against PointArithmetic's complete formulas on every
     * pair drawn from the identity, P, Q, −P and P again in other coordinates: P + Q, P + P (the doubling branch),
     * P + (−P) (the identity), the identity on either side, for the full and the mixed addition and the doubling.
     * Every result must be on the curve, keep ZZ^3 = ZZZ^2 (later additions rely on it) and be the Java sum.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Pallas", "Vesta"})
    void xyzzFormulasMatchPointArithmeticInEverySpecialCase(String curve, TestInfo info) {
        XyzzOps o = xyzzOps(curve);
        ShortWeierstrassCurve c = o.c();
        MontgomeryField f = c.baseField();
        PointArithmetic ops = c.arithmetic();
        SplittableRandom rng = Seeds.rng("HostArithmeticTest." + info.getDisplayName());
        for (int round = 0; round < 20; round++) {
            long[] pq = c.randomAffinePoints(2, rng);
            long[] p = java.util.Arrays.copyOfRange(pq, 0, 8);
            long[] minusP = p.clone();
            f.neg(p, 4, minusP, 4);
            List<long[]> affine = List.of(new long[8], p, java.util.Arrays.copyOfRange(pq, 8, 16), minusP, p);
            for (long[] a : affine) {
                long[] x = xyzz(c, a, rng);
                long[] projA = new long[12];
                c.affineToProjective(a, 0, projA, 0);
                long[] want = new long[12];
                long[] got = new long[16];
                ops.dbl(projA, 0, want, 0);
                o.dbl().apply(got, x);
                checkXyzz(o, got, want, curve + " 2P");
                for (long[] b : affine) {
                    long[] projB = new long[12];
                    c.affineToProjective(b, 0, projB, 0);
                    ops.add(projA, 0, projB, 0, want, 0);
                    String what = curve + " " + describe(c, a, b);
                    o.add().apply(got, x, xyzz(c, b, rng));
                    checkXyzz(o, got, want, what);
                    o.addMixed().apply(got, x, b);
                    checkXyzz(o, got, want, what + " (mixed)");
                }
            }
        }
    }

    private static String describe(ShortWeierstrassCurve c, long[] a, long[] b) {
        if (c.isIdentityAffine(a, 0) || c.isIdentityAffine(b, 0)) {
            return "with the identity";
        }
        MontgomeryField f = c.baseField();
        if (!f.equal(a, 0, b, 0)) {
            return "P + Q";
        }
        return f.equal(a, 4, b, 4) ? "P + P" : "P + (−P)";
    }

    private static void checkXyzz(XyzzOps o, long[] got, long[] want, String what) {
        ShortWeierstrassCurve c = o.c();
        MontgomeryField f = c.baseField();
        long[] zz3 = new long[4];
        long[] zzz2 = new long[4];
        f.square(got, 8, zz3, 0);
        f.mul(zz3, 0, got, 8, zz3, 0);
        f.square(got, 12, zzz2, 0);
        assertTrue(f.equal(zz3, 0, zzz2, 0), what + ": ZZ^3 = ZZZ^2");
        long[] proj = new long[12];
        o.toProj().apply(proj, got);
        assertTrue(c.isOnCurveProjective(proj, 0), what + ": on the curve");
        assertTrue(c.equalProjective(proj, 0, want, 0), what);
    }

    private static long[] limbs(BigInteger v) {
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) {
            out[i] = v.shiftRight(64 * i).longValue();
        }
        return out;
    }
}
