// Radix-2 NTT over a Pasta field, in place, natural order in and out: one bit-reversal permutation, then
// log2(n) Cooley-Tukey (decimation in time) stages, in passes of up to TILE_LOG stages each. The butterflies of
// stages s0 .. s0 + t - 1 never leave a group of 2^t elements 2^s0 apart, so one pass loads each such group into
// shared memory, runs its t stages there and writes it back (kernels/vampvm.cu's vv_ntt_group_*): a transform of
// 2^20 reads and writes the vector twice (passes of 10 + 10 stages) plus once for the bit reversal, instead of once
// per stage. With 32-byte elements a strided group still moves whole 32-byte sectors. The passes are balanced
// (2^24: 8 + 8 + 8), so that no pass runs blocks of a handful of threads. The inverse transform and the cosets reuse the
// forward one, as dev.vampvm.poly.EvaluationDomain does, so the results agree with it exactly:
//   intt(a)       = forward(a), then a_i <-> a_{n-i} for 0 < i < n/2, every element times 1/n
//   coset_ntt(a)  = a_i *= g^i, then forward
//   coset_intt(a) = forward, the reversal, then a_i *= (1/n) g^-i
// Twiddles: tw[k] = omega^k for k < n/2, built on the device once per domain (vec::powers_chunk_body); the coset
// scalings are vec::scale_by_powers_chunk_body.
#pragma once

#include "../ff/device_support.cuh"
#include "../vec/elementwise.cuh"

namespace vv {
namespace ntt {

// Elements per shared-memory tile (32 bytes each: 32 KiB, under the 48 KiB a block gets by default).
constexpr int TILE_LOG = 10;

// Thread i < n: swaps a[i] and a[rev(i)] once (the smaller index does it).
template <class F>
VV_INLINE void bit_reverse_body(uint32_t i, F *a, int log_n) {
    uint32_t j = bit_reverse(i, log_n);
    if (i < j) {
        F t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

// The stages of each pass: log_n split into passes of at most TILE_LOG stages, as evenly as possible (earlier
// passes take the remainder). Returns the number of passes; stages[p] for p < passes.
VV_INLINE int plan_passes(int log_n, int stages[]) {
    const int passes = (log_n + TILE_LOG - 1) / TILE_LOG;
    for (int p = 0; p < passes; p++) stages[p] = log_n / passes + (p < log_n % passes ? 1 : 0);
    return passes;
}

// Index of element l < 2^t of group g < n / 2^t in the pass over stages s0 .. s0 + t - 1: the group's elements
// are 2^s0 apart; g's low s0 bits select the offset, its high bits the block of 2^(s0 + t).
VV_INLINE uint32_t group_element(uint32_t g, uint32_t l, int s0, int t) {
    const uint32_t low = g & ((1u << s0) - 1);
    return ((g >> s0) << (s0 + t)) + low + (l << s0);
}

// Butterfly i < 2^(t-1) of local stage u < t of group g, held in `tile` in local order: global stage s0 + u,
// whose twiddle depends on the pair's position in its half-block, (j << s0) | (g's low s0 bits).
template <class F>
VV_INLINE void group_butterfly(uint32_t i, uint32_t g, int u, int s0, int log_n, F *tile, const F *tw) {
    const uint32_t half = 1u << u;
    const uint32_t j = i & (half - 1);
    const uint32_t i0 = ((i >> u) << (u + 1)) | j;
    const uint32_t jg = (j << s0) | (g & ((1u << s0) - 1));
    const F w = tw[(size_t)jg << (log_n - 1 - (s0 + u))];
    const F x = tile[i0];
    const F y = tile[i0 + half] * w;
    tile[i0] = x + y;
    tile[i0 + half] = x - y;
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
