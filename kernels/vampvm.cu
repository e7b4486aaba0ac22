// The one translation unit of the fatbin: every kernel the Java engine (dev.vampvm.backend.cuda.CudaBackend)
// launches, with C linkage so that cuModuleGetFunction finds it by a plain name: vv_<operation>_<fp|fq> for
// field work, vv_<operation>_<pallas|vesta> for curve work. Each kernel computes its thread's index and
// calls a __host__ __device__ body from the folders beside this file; native/ runs the same bodies
// serially for the tests. Sizes are uint32_t (vectors of at most 2^28 elements, EvaluationDomain.MAX_K).
#include "ec/pasta_curves.cuh"
#include "eval/program.cuh"
#include "msm/fold.cuh"
#include "msm/pippenger.cuh"
#include "ntt/radix2.cuh"
#include "vec/chacha.cuh"
#include "vec/elementwise.cuh"

using namespace vv;

#define VV_TID (blockIdx.x * blockDim.x + threadIdx.x)
#define VV_KERNEL extern "C" __global__ void __launch_bounds__(256)
// The bucket sums' first level (vv_msm_accumulate_*) as VV_KERNEL, or with -DVV_MSM_ACCUMULATE_MIN_BLOCKS=B asking
// ptxas for B blocks of 256 threads a multiprocessor (at most 65536 / (256 B) registers a thread): for a variant whose
// product needs more registers (the fp64-mul variant: 164 a thread, one block, against the default build's 126, two
// blocks; capped to 128 it spills 52 bytes), so that it is timed at the default build's occupancy.
#if defined(VV_MSM_ACCUMULATE_MIN_BLOCKS)
#define VV_ACCUMULATE_KERNEL extern "C" __global__ void __launch_bounds__(256, VV_MSM_ACCUMULATE_MIN_BLOCKS)
#else
#define VV_ACCUMULATE_KERNEL VV_KERNEL
#endif
// Kernels held to two blocks of 256 a multiprocessor (at most 128 registers a thread): the folds in fp52n
// (vv_fold52_*, vv_fold2_52_*: left free, ptxas, sm_90, CUDA 13.0, takes 188-190 registers, one block, half the warps
// of the integer folds' 115; held, they spill 4-16 bytes) and the fp52n first level (vv_msm_accumulate52_*: 174
// registers free, held it spills 232 bytes; on an H200 at 509e65b the MSM at 2^20 took 6.13 ms held, 6.83 free and
// 6.61 with the integer sums, bench/results/gpu-20261127-190851-509e65b).
#define VV_TWO_BLOCKS_KERNEL extern "C" __global__ void __launch_bounds__(256, 2)

// ---- element-wise --------------------------------------------------------------------------------

#define VV_VEC_KERNELS(NAME, F)                                                                            \
    VV_KERNEL vv_add_##NAME(const F *a, const F *b, F *out, uint32_t n) {                                   \
        uint32_t i = VV_TID; if (i < n) vec::add_body(i, a, b, out);                                        \
    }                                                                                                       \
    VV_KERNEL vv_sub_##NAME(const F *a, const F *b, F *out, uint32_t n) {                                   \
        uint32_t i = VV_TID; if (i < n) vec::sub_body(i, a, b, out);                                        \
    }                                                                                                       \
    VV_KERNEL vv_mul_##NAME(const F *a, const F *b, F *out, uint32_t n) {                                   \
        uint32_t i = VV_TID; if (i < n) vec::mul_body(i, a, b, out);                                        \
    }                                                                                                       \
    VV_KERNEL vv_scale_##NAME(const F *a, F c, F *out, uint32_t n) {                                        \
        uint32_t i = VV_TID; if (i < n) vec::scale_body(i, a, c, out);                                      \
    }                                                                                                       \
    VV_KERNEL vv_add_scaled_##NAME(const F *a, F c, const F *b, F *out, uint32_t n) {                       \
        uint32_t i = VV_TID; if (i < n) vec::add_scaled_body(i, a, c, b, out);                              \
    }                                                                                                       \
    VV_KERNEL vv_add_constant_##NAME(const F *a, F c, F *out, uint32_t n) {                                 \
        uint32_t i = VV_TID; if (i < n) vec::add_constant_body(i, a, c, out);                               \
    }                                                                                                       \
    VV_KERNEL vv_fill_##NAME(F *out, F c, uint32_t n) {                                                     \
        uint32_t i = VV_TID; if (i < n) vec::fill_body(i, out, c);                                          \
    }                                                                                                       \
    /* One thread per element: element i of the seed's ChaCha20 expansion (vec/chacha.cuh). */              \
    VV_KERNEL vv_expand_seed_##NAME(vec::seed_words seed, F r3, F *out, uint32_t n) {                       \
        uint32_t i = VV_TID; if (i < n) vec::expand_seed_body(i, seed, r3, out);                            \
    }                                                                                                       \
    /* One thread per vec::POWERS_CHUNK elements. */                                                        \
    VV_KERNEL vv_powers_##NAME(F start, F x, F *out, uint32_t n) {                                          \
        uint32_t c = VV_TID; if (c < (n + vec::POWERS_CHUNK - 1) / vec::POWERS_CHUNK)                       \
            vec::powers_chunk_body(c, start, x, out, n);                                                    \
    }                                                                                                       \
    /* One thread per chunk elements (vec::INVERT_CHUNK to vec::INVERT_MAX_CHUNK). */                        \
    VV_KERNEL vv_invert_##NAME(F *a, uint32_t n, uint32_t chunk) {                                          \
        uint32_t c = VV_TID; if (c < (n + chunk - 1) / chunk)                                               \
            vec::invert_chunk_body(c, a, n, chunk);                                                         \
    }                                                                                                       \
    /* One partial sum of a_i * b_i per block (blockDim.x == 256); the host adds the partials. */           \
    VV_KERNEL vv_inner_product_##NAME(const F *a, const F *b, F *partials, uint32_t n) {                    \
        __shared__ F acc[256];                                                                              \
        F s = F::zero();                                                                                    \
        for (uint32_t i = VV_TID; i < n; i += gridDim.x * blockDim.x) s = s + a[i] * b[i];                  \
        acc[threadIdx.x] = s;                                                                               \
        __syncthreads();                                                                                    \
        for (uint32_t h = blockDim.x / 2; h > 0; h >>= 1) {                                                 \
            if (threadIdx.x < h) acc[threadIdx.x] = acc[threadIdx.x] + acc[threadIdx.x + h];                \
            __syncthreads();                                                                                \
        }                                                                                                   \
        if (threadIdx.x == 0) partials[blockIdx.x] = acc[0];                                                \
    }                                                                                                       \
    /* The running product (Backend.runningProduct), phase 1 of 3: each block makes its 256 * SCAN_CHUNK */   \
    /* elements an inclusive running product in place and writes their product to totals[blockIdx.x]: */     \
    /* each thread its chunk serially, then the 256 chunk products by doubling in shared memory (8 steps */   \
    /* of one product each instead of 255 products on one thread), then each chunk times those before it. */  \
    /* Phase 2 scans totals the same way (CudaBackend, recursively); phase 3 is vv_scan_mul_fixup. */         \
    /* blockDim.x == 256; every thread reaches every barrier, also those past n. */                           \
    VV_KERNEL vv_scan_mul_blocks_##NAME(F *a, uint32_t n, F *totals) {                                      \
        __shared__ F run[256];                                                                              \
        const uint32_t t = threadIdx.x;                                                                     \
        run[t] = vec::scan_chunk_body(VV_TID, a, n);                                                        \
        __syncthreads();                                                                                    \
        for (uint32_t h = 1; h < blockDim.x; h <<= 1) {                                                     \
            const F before = t >= h ? run[t - h] : F::one();                                                \
            __syncthreads();                                                                                \
            run[t] = run[t] * before;                                                                       \
            __syncthreads();                                                                                \
        }                                                                                                   \
        if (t > 0) vec::scale_chunk_body(VV_TID, a, n, run[t - 1]);                                         \
        if (t == blockDim.x - 1) totals[blockIdx.x] = run[t];                                               \
    }                                                                                                       \
    /* Phase 3: element i of block b >= 1 (per_block elements each) times the scanned totals[b - 1]; */        \
    /* one thread per element from per_block on. */                                                         \
    VV_KERNEL vv_scan_mul_fixup_##NAME(F *a, uint32_t n, const F *totals, uint32_t per_block) {             \
        uint32_t i = VV_TID + per_block;                                                                    \
        if (i < n) a[i] = a[i] * totals[i / per_block - 1];                                                 \
    }

VV_VEC_KERNELS(fp, fp_t)
VV_VEC_KERNELS(fq, fq_t)

// ---- NTT -----------------------------------------------------------------------------------------

// The pass of vv_ntt_group_* (G = F) and vv_ntt_group52_* (G = fp52n, the elements converted as they are loaded and
// stored, the twiddles read in that form): block g loads its group into the tile (the first pass's loads doing the
// bit reversal), runs its steps, a barrier before each, and stores it.
template <class G, class F>
__device__ __forceinline__ void ntt_group_pass(uint64_t *tile, F *dst, const F *src, const G *tw, int log_n, int s0,
                                               int t, int r) {
    const uint32_t size = 1u << t;
    const uint32_t g = blockIdx.x;
    for (uint32_t l = threadIdx.x; l < size; l += blockDim.x)
        ntt::tile_put(tile, l, form<F, G>::in(src[ntt::source_index(ntt::group_element(g, l, s0, t), log_n, s0 == 0)]));
    for (int u = 0; u < t; u += ntt::step_stages(u, t, r)) {
        __syncthreads();
        ntt::group_step<G>(threadIdx.x, g, u, t, r, s0, tile, tw);
    }
    __syncthreads();
    for (uint32_t l = threadIdx.x; l < size; l += blockDim.x)
        dst[ntt::group_element(g, l, s0, t)] = form<F, G>::out(ntt::tile_get<G>(tile, l));
}

#define VV_NTT_KERNELS(NAME, F)                                                                            \
    /* Stages s0 .. s0+t-1 of every group of 2^t elements 2^s0 apart (kernels/ntt/radix2.cuh), the group */  \
    /* in shared memory, limb by limb; one block per group, 2^r elements a thread a step (r from */         \
    /* group_radix_log), blockDim.x == 2^(t-r) <= 2^(TILE_LOG-1); a barrier before each step. Reads src, */ \
    /* writes dst (the same vector but in the first of several passes, whose loads do the bit reversal). */ \
    extern "C" __global__ void __launch_bounds__(1 << (ntt::TILE_LOG - 1))                                  \
    vv_ntt_group_##NAME(F *dst, const F *src, const F *tw, int log_n, int s0, int t, int r) {               \
        __shared__ uint64_t tile[4 * ntt::TILE];                                                            \
        ntt_group_pass<F>(tile, dst, src, tw, log_n, s0, t, r);                                             \
    }                                                                                                       \
    /* The same with the butterflies in fp52n (ff/fp52n.cuh: FP64 products; -Dvampvm.cuda.fp52=ntt): */    \
    /* the elements converted as they are loaded and stored, the twiddles vv_ntt_twiddles52's; 40 KiB tile. */ \
    extern "C" __global__ void __launch_bounds__(1 << (ntt::TILE_LOG - 1))                                  \
    vv_ntt_group52_##NAME(F *dst, const F *src, const fp52n_of<F>::type *tw, int log_n, int s0, int t,     \
                          int r) {                                                                          \
        __shared__ uint64_t tile[5 * ntt::TILE];                                                            \
        ntt_group_pass<fp52n_of<F>::type>(tile, dst, src, tw, log_n, s0, t, r);                             \
    }                                                                                                       \
    /* The twiddle table of a transform of 2^log_n (kernels/ntt/radix2.cuh): 2^log_n elements, one thread */ \
    /* per vec::POWERS_CHUNK of them. */                                                                    \
    VV_KERNEL vv_ntt_twiddles_##NAME(F *table, F omega, int log_n) {                                        \
        uint32_t c = VV_TID; if (c < ((1u << log_n) + vec::POWERS_CHUNK - 1) / vec::POWERS_CHUNK)           \
            ntt::twiddles_chunk_body(c, table, omega, log_n);                                               \
    }                                                                                                       \
    /* The same table in fp52n's form, for vv_ntt_group52_*. */                                            \
    VV_KERNEL vv_ntt_twiddles52_##NAME(fp52n_of<F>::type *table, F omega, int log_n) {                      \
        uint32_t c = VV_TID; if (c < ((1u << log_n) + vec::POWERS_CHUNK - 1) / vec::POWERS_CHUNK)           \
            ntt::twiddles_chunk_body(c, table, omega, log_n);                                               \
    }                                                                                                       \
    VV_KERNEL vv_ntt_reverse_tail_##NAME(F *a, uint32_t n, F c) {                                           \
        uint32_t i = VV_TID; if (i <= n / 2) ntt::reverse_tail_body(i, a, n, c);                            \
    }                                                                                                       \
    /* a_i *= start * base^i; one thread per vec::POWERS_CHUNK elements. */                                 \
    VV_KERNEL vv_scale_by_powers_##NAME(F *a, F start, F base, uint32_t n) {                                \
        uint32_t c = VV_TID; if (c < (n + vec::POWERS_CHUNK - 1) / vec::POWERS_CHUNK)                       \
            vec::scale_by_powers_chunk_body(c, a, start, base, n);                                          \
    }

VV_NTT_KERNELS(fp, fp_t)
VV_NTT_KERNELS(fq, fq_t)

// ---- MSM and generator folding -------------------------------------------------------------------

// The bucket sums' first level (pippenger.cuh, stage 4), thread t < threads over its chunk of the sorted entries, the
// sums made in G: the vv_msm_accumulate*_ kernels differ only in G and their launch bounds.
#define VV_ACCUMULATE_PARAMS(F)                                                                            \
    const affine_t<F> *bases, const uint32_t *entries, const uint32_t *offsets, uint32_t m, proj_t<F> *buckets, \
        uint32_t *out_keys, xyzz_t<F> *out_parts, uint32_t threads, uint32_t chunk
#define VV_ACCUMULATE_BODY(F, G)                                                                           \
    {                                                                                                       \
        uint32_t t = VV_TID;                                                                                \
        if (t < threads)                                                                                    \
            msm::accumulate_entries_body<F, G>(t, chunk, bases, entries, offsets, m, buckets, out_keys, out_parts); \
    }

// The exclusive scan of the m bucket counts into offsets[0..m], offsets[m] the total (pippenger.cuh, stage 2), in
// three phases: vv_msm_scan_blocks scans each block's blockDim.x * MSM_SCAN_PER_THREAD counts and writes their total
// to totals[blockIdx.x]; CudaBackend scans the totals the same way (recursively, in place, into totals[0..blocks]);
// vv_msm_scan_fixup adds them. One block of 1024 threads once did it all: ~0.9 ms at m = 2^19 on an H200, each
// thread a serial chunk of 512 counts read twice, and thread 0 the 1024 chunk totals.
//
// Phase 1: each thread sums its MSM_SCAN_PER_THREAD consecutive counts, the block scans the thread sums by doubling
// in shared memory (log2(blockDim.x) steps), each thread writes its counts' offsets within the block. The last block
// also writes offsets[m] = its own total (the whole total when it is the only block; the fixup adds the others).
// counts may be offsets (the totals are scanned in place): a thread reads its counts before the first barrier and
// writes only its own offsets. Every thread reaches every barrier, also those past m.
extern "C" __global__ void __launch_bounds__(1024) vv_msm_scan_blocks(const uint32_t *counts, uint32_t m,
                                                                      uint32_t *offsets, uint32_t *totals) {
    __shared__ uint32_t run[1024];
    const uint32_t t = threadIdx.x;
    const uint32_t from = VV_TID * msm::MSM_SCAN_PER_THREAD;
    uint32_t v[msm::MSM_SCAN_PER_THREAD];
    uint32_t sum = 0;
    for (int j = 0; j < msm::MSM_SCAN_PER_THREAD; j++) {
        v[j] = from + j < m ? counts[from + j] : 0;
        sum += v[j];
    }
    run[t] = sum;
    __syncthreads();
    for (uint32_t h = 1; h < blockDim.x; h <<= 1) {
        const uint32_t before = t >= h ? run[t - h] : 0;
        __syncthreads();
        run[t] += before;
        __syncthreads();
    }
    uint32_t acc = run[t] - sum;
    for (int j = 0; j < msm::MSM_SCAN_PER_THREAD; j++) {
        if (from + j < m) offsets[from + j] = acc;
        acc += v[j];
    }
    if (t == blockDim.x - 1) {
        totals[blockIdx.x] = run[t];
        if (blockIdx.x == gridDim.x - 1) offsets[m] = run[t];
    }
}

// Phase 3: offsets i in [per_block, m] plus the scanned total of the blocks before i's (offsets[m] counts as the last
// block's); one thread per offset from per_block on.
VV_KERNEL vv_msm_scan_fixup(uint32_t *offsets, uint32_t m, const uint32_t *scanned, uint32_t per_block) {
    const uint32_t i = VV_TID + per_block;
    if (i <= m) offsets[i] += scanned[(i < m ? i : m - 1) / per_block];
}

// One thread per digit, windows(c) * n of them (pippenger.cuh's scatter_body).
VV_KERNEL vv_msm_scatter(const int32_t *digits, const uint32_t *ranks, uint32_t n, uint32_t per, int c,
                         uint32_t stride, const uint32_t *offsets, uint32_t *entries) {
    uint32_t t = VV_TID;
    if (t < (uint32_t)msm::windows(c) * n) msm::scatter_body(t, digits, ranks, n, per, c, stride, offsets, entries);
}

// The MSM's later levels for curve points over F, their arithmetic in G (F, or fp52n for -Dvampvm.cuda.fp52=msm,
// the points converted as they are loaded and stored): NAME is _<curve> or 52_<curve>.
#define VV_MSM_LEVEL_KERNELS(NAME, F, G)                                                                   \
    /* Stage 4's later levels (pippenger.cuh): block b reduces slots [b P k, (b + 1) P k) of the last level's */ \
    /* count, P = PARTIALS_BLOCK threads of k slots each, then joins the threads' runs in a tree in shared */     \
    /* memory (in F) and writes the block's head and tail. blockDim.x == PARTIALS_BLOCK; every thread reaches */  \
    /* every barrier, also those past count. */                                                               \
    extern "C" __global__ void __launch_bounds__(msm::PARTIALS_BLOCK)                                       \
    vv_msm_accumulate_partials##NAME(const uint32_t *keys, const xyzz_t<F> *parts, uint32_t count, uint32_t k, \
                                     proj_t<F> *buckets, uint32_t *out_keys, xyzz_t<F> *out_parts) {          \
        __shared__ uint32_t first_key[msm::PARTIALS_BLOCK], last_key[msm::PARTIALS_BLOCK];                  \
        __shared__ xyzz_t<F> first[msm::PARTIALS_BLOCK], last[msm::PARTIALS_BLOCK];                         \
        const uint32_t i = threadIdx.x;                                                                     \
        msm::partials_thread_body<F, G>(blockIdx.x, i, k, keys, parts, count, buckets, first_key, first, last_key, \
                                        last);                                                              \
        __syncthreads();                                                                                    \
        for (uint32_t h = 1; h < (uint32_t)msm::PARTIALS_BLOCK; h <<= 1) {                                  \
            msm::partials_tree_step<F, G>(i, h, first_key, first, last_key, last, buckets);                 \
            __syncthreads();                                                                                \
        }                                                                                                   \
        if (i == 0)                                                                                         \
            msm::partials_block_end(blockIdx.x, k, keys, count, first_key, first, last_key, last, buckets,  \
                                    out_keys, out_parts);                                                   \
    }                                                                                                       \
    /* Stage 5's first level: a thread per segment of 2^seg_log buckets, count of them. */                    \
    VV_KERNEL vv_msm_reduce##NAME(const proj_t<F> *buckets, const uint32_t *offsets, uint32_t len, int seg_log, \
                                  proj_t<F> *p_out, proj_t<F> *u_out, uint32_t count) {                     \
        uint32_t t = VV_TID;                                                                                \
        if (t < count) msm::reduce_buckets_body<F, G>(t, buckets, offsets, len, seg_log, p_out, u_out);     \
    }                                                                                                       \
    /* A later level of stage 5: pair q of count from entries 2q and 2q + 1 of p and u, by threads 2q (P') */ \
    /* and 2q + 1 (U'). */                                                                                  \
    VV_KERNEL vv_msm_reduce_pairs##NAME(const proj_t<F> *p, const proj_t<F> *u, proj_t<F> *p_out,           \
                                        proj_t<F> *u_out, uint32_t count) {                                 \
        uint32_t t = VV_TID;                                                                                \
        if (t < 2 * count) (t & 1 ? u_out : p_out)[t >> 1] = msm::reduce_pair_half<F, G>(t >> 1, t & 1, p, u); \
    }                                                                                                       \
    /* Stage 5's last levels in one launch: block b takes windows b G .. b G + G - 1 of the windows, G = */    \
    /* reduce_tail_windows(len), len threads each (two a pair; blockDim.x a multiple of len), and halves */     \
    /* their pairs in place in p and u until one is left, then writes window w's sum to out[w]. Every thread */ \
    /* reaches every barrier, also those past the windows or past a level's pairs. */                         \
    VV_KERNEL vv_msm_reduce_tail##NAME(proj_t<F> *p, proj_t<F> *u, uint32_t windows, uint32_t len,            \
                                       proj_t<F> *out) {                                                    \
        const uint32_t w = blockIdx.x * msm::reduce_tail_windows(len) + threadIdx.x / len;                  \
        const uint32_t j = threadIdx.x % len; /* half j & 1 of pair j / 2 */                                \
        for (uint32_t live = len; live > 1; live >>= 1) {                                                   \
            const bool active = w < windows && j < live;                                                    \
            proj_t<F> half;                                                                                 \
            if (active) half = msm::reduce_pair_half<F, G>(j >> 1, j & 1, p + w * len, u + w * len);        \
            __syncthreads();                                                                                \
            if (active) (j & 1 ? u : p)[w * len + (j >> 1)] = half;                                         \
            __syncthreads();                                                                                \
        }                                                                                                   \
        if (w < windows && j == 0) out[w] = p[w * len];                                                     \
    }

// Curve NAME has base field F and scalar field S.
#define VV_MSM_KERNELS(NAME, F, S)                                                                         \
    VV_KERNEL vv_msm_digits_##NAME(const S *scalars, uint32_t n, uint32_t per, int c, uint32_t stride,      \
                                   int32_t *digits, uint32_t *ranks, uint32_t *counts) {                    \
        uint32_t i = VV_TID; if (i < n) msm::digits_body(i, scalars, n, per, c, stride, digits, ranks, counts); \
    }                                                                                                       \
    /* The fixed-base table's next window (pippenger.cuh, stage 0): cur[j] doubled c times, from the bases */ \
    /* when first. */                                                                                       \
    VV_KERNEL vv_msm_table_step_##NAME(const affine_t<F> *bases, proj_t<F> *cur, uint32_t n, int c, int first) { \
        uint32_t j = VV_TID; if (j < n) msm::table_step_body(j, bases, cur, c, first != 0);                 \
    }                                                                                                       \
    /* The same with the doublings in fp52n (ff/fp52n.cuh: FP64 products; -Dvampvm.cuda.fp52=msm). */         \
    VV_KERNEL vv_msm_table_step52_##NAME(const affine_t<F> *bases, proj_t<F> *cur, uint32_t n, int c,         \
                                         int first) {                                                       \
        uint32_t j = VV_TID;                                                                                \
        if (j < n) msm::table_step_body<F, fp52n_of<F>::type>(j, bases, cur, c, first != 0);                \
    }                                                                                                       \
    VV_ACCUMULATE_KERNEL vv_msm_accumulate_##NAME(VV_ACCUMULATE_PARAMS(F)) VV_ACCUMULATE_BODY(F, F)           \
    /* The same with the sums made in fp52n (ff/fp52n.cuh: FP64 products; -Dvampvm.cuda.fp52=msm), held to */  \
    /* two blocks a multiprocessor (VV_TWO_BLOCKS_KERNEL). */                                                  \
    VV_TWO_BLOCKS_KERNEL vv_msm_accumulate52_##NAME(VV_ACCUMULATE_PARAMS(F))                                \
        VV_ACCUMULATE_BODY(F, fp52n_of<F>::type)                                                            \
    VV_KERNEL vv_fold_##NAME(const affine_t<F> *lo, const affine_t<F> *hi, const int8_t *digits, int len,   \
                             F zeta, proj_t<F> *out, uint32_t n) {                                          \
        uint32_t i = VV_TID; if (i < n) msm::fold_body(i, lo, hi, digits, len, zeta, out);                  \
    }                                                                                                       \
    /* Two rounds' folds into m points from g's 4m (msm/fold.cuh's fold2_body), arguments as vv_fold's. */   \
    VV_KERNEL vv_fold2_##NAME(const affine_t<F> *g, const int8_t *digits, int len, F zeta, proj_t<F> *out,   \
                              uint32_t m) {                                                                  \
        uint32_t i = VV_TID; if (i < m) msm::fold2_body(i, g, m, digits, len, zeta, out);                    \
    }                                                                                                       \
    /* The same two with the arithmetic in fp52n (ff/fp52n.cuh: FP64 products; -Dvampvm.cuda.fp52=fold). */  \
    VV_TWO_BLOCKS_KERNEL vv_fold52_##NAME(const affine_t<F> *lo, const affine_t<F> *hi, const int8_t *digits,  \
                                          int len, F zeta, proj_t<F> *out, uint32_t n) {                    \
        uint32_t i = VV_TID;                                                                                \
        if (i < n) msm::fold_body<F, fp52n_of<F>::type>(i, lo, hi, digits, len, zeta, out);                 \
    }                                                                                                       \
    VV_TWO_BLOCKS_KERNEL vv_fold2_52_##NAME(const affine_t<F> *g, const int8_t *digits, int len, F zeta,        \
                                            proj_t<F> *out, uint32_t m) {                                   \
        uint32_t i = VV_TID;                                                                                \
        if (i < m) msm::fold2_body<F, fp52n_of<F>::type>(i, g, m, digits, len, zeta, out);                  \
    }                                                                                                       \
    /* A fold in parts (msm/fold.cuh's fold_part_body, count * m threads) and their join into m sums. */      \
    VV_KERNEL vv_fold_parts_##NAME(const affine_t<F> *points, uint32_t stride, const int8_t *digits, int len,  \
                                   F zeta, proj_t<F> *parts, uint32_t m, uint32_t count) {                  \
        uint32_t j = VV_TID;                                                                                \
        if (j < (uint64_t)count * m) msm::fold_part_body(j, m, points, stride, digits, len, zeta, parts);   \
    }                                                                                                       \
    VV_TWO_BLOCKS_KERNEL vv_fold_parts52_##NAME(const affine_t<F> *points, uint32_t stride,                   \
                                                const int8_t *digits, int len, F zeta, proj_t<F> *parts,     \
                                                uint32_t m, uint32_t count) {                               \
        uint32_t j = VV_TID;                                                                                \
        if (j < (uint64_t)count * m)                                                                        \
            msm::fold_part_body<F, fp52n_of<F>::type>(j, m, points, stride, digits, len, zeta, parts);      \
    }                                                                                                       \
    VV_KERNEL vv_fold_join_##NAME(const affine_t<F> *lo, const proj_t<F> *parts, uint32_t count,              \
                                  proj_t<F> *out, uint32_t m) {                                             \
        uint32_t i = VV_TID; if (i < m) msm::fold_join_body(i, m, lo, parts, count, out);                   \
    }                                                                                                       \
    /* One thread per msm::AFFINE_CHUNK points. */                                                          \
    VV_KERNEL vv_to_affine_##NAME(const proj_t<F> *p, affine_t<F> *out, uint32_t n) {                       \
        uint32_t c = VV_TID;                                                                                \
        if (c * msm::AFFINE_CHUNK < n) msm::to_affine_chunk_body(c, p, n, out);                             \
    }

VV_MSM_KERNELS(pallas, fp_t, fq_t)
VV_MSM_KERNELS(vesta, fq_t, fp_t)
VV_MSM_LEVEL_KERNELS(_pallas, fp_t, fp_t)
VV_MSM_LEVEL_KERNELS(_vesta, fq_t, fq_t)
VV_MSM_LEVEL_KERNELS(52_pallas, fp_t, fp52n_of<fp_t>::type)
VV_MSM_LEVEL_KERNELS(52_vesta, fq_t, fp52n_of<fq_t>::type)

// ---- the quotient's constraint program ---------------------------------------------------------------

// One kernel per register-file size (the engine picks the smallest that holds the program): vv_eval_program<SLOTS>_fp.
#define VV_EVAL_KERNELS(NAME, SLOTS)                                                                       \
    VV_KERNEL vv_eval_program##NAME(const uint32_t *code, uint32_t n_instr, const fp_t *consts,             \
                                    const fp_t *sources, const fp_t *factors, uint32_t factor_mask,          \
                                    fp_t *out, int log_size) {                                               \
        uint32_t i = VV_TID;                                                                                \
        if (i < (1u << log_size))                                                                           \
            eval::program_body<SLOTS>(i, code, n_instr, consts, sources, factors, factor_mask, out, log_size); \
    }

VV_EVAL_KERNELS(16_fp, 16)
VV_EVAL_KERNELS(32_fp, 32)
VV_EVAL_KERNELS(64_fp, 64)

// ---- probes --------------------------------------------------------------------------------------

// The arithmetic rate a benchmark's floors are measured against: thread i runs `iters` rounds of four Fp products
// in four independent chains (so that the products overlap as they do in the kernels), seeded from a[i], and
// writes their sum back so that nothing is optimised away. 4 * n * iters products.
VV_KERNEL vv_probe_products_fp(fp_t *a, uint32_t n, int iters) {
    uint32_t i = VV_TID;
    if (i >= n) return;
    fp_t x = a[i], y = x + fp_t::one(), z = y + x, w = z + y;
    for (int k = 0; k < iters; k++) {
        x = x * y;
        y = y * z;
        z = z * w;
        w = w * x;
    }
    a[i] = x + y + z + w;
}
