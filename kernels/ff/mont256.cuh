// Montgomery arithmetic modulo a prime below 2^255, on four 64-bit limbs (least significant first),
// R = 2^256: the same representation as dev.vampvm.field.MontgomeryField, so that the limbs of a Java
// long[4] can be copied to and from the device unchanged.
//
// One implementation, parameterised by a traits struct (P0..P3, ONE = R mod p, R2 = R^2 mod p): kernels/ff/pasta.cuh instantiates it for Fp and Fq. Everything is __host__ __device__:
// native/ compiles this same header with the host compiler, and the Java tests check that host build
// against dev.vampvm.field, so the arithmetic the GPU runs is tested on machines without a GPU.
//
// Device-specific code is confined to the primitives at the top (carry chains): on the device the 4-limb add/sub
// chains are PTX add.cc/addc.cc and the product's and the squaring's 32-bit multiply-add chains are
// mad.lo.cc/madc.hi.cc; on the host they are plain C (unsigned __int128 and a carry variable), instruction for
// instruction the same sequence, so that the host build tests their algorithms (everything but the carry flag
// itself).
//
// The squaring (sqr) is its own routine, not the product of a value with itself: 28 cross-term word products
// instead of 56, and the reduction rounds without their multiplications. sm_90 SASS of each as a called function
// (CUDA 11.8's ptxas and cuobjdump on CUDA 13's PTX): 395 instructions against the product's 514 (179 IMAD and 154
// IADD3 against 251 and 216). Not yet timed on a GPU: bench/gpu-run.sh probes times both (sqr_*, mul_self_*).
#pragma once

#include <stdint.h>

#include "fp64_mul.cuh"

#if defined(__CUDACC__)
#define VV_INLINE __host__ __device__ __forceinline__
#else
#define VV_INLINE inline __attribute__((always_inline))
#endif

// Long routines (exponentiations, scalar multiplication, affine conversion): always a call on the device.
#if defined(__CUDACC__)
#define VV_NOINLINE __host__ __device__ __noinline__
#else
#define VV_NOINLINE inline
#endif

// The Montgomery product (VV_FIELD_MUL) and the point formulas (VV_POINT_FN, kernels/ec): calls on the device
// by default, inlined with -DVV_KERNEL_INLINE (CMake: -DVAMPVM_KERNEL_INLINE=ON). Everything inlined, the PTX
// was 3.7 MB and ptxas took ~20 s of CPU per architecture against ~2 s (measured on the 2-core development
// machine), which a fresh CI build pays four times. The calls cost at run time: a call's instructions, and a
// stack frame for the 96-byte points a point formula returns (480-800 bytes of local memory in the MSM kernels,
// ptxas -v, sm_90). On an H200 everything inlined was slower in every kernel (kernels/README.md); to tell which of
// the two inlinings costs what, -DVV_INLINE_FIELD_MUL and -DVV_INLINE_POINT_FN inline one each
// (bench/gpu-pack.sh's variants, timed by bench/gpu-run.sh's `variants` stage).
// On the host the compiler decides for the point formulas: forcing them inline into the emulation in native/
// made g++ take over a minute.
#if defined(__CUDACC__)
#if defined(VV_KERNEL_INLINE) || defined(VV_INLINE_FIELD_MUL)
#define VV_FIELD_MUL VV_INLINE
#else
#define VV_FIELD_MUL VV_NOINLINE
#endif
#if defined(VV_KERNEL_INLINE) || defined(VV_INLINE_POINT_FN)
#define VV_POINT_FN VV_INLINE
#else
#define VV_POINT_FN VV_NOINLINE
#endif
#else
#define VV_FIELD_MUL VV_INLINE
#define VV_POINT_FN inline
#endif

// The XYZZ additions (ec/xyzz.cuh), the MSM's inner loops: inlined on the device, unlike the other point formulas,
// so that with the by-value product calls below the bucket sums never leave registers (ptxas -v, sm_90:
// vv_msm_accumulate_* 110 registers and no stack without its prefetch, against 78 and 640 bytes with both as calls
// taking references).
// -DVV_CALL_XYZZ_FN makes them calls again, for timing the two (bench/gpu-pack.sh's variants).
#if defined(__CUDACC__)
#if defined(VV_CALL_XYZZ_FN) && !defined(VV_KERNEL_INLINE)
#define VV_XYZZ_FN VV_NOINLINE
#else
#define VV_XYZZ_FN VV_INLINE
#endif
#else
#define VV_XYZZ_FN inline
#endif

// Fully unrolled fixed-count limb loops, so that limb arrays stay in registers on the device.
#if defined(__CUDACC__)
#define VV_UNROLL _Pragma("unroll")
#else
#define VV_UNROLL _Pragma("GCC unroll 8")
#endif
// Loops over tables of points, kept rolled: unrolled, ptxas holds the table in registers (240 in the folding kernel
// against 80 rolled) and the kernel runs far fewer threads a multiprocessor.
#if defined(__CUDACC__)
#define VV_NO_UNROLL _Pragma("unroll 1")
#else
#define VV_NO_UNROLL _Pragma("GCC unroll 1")
#endif

namespace vv {

// ---- primitives ---------------------------------------------------------------------------------

// A chain of 32-bit additions and multiply-adds through the carry flag: one PTX instruction each on the device
// (the flag lives in the hardware between the asm statements of one chain, as the CUDA multi-precision
// libraries use it), a carry variable on the host. `_cc` sets the carry, `c` reads it.
struct chain32 {
#if !defined(__CUDA_ARCH__)
    uint32_t carry = 0;
#endif
#if defined(__CUDA_ARCH__)
#define VV_CHAIN_OP(NAME, PTX)                                                                              \
    VV_INLINE uint32_t NAME(uint32_t a, uint32_t b) {                                                       \
        uint32_t r;                                                                                          \
        asm volatile(PTX " %0, %1, %2;" : "=r"(r) : "r"(a), "r"(b));                                        \
        return r;                                                                                            \
    }
#define VV_CHAIN_MAD(NAME, PTX)                                                                             \
    VV_INLINE uint32_t NAME(uint32_t a, uint32_t b, uint32_t d) {                                           \
        uint32_t r;                                                                                          \
        asm volatile(PTX " %0, %1, %2, %3;" : "=r"(r) : "r"(a), "r"(b), "r"(d));                           \
        return r;                                                                                            \
    }
    VV_CHAIN_OP(add_cc, "add.cc.u32")
    VV_CHAIN_OP(addc_cc, "addc.cc.u32")
    VV_CHAIN_OP(addc, "addc.u32")
    VV_CHAIN_MAD(mad_lo_cc, "mad.lo.cc.u32")
    VV_CHAIN_MAD(madc_lo_cc, "madc.lo.cc.u32")
    VV_CHAIN_MAD(mad_hi_cc, "mad.hi.cc.u32")
    VV_CHAIN_MAD(madc_hi_cc, "madc.hi.cc.u32")
    VV_CHAIN_MAD(madc_hi, "madc.hi.u32")
#undef VV_CHAIN_OP
#undef VV_CHAIN_MAD
#else
    // s = (low word, carry out) of a full-width sum; `keep` says whether the carry flag survives (.cc).
    VV_INLINE uint32_t set(uint64_t s, bool keep) {
        carry = keep ? (uint32_t)(s >> 32) : 0;
        return (uint32_t)s;
    }
    static VV_INLINE uint64_t lo(uint32_t a, uint32_t b) { return (uint32_t)(a * b); }
    static VV_INLINE uint64_t hi(uint32_t a, uint32_t b) { return ((uint64_t)a * b) >> 32; }
    VV_INLINE uint32_t add_cc(uint32_t a, uint32_t b) { return set((uint64_t)a + b, true); }
    VV_INLINE uint32_t addc_cc(uint32_t a, uint32_t b) { return set((uint64_t)a + b + carry, true); }
    VV_INLINE uint32_t addc(uint32_t a, uint32_t b) { return set((uint64_t)a + b + carry, false); }
    VV_INLINE uint32_t mad_lo_cc(uint32_t a, uint32_t b, uint32_t d) { return set(lo(a, b) + d, true); }
    VV_INLINE uint32_t madc_lo_cc(uint32_t a, uint32_t b, uint32_t d) { return set(lo(a, b) + d + carry, true); }
    VV_INLINE uint32_t mad_hi_cc(uint32_t a, uint32_t b, uint32_t d) { return set(hi(a, b) + d, true); }
    VV_INLINE uint32_t madc_hi_cc(uint32_t a, uint32_t b, uint32_t d) { return set(hi(a, b) + d + carry, true); }
    VV_INLINE uint32_t madc_hi(uint32_t a, uint32_t b, uint32_t d) { return set(hi(a, b) + d + carry, false); }
#endif
};

// r = a + b over 4 limbs; returns the carry out.
VV_INLINE uint64_t add4(uint64_t r[4], const uint64_t a[4], const uint64_t b[4]) {
#if defined(__CUDA_ARCH__)
    uint64_t c;
    asm("add.cc.u64  %0, %5, %9;\n\t"
        "addc.cc.u64 %1, %6, %10;\n\t"
        "addc.cc.u64 %2, %7, %11;\n\t"
        "addc.cc.u64 %3, %8, %12;\n\t"
        "addc.u64    %4, 0, 0;"
        : "=l"(r[0]), "=l"(r[1]), "=l"(r[2]), "=l"(r[3]), "=l"(c)
        : "l"(a[0]), "l"(a[1]), "l"(a[2]), "l"(a[3]), "l"(b[0]), "l"(b[1]), "l"(b[2]), "l"(b[3]));
    return c;
#else
    unsigned __int128 t = 0;
    for (int i = 0; i < 4; i++) {
        t += (unsigned __int128)a[i] + b[i];
        r[i] = (uint64_t)t;
        t >>= 64;
    }
    return (uint64_t)t;
#endif
}

// r = a - b over 4 limbs; returns 1 on borrow.
VV_INLINE uint64_t sub4(uint64_t r[4], const uint64_t a[4], const uint64_t b[4]) {
#if defined(__CUDA_ARCH__)
    uint64_t w;
    asm("sub.cc.u64  %0, %5, %9;\n\t"
        "subc.cc.u64 %1, %6, %10;\n\t"
        "subc.cc.u64 %2, %7, %11;\n\t"
        "subc.cc.u64 %3, %8, %12;\n\t"
        "subc.u64    %4, 0, 0;"
        : "=l"(r[0]), "=l"(r[1]), "=l"(r[2]), "=l"(r[3]), "=l"(w)
        : "l"(a[0]), "l"(a[1]), "l"(a[2]), "l"(a[3]), "l"(b[0]), "l"(b[1]), "l"(b[2]), "l"(b[3]));
    return w & 1;
#else
    uint64_t borrow = 0;
    for (int i = 0; i < 4; i++) {
        unsigned __int128 d = (unsigned __int128)a[i] - b[i] - borrow;
        r[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    return borrow;
#endif
}

// ---- the field ----------------------------------------------------------------------------------

template <class T>
struct mont256 {
    uint64_t l[4];

    VV_INLINE static mont256 zero() { return mont256{{0, 0, 0, 0}}; }
    VV_INLINE static mont256 one() { return mont256{{T::ONE0, T::ONE1, T::ONE2, T::ONE3}}; }
    VV_INLINE static mont256 r2() { return mont256{{T::R20, T::R21, T::R22, T::R23}}; }
    VV_INLINE static void modulus(uint64_t p[4]) { p[0] = T::P0; p[1] = T::P1; p[2] = T::P2; p[3] = T::P3; }

    VV_INLINE bool is_zero() const { return (l[0] | l[1] | l[2] | l[3]) == 0; }
    VV_INLINE bool operator==(const mont256 &o) const {
        return ((l[0] ^ o.l[0]) | (l[1] ^ o.l[1]) | (l[2] ^ o.l[2]) | (l[3] ^ o.l[3])) == 0;
    }
    VV_INLINE bool operator!=(const mont256 &o) const { return !(*this == o); }

    // x - p if x >= p, for x < 2p (inputs of at most 256 bits, no carry in).
    VV_INLINE static mont256 reduce_once(const uint64_t x[4]) {
        uint64_t p[4], d[4];
        modulus(p);
        uint64_t borrow = sub4(d, x, p);
        mont256 r;
        for (int i = 0; i < 4; i++) r.l[i] = borrow ? x[i] : d[i];
        return r;
    }

    // p < 2^255, so a + b < 2^256 for reduced inputs: the carry out of add4 is always 0.
    VV_INLINE friend mont256 operator+(const mont256 &a, const mont256 &b) {
        uint64_t s[4];
        add4(s, a.l, b.l);
        return reduce_once(s);
    }

    VV_INLINE friend mont256 operator-(const mont256 &a, const mont256 &b) {
        uint64_t d[4], p[4], s[4];
        uint64_t borrow = sub4(d, a.l, b.l);
        modulus(p);
        for (int i = 0; i < 4; i++) p[i] &= (uint64_t)0 - borrow;
        add4(s, d, p);
        return mont256{{s[0], s[1], s[2], s[3]}};
    }

    VV_INLINE mont256 operator-() const { return zero() - *this; }
    VV_INLINE mont256 dbl() const { return *this + *this; }

    // One Montgomery reduction round on a nine-word window t (t < 2^288 after the addition): t += m * p with
    // m = -t_0, which makes word 0 of the sum 0, then t /= 2^32, leaving word 8 zero. The Pasta specialisation the
    // product and the squaring share: as -p^-1 = -1 mod 2^32 the multiplier costs no multiplication, and m * p is
    // m + m * (P1, P2, P3) at words 1..3 + m * 2^30 at word 7.
    VV_INLINE static void reduce_round(chain32 &k, uint32_t t[9]) {
        static_assert((T::P0 & 0xffffffffu) == 1 && T::P2 == 0 && T::P3 == (1ull << 62),
                      "the reduction assumes p = 2^254 + c with c < 2^128 and p = 1 mod 2^32 (the Pasta moduli)");
        constexpr uint32_t P1 = (uint32_t)(T::P0 >> 32), P2 = (uint32_t)T::P1, P3 = (uint32_t)(T::P1 >> 32);
        constexpr uint32_t TOP = 1u << 30;  // word 7 of p
        const uint32_t m = 0u - t[0];
        k.add_cc(t[0], m);
        t[1] = k.madc_lo_cc(m, P1, t[1]);
        t[2] = k.madc_lo_cc(m, P2, t[2]);
        t[3] = k.madc_lo_cc(m, P3, t[3]);
        t[4] = k.addc_cc(t[4], 0);
        t[5] = k.addc_cc(t[5], 0);
        t[6] = k.addc_cc(t[6], 0);
        t[7] = k.madc_lo_cc(m, TOP, t[7]);
        t[8] = k.addc(t[8], 0);
        t[2] = k.mad_hi_cc(m, P1, t[2]);
        t[3] = k.madc_hi_cc(m, P2, t[3]);
        t[4] = k.madc_hi_cc(m, P3, t[4]);
        t[5] = k.addc_cc(t[5], 0);
        t[6] = k.addc_cc(t[6], 0);
        t[7] = k.addc_cc(t[7], 0);
        t[8] = k.madc_hi(m, TOP, t[8]);
VV_UNROLL
        for (int j = 0; j < 8; j++) t[j] = t[j + 1];
        t[8] = 0;
    }

    // Montgomery product, CIOS on eight 32-bit words, specialised to the Pasta moduli p = 2^254 + c (c < 2^128,
    // p = 1 mod 2^32): the round's multiplier is m = -t_0 (as -p^-1 = -1 mod 2^32) and m * p touches four words
    // (c's three upper words, and 2^254 = 2^30 at word 7), where a general modulus costs a multiplication for m and
    // eight products. Invariant t < 2p < 2^256 after each round (a, b < p); within a round t < 2^288, nine words.
    // On an H200 this ran 4.48e10 products/s against 3.53e10 for the 64-bit-limb CIOS it replaced (probe kernels of
    // four chains, inlined: bench/product-probes/, results in bench/results/gpu-20261126-033532-bec0bee-profile), and
    // a radix-2^29 product with 64-bit accumulators (480 SASS instructions against this one's 568) ran 4.06e10.
    // Built with -DVV_FP64_MUL the device takes fp64_mul.cuh's product on the FP64 units instead (untimed).
    VV_INLINE friend mont256 operator*(const mont256 &a, const mont256 &b) { return mul(a, b); }

    // The product's and the square's bodies take their operands by value: as device calls (VV_FIELD_MUL) the
    // operands and the result then travel in registers, where a reference made the caller keep them in local
    // memory and the callee load them back (ptxas -v, sm_90: the bucket sums' stack frame went from 640 to 320
    // bytes, the NTT's from 32 to 0, with no other change).
    VV_FIELD_MUL static mont256 mul(const mont256 a, const mont256 b) {
#if defined(VV_FP64_MUL) && defined(__CUDA_ARCH__)
        // On the FP64 units (fp64_mul.cuh), for timing the engine on it: bench/gpu-pack.sh's fp64-mul variant.
        uint64_t f[4];
        fp64::fp52<T>(f, a.l, b.l);
        return reduce_once(f);
#else
        uint32_t x[8], y[8];
VV_UNROLL
        for (int j = 0; j < 4; j++) {
            x[2 * j] = (uint32_t)a.l[j];
            x[2 * j + 1] = (uint32_t)(a.l[j] >> 32);
            y[2 * j] = (uint32_t)b.l[j];
            y[2 * j + 1] = (uint32_t)(b.l[j] >> 32);
        }
        uint32_t t[9] = {0, 0, 0, 0, 0, 0, 0, 0, 0};
        chain32 k;
VV_UNROLL
        for (int i = 0; i < 8; i++) {
            // t += x * y_i: the low halves into words 0..7, then the high halves into words 1..8.
            t[0] = k.mad_lo_cc(x[0], y[i], t[0]);
VV_UNROLL
            for (int j = 1; j < 8; j++) t[j] = k.madc_lo_cc(x[j], y[i], t[j]);
            t[8] = k.addc(t[8], 0);
            t[1] = k.mad_hi_cc(x[0], y[i], t[1]);
VV_UNROLL
            for (int j = 1; j < 7; j++) t[j + 1] = k.madc_hi_cc(x[j], y[i], t[j + 1]);
            t[8] = k.madc_hi(x[7], y[i], t[8]);
            reduce_round(k, t);
        }
        uint64_t r[4];
VV_UNROLL
        for (int j = 0; j < 4; j++) r[j] = (uint64_t)t[2 * j] | (uint64_t)t[2 * j + 1] << 32;
        return reduce_once(r);
#endif
    }

    // Montgomery square: the product's result for a * a (the same word operations, fully reduced below p), with the
    // 28 cross terms a_i * a_j (i < j) of the 64 word products computed once and doubled. The 16-word a^2 first,
    // then eight reduction rounds with the product's specialisation (m = -t_i, m * p on four words) on its low
    // half, then the high half added: Montgomery reduction of T = T_hi * R + T_lo is T_hi + (T_lo + M * p) / R, and
    // (T_lo + M * p) / R <= p as T_lo, M < R. Valid, like the product, for a < 2^255 (any value the representation
    // holds): T_hi < 2^254 and the sum stays below 2p, which reduce_once brings below p.
    VV_INLINE mont256 sqr() const { return square(*this); }

    VV_FIELD_MUL static mont256 square(const mont256 a) {
        uint32_t x[8];
VV_UNROLL
        for (int j = 0; j < 4; j++) {
            x[2 * j] = (uint32_t)a.l[j];
            x[2 * j + 1] = (uint32_t)(a.l[j] >> 32);
        }
        uint32_t t[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        chain32 k;
        // Cross terms, row i adding x_i * x_j (j > i) at word i + j: low halves into words 2i+1..i+7, their carry
        // into word i+8, high halves into words 2i+2..i+8. Rows 0..i-1 sum below 2^(32(i+8)) (row k is below
        // 2^(32k) * 2^256), so word i+8 is still 0 when row i starts, and rows 0..i sum below 2^(32(i+9)): the high
        // chain ends at word i+8 with no carry out.
VV_UNROLL
        for (int i = 0; i < 7; i++) {
            t[2 * i + 1] = k.mad_lo_cc(x[i], x[i + 1], t[2 * i + 1]);
VV_UNROLL
            for (int j = i + 2; j < 8; j++) t[i + j] = k.madc_lo_cc(x[i], x[j], t[i + j]);
            t[i + 8] = k.addc(0, 0);
            if (i == 6) {
                t[14] = k.mad_hi_cc(x[6], x[7], t[14]);
            } else {
                t[2 * i + 2] = k.mad_hi_cc(x[i], x[i + 1], t[2 * i + 2]);
VV_UNROLL
                for (int j = i + 2; j < 7; j++) t[i + j + 1] = k.madc_hi_cc(x[i], x[j], t[i + j + 1]);
                t[i + 8] = k.madc_hi(x[i], x[7], t[i + 8]);
            }
        }
        // Doubled by a one-bit shift, then the squares x_i^2 at words 2i, 2i+1 in one carry chain: their low and high
        // halves alternate along it. Word 15 stays 0 through the shift: with a = x_7 * 2^224 + a' (a' < 2^224, and
        // x_7 < 2^31 as a < 2^255) the cross terms are x_7 * a' * 2^224 + those of a', below
        // (2^31 - 1) * 2^448 + 2^447 < 2^479, so the top bit of word 14 is never set.
VV_UNROLL
        for (int j = 14; j > 1; j--) t[j] = t[j] << 1 | t[j - 1] >> 31;
        t[1] <<= 1;
        t[0] = k.mad_lo_cc(x[0], x[0], t[0]);
        t[1] = k.madc_hi_cc(x[0], x[0], t[1]);
VV_UNROLL
        for (int i = 1; i < 7; i++) {
            t[2 * i] = k.madc_lo_cc(x[i], x[i], t[2 * i]);
            t[2 * i + 1] = k.madc_hi_cc(x[i], x[i], t[2 * i + 1]);
        }
        t[14] = k.madc_lo_cc(x[7], x[7], t[14]);
        t[15] = k.madc_hi(x[7], x[7], t[15]);
        // Reduction of the low half in a nine-word window u, the product's rounds without their multiplications:
        // u < 2^256 before a round, u + m * p < 2^288, and u / 2^32 < 2^224 + p after it.
        uint32_t u[9];
VV_UNROLL
        for (int j = 0; j < 8; j++) u[j] = t[j];
        u[8] = 0;
VV_UNROLL
        for (int i = 0; i < 8; i++) {
            reduce_round(k, u);
        }
        // (T_lo + M * p) / R <= p plus T_hi < 2^254: below 2p < 2^256, no carry out of word 7.
        u[0] = k.add_cc(u[0], t[8]);
VV_UNROLL
        for (int j = 1; j < 7; j++) u[j] = k.addc_cc(u[j], t[8 + j]);
        u[7] = k.addc(u[7], t[15]);
        uint64_t r[4];
VV_UNROLL
        for (int j = 0; j < 4; j++) r[j] = (uint64_t)u[2 * j] | (uint64_t)u[2 * j + 1] << 32;
        return reduce_once(r);
    }

    // this^e for a small public exponent e.
    VV_NOINLINE mont256 pow(uint64_t e) const {
        mont256 r = one(), b = *this;
        while (e != 0) {
            if (e & 1) r = r * b;
            b = b.sqr();
            e >>= 1;
        }
        return r;
    }

    // Fermat: this^(p-2); zero maps to zero. Variable-time in nothing secret: the exponent is public.
    VV_NOINLINE mont256 inv() const {
        uint64_t e[4] = {T::P0 - 2, T::P1, T::P2, T::P3};  // P0 is odd and > 2: no borrow
        mont256 r = one();
        for (int i = 3; i >= 0; i--) {
            for (int bit = 63; bit >= 0; bit--) {
                r = r.sqr();
                if ((e[i] >> bit) & 1) r = r * *this;
            }
        }
        return r;
    }

    // Canonical little-endian limbs (x < p) to Montgomery form: x * R^2 * R^-1.
    VV_INLINE static mont256 from_canonical(const uint64_t x[4]) {
        return mont256{{x[0], x[1], x[2], x[3]}} * r2();
    }

    // Montgomery form to canonical limbs: x * 1 * R^-1.
    VV_INLINE void to_canonical(uint64_t out[4]) const {
        mont256 r = *this * mont256{{1, 0, 0, 0}};
        for (int i = 0; i < 4; i++) out[i] = r.l[i];
    }
};

}  // namespace vv
