// Extended Jacobian ("XYZZ") coordinates for the MSM's buckets: (X, Y, ZZ, ZZZ) stands for the affine point
// (X / ZZ, Y / ZZZ), with ZZ^3 = ZZZ^2; ZZ = 0 is the identity. Formulas for a = 0 from the Explicit-Formulas
// Database (Bernstein and Lange, "short Weierstrass, XYZZ"): madd-2008-s (mixed add, 8M + 2S),
// add-2008-s (12M + 2S), dbl-2008-s-1 (6M + 3S). The RCB projective formulas (pasta_curves.cuh) cost 11M and
// 12M and are complete; these are not: P + Q divides by x(Q) - x(P), so P = Q (the doubling instead),
// P = -Q (the identity) and the identity on either side are branches here. A bucket meets every one of
// them: a repeated base, a base and its negation, the identity among the bases, a partial sum that is
// still the identity. The branches diverge a warp only on those rare inputs.
//
// Pasta's groups have prime order, so no point has y = 0 and doubling a non-identity point never meets
// the identity.
#pragma once

#include "pasta_curves.cuh"

namespace vv {

template <class F>
struct xyzz_t {
    F x, y, zz, zzz;
    VV_INLINE bool is_identity() const { return zz.is_zero(); }
    VV_INLINE static xyzz_t identity() { return xyzz_t{F::one(), F::one(), F::zero(), F::zero()}; }
    VV_INLINE static xyzz_t from_affine(const affine_t<F> &a) {
        return a.is_identity() ? identity() : xyzz_t{a.x, a.y, F::one(), F::one()};
    }
};

// dbl-2008-s-1 with a = 0. The identity (ZZ = 0) doubles to ZZ' = V * 0 = 0, the identity, with no branch. A call
// taking its point by value: the inlined additions call it only for P = Q, and by value the call costs them no stack.
template <class F>
VV_POINT_FN xyzz_t<F> dbl(const xyzz_t<F> p) {
    F u = p.y.dbl();
    F v = u.sqr();
    F w = u * v;
    F s = p.x * v;
    F xx = p.x.sqr();
    F m = xx.dbl() + xx;
    F x3 = m.sqr() - s.dbl();
    F y3 = m * (s - x3) - w * p.y;
    return xyzz_t<F>{x3, y3, v * p.zz, w * p.zzz};
}

// madd-2008-s: p + q with q affine (the (0, 0) encoding is the identity).
template <class F>
VV_XYZZ_FN xyzz_t<F> add_mixed(const xyzz_t<F> &p, const affine_t<F> &q) {
    if (q.is_identity()) return p;
    if (p.is_identity()) return xyzz_t<F>::from_affine(q);
    F u2 = q.x * p.zz;
    F s2 = q.y * p.zzz;
    F pd = u2 - p.x;
    F r = s2 - p.y;
    if (pd.is_zero()) return r.is_zero() ? dbl(xyzz_t<F>::from_affine(q)) : xyzz_t<F>::identity();
    F pp = pd.sqr();
    F ppp = pd * pp;
    F qq = p.x * pp;
    F x3 = r.sqr() - ppp - qq.dbl();
    F y3 = r * (qq - x3) - p.y * ppp;
    return xyzz_t<F>{x3, y3, p.zz * pp, p.zzz * ppp};
}

// add-2008-s: p + q, both XYZZ.
template <class F>
VV_XYZZ_FN xyzz_t<F> add(const xyzz_t<F> &p, const xyzz_t<F> &q) {
    if (q.is_identity()) return p;
    if (p.is_identity()) return q;
    F u1 = p.x * q.zz;
    F u2 = q.x * p.zz;
    F s1 = p.y * q.zzz;
    F s2 = q.y * p.zzz;
    F pd = u2 - u1;
    F r = s2 - s1;
    if (pd.is_zero()) return r.is_zero() ? dbl(p) : xyzz_t<F>::identity();
    F pp = pd.sqr();
    F ppp = pd * pp;
    F qq = u1 * pp;
    F x3 = r.sqr() - ppp - qq.dbl();
    F y3 = r * (qq - x3) - s1 * ppp;
    return xyzz_t<F>{x3, y3, p.zz * q.zz * pp, p.zzz * q.zzz * ppp};
}

// The projective (X, Y, Z) of pasta_curves.cuh with Z = ZZ * ZZZ: X / Z = x * ZZZ / (ZZ * ZZZ), and likewise
// for y. 3M.
template <class F>
VV_INLINE proj_t<F> to_proj(const xyzz_t<F> &p) {
    if (p.is_identity()) return proj_t<F>::identity();
    return proj_t<F>{p.x * p.zzz, p.y * p.zz, p.zz * p.zzz};
}

}  // namespace vv
