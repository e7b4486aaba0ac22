// Pippenger multi-scalar multiplication, sum_i k_i P_i, for affine bases and Montgomery-form scalars, in
// stages that are each one kernel launch (kernels/vampvm.cu) and each a __host__ __device__ body here, so
// that native/ can run the same bodies serially for the tests:
//
//  1. digits:     scalar -> canonical -> signed c-bit digits d_w in [-2^(c-1) + 1, 2^(c-1)], one thread per
//                 scalar (the carry runs through the windows of one scalar); counts the entries per bucket, each
//                 digit keeping the count its atomic increment returned: its rank among its bucket's entries.
//                 With nw = ceil(256 / c) windows the top digit never carries out, as scalars are < 2^255.
//  2. scan:       exclusive prefix sum of the bucket counts -> where each bucket's entries start: per block of
//                 8,192 counts, then of the block totals (recursively), then each block's offset added
//                 (kernels/vampvm.cu's vv_msm_scan_*; one block did it all, ~0.9 ms at 2^20 on an H200).
//  3. scatter:    each non-zero digit becomes the entry (point index | sign << 31) of bucket (w, |d| - 1), at
//                 the bucket's offset plus the digit's rank: a counting sort by bucket with one atomic per digit
//                 in all (stage 1's). Order within a bucket varies between runs; the sum does not (projective
//                 coordinates may, the point does not).
//  4. accumulate: the bucket sums in XYZZ coordinates (ec/xyzz.cuh: 8M + 2S a mixed addition), as a segmented
//                 reduction over the sorted entries in chunks of up to MSM_CHUNK, one thread per chunk, then over the
//                 partial sums by blocks that join their threads' runs in a tree (below): no thread adds more
//                 than MSM_CHUNK points whatever the scalars, where one thread per bucket serialised the MSM on
//                 the largest bucket. Sums are written in projective form.
//  5. reduce:     each window's weighted sum W = sum_j (j + 1) B_j, in levels: segments of 4 buckets a thread,
//                 then pairs of the last level's sums, two threads a pair (below): a few short launches, the last
//                 of which does the last levels of a group of windows in one block, where one thread per window
//                 once summed segment sums serially.
//  6. on the host: Horner over the nw window sums, c doublings apart.
//
// Stage 5 does a fixed amount of work per window, not per scalar. Stage 1 takes one atomic per entry on its bucket's
// counter: with skewed scalars (all equal) every thread of a window hits one counter, which a GPU serialises (correct,
// but slower: bench kernels' skewed row measures it). Stage 3 once took a second atomic per entry, on a copy of the
// offsets as cursors; it now reads the rank stage 1's atomic returned (4 bytes more per digit, written and read in
// order), which leaves it random 4-byte writes, one window at a time since 2026-11-27 (scatter_body), and reads of the
// offsets (L2-resident: 2 MiB at c = 16). On an H200 (c480298, 2^24) stage 1 took 8.6 ms and stage 3 8.4 ms (13.6 and
// 15.1 before the ranks), stage 4's first level 89.5 of the MSM's 128; at 509e65b 4.1, 5.5 and 60.6 of 76.4 (the first
// level at its products' floor). Still to try: a sort instead of the atomics, and a faster product (ff/fp64_mul.cuh).
// Weighed and set aside (kernels/README.md): batch-affine buckets (a block's inversion chain costs more than it saves),
// and GLV for the first level (twice the points at half the windows: as many bucket additions).
#pragma once

#include "../ec/pasta_curves.cuh"
#include "../ec/xyzz.cuh"
#include "../ff/device_support.cuh"
#include "../ec/point_form.cuh"

namespace vv {
namespace msm {

// Bits [pos, pos + c) of a 256-bit little-endian value (c <= 31), reading past bit 255 as zeros.
VV_INLINE uint32_t window_bits(const uint64_t k[4], int pos, int c) {
    if (pos >= 256) return 0;
    int limb = pos >> 6, shift = pos & 63;
    uint64_t v = k[limb] >> shift;
    if (shift + c > 64 && limb < 3) v |= k[limb + 1] << (64 - shift);
    return (uint32_t)(v & ((1ull << c) - 1));
}

VV_INLINE int windows(int c) { return (256 + c - 1) / c; }
VV_INLINE uint32_t buckets_per_window(int c) { return 1u << (c - 1); }

// A batch of MSMs over the same bases runs as one: its n scalars are `per` scalars for each MSM one after
// another, and MSM j's windows are windows j * nw .. j * nw + nw - 1 of the stages below (its buckets follow
// the previous MSM's), so that stages 2, 4 and 5 see one MSM of batch * nw windows. Only stages 1 and 3 know
// the batch: the window offset of scalar i is (i / per) * nw, and its entry names base i % per.
//
// Fixed bases (stride > 0 in stages 1 and 3): the bases are a table of stride * nw points, point w * stride + j =
// [2^(c w)] G_j (table_step_body, CudaBackend.prepareFixedBases), so that digit d_w of scalar j adds table point
// w * stride + j to bucket |d_w| - 1 of one set of buckets for all the windows: stages 2, 4 and 5 see one window
// per MSM (its sum is the MSM, no Horner on the host), and a wide window pays (c = log2(stride), up to 22: at 2^20
// 13 windows of 2^19 buckets once, where c = 16 takes 16 windows of 2^15 buckets each).
//
// Stage 0 for fixed bases, one launch per window w >= 1: cur[j] (the bases, projective, for w = 1) doubled c times,
// in place, the doublings in G (F, or fp52n for vv_msm_table_step52_*); CudaBackend converts it to affine into the
// table's window w.
template <class F, class G = F>
VV_INLINE void table_step_body(uint32_t j, const affine_t<F> *bases, proj_t<F> *cur, int c, bool first) {
    proj_t<G> p = first ? proj_in<F, G>(bases[j]) : proj_in<F, G>(cur[j]);
    for (int i = 0; i < c; i++) p = dbl(p);
    cur[j] = proj_out<F, G>(p);
}

// The bucket of digit d != 0 of window w, counted from its MSM's first bucket: window w's own (w * B + |d| - 1), or
// with fixed bases (stride > 0) the one set of buckets all windows share (|d| - 1).
VV_INLINE uint32_t bucket_slot(int32_t d, int w, uint32_t B, uint32_t stride) {
    return (stride ? 0 : (uint32_t)w * B) + (uint32_t)(d < 0 ? -d : d) - 1;
}

// Buckets per MSM of a batch: nw windows of B, or one set of B with fixed bases.
VV_INLINE uint32_t msm_buckets(int c, uint32_t stride) {
    return stride ? buckets_per_window(c) : (uint32_t)windows(c) * buckets_per_window(c);
}

// Stage 1, thread i. digits[w * n + i] = d_w(k_i); for d != 0, counts[j * msm_buckets + bucket_slot] += 1
// (j = i / per) and ranks[w * n + i] = that count before the increment.
template <class S>
VV_INLINE void digits_body(uint32_t i, const S *scalars, uint32_t n, uint32_t per, int c, uint32_t stride,
                           int32_t *digits, uint32_t *ranks, uint32_t *counts) {
    uint64_t k[4];
    scalars[i].to_canonical(k);
    const int nw = windows(c);
    const int32_t half = 1 << (c - 1);
    const uint32_t B = buckets_per_window(c);
    uint32_t *window_counts = counts + (size_t)(i / per) * msm_buckets(c, stride);
    int32_t carry = 0;
    for (int w = 0; w < nw; w++) {
        int32_t d = (int32_t)window_bits(k, w * c, c) + carry;
        carry = 0;
        if (d > half) {
            d -= 2 * half;
            carry = 1;
        }
        digits[(size_t)w * n + i] = d;
        if (d != 0) ranks[(size_t)w * n + i] = atomic_add_u32(&window_counts[bucket_slot(d, w, B, stride)], 1);
    }
}

// Stage 3, thread t = w n + i over the nw n digits, window by window as stage 1 lays them out: digit w of scalar i,
// when non-zero, becomes entry offsets[bucket] + rank, naming base i % per, or with fixed bases table point w * stride
// + i % per. Window by window, the threads running at once write into one window's entries (a bucket's next few ranks
// each, adjacent: ~one 32-byte sector per bucket a wave), a working set of about a line per bucket of one window (4 MiB
// at c = 16), which the L2 holds until its lines are whole; until 2026-11-27 a thread took one scalar's nw digits, so
// that the threads running at once wrote into every window's buckets at once, a line per bucket of all of them (64 MiB
// at c = 16), past the L2, and each 4-byte write cost a sector of DRAM traffic (on an H200 at c480298, 8.4 ms of the
// MSM at 2^24; 5.5 ms window by window at 509e65b). With fixed bases all windows share one set of buckets, so the
// working set stays a line per bucket (2^(c-1) of them).
VV_INLINE void scatter_body(uint32_t t, const int32_t *digits, const uint32_t *ranks, uint32_t n, uint32_t per, int c,
                            uint32_t stride, const uint32_t *offsets, uint32_t *entries) {
    const int32_t d = digits[t];
    if (d == 0) return;
    const uint32_t w = t / n, i = t % n;
    const uint32_t *window_offsets = offsets + (size_t)(i / per) * msm_buckets(c, stride);
    const uint32_t base = i % per;
    const uint32_t pos = window_offsets[bucket_slot(d, (int)w, buckets_per_window(c), stride)] + ranks[t];
    entries[pos] = (stride ? w * stride + base : base) | (d < 0 ? 0x80000000u : 0u);
}

// ---- stage 4: the bucket sums, a segmented reduction balanced over the entries ----------------------
//
// The entries, sorted by bucket, are cut into chunks of L <= MSM_CHUNK; one thread per chunk adds up each run of
// one bucket's entries in its chunk. A run that is the bucket's whole (it starts and ends in the chunk) is
// the bucket's sum: it goes straight to buckets[b]. A bucket that crosses a chunk boundary leaves partial sums
// instead: chunk t writes at most a head H (its first run, when that bucket began before the chunk) and a tail
// T (its last run, when that bucket goes on after it), as slots 2t and 2t + 1 of (key, XYZZ) arrays, key =
// the bucket, MSM_EMPTY for no partial. A chunk wholly inside one bucket writes its sum as H and the identity
// as T under the same key, so that one bucket's partials always sit in consecutive slots. Keys are then
// non-decreasing over non-empty slots and empties only sit between buckets, so "began before this chunk" is
// keys[begin - 1] == key and "goes on after it" is keys[end] == key.
//
// The later levels reduce the partials the same way, one block of PARTIALS_BLOCK threads per chunk of
// PARTIALS_BLOCK * k slots, which writes its head and tail as slots 2b and 2b + 1: each thread first adds up
// the runs of its k consecutive slots in series (partials_thread_body: the middle runs are whole buckets and
// go to buckets[], its first and last runs stay in shared memory), then the block joins its threads' first and
// last runs in a tree of log2(PARTIALS_BLOCK) steps of at most one addition each (partials_tree_step). A level
// shrinks the slots by PARTIALS_BLOCK * k / 2, one with a single block writes every remaining bucket.
//
// Why a tree: one thread's XYZZ addition takes ~10 µs of latency on an H200 (the field product is a device call), so a
// level costs its longest chain whatever its thread count. With chunks of MSM_CHUNK slots a thread (what these levels
// once were) each level was up to 32 additions deep (~0.3 ms) and shrank the slots 16-fold: ~1.2 ms after the first
// level at 2^20 points. Here a level is k + 7 additions deep and shrinks them by up to 2^11: k =
// partials_per_thread(count) keeps ~PARTIALS_THREADS threads busy on large levels, is 1 on small ones, and up to
// PARTIALS_LAST where that makes the level the last (on an H200 the whole MSM went from 14.7 to 12.85 ms at 2^20 with
// these trees, the multi-block scan and the one-launch window tail; not profiled kernel by kernel yet).
// PARTIALS_THREADS = 2^16 is about what the GPU holds of this kernel at once (114 registers, blocks of 128: four a
// multiprocessor, 67,584 threads on 132), and the level's work is the same whatever k: at 2^20 points (2^20 slots) k =
// 16 and two later launches 23 and 15 additions deep. Until 2026-11-27 it was 2^15 (k = 32, launches 39 and 11 deep),
// which left half the multiprocessors' warp slots empty on a latency-bound chain; the two are within 1% at 2^20 on an
// H200 (509e65b; DevicePippenger's -Dvampvm.cuda.msmPartialsThreads=32768 restores 2^15). DevicePippenger asks the
// device how many threads of the level's kernel it holds (partialsBusy): the fp52n kernel, at 184 registers, two
// blocks, half as many.
//
// No thread ever adds more than MSM_CHUNK entries, or k + log2(PARTIALS_BLOCK) partials, however skewed the
// scalars (all equal puts each window's entries in one bucket; all small, every entry in window 0's few
// buckets). Every non-empty bucket is written exactly once, by the thread that sees its partials whole: a
// middle run of a thread's slots or of a tree node, or a block's first or last run when that block has them all.
// Empty buckets are not written at all: stage 5 reads them as the identity from offsets.
//
// MSM_CHUNK = 32: random scalars put ~16 entries in a bucket at the default window (choose_window: 2^(c-1)
// buckets per window for ~2^(c+3) points), 32 from 2^20 points on (c stops at 16), so the first level runs
// m / 2 to m threads where one thread per bucket ran m, with about as much work each (at 2^20: 524,288
// threads of 32 mixed additions, several waves of an H100). The partials (2 slots of 4 + 128 bytes per chunk:
// E / 16 slots) cost the second level ~E / 32 full additions (a run's first addition is to the identity, a
// branch), ~4% of the first level's products.
//
// Below that the chunk shrinks (first_chunk): a small MSM has too few entries to fill the GPU at 32 a thread
// (2^10 points: ~1,200 threads), so its first level cost the chain of 32 additions, ~0.3 ms, with the GPU mostly
// idle, and a k = 10 block proof runs ~35 MSMs. The chunk is the least power of two that leaves at most
// first_threads threads (DevicePippenger.MSM_FIRST_THREADS, 2^17: ~1,000 on each of 132 multiprocessors; the chunk is a
// launch argument, so that tests can lower the budget to reach every chunk at the emulator's sizes), so MSMs from
// about 2^17 points on keep 32, and 2^10 takes 1, its additions moving to the later levels' trees (depth k + 7).
// The chunk is sized from the most entries there can be (every digit non-zero), which the host knows without
// reading the count back: threads past the count find empty chunks, and the launches of a whole MSM queue without
// a wait.
constexpr uint32_t MSM_CHUNK = 32;
constexpr uint32_t MSM_EMPTY = 0xFFFFFFFFu;
// Threads of a later level's block: its first and last runs, 2 * 128 XYZZ points, are 32 KiB of shared memory.
constexpr int PARTIALS_BLOCK = 128;
// About how many threads a later level keeps busy before its threads take more than one slot each.
constexpr uint32_t PARTIALS_THREADS = 1u << 16;
// The most slots a thread takes so that a level fits one block and is the last: k + 7 additions in one launch where
// k = 1 would take two launches of 8.
constexpr uint32_t PARTIALS_LAST = 8;

// The slots per thread of a later level over count slots: as few as fit one block when up to PARTIALS_LAST do, else
// the least power of two, up to MSM_CHUNK, that leaves at most PARTIALS_THREADS threads.
VV_INLINE uint32_t partials_per_thread(uint32_t count) {
    uint32_t k = 1;
    if (count <= PARTIALS_BLOCK * PARTIALS_LAST) {
        while (PARTIALS_BLOCK * k < count) k <<= 1;
        return k;
    }
    while (k < MSM_CHUNK && (count + k - 1) / k > PARTIALS_THREADS) k <<= 1;
    return k;
}

// The first level's entries a thread (see MSM_CHUNK): the least power of two, up to MSM_CHUNK, that leaves at most
// first_threads threads over max_entries entries.
VV_INLINE uint32_t first_chunk(uint64_t max_entries, uint32_t first_threads) {
    uint32_t l = 1;
    while (l < MSM_CHUNK && (max_entries + l - 1) / l > first_threads) l <<= 1;
    return l;
}

// The bucket holding entry e: the b in [lo, hi) with offsets[b] <= e < offsets[b + 1], found by bisection (empty
// buckets share their offset with the next bucket, so a linear step could walk all of a sparse window).
// Requires offsets[lo] <= e < offsets[hi].
VV_INLINE uint32_t bucket_of(const uint32_t *offsets, uint32_t lo, uint32_t hi, uint32_t e) {
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (offsets[mid] <= e) lo = mid; else hi = mid;
    }
    return lo;
}

// As bucket_of over [lo, m), for an entry at or just after bucket lo's: gallops up from lo (steps 1, 2, 4, ...) to
// bracket e, then bisects the bracket. A chunk's next run is almost always in the next bucket: two loads where a bisection
// over the whole window took log2(m).
VV_INLINE uint32_t bucket_from(const uint32_t *offsets, uint32_t lo, uint32_t m, uint32_t e) {
    uint32_t step = 1, hi = lo + 1;
    while (hi < m && offsets[hi] <= e) {
        lo = hi;
        step <<= 1;
        hi = m - lo > step ? lo + step : m;
    }
    return bucket_of(offsets, lo, hi, e);  // offsets[lo] <= e < offsets[hi], offsets[m] > e for hi = m
}

// Where a run of one bucket's points in chunk t goes (see above): the bucket itself when the chunk holds all
// of it, else the chunk's head or tail slot.
template <class F>
VV_INLINE void emit_run(uint32_t t, uint32_t key, const xyzz_t<F> &sum, bool began_before, bool goes_on,
                        proj_t<F> *buckets, uint32_t *out_keys, xyzz_t<F> *out_parts) {
    if (!began_before && !goes_on) {
        buckets[key] = to_proj(sum);
    } else if (began_before) {
        out_keys[2 * t] = key;
        out_parts[2 * t] = sum;
        if (goes_on) {
            out_keys[2 * t + 1] = key;
            out_parts[2 * t + 1] = xyzz_t<F>::identity();
        }
    } else {
        out_keys[2 * t + 1] = key;
        out_parts[2 * t + 1] = sum;
    }
}

// The next entry's base, loaded while this entry's addition runs (accumulate_entries_body's prefetch). In registers,
// or with SHARED (the fp52n first level, vv_msm_accumulate52_*) copied by cp.async (sm_80 on) into the thread's 64
// bytes of shared memory, so that it holds no registers across the addition: by ptxas (sm_90, CUDA 13.0) that first
// level, held to 128 registers, spills 112 bytes against 232 with the base in registers (120 with no prefetch at
// all). Timed on an H200 at 4f085a7 as the kit's async-prefetch variant (bench/results/gpu-20261128-044000-4f085a7):
// the MSM at 2^24 69.34 ms against 70.90-71.08 for the same code with the base in registers, beyond the spread of
// four runs; at 2^20 within the spread between runs. The integer first level (122 registers against 110 with it) was
// not timed so and keeps the registers. On the host, and below sm_80, both are a copy.
template <class F, bool SHARED>
struct next_base {
    affine_t<F> p;
    VV_INLINE void load(const affine_t<F> *src) { p = *src; }
    VV_INLINE affine_t<F> take() const { return p; }
};

#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800
template <class F>
struct next_base<F, true> {
    affine_t<F> *slot;
    __device__ next_base() {
        // cp.async's 16-byte copies need 16-byte aligned addresses; the first level's blocks are at most 256 threads.
        __shared__ __align__(16) affine_t<F> slots[256];
        slot = &slots[threadIdx.x];
    }
    __device__ void load(const affine_t<F> *src) {
        const uint32_t dst = (uint32_t)__cvta_generic_to_shared(slot);
        const char *g = (const char *)src;
        static_assert(sizeof(affine_t<F>) == 64, "an affine point is four 16-byte copies");
        // The clobbers keep the slot's last read (take) before these copies overwrite it.
VV_UNROLL
        for (int k = 0; k < 4; k++)
            asm volatile("cp.async.cg.shared.global [%0], [%1], 16;" ::"r"(dst + 16 * k), "l"(g + 16 * k) : "memory");
        asm volatile("cp.async.commit_group;" ::: "memory");
    }
    __device__ affine_t<F> take() {
        asm volatile("cp.async.wait_all;" ::: "memory");
        return *slot;
    }
};
#endif

// Entry e's base, negated for a negative digit (the entry's top bit), with entry e + 1's (below end) loaded ahead into
// x_next and next.
template <class F, bool SHARED>
VV_INLINE affine_t<F> take_base(uint32_t e, uint32_t end, const affine_t<F> *bases, const uint32_t *entries,
                                uint32_t &x_next, next_base<F, SHARED> &next) {
    const uint32_t x = x_next;
    const affine_t<F> p = next.take();
    if (e + 1 < end) {
        x_next = entries[e + 1];
        next.load(&bases[x_next & 0x7fffffffu]);
    }
    return x >> 31 ? neg(p) : p;
}

// Stage 4, first level, thread t over the E = offsets[m] entries in chunks of L = first_chunk(...): entries
// [t L, min(E, (t + 1) L)), mixed additions of the bases; a thread past E has none and writes two empty slots.
// Returns how many points it added (the serial mirror checks the balance with it). The sums are made in G (F, or
// fp52n for the vv_msm_accumulate52_* kernels: the bases converted as they are loaded, each run's sum
// converted back once, ec/point_form.cuh).
//
// One loop over the chunk's entries, one addition an iteration, the end of a run (its sum emitted, the next bucket
// found) a branch inside it, so that a warp's threads stay in step whatever their runs: every thread makes exactly
// one addition an iteration, and a warp takes L iterations. Until 2026-11-27 a loop over runs held a loop over the
// run's entries; at the default window a chunk of 32 holds ~2 runs (buckets of ~32 entries at 2^20 points, c = 16),
// at different places in each thread's chunk, and where the warp reconverges at the inner loop's end a thread whose
// run ended waits there for the warp's longest run before it starts its next: the warp issues the sum over runs of
// the warp's longest where the additions are L. For random scalars that is 2.06 L at 2^20 points and 1.64 L at 2^24
// (bench/models/first_level_runs.py: even at 2^24, where buckets hold ~512 entries, most warps have a thread whose
// chunk crosses a bucket's end), if ptxas reconverges there; measured, the old first level ran at 72% of the product
// probe's rate at 2^24 (c480298) and cost ~1.2x as much an entry at 2^20 as at 2^24 (bec0bee), about the model's
// 2.06 / 1.64, so part of that, at least, was real. Timed on an H200 at 509e65b (bench/results/
// gpu-20261127-190851-509e65b): the MSM at 2^20 6.61 ms with this loop, 10.69 with the loop over runs (a build
// of its own then), so the loop over runs is gone.
//
// The next entry's base is loaded before this one's addition, so that its gather (a random 64 bytes of the bases,
// from DRAM once they outgrow the L2, as a fixed-base table always does) overlaps the addition instead of stalling
// the next one (on an H200 at 8706b9c, loading each base as its addition starts took 11.11 ms at 2^20 and 128.0 at
// 2^24 against 11.02 and 124.8).
template <class F, class G = F>
VV_INLINE uint32_t accumulate_entries_body(uint32_t t, uint32_t L, const affine_t<F> *bases, const uint32_t *entries,
                                           const uint32_t *offsets, uint32_t m, proj_t<F> *buckets,
                                           uint32_t *out_keys, xyzz_t<F> *out_parts) {
    const uint32_t count = offsets[m];
    const uint32_t begin = (uint64_t)t * L < count ? t * L : count;
    const uint32_t end = count - begin < L ? count : begin + L;
    out_keys[2 * t] = out_keys[2 * t + 1] = MSM_EMPTY;
    if (begin == end) return 0;
    uint32_t b = bucket_of(offsets, 0, m, begin);
    uint32_t x_next = entries[begin];
    next_base<F, point_form<F, G>::converts> next;
    next.load(&bases[x_next & 0x7fffffffu]);
    uint32_t run_end = offsets[b + 1] < end ? offsets[b + 1] : end;
    xyzz_t<G> sum = xyzz_t<G>::identity();
    for (uint32_t e = begin; e < end; e++) {
        sum = add_mixed(sum, affine_in<F, G>(take_base(e, end, bases, entries, x_next, next)));
        if (e + 1 == run_end) {
            emit_run(t, b, xyzz_out<F, G>(sum), offsets[b] < begin, offsets[b + 1] > end, buckets, out_keys,
                     out_parts);
            sum = xyzz_t<G>::identity();
            if (run_end < end) {  // then run_end = offsets[b + 1] < offsets[m], so b + 1 < m
                b = bucket_from(offsets, b + 1, m, run_end);
                run_end = offsets[b + 1] < end ? offsets[b + 1] : end;
            }
        }
    }
    return end - begin;
}

// What one thread, and then one node of a block's tree, holds of a later level: the key of its first slot and the
// sum of the run that starts there (first), the key of its last slot and the sum of the run that ends there (last).
// A node whose slots are all one bucket's is whole: first holds its sum, last is not used. A run of empty slots
// has key MSM_EMPTY and no sum. Runs in between were whole buckets and are already written.
VV_INLINE bool partials_whole(uint32_t first_key, uint32_t last_key) {
    return first_key == last_key && first_key != MSM_EMPTY;
}

// Stage 4, a later level, thread i of block b over the count slots of the previous level (k = partials_per_thread):
// slots [b P k + i k, + k) clipped to count, P = PARTIALS_BLOCK. Writes the thread's node (above) into
// first_key[i], first[i], last_key[i], last[i]. Returns how many partials it added. One loop over the slots, one
// addition an iteration, a run's end a branch in it, as the first level's (accumulate_entries_body): these levels
// cost their chain's latency, and a loop over runs holding a loop over a run's slots made the warp's chain the sum
// over runs of its longest, where it is k now (a bucket's partials are runs of ~2-3 slots at 2^20).
template <class F, class G = F>
VV_INLINE uint32_t partials_thread_body(uint32_t b, uint32_t i, uint32_t k, const uint32_t *keys,
                                        const xyzz_t<F> *parts, uint32_t count, proj_t<F> *buckets,
                                        uint32_t *first_key, xyzz_t<F> *first, uint32_t *last_key,
                                        xyzz_t<F> *last) {
    const uint32_t block_begin = b * PARTIALS_BLOCK * k;
    const uint32_t begin = block_begin + i * k < count ? block_begin + i * k : count;
    const uint32_t end = count - begin < k ? count : begin + k;
    first_key[i] = begin < end ? keys[begin] : MSM_EMPTY;
    last_key[i] = begin < end ? keys[end - 1] : MSM_EMPTY;
    uint32_t added = 0;
    uint32_t run_begin = begin;
    uint32_t key = begin < end ? keys[begin] : MSM_EMPTY;
    xyzz_t<G> sum = xyzz_t<G>::identity();
    for (uint32_t s = begin; s < end; s++) {
        const uint32_t next = s + 1 < end ? keys[s + 1] : MSM_EMPTY;
        if (key != MSM_EMPTY) {
            sum = add(sum, xyzz_in<F, G>(parts[s]));
            added++;
        }
        if (s + 1 == end || next != key) {  // the run of key ends at slot s
            if (key == MSM_EMPTY) {
                // empty slots: no sum
            } else if (run_begin == begin) {
                first[i] = xyzz_out<F, G>(sum);
            } else if (s + 1 == end) {
                last[i] = xyzz_out<F, G>(sum);
            } else {
                buckets[key] = to_proj(xyzz_out<F, G>(sum));
            }
            sum = xyzz_t<G>::identity();
            run_begin = s + 1;
        }
        key = next;
    }
    return added;
}

// One step of a later level's tree, thread i of the block: for i a multiple of 2h, joins the nodes of threads
// [i, i + h) and [i + h, i + 2h) into that of [i, i + 2h), whose first sum lives in first[i] and last sum in
// last[i + 2h - 1] (the nodes of a step are disjoint, so one barrier between steps suffices). Where the left node's
// last run and the right node's first run are one bucket's they are added: the sum stays a node's first or last run
// when either side is whole, else it is the whole bucket. A run that ends up inside the joined node is whole.
// Returns how many additions it made (0 or 1).
template <class F, class G = F>
VV_INLINE uint32_t partials_tree_step(uint32_t i, uint32_t h, const uint32_t *first_key, xyzz_t<F> *first,
                                      const uint32_t *last_key, xyzz_t<F> *last, proj_t<F> *buckets) {
    if (i % (2 * h) != 0) return 0;
    const uint32_t r = i + h, end = i + 2 * h - 1;
    const uint32_t left_last = last_key[r - 1], right_first = first_key[r];
    const bool left_whole = partials_whole(first_key[i], left_last);
    const bool right_whole = partials_whole(right_first, last_key[end]);
    const xyzz_t<F> &left_sum = left_whole ? first[i] : last[r - 1];
    if (left_last == right_first) {
        if (left_last == MSM_EMPTY) return 0;  // neither side whole: empty slots in the middle
        const xyzz_t<F> sum = xyzz_out<F, G>(add(xyzz_in<F, G>(left_sum), xyzz_in<F, G>(first[r])));
        if (left_whole) {
            first[i] = sum;  // the joined node's first run (and its whole sum when the right side is whole too)
        } else if (right_whole) {
            last[end] = sum;
        } else {
            buckets[left_last] = to_proj(sum);
        }
        return 1;
    }
    if (!left_whole && left_last != MSM_EMPTY) buckets[left_last] = to_proj(left_sum);
    if (!right_whole && right_first != MSM_EMPTY) buckets[right_first] = to_proj(first[r]);
    if (right_whole) last[end] = first[r];
    return 0;
}

// The end of a later level's block b, after the tree: its node over the whole block goes out as in emit_run, the
// first run as the head when its bucket began before the block, the last run as the tail when it goes on after.
template <class F>
VV_INLINE void partials_block_end(uint32_t b, uint32_t k, const uint32_t *keys, uint32_t count,
                                  const uint32_t *first_key, const xyzz_t<F> *first, const uint32_t *last_key,
                                  const xyzz_t<F> *last, proj_t<F> *buckets, uint32_t *out_keys,
                                  xyzz_t<F> *out_parts) {
    const uint32_t begin = b * PARTIALS_BLOCK * k;
    const uint32_t end = count - begin < PARTIALS_BLOCK * k ? count : begin + PARTIALS_BLOCK * k;
    const uint32_t fk = first_key[0], lk = last_key[PARTIALS_BLOCK - 1];
    out_keys[2 * b] = out_keys[2 * b + 1] = MSM_EMPTY;
    const bool before = fk != MSM_EMPTY && begin > 0 && keys[begin - 1] == fk;
    const bool after = lk != MSM_EMPTY && end < count && keys[end] == lk;
    if (partials_whole(fk, lk)) {
        emit_run(b, fk, first[0], before, after, buckets, out_keys, out_parts);
        return;
    }
    if (fk != MSM_EMPTY) emit_run(b, fk, first[0], before, false, buckets, out_keys, out_parts);
    if (lk != MSM_EMPTY) emit_run(b, lk, last[PARTIALS_BLOCK - 1], false, after, buckets, out_keys, out_parts);
}

// ---- stage 5: the window sums W = sum_j (j + 1) B_j, in levels -------------------------------------
//
// A level holds, per window, len pairs (P_e, U_e) standing for W = sum_e P_e + sum_e e U_e. The buckets are the
// first level: P_j = U_j = B_j (sum_j (j + 1) B_j = sum_j B_j + sum_j j B_j). A level cuts each window's entries
// into segments of S = 2^seg_log, e = a S + i, and writes for each segment
//     P'_a = sum_i P_{aS+i} + sum_i i U_{aS+i},   U'_a = S sum_i U_{aS+i},
// as sum_e e U_e = sum_a sum_i i U_{aS+i} + sum_a a (S sum_i U_{aS+i}): the same form over len / S pairs. The
// level with one pair per window left holds W = P'_0.
//
// Only the first level has many threads (windows * B / S); the later ones are a few hundred threads or fewer, each a
// chain of point operations, so they cost their chain's latency (~10 µs an addition in one thread), not their work.
// Hence segments of 2^REDUCE_FIRST_LOG buckets for the first level, one thread a segment (reduce_buckets_body: about
// 3 S additions and seg_log doublings), and pairs after it (S = 2) with two threads a pair (reduce_pair_half): one
// makes P' = (P_2a + P_2a+1) + U_2a+1, the other U' = s + s for s = U_2a + U_2a+1, two additions each, where one
// thread making both was three additions and a doubling deep. The doubling is an addition too (add is the complete
// RCB formula, right for equal points), so that both halves run the same two additions and a warp holding both stays
// in step; a doubling (6M + 2S against 12M) in one half only would have run after the other half's addition. Once a
// window has at most REDUCE_TAIL_THREADS threads' worth of pairs left, one launch does all its remaining levels
// (vv_msm_reduce_tail_*, kernels/vampvm.cu): a block per group of windows, two threads a pair, the levels in place in
// the window's own P and U with a barrier between them (each pair level as its own launch cost ~60 µs on an H200,
// its chain, the launch and the wait). At c = 16: the first level (2^15 buckets to 2^13 pairs a window), five pair
// levels (down to 2^8 pairs), then one launch for the last eight. The pairs' two threads since 2026-11-27: by count
// (bench/models/msm_chains.py) the window sums' chains from 61 to 42 additions deep at c = 16, 43 to 27 at 2^16
// points, and with the later bucket levels' 2^16 threads ~0.3 ms off an MSM of 2^20 at ~10 µs an addition; untimed.
constexpr int REDUCE_FIRST_LOG = 2;
constexpr int REDUCE_TAIL_THREADS = 256;

// log2 of the first level's segment length for windows of len buckets (a power of two, at least 2).
VV_INLINE int reduce_segment_log(uint32_t len) {
    int lg = 0;
    while ((1u << lg) < len) lg++;
    return lg < REDUCE_FIRST_LOG ? lg : REDUCE_FIRST_LOG;
}

// Bucket e, or the identity for an empty bucket, which stage 4 left unwritten.
template <class F>
VV_INLINE proj_t<F> reduce_entry(const proj_t<F> *buckets, const uint32_t *offsets, uint32_t e) {
    return offsets[e + 1] == offsets[e] ? proj_t<F>::identity() : buckets[e];
}

// Stage 5's first level, thread t = w * nseg + a (nseg = len >> seg_log segments per window of len buckets): the pair
// (P', U') of the segment of 2^seg_log buckets from first = w len + a 2^seg_log (above, with P = U = the buckets).
template <class F, class G = F>
VV_INLINE void reduce_buckets_body(uint32_t t, const proj_t<F> *buckets, const uint32_t *offsets, uint32_t len,
                                   int seg_log, proj_t<F> *p_out, proj_t<F> *u_out) {
    const uint32_t nseg = len >> seg_log;
    const uint32_t S = 1u << seg_log;
    const uint32_t first = (t / nseg) * len + (t % nseg) * S;
    proj_t<G> sum = proj_in<F, G>(reduce_entry(buckets, offsets, first + S - 1));
    proj_t<G> run = sum;  // sum_i i B_i as a running sum from the top
    for (uint32_t i = S - 1; i-- > 0;) {
        sum = add(sum, proj_in<F, G>(reduce_entry(buckets, offsets, first + i)));
        if (i > 0) run = add(run, sum);
    }
    p_out[t] = proj_out<F, G>(add(sum, run));
    for (int d = 0; d < seg_log; d++) sum = dbl(sum);
    u_out[t] = proj_out<F, G>(sum);
}

// Half of a later level's pair q (the pair of entries 2q and 2q + 1 of P and U, which hold a window's len pairs from
// its first on): P'_q when !u_half, U'_q when u_half (above).
template <class F, class G = F>
VV_INLINE proj_t<F> reduce_pair_half(uint32_t q, bool u_half, const proj_t<F> *P, const proj_t<F> *U) {
    const proj_t<F> *v = u_half ? U : P;
    const proj_t<G> s = add(proj_in<F, G>(v[2 * q]), proj_in<F, G>(v[2 * q + 1]));
    return proj_out<F, G>(add(s, u_half ? s : proj_in<F, G>(U[2 * q + 1])));
}

// The windows one block of reduce_tail_* takes, for windows of len pairs (len <= REDUCE_TAIL_THREADS): as many as
// have two threads for each of their first level's len / 2 pairs in its REDUCE_TAIL_THREADS.
VV_INLINE uint32_t reduce_tail_windows(uint32_t len) { return REDUCE_TAIL_THREADS / len; }

// Stage 2 on the device: counts per thread of vv_msm_scan_blocks (kernels/vampvm.cu), 1024 threads a block: 8,192 counts
// a block, so that up to 2^26 counts take two block scans and one fixup.
constexpr int MSM_SCAN_PER_THREAD = 8;

// Stage 2 for the host emulation (the device runs a multi-block scan, kernels/vampvm.cu's vv_msm_scan_*).
VV_INLINE void exclusive_scan_serial(const uint32_t *counts, uint32_t m, uint32_t *offsets) {
    uint32_t acc = 0;
    for (uint32_t i = 0; i < m; i++) {
        offsets[i] = acc;
        acc += counts[i];
    }
    offsets[m] = acc;
}

// Stage 6: sum_w 2^(c w) W_w.
template <class F>
VV_INLINE proj_t<F> combine_windows(const proj_t<F> *window_sums, int c) {
    const int nw = windows(c);
    proj_t<F> acc = window_sums[nw - 1];
    for (int w = nw - 2; w >= 0; w--) {
        for (int i = 0; i < c; i++) acc = dbl(acc);
        acc = add(acc, window_sums[w]);
    }
    return acc;
}

// The window width for n points (the device engine and the emulation choose alike): about log2(n) - 3,
// between 4 and 16.
VV_INLINE int choose_window(uint32_t n) {
    int lg = 0;
    while ((1u << lg) < n && lg < 31) lg++;
    int c = lg - 3;
    return c < 4 ? 4 : (c > 16 ? 16 : c);
}

}  // namespace msm
}  // namespace vv
