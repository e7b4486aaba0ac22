// Montgomery arithmetic modulo a prime below 2^255, on four 64-bit limbs (least significant first),
// R = 2^256: the same representation as dev.vampvm.field.MontgomeryField, so that the limbs of a Java
// long[4] can be copied to and from the device unchanged.
//
// One implementation, parameterised by a traits struct (P0..P3, INV = -p^-1 mod 2^64, ONE = R mod p,
// R2 = R^2 mod p): kernels/ff/pasta.cuh instantiates it for Fp and Fq. Everything is __host__ __device__:
// native/ compiles this same header with the host compiler, and the Java tests check that host build
// against dev.vampvm.field, so the arithmetic the GPU runs is tested on machines without a GPU.
//
// Device-specific code is confined to the primitives at the top (64x64->128 products, carry chains): on the
// device the 4-limb add/sub chains are PTX add.cc/addc.cc; on the host they are plain C with unsigned
// __int128, which compilers turn into adc/sbb.
#pragma once

#include <stdint.h>

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

// Fully unrolled fixed-count limb loops, so that limb arrays stay in registers on the device.
#if defined(__CUDACC__)
#define VV_UNROLL _Pragma("unroll")
#else
#define VV_UNROLL _Pragma("GCC unroll 8")
#endif

namespace vv {

// ---- primitives ---------------------------------------------------------------------------------

VV_INLINE uint64_t mul_hi(uint64_t a, uint64_t b) {
#if defined(__CUDA_ARCH__)
    return __umul64hi(a, b);
#else
    return (uint64_t)(((unsigned __int128)a * b) >> 64);
#endif
}

// (hi, lo) = a * b + c + d; cannot overflow 128 bits since (2^64-1)^2 + 2(2^64-1) = 2^128 - 1.
VV_INLINE uint64_t mac(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t &hi) {
#if defined(__CUDA_ARCH__)
    uint64_t lo, h;
    asm("mad.lo.cc.u64 %0, %2, %3, %4;\n\t"
        "madc.hi.u64 %1, %2, %3, 0;"
        : "=l"(lo), "=l"(h) : "l"(a), "l"(b), "l"(c));
    asm("add.cc.u64 %0, %0, %2;\n\t"
        "addc.u64 %1, %1, 0;"
        : "+l"(lo), "+l"(h) : "l"(d));
    hi = h;
    return lo;
#else
    unsigned __int128 t = (unsigned __int128)a * b + c + d;
    hi = (uint64_t)(t >> 64);
    return (uint64_t)t;
#endif
}

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

    // CIOS Montgomery product. p < 2^255 keeps every intermediate within five limbs plus one bit, and
    // the result of the final round below 2p, so one conditional subtraction finishes it.
    VV_FIELD_MUL friend mont256 operator*(const mont256 &a, const mont256 &b) {
        const uint64_t p[4] = {T::P0, T::P1, T::P2, T::P3};
        uint64_t t[6] = {0, 0, 0, 0, 0, 0};
VV_UNROLL
        for (int i = 0; i < 4; i++) {
            uint64_t c = 0;
VV_UNROLL
            for (int j = 0; j < 4; j++) t[j] = mac(a.l[j], b.l[i], t[j], c, c);
            uint64_t s = t[4] + c;
            t[5] = s < c ? 1 : 0;
            t[4] = s;
            uint64_t m = t[0] * T::INV;
            mac(m, p[0], t[0], 0, c);  // low word is 0 by the choice of m
VV_UNROLL
            for (int j = 1; j < 4; j++) t[j - 1] = mac(m, p[j], t[j], c, c);
            s = t[4] + c;
            t[3] = s;
            t[4] = t[5] + (s < c ? 1 : 0);
        }
        // t < 2p < 2^256 here, so t[4] is 0.
        return reduce_once(t);
    }

    VV_INLINE mont256 sqr() const { return *this * *this; }

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
