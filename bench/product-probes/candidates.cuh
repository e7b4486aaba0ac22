// Other Montgomery products over the Pasta fields, kept only to be timed against kernels/ff/mont256.cuh's product
// by probes.cu (bench/product-probes/run.sh). Each returns x * y * 2^-256 mod p, below 2p; the caller reduces once.
#pragma once

#include "ff/pasta.cuh"

namespace vv {
namespace probe {

// (hi, lo) = a * b + c + d through PTX's 64-bit multiply-add with carry.
__device__ __forceinline__ uint64_t mac64(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t &hi) {
    uint64_t lo, h;
    asm("mad.lo.cc.u64 %0, %2, %3, %4;\n\tmadc.hi.u64 %1, %2, %3, 0;" : "=l"(lo), "=l"(h) : "l"(a), "l"(b), "l"(c));
    asm("add.cc.u64 %0, %0, %2;\n\taddc.u64 %1, %1, 0;" : "+l"(lo), "+l"(h) : "l"(d));
    hi = h;
    return lo;
}

// The product mont256.cuh had until 2026-11-26: CIOS on four 64-bit limbs for any p < 2^255.
template <class T>
__device__ __forceinline__ void cios64(uint64_t out[4], const uint64_t a[4], const uint64_t b[4]) {
    constexpr uint64_t INV = fp64::neg_inverse64(T::P0);
    const uint64_t p[4] = {T::P0, T::P1, T::P2, T::P3};
    uint64_t t[6] = {0, 0, 0, 0, 0, 0};
#pragma unroll
    for (int i = 0; i < 4; i++) {
        uint64_t c = 0;
#pragma unroll
        for (int j = 0; j < 4; j++) t[j] = mac64(a[j], b[i], t[j], c, c);
        uint64_t s = t[4] + c;
        t[5] = s < c ? 1 : 0;
        t[4] = s;
        uint64_t m = t[0] * INV;
        mac64(m, p[0], t[0], 0, c);
#pragma unroll
        for (int j = 1; j < 4; j++) t[j - 1] = mac64(m, p[j], t[j], c, c);
        s = t[4] + c;
        t[3] = s;
        t[4] = t[5] + (s < c ? 1 : 0);
    }
    for (int j = 0; j < 4; j++) out[j] = t[j];
}

__device__ __forceinline__ uint64_t madw(uint32_t a, uint32_t b, uint64_t c) {
    uint64_t r;
    asm("mad.wide.u32 %0, %1, %2, %3;" : "=l"(r) : "r"(a), "r"(b), "l"(c));
    return r;
}

// Radix 2^29, nine limbs, 64-bit accumulators (IMAD.WIDE with a 64-bit addend, no carry flags), for
// p = 2^254 + c, p = 1 mod 2^29: x is taken times 2^5 so that nine rounds (2^-261) give 2^-256. Fewer SASS
// instructions than mont256.cuh's product (480 against 568, ptxas 11.8, sm_90) but slower on an H200.
template <class T>
__device__ __forceinline__ void radix29(uint64_t out[4], const uint64_t x[4], const uint64_t y[4]) {
    constexpr uint32_t MASK = (1u << 29) - 1;
    constexpr uint64_t C0 = T::P0, C1 = T::P1;
    constexpr uint32_t P1 = (uint32_t)(C0 >> 29) & MASK, P2 = (uint32_t)(C0 >> 58 | C1 << 6) & MASK,
                       P3 = (uint32_t)(C1 >> 23) & MASK, P4 = (uint32_t)(C1 >> 52) & MASK;
    uint32_t a[9], b[9];
#pragma unroll
    for (int k = 0; k < 9; k++) {
        a[k] = (uint32_t)fp64::field_bits(x, 29 * k - 5, 29);
        b[k] = (uint32_t)fp64::field_bits(y, 29 * k, 29);
    }
    uint64_t t[9];
#pragma unroll
    for (int i = 0; i < 9; i++) {
#pragma unroll
        for (int j = 0; j < 9; j++) t[j] = madw(a[j], b[i], (i == 0 || j == 8) ? 0 : t[j]);
        const uint32_t m = (0u - (uint32_t)t[0]) & MASK;
        const uint64_t s0 = madw(m, 1, t[0]);  // a multiple of 2^29
        t[1] = madw(m, P1, t[1]);
        t[2] = madw(m, P2, t[2]);
        t[3] = madw(m, P3, t[3]);
        t[4] = madw(m, P4, t[4]);
        t[8] = madw(m, 1u << 22, t[8]);
#pragma unroll
        for (int j = 0; j < 8; j++) t[j] = t[j + 1];
        t[8] = 0;
        t[0] += s0 >> 29;
    }
#pragma unroll
    for (int j = 0; j < 8; j++) {
        t[j + 1] += t[j] >> 29;
        t[j] &= MASK;
    }
    out[0] = t[0] | t[1] << 29 | t[2] << 58;
    out[1] = t[2] >> 6 | t[3] << 23 | t[4] << 52;
    out[2] = t[4] >> 12 | t[5] << 17 | t[6] << 46;
    out[3] = t[6] >> 18 | t[7] << 11 | t[8] << 40;
}

}  // namespace probe
}  // namespace vv
