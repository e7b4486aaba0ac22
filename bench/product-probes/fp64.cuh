// More FP64 products for bench/product-probes (probes.cu times them, host_check.cpp checks them):
// kernels/ff/fp64_mul.cuh has fp52, the one the kernels can be built with; here fp48, six limbs of 48 bits (R = 2^288, x taken times 2^32)
// with the column sums kept in doubles too: each column's high parts accumulate in one double in [2^100, 2^101)
// (h = fma_rz(a, b, h): the grid stays 2^48 while the column holds less than 2^100, and a column of this product holds
// at most 10 products below 2^96), its low parts in another below 2^52, exact. 60 products, the integer units only
// for each reduction round's m and carry; sm_90 SASS 492 instructions a product, 275 of them FP64.
//
// And both products in their own representation (fp64_native: limbs as doubles, Montgomery form with R = 2^260 or
// 2^288), as a kernel built on them would keep its values between products: the probes' fp52n / fp48n chains, ~350 and
// ~413 instructions a product (134 and 273 FP64).
#pragma once

#include "ff/fp64_mul.cuh"

namespace vv {
namespace probe {

using namespace fp64;

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
    limbs_of<6, 48>(a, x, 32);
    limbs_of<6, 48>(b, y, 0);
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
        limbs_of<N, W>(r.v, x, 0);
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
