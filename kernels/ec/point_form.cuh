// Points of a curve over F (mont256, as they are kept in memory) in the form G a kernel does its arithmetic in: F
// itself, or fp52n (ff/fp52n.cuh, the FP64 units), coordinate by coordinate through form<F, G>, and back: a conversion is a
// shift and a reduction by the top bits one way and a division by 16 mod p the other (no product), so that a kernel
// converts the points it loads and stores rather than keeping them in memory in the form.
//
// With G = F each function returns its argument itself, a reference, not a copy: a copy of a point read from memory
// took its coordinates into registers (or, passed to a point formula that takes references, into local memory) where
// the formula reads them in place (by ptxas, sm_90: the bucket sums' later levels 136 registers against 114, the
// window sums' pair levels a 384-byte stack against 96). So a result is to be used within the expression that
// converts it, as every caller does: `const auto &p = proj_out<F, F>(add(a, b));` would keep a reference to a
// temporary that is gone.
#pragma once

#include "../ff/fp52n.cuh"
#include "pasta_curves.cuh"
#include "xyzz.cuh"

namespace vv {

template <class F, class G>
struct point_form {
    static constexpr bool converts = true;  // G is another form than F
    VV_INLINE static affine_t<G> affine_in(const affine_t<F> &a) {
        return affine_t<G>{form<F, G>::in(a.x), form<F, G>::in(a.y)};
    }
    VV_INLINE static proj_t<G> proj_in(const proj_t<F> &p) {
        return proj_t<G>{form<F, G>::in(p.x), form<F, G>::in(p.y), form<F, G>::in(p.z)};
    }
    VV_INLINE static proj_t<F> proj_out(const proj_t<G> &p) {
        return proj_t<F>{form<F, G>::out(p.x), form<F, G>::out(p.y), form<F, G>::out(p.z)};
    }
    VV_INLINE static xyzz_t<G> xyzz_in(const xyzz_t<F> &s) {
        return xyzz_t<G>{form<F, G>::in(s.x), form<F, G>::in(s.y), form<F, G>::in(s.zz), form<F, G>::in(s.zzz)};
    }
    VV_INLINE static xyzz_t<F> xyzz_out(const xyzz_t<G> &s) {
        return xyzz_t<F>{form<F, G>::out(s.x), form<F, G>::out(s.y), form<F, G>::out(s.zz), form<F, G>::out(s.zzz)};
    }
};

template <class F>
struct point_form<F, F> {
    static constexpr bool converts = false;
    VV_INLINE static const affine_t<F> &affine_in(const affine_t<F> &a) { return a; }
    VV_INLINE static const proj_t<F> &proj_in(const proj_t<F> &p) { return p; }
    VV_INLINE static const proj_t<F> &proj_out(const proj_t<F> &p) { return p; }
    VV_INLINE static const xyzz_t<F> &xyzz_in(const xyzz_t<F> &s) { return s; }
    VV_INLINE static const xyzz_t<F> &xyzz_out(const xyzz_t<F> &s) { return s; }
};

template <class F, class G>
VV_INLINE decltype(auto) affine_in(const affine_t<F> &a) {
    return point_form<F, G>::affine_in(a);
}

// Projective from affine, the (0, 0) identity as (0, 1, 0).
template <class F, class G>
VV_INLINE proj_t<G> proj_in(const affine_t<F> &a) {
    return proj_t<G>::from_affine(affine_in<F, G>(a));
}

template <class F, class G>
VV_INLINE decltype(auto) proj_in(const proj_t<F> &p) {
    return point_form<F, G>::proj_in(p);
}

template <class F, class G>
VV_INLINE decltype(auto) proj_out(const proj_t<G> &p) {
    return point_form<F, G>::proj_out(p);
}

template <class F, class G>
VV_INLINE decltype(auto) xyzz_in(const xyzz_t<F> &s) {
    return point_form<F, G>::xyzz_in(s);
}

template <class F, class G>
VV_INLINE decltype(auto) xyzz_out(const xyzz_t<G> &s) {
    return point_form<F, G>::xyzz_out(s);
}

}  // namespace vv
