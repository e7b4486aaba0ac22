// Montgomery products over the Pasta fields on the GPU's double-precision units, kept to be timed against
// kernels/ff/mont256.cuh's product (probes.cu) and checked against it on the host (host_check.cpp). Each returns
// x * y * 2^-256 mod p below 2p for x, y < p, like the candidates in candidates.cuh.
//
// Why: mont256.cuh's product is ~570 integer instructions (IMAD and IADD3 at about one to one), and the H100/H200 run
// their FP64 fused multiply-adds on units of their own (64 a multiprocessor, as many as the INT32 units). A product
// of two integers below 2^w (w <= 52) held exactly in doubles splits into its high and low parts in three
// instructions with no integer multiply:
//
//     h  = fma_rz(a, b, 2^(w+52))      a*b + 2^(w+52) rounded toward zero on the grid of 2^w: 2^(w+52) + floor_w(a*b)
//     lo = fma(a, b, 2^(w+52) - h)     a*b - floor_w(a*b), exact: an integer below 2^w
//
// (the subtraction is exact: both are multiples of 2^w below 2^(w+53)). Rounding toward zero makes the high part a
// floor, so that every part is non-negative. Two ways to use it, to be timed against each other:
//
//  - fp52: five limbs of 52 bits (R = 2^260, x taken times 2^4 so that the result is x y 2^-256); each part's bits,
//    read as an integer, go into 64-bit integer column sums (the exponent field subtracted), summed column by column.
//    35 products, the column sums and the reduction's m on the integer units.
//  - fp48: six limbs of 48 bits (R = 2^288, x taken times 2^32), the column sums kept in doubles too: each column's
//    high parts accumulate in one double in [2^100, 2^101) (h = fma_rz(a, b, h): the grid stays 2^48 while the column
//    holds less than 2^100, and a column of this product holds at most 10 products below 2^96), its low parts in
//    another below 2^52, exact. 60 products, the integer units only for each reduction round's m and
//    carry. (Emmart, Zheng and Weems, "Faster modular exponentiation using double precision floating
//    point arithmetic on the GPU", ARITH 2018, did this for large moduli.)
//
// Each also comes as a core in its own representation (fp52_core, fp48_core: limbs as doubles, R = 2^260 or 2^288),
// which a kernel would keep its values in between products (fp64_native; the probes' fp52n / fp48n chains), so that
// the conversions to and from mont256's limbs are paid once per value instead of once per product.
//
// sm_90 SASS per product (CUDA 11.8's ptxas on CUDA 13's PTX, the probes' inlined chains, 2026-11-26): mont256.cuh
// 552 instructions (252 IMAD, 239 IADD3); fp52 450 (135 FP64, 140 IADD3, 47 IMAD); fp48 492 (275 FP64, 83 IADD3);
// in their own representation fp52n ~350 (134 FP64, ~116 IADD3, ~31 IMAD) and fp48n ~413 (273 FP64). By issue
// slots alone fp52n could run ~1.5x mont256.cuh's rate if the FP64 and integer pipes overlap; only a GPU can say
// (bench/gpu-run.sh probes). Only sm_80 and sm_90 run FP64 at half the FP32 rate; the consumer parts (sm_86, sm_89)
// run it at 1/64, so a product like these could only ever be a per-architecture choice.
//
// On the host (host_check.cpp) fma_rz is std::fma under FE_TOWARDZERO, which the caller sets; compile with
// -frounding-math so that nothing is folded at the default rounding.
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
namespace probe {

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
VV_FP64_INLINE uint64_t field_bits(const uint64_t v[4], int pos, int w) {
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
    const int pos = k * w;
    if (pos >= 256) return 0;
    const int limb = pos >> 6, s = pos & 63;
    uint64_t x = p[limb] >> s;
    if (s > 64 - w && limb < 3) x |= p[limb + 1] << (64 - s);
    return x & ((1ull << w) - 1);
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

// a * b (both below 2^52) = hi * 2^52 + lo, hi and lo below 2^52, as integers.
VV_FP64_INLINE void split52(double a, double b, uint64_t &hi, uint64_t &lo) {
    const double h = fma_rz(a, b, TWO_104);
    const double l = fma_exact(a, b, TWO_104_52 - h);  // in [2^52, 2^53)
    hi = bits_of(h) - RAW_2_104;
    lo = bits_of(l) - RAW_2_52;
}

// The product in its own representation: a, b the 52-bit limbs (as doubles) of A, B < 2p; c the 52-bit limbs of
// A B 2^-260 mod p, below 1.07 p (A B < 4 p^2, so (A B + M p) / 2^260 < p (4 p / 2^260 + 1)).
template <class T>
VV_FP64_INLINE void fp52_core(uint64_t c[5], const double a[5], const double b[5]) {
    constexpr int W = 52;
    constexpr uint64_t MASK = (1ull << W) - 1;
    constexpr uint64_t PINV = neg_inverse64(T::P0) & MASK;
    // p's limbs 0..2 (below 2^156) and 4 (2^46 for p = 2^254 + c, c < 2^156); limb 3 is zero for Pasta.
    static_assert(modulus_limb<T>(3, W) == 0 && modulus_limb<T>(4, W) == (1ull << 46), "p = 2^254 + c, c < 2^156");
    constexpr double p0 = (double)modulus_limb<T>(0, W), p1 = (double)modulus_limb<T>(1, W),
                     p2 = (double)modulus_limb<T>(2, W);  // exact: below 2^52
    // Column by column (product scanning): each column's parts summed in one expression, which the compiler can add
    // three at a time (IADD3 with two carries).
    uint64_t t[11];
    t[0] = 0;
    uint64_t hi, lo;
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int k = 0; k < 9; k++) {
        uint64_t los = 0, his = 0;
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
        for (int i = k < 4 ? 0 : k - 4; i <= (k < 4 ? k : 4); i++) {
            split52(a[i], b[k - i], hi, lo);
            los += lo;
            his += hi;
        }
        t[k] += los;
        t[k + 1] = his;
    }
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

// mont256's product through fp52_core: x taken times 2^4 (x < p, so 16 x < 2^259 and the result stays below 1.25 p).
template <class T>
VV_FP64_INLINE void fp52(uint64_t out[4], const uint64_t x[4], const uint64_t y[4]) {
    double a[5], b[5];
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int k = 0; k < 5; k++) {
        a[k] = to_double(field_bits(x, 52 * k - 4, 52));
        b[k] = to_double(field_bits(y, 52 * k, 52));
    }
    uint64_t c[5];
    fp52_core<T>(c, a, b);
    pack<5, 52>(out, c);
}

// ---- fp48: six 48-bit limbs, FP64 products and column sums ------------------------------------------------

constexpr uint64_t RAW_2_100 = 0x4630000000000000ull;  // the bits of 2^100
constexpr double TWO_100 = 1267650600228229401496703205376.0;

// Adds a * b (both below 2^48) to a column: its high part into h (in [2^100, 2^101): 2^100 + 2^48 * the high parts so
// far), its low part into l (an integer below 2^52).
VV_FP64_INLINE void mac48(double a, double b, double &h, double &l) {
    const double before = h;
    h = fma_rz(a, b, before);
    l += fma_exact(a, b, before - h);
}

// The integer held in a high-part accumulator (the high parts' sum, below 2^52), and in a low-part one.
VV_FP64_INLINE uint64_t high_sum(double h) { return bits_of(h) - RAW_2_100; }
VV_FP64_INLINE uint64_t low_sum(double l) { return bits_of(l + TWO_52) - RAW_2_52; }

// The product in its own representation: a, b the 48-bit limbs (as doubles) of A, B < 2p; c the 48-bit limbs of
// A B 2^-288 mod p, below 1.01 p.
template <class T>
VV_FP64_INLINE void fp48_core(uint64_t c[6], const double a[6], const double b[6]) {
    constexpr int W = 48;
    constexpr uint64_t MASK = (1ull << W) - 1;
    constexpr uint64_t PINV = neg_inverse64(T::P0) & MASK;
    // p's limbs 0..2 (below 2^144) and 5 (2^14 for p = 2^254 + c, c < 2^144); limbs 3 and 4 are zero for Pasta.
    static_assert(modulus_limb<T>(3, W) == 0 && modulus_limb<T>(4, W) == 0 && modulus_limb<T>(5, W) == (1ull << 14),
                  "p = 2^254 + c, c < 2^144");
    constexpr double p0 = (double)modulus_limb<T>(0, W), p1 = (double)modulus_limb<T>(1, W),
                     p2 = (double)modulus_limb<T>(2, W), p5 = 16384.0;  // exact: below 2^48
    // Column k (weight 2^(48 k)) is l[k] plus the high parts in h[k - 1]: at most 6 products and 4 of the reduction's
    // in a column (below 10 * 2^96 < 2^100: h's grid stays 2^48; l below 10 * 2^48).
    double h[11], l[11];
    for (int k = 0; k < 11; k++) {
        h[k] = TWO_100;
        l[k] = 0;
    }
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int i = 0; i < 6; i++) {
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
        for (int j = 0; j < 6; j++) mac48(a[i], b[j], h[i + j], l[i + j]);
    }
    uint64_t carry = 0;
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int i = 0; i < 6; i++) {
        // Column i is complete but for m p0's low part: every product with a lower column is in.
        const uint64_t t = low_sum(l[i]) + (i > 0 ? high_sum(h[i - 1]) : 0) + carry;
        const uint64_t m = ((t & MASK) * PINV) & MASK;
        const double md = to_double(m);
        double l0 = 0;
        mac48(md, p0, h[i], l0);
        carry = (t + low_sum(l0)) >> W;  // a multiple of 2^48 before the shift
        mac48(md, p1, h[i + 1], l[i + 1]);
        mac48(md, p2, h[i + 2], l[i + 2]);
        mac48(md, p5, h[i + 5], l[i + 5]);
    }
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int k = 0; k < 6; k++) {
        const uint64_t t = (k < 5 ? low_sum(l[6 + k]) : 0) + high_sum(h[5 + k]) + carry;
        c[k] = t & MASK;
        carry = t >> W;
    }
}

// mont256's product through fp48_core: x taken times 2^32 (x < p, so 2^32 x < 2^287).
template <class T>
VV_FP64_INLINE void fp48(uint64_t out[4], const uint64_t x[4], const uint64_t y[4]) {
    double a[6], b[6];
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int k = 0; k < 6; k++) {
        a[k] = to_double(field_bits(x, 48 * k - 32, 48));
        b[k] = to_double(field_bits(y, 48 * k, 48));
    }
    uint64_t c[6];
    fp48_core<T>(c, a, b);
    pack<6, 48>(out, c);
}

// A field element kept in a core's representation between products (N limbs of W bits as doubles, Montgomery form
// with R = 2^(N W)), as a kernel built on these products would keep it: the probes' chains of products with no
// conversion to and from mont256's limbs but the limbs' return to doubles.
template <class T, int N, int W>
struct fp64_native {
    double v[N];

    VV_FP64_INLINE static fp64_native of(const uint64_t x[4]) {
        fp64_native r;
        for (int k = 0; k < N; k++) r.v[k] = to_double(field_bits(x, W * k, W));
        return r;
    }
    VV_FP64_INLINE void to_limbs(uint64_t out[4]) const {
        uint64_t c[N];
        for (int k = 0; k < N; k++) c[k] = bits_of(v[k] + TWO_52) - RAW_2_52;
        pack<N, W>(out, c);
    }
    VV_FP64_INLINE friend fp64_native operator*(const fp64_native &x, const fp64_native &y) {
        uint64_t c[N];
        if constexpr (W == 52) fp52_core<T>(c, x.v, y.v); else fp48_core<T>(c, x.v, y.v);
        fp64_native r;
        for (int k = 0; k < N; k++) r.v[k] = to_double(c[k]);
        return r;
    }
};

}  // namespace probe
}  // namespace vv
