// The IPA's generator folding, out_i = lo_i + [u] hi_i, affine in and out, one point per thread. u is the
// canonical form of a public challenge, so double-and-add (variable time) is fine; the per-point inversion
// for the affine result is the obvious cost to remove (a batch inversion) once it can be measured.
#pragma once

#include "../ec/pasta_curves.cuh"

namespace vv {
namespace msm {

struct scalar_limbs {
    uint64_t l[4];
};

template <class F>
VV_INLINE void fold_body(uint32_t i, const affine_t<F> *lo, const affine_t<F> *hi, scalar_limbs u,
                         affine_t<F> *out) {
    proj_t<F> p = mul_canonical(proj_t<F>::from_affine(hi[i]), u.l);
    out[i] = to_affine(add_mixed(p, lo[i]));
}

}  // namespace msm
}  // namespace vv
