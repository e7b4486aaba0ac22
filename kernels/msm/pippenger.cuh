// Pippenger multi-scalar multiplication, sum_i k_i P_i, for affine bases and Montgomery-form scalars, in
// stages that are each one kernel launch (kernels/vampvm.cu) and each a __host__ __device__ body here, so
// that native/ can run the same bodies serially for the tests:
//
//  1. digits:     scalar -> canonical -> signed c-bit digits d_w in [-2^(c-1) + 1, 2^(c-1)], one thread per
//                 scalar (the carry runs through the windows of one scalar); counts the entries per bucket.
//                 With nw = ceil(256 / c) windows the top digit never carries out, as scalars are < 2^255.
//  2. scan:       exclusive prefix sum of the bucket counts -> where each bucket's entries start.
//  3. scatter:    each non-zero digit becomes the entry (point index | sign << 31) of bucket
//                 (w, |d| - 1): a counting sort by bucket. Order within a bucket varies between runs; the
//                 sum does not (projective coordinates may, the point does not).
//  4. accumulate: the bucket sums in XYZZ coordinates (ec/xyzz.cuh: 8M + 2S a mixed addition), as a segmented
//                 reduction over the sorted entries in chunks of MSM_CHUNK, one thread per chunk, in levels
//                 (below): no thread adds more than MSM_CHUNK points whatever the scalars, where one thread per
//                 bucket serialised the MSM on the largest bucket. Sums are written in projective form.
//  5. reduce:     each window's weighted sum W = sum_j (j + 1) B_j, in levels over segments of its buckets, one
//                 thread per segment (below): log2(2^(c-1)) short launches, where one thread per window once
//                 summed segment sums serially.
//  6. on the host: Horner over the nw window sums, c doublings apart.
//
// Stage 5 does a fixed amount of work per window, not per scalar. Stages 1 and 3 take one atomic per entry on its
// bucket's counter: with skewed scalars (all equal) every thread of a window hits one counter, which a GPU
// serialises (correct, but slower: bench kernels' skewed row measures it). Still to try: a sort instead of the
// atomics, batch-affine buckets, precomputed bases, GLV.
#pragma once

#include "../ec/pasta_curves.cuh"
#include "../ec/xyzz.cuh"
#include "../ff/device_support.cuh"

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

// Stage 1, thread i. digits[w * n + i] = d_w(k_i); counts[(j * nw + w) * B + |d| - 1] += 1 for d != 0, j = i / per.
template <class S>
VV_INLINE void digits_body(uint32_t i, const S *scalars, uint32_t n, uint32_t per, int c, int32_t *digits,
                           uint32_t *counts) {
    uint64_t k[4];
    scalars[i].to_canonical(k);
    const int nw = windows(c);
    const int32_t half = 1 << (c - 1);
    const uint32_t B = buckets_per_window(c);
    uint32_t *window_counts = counts + (size_t)(i / per) * nw * B;
    int32_t carry = 0;
    for (int w = 0; w < nw; w++) {
        int32_t d = (int32_t)window_bits(k, w * c, c) + carry;
        carry = 0;
        if (d > half) {
            d -= 2 * half;
            carry = 1;
        }
        digits[(size_t)w * n + i] = d;
        if (d != 0) atomic_add_u32(&window_counts[w * B + (uint32_t)(d < 0 ? -d : d) - 1], 1);
    }
}

// Stage 3, thread i (over the n scalars; each walks its nw digits).
VV_INLINE void scatter_body(uint32_t i, const int32_t *digits, uint32_t n, uint32_t per, int c, uint32_t *cursor,
                            uint32_t *entries) {
    const int nw = windows(c);
    const uint32_t B = buckets_per_window(c);
    uint32_t *window_cursor = cursor + (size_t)(i / per) * nw * B;
    const uint32_t base = i % per;
    for (int w = 0; w < nw; w++) {
        int32_t d = digits[(size_t)w * n + i];
        if (d == 0) continue;
        uint32_t pos = atomic_add_u32(&window_cursor[w * B + (uint32_t)(d < 0 ? -d : d) - 1], 1);
        entries[pos] = base | (d < 0 ? 0x80000000u : 0u);
    }
}

// ---- stage 4: the bucket sums, a segmented reduction balanced over the entries ----------------------
//
// The entries, sorted by bucket, are cut into chunks of MSM_CHUNK; one thread per chunk adds up each run of
// one bucket's entries in its chunk. A run that is the bucket's whole (it starts and ends in the chunk) is
// the bucket's sum: it goes straight to buckets[b]. A bucket that crosses a chunk boundary leaves partial sums
// instead: chunk t writes at most a head H (its first run, when that bucket began before the chunk) and a tail
// T (its last run, when that bucket goes on after it), as slots 2t and 2t + 1 of (key, XYZZ) arrays, key =
// the bucket, MSM_EMPTY for no partial. A chunk wholly inside one bucket writes its sum as H and the identity
// as T under the same key, so that one bucket's partials always sit in consecutive slots. The next level runs
// the same scheme on the partials: keys are non-decreasing over non-empty slots, empties only sit between
// buckets, so "began before this chunk" is keys[begin - 1] == key and "goes on after it" is
// keys[end] == key. Each level leaves 2 slots per MSM_CHUNK it read, and one with a single chunk writes every
// remaining bucket: no thread ever adds more than MSM_CHUNK points, however skewed the scalars (all equal
// puts each window's entries in one bucket; all small, every entry in window 0's few buckets).
//
// Every non-empty bucket is written exactly once, by the level where its partials meet in one chunk. Empty
// buckets are not written at all: stage 5 reads them as the identity from offsets.
//
// MSM_CHUNK = 32: random scalars put ~16 entries in a bucket at the default window (choose_window: 2^(c-1)
// buckets per window for ~2^(c+3) points), 32 from 2^20 points on (c stops at 16), so the first level runs
// m / 2 to m threads where one thread per bucket ran m, with about as much work each (at 2^20: 524,288
// threads of 32 mixed additions, several waves of an H100); a larger chunk would leave small MSMs too few
// threads. The partials (2 slots of 4 + 128 bytes per chunk: E / 16 slots) cost the second level ~E / 16
// full additions, ~9% of the first level's products. Each level shrinks the slots 16-fold: 2^20 points take
// 6 launches.
constexpr uint32_t MSM_CHUNK = 32;
constexpr uint32_t MSM_EMPTY = 0xFFFFFFFFu;

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

// Stage 4, first level, thread t over the E = offsets[m] entries: entries [t L, min(E, (t + 1) L)), mixed
// additions of the bases. Returns how many points it added (the serial mirror checks the balance with it).
template <class F>
VV_INLINE uint32_t accumulate_entries_body(uint32_t t, const affine_t<F> *bases, const uint32_t *entries,
                                           const uint32_t *offsets, uint32_t m, proj_t<F> *buckets,
                                           uint32_t *out_keys, xyzz_t<F> *out_parts) {
    const uint32_t count = offsets[m];
    const uint32_t begin = t * MSM_CHUNK;
    const uint32_t end = count - begin < MSM_CHUNK ? count : begin + MSM_CHUNK;
    out_keys[2 * t] = out_keys[2 * t + 1] = MSM_EMPTY;
    uint32_t b = begin < end ? bucket_of(offsets, 0, m, begin) : 0;
    for (uint32_t e = begin; e < end;) {
        b = bucket_from(offsets, b, m, e);
        const uint32_t run_end = offsets[b + 1] < end ? offsets[b + 1] : end;
        xyzz_t<F> sum = xyzz_t<F>::identity();
        for (; e < run_end; e++) {
            uint32_t x = entries[e];
            affine_t<F> p = bases[x & 0x7fffffffu];
            if (x >> 31) p = neg(p);
            sum = add_mixed(sum, p);
        }
        emit_run(t, b, sum, offsets[b] < begin, offsets[b + 1] > end, buckets, out_keys, out_parts);
    }
    return end - begin;
}

// Stage 4, a later level, thread t over the count slots of the previous level: slots [t L, min(count, (t + 1) L)).
// Returns how many partials it added.
template <class F>
VV_INLINE uint32_t accumulate_partials_body(uint32_t t, const uint32_t *keys, const xyzz_t<F> *parts,
                                            uint32_t count, proj_t<F> *buckets, uint32_t *out_keys,
                                            xyzz_t<F> *out_parts) {
    const uint32_t begin = t * MSM_CHUNK;
    const uint32_t end = count - begin < MSM_CHUNK ? count : begin + MSM_CHUNK;
    out_keys[2 * t] = out_keys[2 * t + 1] = MSM_EMPTY;
    uint32_t added = 0;
    for (uint32_t i = begin; i < end;) {
        const uint32_t key = keys[i];
        if (key == MSM_EMPTY) {
            i++;
            continue;
        }
        const uint32_t run_begin = i;
        xyzz_t<F> sum = xyzz_t<F>::identity();
        for (; i < end && keys[i] == key; i++) sum = add(sum, parts[i]);
        added += i - run_begin;
        const bool began_before = run_begin == begin && begin > 0 && keys[begin - 1] == key;
        const bool goes_on = i == end && end < count && keys[end] == key;
        emit_run(t, key, sum, began_before, goes_on, buckets, out_keys, out_parts);
    }
    return added;
}

// ---- stage 5: the window sums W = sum_j (j + 1) B_j, in levels -------------------------------------
//
// A level holds, per window, len pairs (P_e, U_e) standing for W = sum_e P_e + sum_e e U_e. The buckets are the
// first level: P_j = U_j = B_j (sum_j (j + 1) B_j = sum_j B_j + sum_j j B_j). A level cuts each window's entries
// into segments of S = 2^seg_log, e = a S + i, and one thread per segment writes
//     P'_a = sum_i P_{aS+i} + sum_i i U_{aS+i},   U'_a = S sum_i U_{aS+i},
// as sum_e e U_e = sum_a sum_i i U_{aS+i} + sum_a a (S sum_i U_{aS+i}): the same form over len / S pairs. The
// level with one pair per window left holds W = P'_0. A thread adds about 3 S points (sum_i i U_i is a running
// sum from the top) and doubles seg_log times.
//
// Only the first level has many threads (windows * B / S); the later ones are a few hundred threads or fewer, each a
// serial chain of point operations, so they cost their chain's latency, not their work. Hence segments of
// 2^REDUCE_FIRST_LOG for the first level and pairs (2 operations deep) after it: at c = 16, 14 later levels of
// 2 operations where one thread per window once added 3 * 2^15 / 64 segment sums in series.
constexpr int REDUCE_FIRST_LOG = 2;
constexpr int REDUCE_LOG = 1;

// log2 of a level's segment length for windows of len entries (a power of two, at least 2).
VV_INLINE int reduce_segment_log(uint32_t len, bool first) {
    const int most = first ? REDUCE_FIRST_LOG : REDUCE_LOG;
    int lg = 0;
    while ((1u << lg) < len) lg++;
    return lg < most ? lg : most;
}

// Entry e of a level's P or U: the first level's (the buckets, P == U) is the identity for an empty bucket, which
// stage 4 left unwritten.
template <class F>
VV_INLINE proj_t<F> reduce_entry(const proj_t<F> *v, const uint32_t *offsets, bool buckets, uint32_t e) {
    return buckets && offsets[e + 1] == offsets[e] ? proj_t<F>::identity() : v[e];
}

// Stage 5, one level, thread t = w * nseg + a (nseg = len >> seg_log segments per window). The first level passes
// the buckets as both P and U (P == U marks it) with the bucket offsets; later levels ignore the offsets.
template <class F>
VV_INLINE void reduce_body(uint32_t t, const proj_t<F> *P, const proj_t<F> *U, const uint32_t *offsets, uint32_t len,
                           int seg_log, proj_t<F> *p_out, proj_t<F> *u_out) {
    const uint32_t S = 1u << seg_log;
    const uint32_t nseg = len >> seg_log;
    const uint32_t first = (t / nseg) * len + (t % nseg) * S;
    const bool buckets = P == U;
    proj_t<F> sum_u = reduce_entry(U, offsets, buckets, first + S - 1);
    proj_t<F> run = sum_u;
    proj_t<F> sum_p = buckets ? sum_u : P[first + S - 1];
    for (uint32_t i = S - 1; i-- > 0;) {
        sum_u = add(sum_u, reduce_entry(U, offsets, buckets, first + i));
        if (i > 0) run = add(run, sum_u);
        if (!buckets) sum_p = add(sum_p, P[first + i]);
    }
    p_out[t] = add(buckets ? sum_u : sum_p, run);
    for (int d = 0; d < seg_log; d++) sum_u = dbl(sum_u);
    u_out[t] = sum_u;
}

// Stage 2 for the host emulation (the device runs a block-wide scan, kernels/vampvm.cu).
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
