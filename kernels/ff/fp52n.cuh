// Field elements kept in fp64_mul.cuh's five-limb form between products ("fp52n"), for the kernels that can work on
// the FP64 units (CudaBackend's -Dvampvm.cuda.fp52=msm,ntt,fold): the MSM's bucket and window sums
// (msm/pippenger.cuh's bodies with G = fp52n<T>: vv_msm_accumulate52_*, vv_msm_accumulate_partials52_*,
// vv_msm_reduce52_*, vv_msm_reduce_pairs52_*, vv_msm_reduce_tail52_*), the NTT's butterflies
// (vv_ntt_group52_*) and the IPA's generator folds (msm/fold.cuh, vv_fold52_* and vv_fold2_52_*). The H200 ran
// fp52_core in this form at 6.06e10 products/s against mont256's product's 4.50e10 (bench/results/gpu-20261126-230400-8706b9c, the probes' fp52n), where the drop-in
// fp52 product, converting from and to four 64-bit limbs in every product, gained 4-6% in the MSM.
//
// A value is V = sum l[k] 2^(52k) with every l[k] < 2^52 and V < 2p, and stands for V 2^-260 mod p (Montgomery form
// with R = 2^260; V and V + p stand for the same element, so zero is V = 0 or V = p). Products take two such values and
// give one below 1.07 p (fp52_core: A B < 4 p^2; squares fp52_core_sqr, 15 limb products of the 25); sums and
// differences are brought back below 2p with one conditional subtraction or addition of 2p. The NTT's butterflies alone
// let values run up to 4p between products (below_2p, sum_unreduced, diff_plus_2p), which products take too: A B < 16
// p^2 gives one below 1.25 p. Conversions: from mont256 (x 2^256, x < p) by a shift of 4 bits and one reduction by the
// top bits: with q = floor(16 x / 2^254) <= 16 and p = 2^254 + c (c < 2^126), 16 x - q p + p lies in (0, 2p); back to
// mont256 by a division by 16 mod p (to_mont) and a subtraction of p when needed.
//
// Only sm_80 and sm_90 run FP64 at half the FP32 rate (sm_86 and sm_89 at 1/64): the engine takes these kernels only
// when asked. On the host (the kernel emulator) fp52_core splits its limb products with integer arithmetic instead
// (fp64_mul.cuh), so these are checked there bit for bit as the GPU computes them.
#pragma once

#include "fp64_mul.cuh"
#include "mont256.cuh"

namespace vv {

namespace fp52n_detail {

constexpr int W = 52;
constexpr uint64_t MASK = (1ull << W) - 1;

struct limbs5 {
    uint64_t v[5];
};

// The 52-bit limbs of a 256-bit value.
VV_FP64_CONSTEXPR limbs5 split(const uint64_t x[4]) {
    limbs5 r{};
    for (int k = 0; k < 5; k++) r.v[k] = fp64::field_bits(x, W * k, W);
    return r;
}

// out = x + y over five 52-bit limbs (limbs below 2^52 in and out; the carry out of limb 4 is dropped).
VV_INLINE void add_limbs(uint64_t out[5], const uint64_t x[5], const uint64_t y[5]) {
    uint64_t carry = 0;
VV_UNROLL
    for (int k = 0; k < 5; k++) {
        const uint64_t t = x[k] + y[k] + carry;
        carry = t >> W;
        out[k] = t & MASK;
    }
}

// out = x - y over five 52-bit limbs, modulo 2^260; true when x < y (the borrow out of limb 4).
VV_INLINE bool sub_limbs(uint64_t out[5], const uint64_t x[5], const uint64_t y[5]) {
    int64_t borrow = 0;
VV_UNROLL
    for (int k = 0; k < 5; k++) {
        const int64_t t = (int64_t)x[k] - (int64_t)y[k] + borrow;
        borrow = t >> W;  // 0 or -1
        out[k] = (uint64_t)t & MASK;
    }
    return borrow != 0;
}

// 2 x mod p for x < p < 2^255, on four 64-bit limbs.
VV_FP64_CONSTEXPR void double_mod(uint64_t x[4], const uint64_t p[4]) {
    uint64_t d[4] = {x[0] << 1, (x[1] << 1) | (x[0] >> 63), (x[2] << 1) | (x[1] >> 63), (x[3] << 1) | (x[2] >> 63)};
    uint64_t s[4] = {0, 0, 0, 0};
    uint64_t borrow = 0;
    for (int i = 0; i < 4; i++) {
        const uint64_t t = d[i] - p[i];
        const uint64_t b1 = d[i] < p[i];
        s[i] = t - borrow;
        borrow = b1 | (t < borrow);
    }
    for (int i = 0; i < 4; i++) x[i] = borrow ? d[i] : s[i];
}

template <class T>
VV_FP64_CONSTEXPR limbs5 modulus() {
    const uint64_t p[4] = {T::P0, T::P1, T::P2, T::P3};
    return split(p);
}

// 2p's limbs (2p < 2^256: its top limb is 2^47).
template <class T>
VV_FP64_CONSTEXPR limbs5 twice_modulus() {
    const uint64_t p2[4] = {T::P0 << 1, (T::P1 << 1) | (T::P0 >> 63), (T::P2 << 1) | (T::P1 >> 63),
                            (T::P3 << 1) | (T::P2 >> 63)};
    return split(p2);
}

// 2^260 mod p (the form's one) from mont256's one, 2^256 mod p, doubled four times.
template <class T>
VV_FP64_CONSTEXPR limbs5 form_one() {
    const uint64_t p[4] = {T::P0, T::P1, T::P2, T::P3};
    uint64_t x[4] = {T::ONE0, T::ONE1, T::ONE2, T::ONE3};
    for (int i = 0; i < 4; i++) double_mod(x, p);
    return split(x);
}

}  // namespace fp52n_detail

template <class T>
struct fp52n {
    uint64_t l[5];

    VV_INLINE static fp52n of(const fp52n_detail::limbs5 &c) { return fp52n{{c.v[0], c.v[1], c.v[2], c.v[3], c.v[4]}}; }
    VV_INLINE static fp52n zero() { return fp52n{{0, 0, 0, 0, 0}}; }
    VV_INLINE static fp52n one() {
        constexpr fp52n_detail::limbs5 c = fp52n_detail::form_one<T>();
        return of(c);
    }

    // V = 0 or V = p.
    VV_INLINE bool is_zero() const {
        constexpr fp52n_detail::limbs5 p = fp52n_detail::modulus<T>();
        const uint64_t z = l[0] | l[1] | l[2] | l[3] | l[4];
        const uint64_t e = (l[0] ^ p.v[0]) | (l[1] ^ p.v[1]) | (l[2] ^ p.v[2]) | (l[3] ^ p.v[3]) | (l[4] ^ p.v[4]);
        return z == 0 || e == 0;
    }

    // x when take_x, else y, limb by limb (a select, no branch).
    VV_INLINE static fp52n pick(bool take_x, const uint64_t x[5], const uint64_t y[5]) {
        fp52n out;
VV_UNROLL
        for (int k = 0; k < 5; k++) out.l[k] = take_x ? x[k] : y[k];
        return out;
    }

    // a + b, less 2p when at or above it (a + b < 4p < 2^257: no carry out of limb 4).
    VV_INLINE friend fp52n operator+(const fp52n &a, const fp52n &b) {
        constexpr fp52n_detail::limbs5 q = fp52n_detail::twice_modulus<T>();
        uint64_t s[5], d[5];
        fp52n_detail::add_limbs(s, a.l, b.l);
        const bool below = fp52n_detail::sub_limbs(d, s, q.v);
        return pick(below, s, d);
    }

    // a - b, plus 2p when a < b: in (0, 2p).
    VV_INLINE friend fp52n operator-(const fp52n &a, const fp52n &b) {
        constexpr fp52n_detail::limbs5 q = fp52n_detail::twice_modulus<T>();
        uint64_t d[5], s[5];
        const bool below = fp52n_detail::sub_limbs(d, a.l, b.l);
        fp52n_detail::add_limbs(s, d, q.v);
        return pick(below, s, d);
    }

    VV_INLINE fp52n dbl() const { return *this + *this; }

    // For the NTT's lazy butterfly (ntt/radix2.cuh), whose values run up to 4p (< 2^256), which the product takes
    // (A B < 16 p^2: below 1.25 p) and to_mont too. V less 2p when at or above it: below 2p for V < 4p.
    VV_INLINE fp52n below_2p() const {
        constexpr fp52n_detail::limbs5 q = fp52n_detail::twice_modulus<T>();
        uint64_t d[5];
        const bool below = fp52n_detail::sub_limbs(d, l, q.v);
        return pick(below, l, d);
    }

    // a + b, not reduced: below 4p for a, b < 2p.
    VV_INLINE static fp52n sum_unreduced(const fp52n &a, const fp52n &b) {
        fp52n out;
        fp52n_detail::add_limbs(out.l, a.l, b.l);
        return out;
    }

    // a - b + 2p in one pass over the limbs: in (0, 4p) for a < 2p, b < 2p.
    VV_INLINE static fp52n diff_plus_2p(const fp52n &a, const fp52n &b) {
        constexpr fp52n_detail::limbs5 q = fp52n_detail::twice_modulus<T>();
        fp52n out;
        int64_t carry = 0;
VV_UNROLL
        for (int k = 0; k < 5; k++) {
            const int64_t t = (int64_t)a.l[k] + (int64_t)q.v[k] - (int64_t)b.l[k] + carry;
            carry = t >> fp52n_detail::W;  // arithmetic: -1, 0 or 1
            out.l[k] = (uint64_t)t & fp52n_detail::MASK;
        }
        return out;
    }

    // 2p - V (or 0 for V = 0): in [0, 2p).
    VV_INLINE fp52n operator-() const { return zero() - *this; }

    VV_FIELD_MUL friend fp52n operator*(const fp52n a, const fp52n b) {
        double x[5], y[5];
VV_UNROLL
        for (int k = 0; k < 5; k++) {
            x[k] = fp64::to_double(a.l[k]);
            y[k] = fp64::to_double(b.l[k]);
        }
        fp52n r;
        fp64::fp52_core<T>(r.l, x, y);
        return r;
    }

    // fp52_core_sqr: 15 limb products where the product makes 25. A call taking its operand by value, as the
    // product: a member function's operand would go through local memory (its this pointer).
    VV_FIELD_MUL friend fp52n square(const fp52n a) {
        double x[5];
VV_UNROLL
        for (int k = 0; k < 5; k++) x[k] = fp64::to_double(a.l[k]);
        fp52n r;
        fp64::fp52_core_sqr<T>(r.l, x);
        return r;
    }

    VV_INLINE fp52n sqr() const { return square(*this); }

    // From mont256's x 2^256 (x < p): 16 x reduced by its top bits (the header).
    VV_INLINE static fp52n from(const mont256<T> &m) {
        constexpr fp52n_detail::limbs5 p = fp52n_detail::modulus<T>();
        int64_t v[5];
VV_UNROLL
        for (int k = 0; k < 5; k++) v[k] = (int64_t)fp64::field_bits(m.l, fp52n_detail::W * k - 4, fp52n_detail::W);
        const int64_t q = v[4] >> 46;  // bits 254.. of 16 x
        v[4] &= (1ll << 46) - 1;
        // + p - q c, c = p - 2^254: limbs 0..2 are c's, limb 3 is 0 and limb 4 is 2^46.
VV_UNROLL
        for (int k = 0; k < 3; k++) v[k] += (int64_t)p.v[k] - q * (int64_t)p.v[k];
        v[4] += (int64_t)p.v[4];
        fp52n out;
        int64_t carry = 0;
VV_UNROLL
        for (int k = 0; k < 5; k++) {
            const int64_t t = v[k] + carry;
            carry = t >> fp52n_detail::W;  // arithmetic: the borrows of the negative limbs
            out.l[k] = (uint64_t)t & fp52n_detail::MASK;
        }
        return out;
    }

    // To mont256 (below p): x with x 2^-256 = V 2^-260, so x = V / 16 mod p, which is (V + k p) / 16 for the k < 16
    // that makes V + k p a multiple of 16: p = 1 mod 16 (p = 1 mod 2^32 for Pasta), so k = -V mod 16. From V < 4p
    // (the NTT's lazy values; 2p elsewhere), (V + k p) / 16 < 19 p / 16, and one subtraction of p brings it below p.
    // Shifts and small products only, where a product with 2^256 mod p did it until 2026-11-27.
    VV_INLINE mont256<T> to_mont() const {
        static_assert((T::P0 & 15) == 1, "p = 1 mod 16");
        constexpr fp52n_detail::limbs5 p = fp52n_detail::modulus<T>();
        const uint64_t k = (0 - l[0]) & 15;
        uint64_t v[5];
        uint64_t carry = 0;
VV_UNROLL
        for (int i = 0; i < 5; i++) {  // each limb below 2^52 + 15 * 2^52 + a carry: no overflow
            const uint64_t t = l[i] + k * p.v[i] + carry;
            carry = t >> fp52n_detail::W;
            v[i] = t & fp52n_detail::MASK;
        }
        // V + k p < 19 p < 2^259: v[4] < 2^51 and no carry out. Limb i sits at bit 52 i - 4 of the quotient (v[0]'s
        // low 4 bits are zero).
        const uint64_t q[4] = {(v[0] >> 4) | (v[1] << 48), (v[1] >> 16) | (v[2] << 36), (v[2] >> 28) | (v[3] << 24),
                               (v[3] >> 40) | (v[4] << 12)};
        return mont256<T>::reduce_once(q);
    }
};

template <class F>
struct fp52n_of;
template <class T>
struct fp52n_of<mont256<T>> {
    typedef fp52n<T> type;
};

// A kernel's field elements F (mont256, in memory) worked on in G: F itself, or fp52n (converted as they are loaded,
// and back as they are stored).
template <class F, class G>
struct form;
template <class F>
struct form<F, F> {
    VV_INLINE static F in(const F &x) { return x; }
    VV_INLINE static F out(const F &x) { return x; }
};
template <class T>
struct form<mont256<T>, fp52n<T>> {
    VV_INLINE static fp52n<T> in(const mont256<T> &x) { return fp52n<T>::from(x); }
    VV_INLINE static mont256<T> out(const fp52n<T> &x) { return x.to_mont(); }
};

}  // namespace vv
