// Radix-2 NTT over a Pasta field, in place, natural order in and out: one bit-reversal permutation, then
// log2(n) Cooley-Tukey (decimation in time) stages. The first stages, whose butterflies stay inside tiles
// of TILE consecutive elements, run in one launch with the tile in shared memory (kernels/vampvm.cu); the
// remaining stages run one launch each from global memory. The inverse transform and the cosets reuse the
// forward one, as dev.vampvm.poly.EvaluationDomain does, so the results agree with it exactly:
//   intt(a)       = forward(a), then a_i <-> a_{n-i} for 0 < i < n/2, every element times 1/n
//   coset_ntt(a)  = a_i *= g^i, then forward
//   coset_intt(a) = forward, the reversal, then a_i *= (1/n) g^-i
// Twiddles: tw[k] = omega^k for k < n/2, built on the device once per domain (twiddles_body).
//
// First version, for correctness: radix 2, one butterfly per thread, no fusing of the global stages.
#pragma once

#include "../ff/device_support.cuh"

namespace vv {
namespace ntt {

// Elements per shared-memory tile (32 bytes each: 32 KiB, under the 48 KiB a block gets by default).
constexpr int TILE_LOG = 10;

// tw[k] = omega^k, thread k < n/2.
template <class F>
VV_INLINE void twiddles_body(uint32_t k, F omega, F *tw) {
    tw[k] = omega.pow(k);
}

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

// Butterfly i < n/2 of stage s (half-length 2^s) over the elements at a (a whole vector, or a tile whose
// offset is a multiple of 2^(s+1)).
template <class F>
VV_INLINE void butterfly(uint32_t i, int s, int log_n, F *a, const F *tw) {
    const uint32_t half = 1u << s;
    const uint32_t j = i & (half - 1);
    const uint32_t i0 = ((i >> s) << (s + 1)) | j;
    const F w = tw[(size_t)j << (log_n - 1 - s)];
    const F u = a[i0];
    const F v = a[i0 + half] * w;
    a[i0] = u + v;
    a[i0 + half] = u - v;
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

// Thread i: a_i *= start * base^i.
template <class F>
VV_INLINE void distribute_powers_body(uint32_t i, F *a, F start, F base) {
    a[i] = a[i] * (start * base.pow(i));
}

}  // namespace ntt
}  // namespace vv
