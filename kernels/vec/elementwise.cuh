// Element-wise vector work of dev.vampvm.backend.Backend, one element per thread, and the per-thread part of
// the reductions (inner product, evaluation), whose block sums are added on the host.
#pragma once

#include "../ff/device_support.cuh"

namespace vv {
namespace vec {

template <class F> VV_INLINE void add_body(uint32_t i, const F *a, const F *b, F *out) { out[i] = a[i] + b[i]; }
template <class F> VV_INLINE void sub_body(uint32_t i, const F *a, const F *b, F *out) { out[i] = a[i] - b[i]; }
template <class F> VV_INLINE void mul_body(uint32_t i, const F *a, const F *b, F *out) { out[i] = a[i] * b[i]; }
template <class F> VV_INLINE void scale_body(uint32_t i, const F *a, F c, F *out) { out[i] = a[i] * c; }
template <class F> VV_INLINE void add_scaled_body(uint32_t i, const F *a, F c, const F *b, F *out) {
    out[i] = a[i] + c * b[i];
}
template <class F> VV_INLINE void add_constant_body(uint32_t i, const F *a, F c, F *out) { out[i] = a[i] + c; }
template <class F> VV_INLINE void fill_body(uint32_t i, F *out, F c) { out[i] = c; }
template <class F> VV_INLINE void powers_body(uint32_t i, F start, F x, F *out) { out[i] = start * x.pow(i); }
// Zeros stay zero (inv(0) = 0), as Backend.batchInvert promises. One exponentiation per element: the
// batch (Montgomery-trick) version is for a GPU session to measure against it.
template <class F> VV_INLINE void invert_body(uint32_t i, F *a) { a[i] = a[i].inv(); }

}  // namespace vec
}  // namespace vv
