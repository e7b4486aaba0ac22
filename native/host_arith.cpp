// A host build of the kernels' arithmetic headers behind a small C ABI, reached from Java through JNA
// (dev.vampvm.backend.cuda.HostArithmetic). It exists so that the exact code the GPU runs (same source,
// compiled for the host) is checked against dev.vampvm.field and dev.vampvm.curve on machines without a
// GPU. Every value crosses the ABI as little-endian 64-bit limbs in Montgomery form, laid out as the Java
// flat arrays: 4 limbs per field element, 8 per affine point (x, y), 12 per projective point (X, Y, Z).
#include <string.h>

#include <vector>

#include "../kernels/ec/pasta_curves.cuh"
#include "../kernels/ec/xyzz.cuh"
#include "../kernels/msm/fold.cuh"
#include "../kernels/msm/pippenger.cuh"
#include "../kernels/ntt/radix2.cuh"

#define VV_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

template <class F> F load(const uint64_t *p) { F r; memcpy(r.l, p, 32); return r; }
template <class F> void store(uint64_t *out, const F &x) { memcpy(out, x.l, 32); }
template <class F> vv::proj_t<F> load_proj(const uint64_t *p) {
    return vv::proj_t<F>{load<F>(p), load<F>(p + 4), load<F>(p + 8)};
}
template <class F> vv::affine_t<F> load_affine(const uint64_t *p) {
    return vv::affine_t<F>{load<F>(p), load<F>(p + 4)};
}
template <class F> void store_proj(uint64_t *out, const vv::proj_t<F> &p) {
    store(out, p.x); store(out + 4, p.y); store(out + 8, p.z);
}
template <class F> void store_affine(uint64_t *out, const vv::affine_t<F> &p) {
    store(out, p.x); store(out + 4, p.y);
}
template <class F> vv::xyzz_t<F> load_xyzz(const uint64_t *p) {
    return vv::xyzz_t<F>{load<F>(p), load<F>(p + 4), load<F>(p + 8), load<F>(p + 12)};
}
template <class F> void store_xyzz(uint64_t *out, const vv::xyzz_t<F> &p) {
    store(out, p.x); store(out + 4, p.y); store(out + 8, p.zz); store(out + 12, p.zzz);
}

}  // namespace

// Bumped whenever a signature below or in kernel_emulator.cpp changes; HostArithmetic refuses a library of
// another version.
VV_EXPORT int vv_abi_version(void) { return 9; }

#define VV_FIELD_ABI(NAME, F)                                                                              \
    VV_EXPORT void vv_##NAME##_add(uint64_t *r, const uint64_t *a, const uint64_t *b) {                    \
        store(r, load<F>(a) + load<F>(b));                                                                  \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_sub(uint64_t *r, const uint64_t *a, const uint64_t *b) {                    \
        store(r, load<F>(a) - load<F>(b));                                                                  \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_mul(uint64_t *r, const uint64_t *a, const uint64_t *b) {                    \
        store(r, load<F>(a) * load<F>(b));                                                                  \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_neg(uint64_t *r, const uint64_t *a) { store(r, -load<F>(a)); }              \
    VV_EXPORT void vv_##NAME##_sqr(uint64_t *r, const uint64_t *a) { store(r, load<F>(a).sqr()); }         \
    VV_EXPORT void vv_##NAME##_inv(uint64_t *r, const uint64_t *a) { store(r, load<F>(a).inv()); }         \
    VV_EXPORT void vv_##NAME##_pow(uint64_t *r, const uint64_t *a, uint64_t e) {                           \
        store(r, load<F>(a).pow(e));                                                                        \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_from_canonical(uint64_t *r, const uint64_t *a) {                            \
        store(r, F::from_canonical(a));                                                                     \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_to_canonical(uint64_t *r, const uint64_t *a) { load<F>(a).to_canonical(r); }

VV_FIELD_ABI(fp, vv::fp_t)
VV_FIELD_ABI(fq, vv::fq_t)

// ff/fp52n.cuh's arithmetic on a and b (mont256 limbs, converted in): r[0..4) = a + b, r[4..8) = a - b, r[8..12) =
// a b, r[12..16) = a^2, r[16..20) = 2a, r[20..24) = 1 if a is zero else 0 (as a field element), r[24..28) = the chain
// c = a, then 64 times c = (c b - a) + 2c - b^2 (every value through the form's redundant range), all converted out.
#define VV_FP52N_ABI(NAME, T)                                                                              \
    VV_EXPORT void vv_##NAME##_fp52n_ops(uint64_t *r, const uint64_t *a, const uint64_t *b) {              \
        typedef vv::mont256<T> M;                                                                           \
        typedef vv::fp52n<T> G;                                                                             \
        const G x = G::from(load<M>(a)), y = G::from(load<M>(b));                                          \
        store(r, (x + y).to_mont());                                                                        \
        store(r + 4, (x - y).to_mont());                                                                    \
        store(r + 8, (x * y).to_mont());                                                                    \
        store(r + 12, x.sqr().to_mont());                                                                   \
        store(r + 16, x.dbl().to_mont());                                                                   \
        store(r + 20, x.is_zero() ? M::one() : M::zero());                                                  \
        G c = x;                                                                                            \
        for (int i = 0; i < 64; i++) c = (c * y - x) + c.dbl() - y.sqr();                                   \
        store(r + 24, c.to_mont());                                                                         \
    }
VV_FP52N_ABI(fp, vv::fp_traits)
VV_FP52N_ABI(fq, vv::fq_traits)

// One of the fp52n NTT's lazy butterflies (ntt/radix2.cuh's tile_butterfly on fp52n) on raw values of the form, five
// 52-bit limbs each (x and y below 4p, w below 2p; one: w is taken as 1), through a tile as the kernel runs it: r[0..5)
// and r[5..10) the raw results at x's and y's places, r[10..14) and r[14..18) the same converted out (to_mont).
#define VV_FP52N_BUTTERFLY_ABI(NAME, T)                                                                    \
    VV_EXPORT void vv_##NAME##_fp52n_butterfly(uint64_t *r, const uint64_t *x, const uint64_t *y,          \
                                               const uint64_t *w, int one) {                                \
        typedef vv::fp52n<T> G;                                                                             \
        static thread_local uint64_t tile[5 * vv::ntt::TILE];                                               \
        G gx, gy, gw;                                                                                       \
        memcpy(gx.l, x, 40);                                                                                \
        memcpy(gy.l, y, 40);                                                                                \
        memcpy(gw.l, w, 40);                                                                                \
        vv::ntt::tile_put(tile, 0, gx);                                                                     \
        vv::ntt::tile_put(tile, 1, gy);                                                                     \
        vv::ntt::tile_butterfly(tile, 0, 1, gw, one != 0);                                                  \
        const G ox = vv::ntt::tile_get<G>(tile, 0), oy = vv::ntt::tile_get<G>(tile, 1);                    \
        memcpy(r, ox.l, 40);                                                                                \
        memcpy(r + 5, oy.l, 40);                                                                            \
        store(r + 10, ox.to_mont());                                                                        \
        store(r + 14, oy.to_mont());                                                                        \
    }
VV_FP52N_BUTTERFLY_ABI(fp, vv::fp_traits)
VV_FP52N_BUTTERFLY_ABI(fq, vv::fq_traits)

#define VV_CURVE_ABI(NAME, F)                                                                              \
    VV_EXPORT void vv_##NAME##_add(uint64_t *r, const uint64_t *p, const uint64_t *q) {                    \
        store_proj(r, vv::add(load_proj<F>(p), load_proj<F>(q)));                                           \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_add_mixed(uint64_t *r, const uint64_t *p, const uint64_t *q) {              \
        store_proj(r, vv::add_mixed(load_proj<F>(p), load_affine<F>(q)));                                   \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_dbl(uint64_t *r, const uint64_t *p) {                                       \
        store_proj(r, vv::dbl(load_proj<F>(p)));                                                            \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_neg(uint64_t *r, const uint64_t *p) {                                       \
        store_proj(r, vv::neg(load_proj<F>(p)));                                                            \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_to_affine(uint64_t *r, const uint64_t *p) {                                 \
        store_affine(r, vv::to_affine(load_proj<F>(p)));                                                    \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_mul(uint64_t *r, const uint64_t *p, const uint64_t *k) {                    \
        store_proj(r, vv::mul_canonical(load_proj<F>(p), k));                                               \
    }

VV_CURVE_ABI(pallas, vv::fp_t)
VV_CURVE_ABI(vesta, vv::fq_t)

// The MSM buckets' XYZZ formulas (kernels/ec/xyzz.cuh); XYZZ points are 16 longs (X, Y, ZZ, ZZZ).
#define VV_XYZZ_ABI(NAME, F)                                                                               \
    VV_EXPORT void vv_##NAME##_xyzz_add(uint64_t *r, const uint64_t *p, const uint64_t *q) {               \
        store_xyzz(r, vv::add(load_xyzz<F>(p), load_xyzz<F>(q)));                                           \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_xyzz_add_mixed(uint64_t *r, const uint64_t *p, const uint64_t *q) {         \
        store_xyzz(r, vv::add_mixed(load_xyzz<F>(p), load_affine<F>(q)));                                   \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_xyzz_dbl(uint64_t *r, const uint64_t *p) {                                  \
        store_xyzz(r, vv::dbl(load_xyzz<F>(p)));                                                            \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_xyzz_to_proj(uint64_t *r, const uint64_t *p) {                              \
        store_proj(r, vv::to_proj(load_xyzz<F>(p)));                                                        \
    }

VV_XYZZ_ABI(pallas, vv::fp_t)
VV_XYZZ_ABI(vesta, vv::fq_t)

// ---- the kernels' algorithms, run serially ----------------------------------------------------------
// The same bodies the kernels call, in the same order of launches as CudaBackend issues them, one "thread"
// after another. What this checks without a GPU: the digit decomposition, the counting sort, the bucket and
// window sums, the NTT's index arithmetic, tiles and twiddles. The kernels' entry points (launch geometry,
// barriers, shared memory) run in kernel_emulator.cpp; races only on a GPU (the gpu-tagged tests).

namespace {

// first_threads: the first level's thread budget (pippenger.cuh's first_chunk; CudaBackend's is MSM_FIRST_THREADS);
// max_added[0]: the most points any one thread of stage 4's first level added, max_added[1] of its later levels (the
// schedule's balance).
template <class F, class S>
void msm_emulated(uint64_t *out, const uint64_t *bases_raw, const uint64_t *scalars_raw, uint32_t n, int c,
                  uint32_t first_threads, uint32_t *max_added) {
    using namespace vv;
    if (c <= 0) c = msm::choose_window(n);
    const int nw = msm::windows(c);
    const uint32_t B = msm::buckets_per_window(c);
    const uint32_t m = nw * B;
    const uint32_t L = msm::first_chunk((uint64_t)nw * n, first_threads);
    const uint32_t P = msm::PARTIALS_BLOCK;
    std::vector<affine_t<F>> bases(n);
    std::vector<S> scalars(n);
    for (uint32_t i = 0; i < n; i++) {
        bases[i] = load_affine<F>(bases_raw + 8 * (size_t)i);
        scalars[i] = load<S>(scalars_raw + 4 * (size_t)i);
    }
    std::vector<int32_t> digits((size_t)nw * n);
    std::vector<uint32_t> ranks((size_t)nw * n), counts(m, 0), offsets(m + 1);
    for (uint32_t i = 0; i < n; i++) msm::digits_body(i, scalars.data(), n, n, c, 0, digits.data(), ranks.data(), counts.data());
    // The device's three-phase scan (vv_msm_scan_*) gives the same offsets; EmulatedKernelsTest checks it.
    msm::exclusive_scan_serial(counts.data(), m, offsets.data());
    const uint32_t total = offsets[m];
    std::vector<uint32_t> entries(total + 1);
    for (uint32_t t = 0; t < (uint32_t)msm::windows(c) * n; t++)
        msm::scatter_body(t, digits.data(), ranks.data(), n, n, c, 0, offsets.data(), entries.data());
    std::vector<proj_t<F>> buckets(m);
    // Stage 4 in levels, as DevicePippenger.msm launches them: the slots ping-pong between two pairs of arrays. Threads
    // for the most entries there can be (nw n), those past the total with none.
    uint32_t threads = (uint32_t)(((uint64_t)nw * n + L - 1) / L);
    std::vector<uint32_t> keys[2] = {std::vector<uint32_t>(2 * threads), std::vector<uint32_t>(2 * ((2 * threads + P - 1) / P))};
    std::vector<xyzz_t<F>> parts[2] = {std::vector<xyzz_t<F>>(keys[0].size()), std::vector<xyzz_t<F>>(keys[1].size())};
    max_added[0] = max_added[1] = 0;
    for (uint32_t t = 0; t < threads; t++) {
        uint32_t a = msm::accumulate_entries_body(t, L, bases.data(), entries.data(), offsets.data(), m, buckets.data(),
                                                  keys[0].data(), parts[0].data());
        if (a > max_added[0]) max_added[0] = a;
    }
    // The later levels, a block of P threads per P k slots: each thread's slots, then the tree, then the block's head
    // and tail; a thread's additions are its slots' and its tree steps'.
    uint32_t first_key[P], last_key[P], added[P];
    std::vector<xyzz_t<F>> first(P), last(P);
    for (uint32_t from = 0, blocks = threads; blocks > 1; from ^= 1) {
        const uint32_t count = 2 * blocks;
        const uint32_t k = msm::partials_per_thread(count);
        blocks = (count + P * k - 1) / (P * k);
        const uint32_t *in_keys = keys[from].data();
        for (uint32_t b = 0; b < blocks; b++) {
            for (uint32_t i = 0; i < P; i++)
                added[i] = msm::partials_thread_body(b, i, k, in_keys, parts[from].data(), count, buckets.data(), first_key,
                                                     first.data(), last_key, last.data());
            for (uint32_t h = 1; h < P; h <<= 1)
                for (uint32_t i = 0; i < P; i++)
                    added[i] += msm::partials_tree_step(i, h, first_key, first.data(), last_key, last.data(), buckets.data());
            msm::partials_block_end(b, k, in_keys, count, first_key, first.data(), last_key, last.data(), buckets.data(),
                                    keys[from ^ 1].data(), parts[from ^ 1].data());
            for (uint32_t i = 0; i < P; i++)
                if (added[i] > max_added[1]) max_added[1] = added[i];
        }
    }
    // Stage 5 in levels, as DevicePippenger.msm launches them: the first reads the buckets, each later one the last's
    // pairs, two "threads" a pair, until a window's pairs fit one block of reduce_tail, whose levels run here window by
    // window.
    const int seg_log = msm::reduce_segment_log(B);
    uint32_t len = B >> seg_log;
    std::vector<proj_t<F>> p((size_t)nw * len), u((size_t)nw * len);
    for (uint32_t t = 0; t < p.size(); t++)
        msm::reduce_buckets_body(t, buckets.data(), offsets.data(), B, seg_log, p.data(), u.data());
    for (; len > (uint32_t)msm::REDUCE_TAIL_THREADS; len >>= 1) {
        const uint32_t count = (uint32_t)nw * len / 2;
        std::vector<proj_t<F>> p_out(count), u_out(count);
        for (uint32_t t = 0; t < 2 * count; t++)
            (t & 1 ? u_out : p_out)[t >> 1] = msm::reduce_pair_half(t >> 1, t & 1, p.data(), u.data());
        p = std::move(p_out);
        u = std::move(u_out);
    }
    if (len > 1) {
        std::vector<proj_t<F>> next(len), sums(nw);
        for (uint32_t w = 0; w < (uint32_t)nw; w++) {
            for (uint32_t live = len; live > 1; live >>= 1) {
                for (uint32_t j = 0; j < live; j++)
                    next[j] = msm::reduce_pair_half(j >> 1, j & 1, p.data() + w * len, u.data() + w * len);
                for (uint32_t j = 0; j < live; j++) (j & 1 ? u : p)[w * len + (j >> 1)] = next[j];
            }
            sums[w] = p[w * len];
        }
        p = std::move(sums);
    }
    store_proj(out, msm::combine_windows(p.data(), c));
}

// mode: 0 ntt, 1 intt, 2 coset ntt, 3 coset intt. consts: omega, 1/n, g, 1/g (Montgomery, 4 limbs each).
// radix4_from_log: ntt::RADIX4_FROM_LOG as CudaBackend runs it, or another to take radix-4 steps to small sizes.
template <class F>
void ntt_emulated(uint64_t *a_raw, int log_n, const uint64_t *consts, int mode, int radix4_from_log) {
    using namespace vv;
    const uint32_t n = 1u << log_n;
    std::vector<F> a(n), tw(n);
    for (uint32_t i = 0; i < n; i++) a[i] = load<F>(a_raw + 4 * (size_t)i);
    const F omega = load<F>(consts), n_inv = load<F>(consts + 4), g = load<F>(consts + 8), g_inv = load<F>(consts + 12);
    const uint32_t chunk = vec::POWERS_CHUNK;
    if (log_n > 0)
        for (uint32_t c = 0; c < (n + chunk - 1) / chunk; c++) ntt::twiddles_chunk_body(c, tw.data(), omega, log_n);
    if (mode == 2)
        for (uint32_t c = 0; c < (n + chunk - 1) / chunk; c++) vec::scale_by_powers_chunk_body(c, a.data(), F::one(), g, n);
    int stages[32];
    const int passes = ntt::plan_passes(log_n, stages);
    std::vector<uint64_t> tile(4 * (size_t)ntt::TILE);
    // As CudaBackend: the first of several passes reads a (bit-reversed) into the scratch vector, the last writes
    // back into a; a single pass works in place.
    std::vector<F> scratch(passes > 1 ? n : 0);
    for (int p = 0, s0 = 0; p < passes; s0 += stages[p], p++) {  // one launch per pass, one block per group
        const int t = stages[p];
        const int r = ntt::group_radix_log(log_n, t, radix4_from_log);
        const F *src = p == 0 ? a.data() : scratch.data();
        F *dst = p == passes - 1 ? a.data() : scratch.data();
        for (uint32_t grp = 0; grp < n >> t; grp++) {
            for (uint32_t l = 0; l < (1u << t); l++)
                ntt::tile_put(tile.data(), l, src[ntt::source_index(ntt::group_element(grp, l, s0, t), log_n, s0 == 0)]);
            for (int u = 0; u < t; u += ntt::step_stages(u, t, r))
                for (uint32_t q = 0; q < (1u << (t - r)); q++) ntt::group_step(q, grp, u, t, r, s0, tile.data(), tw.data());
            for (uint32_t l = 0; l < (1u << t); l++) dst[ntt::group_element(grp, l, s0, t)] = ntt::tile_get<F>(tile.data(), l);
        }
    }
    if (mode == 1 || mode == 3)
        for (uint32_t i = 0; i <= n / 2 && n > 1; i++) ntt::reverse_tail_body(i, a.data(), n, mode == 1 ? n_inv : F::one());
    if (mode == 3)
        for (uint32_t c = 0; c < (n + chunk - 1) / chunk; c++) vec::scale_by_powers_chunk_body(c, a.data(), n_inv, g_inv, n);
    for (uint32_t i = 0; i < n; i++) store(a_raw + 4 * (size_t)i, a[i]);
}

}  // namespace

// out (12 longs, projective) = sum_i scalars_i * bases_i; bases affine (8 longs each), scalars Montgomery
// form of the curve's scalar field. c = 0 picks the window as the device engine does. first_threads: the bucket
// accumulation's first-level thread budget. max_added[0], [1]: the most points one thread of the bucket
// accumulation's first level, and of its later levels, added.
VV_EXPORT void vv_pallas_msm_emulated(uint64_t *out, const uint64_t *bases, const uint64_t *scalars, uint32_t n, int c,
                                      uint32_t first_threads, uint32_t *max_added) {
    msm_emulated<vv::fp_t, vv::fq_t>(out, bases, scalars, n, c, first_threads, max_added);
}
VV_EXPORT void vv_vesta_msm_emulated(uint64_t *out, const uint64_t *bases, const uint64_t *scalars, uint32_t n, int c,
                                     uint32_t first_threads, uint32_t *max_added) {
    msm_emulated<vv::fq_t, vv::fp_t>(out, bases, scalars, n, c, first_threads, max_added);
}
VV_EXPORT void vv_fp_ntt_emulated(uint64_t *a, int log_n, const uint64_t *consts, int mode, int radix4_from_log) {
    ntt_emulated<vv::fp_t>(a, log_n, consts, mode, radix4_from_log);
}
VV_EXPORT void vv_fq_ntt_emulated(uint64_t *a, int log_n, const uint64_t *consts, int mode, int radix4_from_log) {
    ntt_emulated<vv::fq_t>(a, log_n, consts, mode, radix4_from_log);
}
// out = lo + [u] hi, affine (8 longs each), u as its GLV halves' wNAF digits (2 * WNAF_DIGITS bytes, len in use) and
// the base field's zeta (Montgomery): the generator-folding kernel's body.
#define VV_FOLD_ABI(NAME, F)                                                                               \
    VV_EXPORT void vv_##NAME##_fold(uint64_t *out, const uint64_t *lo, const uint64_t *hi, const int8_t *digits, \
                                    int len, const uint64_t *zeta) {                                        \
        vv::affine_t<F> l = load_affine<F>(lo), h = load_affine<F>(hi), r;                                  \
        vv::proj_t<F> p;                                                                                    \
        vv::msm::fold_body(0, &l, &h, digits, len, load<F>(zeta), &p);                                      \
        vv::msm::to_affine_chunk_body(0, &p, 1, &r);                                                        \
        store_affine(out, r);                                                                               \
    }
VV_FOLD_ABI(pallas, vv::fp_t)
VV_FOLD_ABI(vesta, vv::fq_t)
