// The IPA's generator folding, out_i = lo_i + [u] hi_i, affine in and out, one point per thread. u is a public
// challenge, split on the host into GLV halves (ec/pasta_curves.cuh's mul_glv: 127 doublings instead of 255); the
// per-point inversion for the affine result is the next cost to remove (a batch inversion) once it can be measured.
#pragma once

#include "../ec/pasta_curves.cuh"

namespace vv {
namespace msm {

// 256 bits by value: a scalar's canonical limbs, or GLV halves (k1 in l[0..1], k2 in l[2..3]).
struct scalar_limbs {
    uint64_t l[4];
};

template <class F>
VV_INLINE void fold_body(uint32_t i, const affine_t<F> *lo, const affine_t<F> *hi, scalar_limbs halves,
                         uint32_t signs, F zeta, affine_t<F> *out) {
    proj_t<F> p = mul_glv(proj_t<F>::from_affine(hi[i]), halves.l, signs, zeta);
    out[i] = to_affine(add_mixed(p, lo[i]));
}

}  // namespace msm
}  // namespace vv
