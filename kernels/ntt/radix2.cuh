// Radix-2 NTT over a Pasta field, natural order in and out: the bit-reversal permutation, then log2(n) Cooley-Tukey
// (decimation in time) stages, in passes of up to TILE_LOG stages each. The butterflies of stages s0 .. s0 + t - 1
// never leave a group of 2^t elements 2^s0 apart, so one pass loads each such group into shared memory, runs its t
// stages there and writes it back (kernels/vampvm.cu's vv_ntt_group_*): a transform of 2^20 reads and writes the
// vector twice (passes of 10 + 10 stages) instead of once per stage. With 32-byte elements a strided group still
// moves whole 32-byte sectors. The passes are balanced (2^24: 8 + 8 + 8), so that no pass runs blocks of a handful
// of threads.
//
// The bit reversal is the first pass's load: its group g (stages 0 .. t - 1, contiguous) takes element j from
// position rev(j) (source_index), which is another group's, so that pass writes into a scratch vector of n
// (CudaBackend), the middle passes work in place there and the last writes back into the vector; a single pass (n up
// to 2^TILE_LOG) is one group, one block, which loads all of it before it stores, so it runs in place. A separate
// pass of random swaps once did the reversal: ~80 µs of the 0.43 ms of 2^20 on an H200 (not yet timed without it).
//
// Inside a pass the stages run in steps, a barrier before each. In a step each thread owns 2^r elements of the
// tile (r from group_radix_log):
//   r = 2, from log2(n) = RADIX4_FROM_LOG on: radix-4 steps, a thread's 4 elements through two stages (4
//     butterflies) with no barrier between them, as no other thread touches them; 10 stages take 5 barriers
//     instead of 10, and each thread has 4 products to do per barrier, so a warp waiting at one costs less; an
//     odd pass ends in a step of one stage, two butterflies a thread;
//   r = 1, below: a butterfly a thread a stage. Small transforms have too few butterflies to fill the GPU, so
//     their time is each thread's chain of products, which radix-4 steps would double.
// Each butterfly reads its two elements from the tile and writes them back (tile_butterfly), holding none in
// registers across the product, which is a call (taking its operands by reference when this was written, by value
// since 19b530f): held in registers, a radix-4 unit's 4 elements made the kernel 70-76 registers (768 threads a
// multiprocessor against 1280 at 48) and its operands went through the stack for the call anyway. The tile therefore keeps each limb as its own array, the
// elements in a swizzled order (tile_slot), so that every step's accesses are free of bank conflicts, where 32-byte
// elements side by side made each of a warp's 8-byte accesses an 8-way conflict (16-way at the first stages): by a
// count of wavefronts (not profiled), the tile's traffic then kept the multiprocessor's load/store unit about as busy
// as the products kept its integer units, 4 to 8 times what it is now. The twiddles go to the product as
// references into tw (below), read through L1 there.
// Global stage 0's twiddles are 1, and so is stage 1's for a unit's first pair: those products are left out (3 of
// the first radix-4 step's 4). On an H200 the radix-4 steps and the tile took NTT 2^20 from 0.51 to 0.43 ms
// (bench/results/gpu-20261126-041357-3331fc7).
//
// The inverse transform and the cosets reuse the forward one, as dev.vampvm.poly.EvaluationDomain does, so the
// results agree with it exactly:
//   intt(a)       = forward(a), then a_i <-> a_{n-i} for 0 < i < n/2, every element times 1/n
//   coset_ntt(a)  = a_i *= g^i, then forward
//   coset_intt(a) = forward, the reversal, then a_i *= (1/n) g^-i
// The coset scalings are vec::scale_by_powers_chunk_body.
//
// Twiddles. The butterfly at position J < 2^s of its half-block at global stage s multiplies by omega_{2^(s+1)}^J.
// In the pass that starts at stage s0, J = (j << s0) | low: low (J's low s0 bits) is fixed for a group, one block,
// and j < 2^u (local stage u = s - s0) follows the thread index. The table tw (n elements a domain, built on the
// device once per domain by twiddles_chunk_body) holds stage s's 2^s twiddles at positions 2^s .. 2^(s+1) - 1, J at
// 2^s + (low << u) + j (group_twiddles): per pass and stage, in the order the block's threads read them, so a warp's 32
// twiddles of a step are consecutive elements, 8 lines of 128 bytes (position 0 is left unused so that a stage from
// 2 on starts on a line). In the first pass (s0 = 0) that is J's own order; a single pass is the classic per-stage
// table. Until 2026-11-26 tw[k] was omega^k for k < n/2 and stage s read tw[J << (log n - 1 - s)]: at the later
// local stages a warp's 32 twiddles were 2^(log n - 1 - s) elements apart (in the first pass) or 2^(log n - 1 - u)
// (in the last), each in its own line. The change is untimed; what it should do, by reasoning only: a 32-byte
// element is one 32-byte sector either way, so L2 serves as many sectors as before, but a warp's twiddle load
// touches 8 lines instead of up to 32 (L1 handles a request line by line), and in the later passes, where every
// block reads its own 2^t - 1 twiddles (as many bytes as its tile; in the last pass no two blocks share one), it
// fetches whole lines whose four twiddles it uses together. Whether the twiddle loads were
// on the critical path at all is for the profile to say.
// They are not staged in shared memory: a group's 2^t - 1 twiddles are ~32 KiB at t = TILE_LOG, which with the
// 32 KiB tile is over the 48 KiB a block gets by default, and it would save little: at local stage u each of the
// block's 2^u twiddles is read by 2^(t-1-u) butterflies, so the many re-reads are of the early stages' few
// twiddles, which L1 keeps, while the last stages' twiddles, most of them, are read once or twice, and a copy in
// shared memory would only add a store and a barrier.
#pragma once

#include "../ff/device_support.cuh"
#include "../ff/fp52n.cuh"
#include "../vec/elementwise.cuh"

namespace vv {
namespace ntt {

// Elements per shared-memory tile (32 bytes each: 32 KiB, under the 48 KiB a block gets by default; 40 KiB in the
// fp52n form).
constexpr int TILE_LOG = 10;
constexpr uint32_t TILE = 1u << TILE_LOG;

// log2(n) from which the passes run radix-4 steps (CudaBackend.NTT_RADIX4_FROM_LOG): 2^19 elements are 2^17
// threads of 4, about 1000 on each of the 132 multiprocessors of an H100 or H200, enough to keep them busy; below,
// the time is latency. A guess, to be timed.
constexpr int RADIX4_FROM_LOG = 19;

// Where a pass reads element j of the transform's input order: rev(j) in the first pass (the bit reversal), j after.
VV_INLINE uint32_t source_index(uint32_t j, int log_n, bool first) { return first ? bit_reverse(j, log_n) : j; }

// The stages of each pass: log_n split into passes of at most TILE_LOG stages, as evenly as possible (earlier
// passes take the remainder). Returns the number of passes; stages[p] for p < passes.
VV_INLINE int plan_passes(int log_n, int stages[]) {
    const int passes = (log_n + TILE_LOG - 1) / TILE_LOG;
    for (int p = 0; p < passes; p++) stages[p] = log_n / passes + (p < log_n % passes ? 1 : 0);
    return passes;
}

// log2 of the elements each thread of a pass of t stages holds (see the top): the pass runs 2^(t - r) threads a
// group. radix4_from_log is RADIX4_FROM_LOG but for the tests, which take both kinds of step to every size.
VV_INLINE int group_radix_log(int log_n, int t, int radix4_from_log) {
    return t >= 2 && log_n >= radix4_from_log ? 2 : 1;
}

// The stages of the step at local stage u: r, or the one left at the end of an odd pass.
VV_INLINE int step_stages(int u, int t, int r) { return t - u < r ? t - u : r; }

// Index of element l < 2^t of group g < n / 2^t in the pass over stages s0 .. s0 + t - 1: the group's elements
// are 2^s0 apart; g's low s0 bits select the offset, its high bits the block of 2^(s0 + t).
VV_INLINE uint32_t group_element(uint32_t g, uint32_t l, int s0, int t) {
    const uint32_t low = g & ((1u << s0) - 1);
    return ((g >> s0) << (s0 + t)) + low + (l << s0);
}

// Where element l's limbs sit in their arrays: l with its bits 0-3 flipped by bit 4 (all four) and bit 5 (bits 1
// and 3), a bijection on each 64 elements. A half-warp's 16 accesses of 8 bytes (the unit of a bank conflict) hit 16
// elements whose indices spread the thread index's low 4 bits around the step's 1 or 2 fixed bits; at local stages
// 0-3 those indices share bank pairs (2-way a butterfly a thread, 4-way radix-4), these slots do not, at any step
// (checked for every pass and step by enumeration).
VV_INLINE uint32_t tile_slot(uint32_t l) {
    return l ^ ((0u - ((l >> 4) & 1)) & 15) ^ ((0u - ((l >> 5) & 1)) & 10);
}

// Element l of the tile, whose limb k is at tile[k * TILE + tile_slot(l)]: 4 limbs (mont256) or 5 (fp52n).
template <class G>
VV_INLINE G tile_get(const uint64_t *tile, uint32_t l) {
    const uint32_t p = tile_slot(l);
    G x;
    constexpr int limbs = sizeof(x.l) / sizeof(x.l[0]);
VV_UNROLL
    for (int k = 0; k < limbs; k++) x.l[k] = tile[k * TILE + p];
    return x;
}

template <class G>
VV_INLINE void tile_put(uint64_t *tile, uint32_t l, const G &x) {
    const uint32_t p = tile_slot(l);
    constexpr int limbs = sizeof(x.l) / sizeof(x.l[0]);
VV_UNROLL
    for (int k = 0; k < limbs; k++) tile[k * TILE + p] = x.l[k];
}

// The first stage of the pass (plan_passes) that runs global stage s.
VV_INLINE int pass_start(int log_n, int s) {
    int stages[32];
    const int passes = plan_passes(log_n, stages);
    int s0 = 0;
    for (int p = 0; p < passes && s0 + stages[p] <= s; p++) s0 += stages[p];
    return s0;
}

// Group g's twiddles of global stage s0 + u, where the pass starts at stage s0: element j < 2^u is the twiddle of
// the butterfly at position j of its half-block, omega_{2^(s0+u+1)}^J with J = (j << s0) | low, low = g's low s0
// bits, which the table (see the top) keeps at 2^(s0+u) + (low << u) + j = ((2^s0 | low) << u) + j. The block's
// threads differ in j only, so they read consecutive elements.
template <class F>
VV_INLINE const F *group_twiddles(const F *tw, uint32_t g, int s0, int u) {
    return tw + (((1u << s0) | (g & ((1u << s0) - 1))) << u);
}

// Thread c: the twiddle table's entries at positions p in [c * POWERS_CHUNK, (c + 1) * POWERS_CHUNK), p < n
// (position 0 is never read; it is set to zero). Position p = 2^s + (low << u) + j (u = s - s0, s0 = pass_start)
// holds omega_{2^(s+1)}^((j << s0) | low) = w_step^j * w_run^low, w_step = omega_{2^(u+1)}, w_run = omega_{2^(s+1)}:
// along a run of 2^u positions of one low each entry is the last times w_step, and a run starts at the last run's
// start times w_run. Stages from 4 on start at a multiple of the chunk, so a chunk lies in one stage and, when
// u >= 4, in one run; its first entry and each stage's first (in chunk 0) take exponentiations. The products are
// reduced (canonical), so the entries are exactly the field's powers of omega, however they are reached.
template <class F, class G = F>
VV_INLINE void twiddles_chunk_body(uint32_t c, G *table, F omega, int log_n) {
    const uint32_t n = 1u << log_n;
    const uint32_t first = c * vec::POWERS_CHUNK;
    const uint32_t to = n - first < vec::POWERS_CHUNK ? n : first + vec::POWERS_CHUNK;
    if (first == 0) table[0] = G::zero();
    int s = -1, u = 0;
    F run = F::one(), v = run, w_run = run, w_step = run;
    for (uint32_t p = first == 0 ? 1 : first; p < to; p++) {
        if (s < 0 || (p & (p - 1)) == 0) {  // the chunk's first entry, or a stage's
            s = 0;
            while (p >> (s + 1)) s++;
            u = s - pass_start(log_n, s);
            w_run = omega.pow(1ull << (log_n - 1 - s));
            w_step = omega.pow(1ull << (log_n - 1 - u));
            const uint32_t i = p - (1u << s);
            run = w_run.pow(i >> u);
            v = run * w_step.pow(i & ((1u << u) - 1));
        } else if (((p - (1u << s)) & ((1u << u) - 1)) == 0) {
            run = run * w_run;
            v = run;
        } else {
            v = v * w_step;
        }
        table[p] = form<F, G>::in(v);
    }
}

// The butterfly x, y <- x + z, x - z with z = w y (y when one: w is 1, the product left out), on the tile's
// elements a and b (of G: the vector's field, or fp52n with the twiddles in that form too), written back. y is
// loaded before the product and x after it, so that no element is held in registers across the call.
template <class G>
VV_INLINE void tile_butterfly(uint64_t *tile, uint32_t a, uint32_t b, const G &w, bool one) {
    const G y = tile_get<G>(tile, b);
    const G z = one ? y : y * w;
    const G x = tile_get<G>(tile, a);
    tile_put(tile, a, x + z);
    tile_put(tile, b, x - z);
}

// The same in fp52n, lazily (Harvey's butterfly, "Faster arithmetic for number-theoretic transforms", 2014): the
// tile's values run up to 4p. x is brought below 2p (one conditional subtraction), z = w y is below 1.125 p (w < 2p,
// y < 4p; a unit twiddle brings y below 2p instead), then x + z and x - z + 2p are both in [0, 4p) without a
// correction: one conditional correction where the reduced + and - took two (four passes over the limbs and two
// selects become three and one). The pass's store converts from below 4p (fp52n's to_mont). Untimed on a GPU.
template <class T>
VV_INLINE void tile_butterfly(uint64_t *tile, uint32_t a, uint32_t b, const fp52n<T> &w, bool one) {
    const fp52n<T> y = tile_get<fp52n<T>>(tile, b);
    const fp52n<T> z = one ? y.below_2p() : y * w;
    const fp52n<T> x = tile_get<fp52n<T>>(tile, a).below_2p();
    tile_put(tile, a, fp52n<T>::sum_unreduced(x, z));
    tile_put(tile, b, fp52n<T>::diff_plus_2p(x, z));
}

// Butterfly b < 2^(t-1) of local stage u of group g: global stage s0 + u, whose twiddle depends on the pair's
// position j in its half-block.
template <class G>
VV_INLINE void stage_butterfly(uint32_t b, uint32_t g, int u, int s0, uint64_t *tile, const G *tw) {
    const uint32_t h = 1u << u;
    const uint32_t j = b & (h - 1);
    const uint32_t i0 = ((b >> u) << (u + 1)) | j;
    tile_butterfly(tile, i0, i0 + h, group_twiddles(tw, g, s0, u)[j], s0 + u == 0);
}

// Thread q < 2^(t - r)'s part of the step over local stages u .. u + c - 1 (c = step_stages(u, t, r)) of group g:
//   c = 2: the radix-4 unit of elements i0 + m 2^u, m < 4: stage u pairs (0, 1) and (2, 3), which share a
//          twiddle, then stage u + 1 pairs (0, 2) and (1, 3); the thread alone touches these four elements in
//          this step, so the second stage needs no barrier;
//   c = 1: butterfly q and, when r = 2, butterfly q + 2^(t - 2) (consecutive threads take consecutive
//          butterflies, also in this step).
// The twiddles are read from tw for the product. A radix-4 step indexes the block's run of each stage
// (group_twiddles) by j: so written, ptxas (CUDA 13.0, sm_80 and sm_90) gave the kernel 45 registers and a 32-byte
// stack while the product took its operands by reference, where the same reads with the index worked out afresh for
// each twiddle took 49 to 57. With the product's operands by value (19b530f: no stack) it takes 50 (ptxas, sm_90),
// so the radix-4 passes (2^19 and up) run 4 blocks of 256 a multiprocessor, and the tile (32 KiB, with the driver's
// 1 KiB a block in the 132 KiB carveout it picks) holds them to 4 as well (Nsight Compute on an H200 at 4f085a7,
// bench/results/gpu-20261128-044000-4f085a7). Timed there as kit variants and dropped, no faster beyond the spread
// between runs: the pass held to 48 registers (__maxnreg__(48), no spill; still 4 blocks by the tile) and a radix-4
// step's two butterflies as a pair of inlined products, free to interleave (56 registers). The passes are neither
// memory- nor issue-bound there (memory 35-38% of peak, issue slots 50-58% busy, the ALU pipe 51-61%, 42% occupancy):
// latency at 8 warps a scheduler. At global stage 0 (s0 + u = 0) every twiddle is 1, and
// so is stage 1's for a unit's pair (0, 2) (j = 0): 1 product of the first step's 4.
template <class G>
VV_INLINE void group_step(uint32_t q, uint32_t g, int u, int t, int r, int s0, uint64_t *tile, const G *tw) {
    const uint32_t h = 1u << u;
    const int s = s0 + u;
    if (step_stages(u, t, r) == 2) {
        const uint32_t j = q & (h - 1);
        const uint32_t i0 = ((q >> u) << (u + 2)) | j;
        const G *w = group_twiddles(tw, g, s0, u);
        tile_butterfly(tile, i0, i0 + h, w[j], s == 0);
        tile_butterfly(tile, i0 + 2 * h, i0 + 3 * h, w[j], s == 0);
        w = group_twiddles(tw, g, s0, u + 1);
        tile_butterfly(tile, i0, i0 + 2 * h, w[j], s == 0);
        tile_butterfly(tile, i0 + h, i0 + 3 * h, w[j + h], false);
    } else {
        stage_butterfly(q, g, u, s0, tile, tw);
        if (r == 2) stage_butterfly(q + (1u << (t - 2)), g, u, s0, tile, tw);
    }
}

// Thread i <= n/2: the index map i -> -i mod n of the inverse, with every element scaled by c.
template <class F>
VV_INLINE void reverse_tail_body(uint32_t i, F *a, uint32_t n, F c) {
    if (i == 0 || i == n / 2) {
        a[i] = a[i] * c;
    } else {
        F x = a[i], y = a[n - i];
        a[i] = y * c;
        a[n - i] = x * c;
    }
}

}  // namespace ntt
}  // namespace vv
