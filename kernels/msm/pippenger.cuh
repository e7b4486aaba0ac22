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
//  4. accumulate: one thread per bucket adds its entries (mixed additions, complete formulas).
//  5. segments:   each window's buckets are cut into segments of S = 2^s; one thread per segment computes
//                 R = sum_j (j - start + 1) B_j (running sum from the top) and T = sum_j B_j.
//  6. windows:    one thread per window: W = sum R + S * sum_seg seg * T_seg (a second running sum, then s
//                 doublings), so that W = sum_j (j + 1) B_j.
//  7. on the host: Horner over the nw window sums, c doublings apart.
//
// First version, for correctness: one thread per bucket leaves a skewed bucket distribution unbalanced,
// the complete formulas cost ~11M per mixed add where XYZZ would cost ~8M, and the digits array is
// nw * n * 4 bytes. The tuning (batch-affine or XYZZ buckets, bucket splitting, precomputed bases, GLV)
// belongs to a session with a GPU to measure on.
#pragma once

#include "../ec/pasta_curves.cuh"
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

// Stage 1, thread i. digits[w * n + i] = d_w(k_i); counts[w * B + |d| - 1] += 1 for d != 0.
template <class S>
VV_INLINE void digits_body(uint32_t i, const S *scalars, uint32_t n, int c, int32_t *digits, uint32_t *counts) {
    uint64_t k[4];
    scalars[i].to_canonical(k);
    const int nw = windows(c);
    const int32_t half = 1 << (c - 1);
    const uint32_t B = buckets_per_window(c);
    int32_t carry = 0;
    for (int w = 0; w < nw; w++) {
        int32_t d = (int32_t)window_bits(k, w * c, c) + carry;
        carry = 0;
        if (d > half) {
            d -= 2 * half;
            carry = 1;
        }
        digits[(size_t)w * n + i] = d;
        if (d != 0) atomic_add_u32(&counts[w * B + (uint32_t)(d < 0 ? -d : d) - 1], 1);
    }
}

// Stage 3, thread i (over the n scalars; each walks its nw digits).
VV_INLINE void scatter_body(uint32_t i, const int32_t *digits, uint32_t n, int c, uint32_t *cursor,
                            uint32_t *entries) {
    const int nw = windows(c);
    const uint32_t B = buckets_per_window(c);
    for (int w = 0; w < nw; w++) {
        int32_t d = digits[(size_t)w * n + i];
        if (d == 0) continue;
        uint32_t pos = atomic_add_u32(&cursor[w * B + (uint32_t)(d < 0 ? -d : d) - 1], 1);
        entries[pos] = i | (d < 0 ? 0x80000000u : 0u);
    }
}

// Stage 4, thread b (a global bucket index w * B + j). offsets has nw * B + 1 entries.
template <class F>
VV_INLINE void accumulate_body(uint32_t b, const affine_t<F> *bases, const uint32_t *entries,
                               const uint32_t *offsets, proj_t<F> *buckets) {
    proj_t<F> acc = proj_t<F>::identity();
    for (uint32_t e = offsets[b]; e < offsets[b + 1]; e++) {
        uint32_t x = entries[e];
        affine_t<F> p = bases[x & 0x7fffffffu];
        if (x >> 31) p = neg(p);
        acc = add_mixed(acc, p);
    }
    buckets[b] = acc;
}

// Stage 5, thread t = w * nseg + seg, over segments of 2^seg_log buckets.
template <class F>
VV_INLINE void segment_body(uint32_t t, const proj_t<F> *buckets, int c, int seg_log, proj_t<F> *seg_run,
                            proj_t<F> *seg_sum) {
    const uint32_t B = buckets_per_window(c);
    const uint32_t S = 1u << seg_log;
    const uint32_t nseg = B / S;
    const uint32_t w = t / nseg, seg = t % nseg;
    const proj_t<F> *base = buckets + (size_t)w * B + (size_t)seg * S;
    proj_t<F> sum = proj_t<F>::identity(), run = proj_t<F>::identity();
    for (int j = (int)S - 1; j >= 0; j--) {
        sum = add(sum, base[j]);
        run = add(run, sum);
    }
    seg_run[t] = run;
    seg_sum[t] = sum;
}

// Stage 6, thread w.
template <class F>
VV_INLINE void window_body(uint32_t w, const proj_t<F> *seg_run, const proj_t<F> *seg_sum, int c, int seg_log,
                           proj_t<F> *window_sums) {
    const uint32_t nseg = buckets_per_window(c) >> seg_log;
    const proj_t<F> *R = seg_run + (size_t)w * nseg;
    const proj_t<F> *T = seg_sum + (size_t)w * nseg;
    proj_t<F> total = proj_t<F>::identity(), sum = proj_t<F>::identity(), run = proj_t<F>::identity();
    for (uint32_t s = nseg; s-- > 0;) {
        total = add(total, R[s]);
        if (s >= 1) {
            sum = add(sum, T[s]);
            run = add(run, sum);
        }
    }
    for (int i = 0; i < seg_log; i++) run = dbl(run);
    window_sums[w] = add(total, run);
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

// Stage 7: sum_w 2^(c w) W_w.
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
// between 4 and 16, and the segment length 2^seg_log of stage 5 (<= 2^(c-1), at most 64 buckets).
VV_INLINE int choose_window(uint32_t n) {
    int lg = 0;
    while ((1u << lg) < n && lg < 31) lg++;
    int c = lg - 3;
    return c < 4 ? 4 : (c > 16 ? 16 : c);
}
VV_INLINE int choose_segment_log(int c) { return (c - 1) < 6 ? (c - 1) : 6; }

}  // namespace msm
}  // namespace vv
