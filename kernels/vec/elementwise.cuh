// Element-wise vector work of dev.vampvm.backend.Backend, one element per thread, the per-thread part of
// the reductions (inner product, evaluation), whose block sums are added on the host, and of the running product.
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

// Elements per thread of the power tables (powers, twiddles, coset scalings): one exponentiation per chunk, then one
// product per element.
constexpr uint32_t POWERS_CHUNK = 16;

// Thread c: out[i] = start * base^i for i in [c * POWERS_CHUNK, min(n, (c + 1) * POWERS_CHUNK)).
template <class F>
VV_INLINE void powers_chunk_body(uint32_t c, F start, F base, F *out, uint32_t n) {
    const uint32_t from = c * POWERS_CHUNK;
    const uint32_t to = n - from < POWERS_CHUNK ? n : from + POWERS_CHUNK;
    F v = start * base.pow(from);
    for (uint32_t i = from; i < to; i++) {
        out[i] = v;
        v = v * base;
    }
}

// Thread c: a[i] *= start * base^i over its chunk (the NTT's coset scalings).
template <class F>
VV_INLINE void scale_by_powers_chunk_body(uint32_t c, F *a, F start, F base, uint32_t n) {
    const uint32_t from = c * POWERS_CHUNK;
    const uint32_t to = n - from < POWERS_CHUNK ? n : from + POWERS_CHUNK;
    F v = start * base.pow(from);
    for (uint32_t i = from; i < to; i++) {
        a[i] = a[i] * v;
        v = v * base;
    }
}

// Elements per thread of the batch inversion: one inversion per chunk, three products per element (Montgomery's
// trick), against ~380 products for an inversion each. The prefix products live in the thread's local memory. The
// chunk is a launch argument, a power of two from INVERT_CHUNK to INVERT_MAX_CHUNK (CudaBackend.invertChunk): the
// least that leaves at most ~2^15 threads. At 16 a vector of 2^20 took 2^16 inversions, ~2.5e7 products, which made
// the launch throughput-bound on them (0.81 ms on an H200 at c779eb6, about the product rate's figure for that work);
// at 32, half of that, where the thread's chain (32 + ~380 + 64 products) is about the launch's time anyway. Small
// vectors keep 16: their time is the chain. Since 2026-11-27; untimed.
constexpr uint32_t INVERT_CHUNK = 16;
constexpr uint32_t INVERT_MAX_CHUNK = 64;

// Thread c inverts a[i] for i in its chunk of `chunk` elements (at most INVERT_MAX_CHUNK); zeros stay zero (inv(0) =
// 0), as Backend.batchInvert promises.
template <class F> VV_INLINE void invert_chunk_body(uint32_t c, F *a, uint32_t n, uint32_t chunk) {
    const uint32_t from = c * chunk;
    const uint32_t to = n - from < chunk ? n : from + chunk;
    F prefix[INVERT_MAX_CHUNK];
    F acc = F::one();
    for (uint32_t i = from; i < to; i++) {
        prefix[i - from] = acc;
        if (!a[i].is_zero()) acc = acc * a[i];
    }
    F inv = acc.inv();
    for (uint32_t i = to; i-- > from;) {
        if (!a[i].is_zero()) {
            const F x = a[i];
            a[i] = inv * prefix[i - from];
            inv = inv * x;
        }
    }
}

// Elements per thread of the running product (Backend.runningProduct): each thread multiplies its chunk through
// serially (one product per element), so that a block of 256 threads covers 256 * SCAN_CHUNK elements and the
// shared-memory scan, the levels and the launches are SCAN_CHUNK times fewer than at one element per thread.
constexpr uint32_t SCAN_CHUNK = 8;

// Thread c: a[i] = a[from] * ... * a[i] over its chunk, in place; returns the chunk's product (one past n, so that
// threads past the end leave their block's scan unchanged).
template <class F> VV_INLINE F scan_chunk_body(uint32_t c, F *a, uint32_t n) {
    const uint32_t from = c * SCAN_CHUNK;
    if (from >= n) return F::one();
    const uint32_t to = n - from < SCAN_CHUNK ? n : from + SCAN_CHUNK;
    F acc = a[from];
    for (uint32_t i = from + 1; i < to; i++) {
        acc = acc * a[i];
        a[i] = acc;
    }
    return acc;
}

// Thread c: its chunk times the product of everything before it (the chunks' carry-in).
template <class F> VV_INLINE void scale_chunk_body(uint32_t c, F *a, uint32_t n, F carry) {
    const uint32_t from = c * SCAN_CHUNK;
    const uint32_t to = from >= n ? from : n - from < SCAN_CHUNK ? n : from + SCAN_CHUNK;
    for (uint32_t i = from; i < to; i++) a[i] = a[i] * carry;
}

}  // namespace vec
}  // namespace vv
