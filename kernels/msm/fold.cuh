// The IPA's generator folding, out_i = lo_i + [u] hi_i, affine in and out, in two launches: one thread per point
// computes the sum in projective form (u is a public challenge, split on the host into GLV halves and their wNAF
// digits, the same for every point: ec/pasta_curves.cuh's mul_glv_wnaf_sum, 127 doublings instead of 255), then one
// thread per AFFINE_CHUNK points converts them to affine with one inversion for the chunk (Montgomery's trick), where
// one inversion per point cost about a seventh of the fold.
#pragma once

#include "../ec/pasta_curves.cuh"
#include "../ec/point_form.cuh"

namespace vv {
namespace msm {

constexpr uint32_t AFFINE_CHUNK = 16;

// Thread i: out[i] = lo[i] + [u] hi[i], projective; digits and len as mul_glv_wnaf_sum takes them; the arithmetic in
// G (F, or fp52n for vv_fold52_*: ec/point_form.cuh converts).
template <class F, class G = F>
VV_INLINE void fold_body(uint32_t i, const affine_t<F> *lo, const affine_t<F> *hi, const int8_t *digits, int len,
                         F zeta, proj_t<F> *out) {
    const proj_t<G> p[1] = {proj_in<F, G>(hi[i])};
    const proj_t<G> sum = mul_glv_wnaf_sum<G, 1>(p, digits, len, form<F, G>::in(zeta));
    out[i] = proj_out<F, G>(add_mixed(sum, affine_in<F, G>(lo[i])));
}

// Two IPA rounds' folds at once, thread i of m: out[i] = g[i] + [u2] g[m + i] + [u1] g[2m + i] + [u1 u2] g[3m + i],
// projective, which is G'' = G'_lo + [u2] G'_hi for G' = G_lo + [u1] G_hi over g's 4m points, without G': the three
// scalar multiplications in one chain sharing their doublings (mul_glv_wnaf_sum with T = 3). By PTX count (sm_90, the
// product's calls at its length) 41% fewer instructions an output point than the rounds one at a time (three scalar
// multiplications of ~128 doublings each), in one chain 1.8x as long as one round's where those run two chains in
// four launches. digits: the three scalars' as fold_body's, in the order u2, u1, u1 u2.
template <class F, class G = F>
VV_INLINE void fold2_body(uint32_t i, const affine_t<F> *g, uint32_t m, const int8_t *digits, int len, F zeta,
                          proj_t<F> *out) {
    const size_t q = m;
    const proj_t<G> p[3] = {proj_in<F, G>(g[q + i]), proj_in<F, G>(g[2 * q + i]), proj_in<F, G>(g[3 * q + i])};
    const proj_t<G> sum = mul_glv_wnaf_sum<G, 3>(p, digits, len, form<F, G>::in(zeta));
    out[i] = proj_out<F, G>(add_mixed(sum, affine_in<F, G>(g[i])));
}

// A fold in parts, where its output points are too few to fill the GPU one thread a point (DeviceGeneratorFolding's
// foldSplitThreads): a fold's chain, not its work, is then its time (~10 µs an addition in one thread on an H200), so
// each scalar multiplication's GLV halves go to threads of their own and a second launch adds them up. By
// bench/models/fold_chains.py, fold2_body's chain is ~232 additions' latency (three terms' tables, 127 shared
// doublings, ~128 additions) and a part's with the join ~114 (a table, 127 doublings, ~21 additions; the join's 6):
// 0.49x for about twice the work (one round's: 0.84x), worth it only while the parts fit the GPU at once. Same sums
// as fold_body and fold2_body (points, not coordinates: the join adds in another order).
//
// Part thread j of parts * m: part s = j / m of output point i = j % m, [k_s] p_s by mul_glv_wnaf_sum<G, 1> over
// part s's digits (d + 2 s WNAF_DIGITS: one GLV half of term s / 2, the other half's digits zero), p_s =
// points[(s / 2) * stride + i] (term t's points stride apart: the high half of a round, or g's last three quarters).
template <class F, class G = F>
VV_INLINE void fold_part_body(uint32_t j, uint32_t m, const affine_t<F> *points, uint32_t stride,
                              const int8_t *digits, int len, F zeta, proj_t<F> *parts) {
    const uint32_t s = j / m, i = j % m;
    const proj_t<G> p[1] = {proj_in<F, G>(points[(size_t)(s >> 1) * stride + i])};
    parts[j] = proj_out<F, G>(mul_glv_wnaf_sum<G, 1>(p, digits + (size_t)s * 2 * WNAF_DIGITS, len,
                                                     form<F, G>::in(zeta)));
}

// Join thread i of m: out[i] = lo[i] + parts[i] + parts[m + i] + ... over count parts, projective.
template <class F>
VV_INLINE void fold_join_body(uint32_t i, uint32_t m, const affine_t<F> *lo, const proj_t<F> *parts, uint32_t count,
                              proj_t<F> *out) {
    proj_t<F> sum = parts[i];
    for (uint32_t s = 1; s < count; s++) sum = add(sum, parts[(size_t)s * m + i]);
    out[i] = add_mixed(sum, lo[i]);
}

// Thread c: points c * AFFINE_CHUNK .. of p (n in all) to affine, one inversion for the chunk; the identity (z = 0)
// becomes (0, 0), as to_affine makes it.
template <class F>
VV_INLINE void to_affine_chunk_body(uint32_t c, const proj_t<F> *p, uint32_t n, affine_t<F> *out) {
    const uint32_t from = c * AFFINE_CHUNK;
    const uint32_t to = n - from < AFFINE_CHUNK ? n : from + AFFINE_CHUNK;
    F prefix[AFFINE_CHUNK];
    F acc = F::one();
    for (uint32_t i = from; i < to; i++) {
        prefix[i - from] = acc;
        if (!p[i].z.is_zero()) acc = acc * p[i].z;
    }
    F inv = acc.inv();
    for (uint32_t i = to; i-- > from;) {
        if (p[i].z.is_zero()) {
            out[i] = affine_t<F>::identity();
            continue;
        }
        const F zi = inv * prefix[i - from];
        inv = inv * p[i].z;
        out[i] = affine_t<F>{p[i].x * zi, p[i].y * zi};
    }
}

}  // namespace msm
}  // namespace vv
