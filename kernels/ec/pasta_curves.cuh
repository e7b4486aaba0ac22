// Pallas (over Fp) and Vesta (over Fq), y^2 = x^3 + 5, in the layouts of dev.vampvm.curve: projective
// (X, Y, Z) with the identity (0, 1, 0), affine (x, y) with the identity encoded as (0, 0).
//
// Formulas: Renes, Costello and Batina, "Complete addition formulas for prime order elliptic curves"
// (EUROCRYPT 2016), algorithms 7 (add, 12M), 8 (mixed add, 11M) and 9 (double, 6M + 2S) for a = 0 and
// 3b = 15, operation for operation as PointArithmetic.java (its products by 3b made of additions here, mul_b3), so
// the host build can be compared with the Java code limb for limb. They are complete: P + P, P + (-P) and the
// identity take the same path, so no thread of a warp diverges on the data. The MSM's buckets, where most additions
// happen, use the cheaper incomplete XYZZ formulas instead (xyzz.cuh), checked against these.
#pragma once

#include "../ff/pasta.cuh"

namespace vv {

template <class F>
struct affine_t {
    F x, y;
    VV_INLINE bool is_identity() const { return x.is_zero() && y.is_zero(); }
    VV_INLINE static affine_t identity() { return affine_t{F::zero(), F::zero()}; }
};

template <class F>
struct proj_t {
    F x, y, z;
    VV_INLINE bool is_identity() const { return z.is_zero(); }
    VV_INLINE static proj_t identity() { return proj_t{F::zero(), F::one(), F::zero()}; }
    VV_INLINE static proj_t from_affine(const affine_t<F> &a) {
        return a.is_identity() ? identity() : proj_t{a.x, a.y, F::one()};
    }
};

// 3b·x = 15x for b = 5 (both curves), by additions: 3x, 12x, 15x. Five modular additions, 65 PTX instructions inlined,
// where the product by 3b in Montgomery form was a call of the 341-instruction product: by PTX count (sm_90, calls
// counted at the product's length) 10% fewer instructions an addition, 11% a mixed addition and 8% a doubling, the
// IPA's folds and the MSMs' window sums' point operations. The same field value as PointArithmetic's product by b3,
// so the host build still matches the Java code limb for limb. (Not in Java: there five additions cost a product.)
template <class F>
VV_INLINE F mul_b3(const F &x) {
    const F x3 = x.dbl() + x;
    return x3.dbl().dbl() + x3;
}

// Common tail of algorithms 7 and 8.
template <class F>
VV_INLINE proj_t<F> rcb_finish(F t0, F t1, F t3, F t4, F y3, F z3) {
    F x3 = t4 * y3;
    F t2 = t3 * t1;
    x3 = t2 - x3;
    y3 = y3 * t0;
    t1 = t1 * z3;
    y3 = t1 + y3;
    t0 = t0 * t3;
    z3 = z3 * t4;
    z3 = z3 + t0;
    return proj_t<F>{x3, y3, z3};
}

// Algorithm 7: p + q, both projective; complete.
template <class F>
VV_POINT_FN proj_t<F> add(const proj_t<F> &p, const proj_t<F> &q) {
    F t0 = p.x * q.x;
    F t1 = p.y * q.y;
    F t2 = p.z * q.z;
    F t3 = p.x + p.y;
    F t4 = q.x + q.y;
    t3 = t3 * t4;
    t4 = t0 + t1;
    t3 = t3 - t4;
    t4 = p.y + p.z;
    F x3 = q.y + q.z;
    t4 = t4 * x3;
    x3 = t1 + t2;
    t4 = t4 - x3;
    x3 = p.x + p.z;
    F y3 = q.x + q.z;
    x3 = x3 * y3;
    y3 = t0 + t2;
    y3 = x3 - y3;
    x3 = t0.dbl();
    t0 = x3 + t0;
    t2 = mul_b3(t2);
    F z3 = t1 + t2;
    t1 = t1 - t2;
    y3 = mul_b3(y3);
    return rcb_finish(t0, t1, t3, t4, y3, z3);
}

// Algorithm 8: p + q with q affine. The formula needs q to be a real point; the (0, 0) identity encoding
// is handled by a select, as PointArithmetic.addMixed does.
template <class F>
VV_POINT_FN proj_t<F> add_mixed(const proj_t<F> &p, const affine_t<F> &q) {
    if (q.is_identity()) return p;
    F t0 = p.x * q.x;
    F t1 = p.y * q.y;
    F t3 = q.x + q.y;
    F t4 = p.x + p.y;
    t3 = t3 * t4;
    t4 = t0 + t1;
    t3 = t3 - t4;
    t4 = q.y * p.z;
    t4 = t4 + p.y;
    F y3 = q.x * p.z;
    y3 = y3 + p.x;
    F x3 = t0.dbl();
    t0 = x3 + t0;
    F t2 = mul_b3(p.z);
    F z3 = t1 + t2;
    t1 = t1 - t2;
    y3 = mul_b3(y3);
    return rcb_finish(t0, t1, t3, t4, y3, z3);
}

// Algorithm 9: 2p; complete.
template <class F>
VV_POINT_FN proj_t<F> dbl(const proj_t<F> &p) {
    F t0 = p.y.sqr();
    F z3 = t0.dbl();
    z3 = z3.dbl();
    z3 = z3.dbl();
    F t1 = p.y * p.z;
    F t2 = p.z.sqr();
    t2 = mul_b3(t2);
    F x3 = t2 * z3;
    F y3 = t0 + t2;
    z3 = t1 * z3;
    t1 = t2.dbl();
    t2 = t1 + t2;
    t0 = t0 - t2;
    y3 = t0 * y3;
    y3 = x3 + y3;
    t1 = p.x * p.y;
    x3 = t0 * t1;
    x3 = x3.dbl();
    return proj_t<F>{x3, y3, z3};
}

template <class F>
VV_INLINE proj_t<F> neg(const proj_t<F> &p) {
    return proj_t<F>{p.x, -p.y, p.z};
}

template <class F>
VV_INLINE affine_t<F> neg(const affine_t<F> &a) {
    return affine_t<F>{a.x, -a.y};
}

// Affine form with one inversion; the identity becomes (0, 0) (inv(0) = 0 gives that for free).
template <class F>
VV_NOINLINE affine_t<F> to_affine(const proj_t<F> &p) {
    F zi = p.z.inv();
    return affine_t<F>{p.x * zi, p.y * zi};
}

// [k]p for a scalar given as canonical little-endian limbs, by double-and-add from the top bit. Variable
// time in k: only for public scalars (the IPA's challenges).
template <class F>
VV_NOINLINE proj_t<F> mul_canonical(const proj_t<F> &p, const uint64_t k[4]) {
    proj_t<F> acc = proj_t<F>::identity();
    for (int i = 255; i >= 0; i--) {
        acc = dbl(acc);
        if ((k[i >> 6] >> (i & 63)) & 1) acc = add(acc, p);
    }
    return acc;
}

// Width-5 wNAF digits of the two GLV halves of a scalar, as DeviceGeneratorFolding.FoldScalar makes them on the host: k1's
// digits at d[0..WNAF_DIGITS), k2's at d[WNAF_DIGITS..), least significant first, each in {0, +-1, +-3, ..., +-15}
// with the half's sign folded in. A half below 2^127 has at most 128 digits; the arrays are padded with zeros.
constexpr int WNAF_WINDOW = 5;
constexpr int WNAF_TABLE = 1 << (WNAF_WINDOW - 2);
constexpr int WNAF_DIGITS = 136;

// sum_t [k_t]p_t over T points, each k_t = k_t1 + lambda * k_t2 (the GLV split, made on the host by the Java engine's
// Glv: |k_t1|, |k_t2| < 2^127), with phi(x, y) = (zeta * x, y) = [lambda](x, y), from the halves' width-5 wNAF digits d
// (above; term t's two halves at d[2t * WNAF_DIGITS ..)), len of them in use: for each point its odd multiples p, 3p,
// .., 15p (a doubling and 7 additions) and their images under phi (8 products), then len doublings shared by all
// terms and one addition per non-zero digit, ~2 * 127 / 6 a term. T = 1 is [k]p (the fold of one IPA round): ~1,740
// products a point as first counted (with the products by 3b, since made of additions), where Shamir's trick over the bit pairs (this function's first form) added p, phi(p) or their sum
// on ~3/4 of the 127 steps, ~2,380. T = 3 is two rounds' folds at once (fold2_body): one chain of ~127 doublings and
// ~128 additions where the rounds one at a time take three chains of ~127 and ~43. As PointArithmetic.mul and
// GeneratorFolding.foldTwice do it on the host. Variable time in the k_t: only for public scalars (the IPA's
// challenges); every thread of a launch reads the same digits and takes the same branches.
template <class F, int T>
VV_NOINLINE proj_t<F> mul_glv_wnaf_sum(const proj_t<F> (&p)[T], const int8_t *d, int len, const F &zeta) {
    proj_t<F> t1[T][WNAF_TABLE], t2[T][WNAF_TABLE];
VV_NO_UNROLL
    for (int t = 0; t < T; t++) {
        t1[t][0] = p[t];
        const proj_t<F> twice = dbl(p[t]);
VV_NO_UNROLL
        for (int j = 1; j < WNAF_TABLE; j++) t1[t][j] = add(t1[t][j - 1], twice);
VV_NO_UNROLL
        for (int j = 0; j < WNAF_TABLE; j++) t2[t][j] = proj_t<F>{t1[t][j].x * zeta, t1[t][j].y, t1[t][j].z};
    }
    proj_t<F> acc = proj_t<F>::identity();
VV_NO_UNROLL
    for (int i = len - 1; i >= 0; i--) {
        acc = dbl(acc);
VV_NO_UNROLL
        for (int t = 0; t < T; t++) {
            const int a = d[2 * t * WNAF_DIGITS + i], b = d[(2 * t + 1) * WNAF_DIGITS + i];
            if (a != 0) acc = add(acc, a > 0 ? t1[t][a >> 1] : neg(t1[t][(-a) >> 1]));
            if (b != 0) acc = add(acc, b > 0 ? t2[t][b >> 1] : neg(t2[t][(-b) >> 1]));
        }
    }
    return acc;
}

typedef proj_t<fp_t> pallas_proj;   // Pallas points: coordinates in Fp, scalars in Fq
typedef affine_t<fp_t> pallas_affine;
typedef proj_t<fq_t> vesta_proj;    // Vesta points: coordinates in Fq, scalars in Fp
typedef affine_t<fq_t> vesta_affine;

}  // namespace vv
