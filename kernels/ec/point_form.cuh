// Points of a curve over F (mont256, as they are kept in memory) in the form G a kernel does its arithmetic in: F
// itself, or fp52n (ff/fp52n.cuh, the FP64 units), coordinate by coordinate through form<F, G>, and back.
#pragma once

#include "../ff/fp52n.cuh"
#include "pasta_curves.cuh"
#include "xyzz.cuh"

namespace vv {

template <class F, class G>
VV_INLINE affine_t<G> affine_in(const affine_t<F> &a) {
    return affine_t<G>{form<F, G>::in(a.x), form<F, G>::in(a.y)};
}

// Projective from affine, the (0, 0) identity as (0, 1, 0).
template <class F, class G>
VV_INLINE proj_t<G> proj_in(const affine_t<F> &a) {
    return proj_t<G>::from_affine(affine_in<F, G>(a));
}

template <class F, class G>
VV_INLINE proj_t<G> proj_in(const proj_t<F> &p) {
    return proj_t<G>{form<F, G>::in(p.x), form<F, G>::in(p.y), form<F, G>::in(p.z)};
}

template <class F, class G>
VV_INLINE proj_t<F> proj_out(const proj_t<G> &p) {
    return proj_t<F>{form<F, G>::out(p.x), form<F, G>::out(p.y), form<F, G>::out(p.z)};
}

template <class F, class G>
VV_INLINE xyzz_t<F> xyzz_out(const xyzz_t<G> &s) {
    return xyzz_t<F>{form<F, G>::out(s.x), form<F, G>::out(s.y), form<F, G>::out(s.zz), form<F, G>::out(s.zzz)};
}

}  // namespace vv
