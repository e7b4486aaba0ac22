// Montgomery products over the Pasta fields on the FP64 units (sm_80, sm_90), as an alternative to mont256.cuh's
// integer product: mont256<T>::mul takes fp52 below when built with -DVV_FP64_MUL (bench/gpu-pack.sh's fp64-mul
// variant), for timing the whole engine on it; bench/product-probes/ times it alone (with a 48-bit-limb form and
// both in their own representation, bench/product-probes/fp64.cuh) and checks it against mont256's product on the
// host (host_check.sh, run by ProductProbesTest in CI) and on the GPU (the probes' agree kernel).
//
// Why: mont256.cuh's product is ~550 integer instructions (IMAD and IADD3 at about one to one), while the H100/H200
// run FP64 fused multiply-adds on units of their own (64 a multiprocessor, as many as the INT32 units). A product of
// two integers below 2^w (w <= 52) held exactly in doubles splits into its high and low parts in three instructions
// with no integer multiply:
//
//     h  = fma_rz(a, b, 2^(w+52))      a*b + 2^(w+52) rounded toward zero on the grid of 2^w: 2^(w+52) + floor_w(a*b)
//     lo = fma(a, b, 2^(w+52) - h)     a*b - floor_w(a*b), exact: an integer below 2^w
//
// (the subtraction is exact: both are multiples of 2^w below 2^(w+53)). Rounding toward zero makes the high part a
// floor, so that every part is non-negative. fp52 uses five limbs of 52 bits (R = 2^260; x taken times 2^4 so that
// the result is mont256's x y 2^-256): 35 such products, each part's bits read as an integer into 64-bit column sums
// (the exponent field subtracted), the reduction's multiplier m on the integer units. (Emmart, Zheng and Weems,
// "Faster modular exponentiation using double precision floating point arithmetic on the GPU", ARITH 2018, did this
// for large moduli.)
//
// sm_90 SASS per product (CUDA 11.8's ptxas on CUDA 13's PTX, inlined chains, 2026-11-26): mont256.cuh 552
// instructions (252 IMAD, 239 IADD3); fp52 450 (135 FP64, 140 IADD3, 47 IMAD), ~350 of them the core (fp52_core)
// and the rest the conversions from and to mont256's limbs, which a kernel keeping its values as five doubles would
// pay once per value. By issue slots the core could run ~1.5x mont256's rate if the FP64 and integer pipes overlap;
// untimed. Only sm_80 and sm_90 run FP64 at half the FP32 rate (the consumer parts sm_86 and sm_89 at 1/64), so it
// could only ever be a per-architecture choice.
//
// On the host fma_rz is std::fma, correct only under FE_TOWARDZERO, which the caller sets (host_check.cpp; compile
// with -frounding-math and -DVV_FP64_HOST_FMA); the host library splits the limb products with integers instead
// (split52), and mont256 takes fp52 on the device only.
#pragma once

#include <stdint.h>
#include <string.h>

#if defined(__CUDACC__)
#define VV_FP64_INLINE __host__ __device__ __forceinline__
#define VV_FP64_CONSTEXPR __host__ __device__ constexpr
#else
#include <cmath>
#define VV_FP64_INLINE inline __attribute__((always_inline))
#define VV_FP64_CONSTEXPR constexpr
#endif

namespace vv {
namespace fp64 {

VV_FP64_INLINE uint64_t bits_of(double d) {
#if defined(__CUDA_ARCH__)
    return (uint64_t)__double_as_longlong(d);
#else
    uint64_t v;
    memcpy(&v, &d, 8);
    return v;
#endif
}

VV_FP64_INLINE double double_of(uint64_t v) {
#if defined(__CUDA_ARCH__)
    return __longlong_as_double((long long)v);
#else
    double d;
    memcpy(&d, &v, 8);
    return d;
#endif
}

// a * b + c rounded toward zero (the host's rounding mode must be FE_TOWARDZERO).
VV_FP64_INLINE double fma_rz(double a, double b, double c) {
#if defined(__CUDA_ARCH__)
    return __fma_rz(a, b, c);
#else
    return std::fma(a, b, c);
#endif
}

// a * b + c, exact by construction wherever it is used here.
VV_FP64_INLINE double fma_exact(double a, double b, double c) {
#if defined(__CUDA_ARCH__)
    return __fma_rn(a, b, c);
#else
    return std::fma(a, b, c);
#endif
}

constexpr uint64_t RAW_2_52 = 0x4330000000000000ull;  // the bits of 2^52: exponent 1075, mantissa 0
constexpr double TWO_52 = 4503599627370496.0;

// v < 2^52 as a double, exactly: the bits of 2^52 + v, less 2^52.
VV_FP64_INLINE double to_double(uint64_t v) { return double_of(v | RAW_2_52) - TWO_52; }

// Bits [pos, pos + w) of a 256-bit value (w <= 52), zeros below bit 0 (pos may be negative) and above bit 255.
VV_FP64_CONSTEXPR uint64_t field_bits(const uint64_t v[4], int pos, int w) {
    const uint64_t mask = (1ull << w) - 1;
    if (pos < 0) return (v[0] << -pos) & mask;
    if (pos >= 256) return 0;
    const int limb = pos >> 6, s = pos & 63;
    uint64_t x = v[limb] >> s;
    if (s > 64 - w && limb < 3) x |= v[limb + 1] << (64 - s);
    return x & mask;
}

// The w-bit limb k of the 256-bit modulus p = (P0, P1, P2, P3), at compile time.
template <class T>
VV_FP64_CONSTEXPR uint64_t modulus_limb(int k, int w) {
    const uint64_t p[4] = {T::P0, T::P1, T::P2, T::P3};
    return field_bits(p, k * w, w);
}

// The N limbs of W bits of x times 2^shift (x 2^shift below 2^(N W)), as doubles.
template <int N, int W>
VV_FP64_INLINE void limbs_of(double out[N], const uint64_t x[4], int shift) {
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int k = 0; k < N; k++) out[k] = to_double(field_bits(x, W * k - shift, W));
}

// -p^-1 mod 2^64 by Newton's iteration (each step doubles the correct low bits); its low w bits are -p^-1 mod 2^w.
VV_FP64_CONSTEXPR uint64_t neg_inverse64(uint64_t p0) {
    uint64_t x = 1;
    for (int i = 0; i < 6; i++) x *= 2 - p0 * x;
    return 0 - x;
}

// Packs limbs of w bits (c[0] least significant; their total below 2^256) into four 64-bit limbs.
template <int N, int W>
VV_FP64_INLINE void pack(uint64_t out[4], const uint64_t c[N]) {
    for (int j = 0; j < 4; j++) out[j] = 0;
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int k = 0; k < N; k++) {
        const int pos = k * W, limb = pos >> 6, s = pos & 63;
        if (limb < 4) out[limb] |= c[k] << s;
        if (s + W > 64 && limb + 1 < 4) out[limb + 1] |= c[k] >> (64 - s);
    }
}

// ---- fp52: five 52-bit limbs, FP64 products, integer column sums ----------------------------------------

constexpr uint64_t RAW_2_104 = 0x4670000000000000ull;  // the bits of 2^104
constexpr double TWO_104 = 20282409603651670423947251286016.0;
constexpr double TWO_104_52 = TWO_104 + TWO_52;

// a * b (both below 2^52) = hi * 2^52 + lo, hi and lo below 2^52, as integers. On the host, unless built with
// -DVV_FP64_HOST_FMA (host_check.sh, which sets FE_TOWARDZERO to check the fused multiply-adds themselves), with
// integer arithmetic: the same two integers, with no rounding mode to set in a thread the JVM owns (the kernel
// emulator runs ff/fp52n.cuh's kernels this way).
VV_FP64_INLINE void split52(double a, double b, uint64_t &hi, uint64_t &lo) {
#if defined(__CUDA_ARCH__) || defined(VV_FP64_HOST_FMA)
    const double h = fma_rz(a, b, TWO_104);
    const double l = fma_exact(a, b, TWO_104_52 - h);  // in [2^52, 2^53)
    hi = bits_of(h) - RAW_2_104;
    lo = bits_of(l) - RAW_2_52;
#else
    const unsigned __int128 t = (unsigned __int128)(uint64_t)a * (uint64_t)b;
    hi = (uint64_t)(t >> 52);
    lo = (uint64_t)t & ((1ull << 52) - 1);
#endif
}

// The Montgomery reduction of the product's columns t[0..9] (each below 2^57; t[10] is scratch) into c, the 52-bit
// limbs of T 2^-260 mod p below (T / 2^260 + p): fp52_core's and fp52_core_sqr's second half.
template <class T>
VV_FP64_INLINE void fp52_reduce(uint64_t c[5], uint64_t t[11]) {
    constexpr int W = 52;
    constexpr uint64_t MASK = (1ull << W) - 1;
    constexpr uint64_t PINV = neg_inverse64(T::P0) & MASK;
    // p's limbs 0..2 (below 2^156) and 4 (2^46 for p = 2^254 + c, c < 2^156); limb 3 is zero for Pasta.
    static_assert(modulus_limb<T>(3, W) == 0 && modulus_limb<T>(4, W) == (1ull << 46), "p = 2^254 + c, c < 2^156");
    constexpr double p0 = (double)modulus_limb<T>(0, W), p1 = (double)modulus_limb<T>(1, W),
                     p2 = (double)modulus_limb<T>(2, W);  // exact: below 2^52
    uint64_t hi, lo;
    t[10] = 0;
    // Column sums stay below 2^57: at most 5 + 5 parts from the product, 3 + 3 and a shifted m from the reduction,
    // and a carry.
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int i = 0; i < 5; i++) {
        const uint64_t m = ((t[i] & MASK) * PINV) & MASK;
        const double md = to_double(m);
        split52(md, p0, hi, lo);
        t[i] += lo;
        t[i + 1] += hi;
        split52(md, p1, hi, lo);
        t[i + 1] += lo;
        t[i + 2] += hi;
        split52(md, p2, hi, lo);
        t[i + 2] += lo;
        t[i + 3] += hi;
        t[i + 4] += (m << 46) & MASK;  // m * 2^46 = (m >> 6) 2^52 + (m mod 2^6) 2^46
        t[i + 5] += m >> 6;
        t[i + 1] += t[i] >> W;  // t[i] is now a multiple of 2^52
    }
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int k = 0; k < 5; k++) {
        c[k] = t[5 + k] & MASK;
        t[6 + k] += t[5 + k] >> W;
    }
}

// The columns t[0..9] of A B (t[10] is left to the reduction), column by column (product scanning): each column's
// parts summed in one expression, which the compiler can add three at a time (IADD3 with two carries). SQUARE: of A^2
// (b unused), each cross product a_i a_j (i < j) made once and counted twice, 15 limb products where A B makes 25; the
// columns' parts are the product's, so their sums keep its bounds.
template <bool SQUARE>
VV_FP64_INLINE void fp52_columns(uint64_t t[11], const double a[5], const double b[5]) {
    t[0] = 0;
    uint64_t hi, lo;
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int k = 0; k < 9; k++) {
        uint64_t los = 0, his = 0;
        const int from = k < 4 ? 0 : k - 4;
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
        for (int i = from; SQUARE ? 2 * i < k : i <= (k < 4 ? k : 4); i++) {
            split52(a[i], SQUARE ? a[k - i] : b[k - i], hi, lo);
            los += lo;
            his += hi;
        }
        if (SQUARE) {
            los <<= 1;
            his <<= 1;
            if ((k & 1) == 0) {
                split52(a[k / 2], a[k / 2], hi, lo);
                los += lo;
                his += hi;
            }
        }
        t[k] += los;
        t[k + 1] = his;
    }
}

// The product in its own representation: a, b the 52-bit limbs (as doubles) of A, B < 2p; c the 52-bit limbs of
// A B 2^-260 mod p, below 1.07 p (A B < 4 p^2, so (A B + M p) / 2^260 < p (4 p / 2^260 + 1)).
template <class T>
VV_FP64_INLINE void fp52_core(uint64_t c[5], const double a[5], const double b[5]) {
    uint64_t t[11];
    fp52_columns<false>(t, a, b);
    fp52_reduce<T>(c, t);
}

// fp52_core(c, a, a) from fp52_columns' square.
template <class T>
VV_FP64_INLINE void fp52_core_sqr(uint64_t c[5], const double a[5]) {
    uint64_t t[11];
    fp52_columns<true>(t, a, a);
    fp52_reduce<T>(c, t);
}

// mont256's product x y 2^-256 through fp52_core, below 2p for x, y < 2^255 (any value mont256 holds): x taken times
// 2^4 (below 2^259), and (16 x y + M p) / 2^260 < 2^254 + p.
template <class T>
VV_FP64_INLINE void fp52(uint64_t out[4], const uint64_t x[4], const uint64_t y[4]) {
    double a[5], b[5];
    limbs_of<5, 52>(a, x, 4);
    limbs_of<5, 52>(b, y, 0);
    uint64_t c[5];
    fp52_core<T>(c, a, b);
    pack<5, 52>(out, c);
}

}  // namespace fp64
}  // namespace vv
