// What the kernel bodies need from their surroundings, with a host stand-in for each, so that native/ can
// run the bodies serially (one "thread" after another) and the tests can check the algorithms of the
// kernels, not only their arithmetic, without a GPU.
#pragma once

#include <stdint.h>

#include "mont256.cuh"

namespace vv {

// Atomic add returning the old value. On the host the emulation is single-threaded.
VV_INLINE uint32_t atomic_add_u32(uint32_t *p, uint32_t v) {
#if defined(__CUDA_ARCH__)
    return atomicAdd(p, v);
#else
    uint32_t old = *p;
    *p = old + v;
    return old;
#endif
}

// The low `bits` bits of i, reversed.
VV_INLINE uint32_t bit_reverse(uint32_t i, int bits) {
#if defined(__CUDA_ARCH__)
    return bits == 0 ? 0 : __brev(i) >> (32 - bits);
#else
    uint32_t r = 0;
    for (int b = 0; b < bits; b++) r |= ((i >> b) & 1u) << (bits - 1 - b);
    return r;
#endif
}

}  // namespace vv
