// What kernels/vampvm.cu needs from CUDA C++, defined for the host compiler, so that native/kernel_emulator.cpp
// can compile vampvm.cu itself (not a copy) and run its kernels on the CPU. Include it before vampvm.cu, in
// one translation unit only (the built-in variables below are that unit's globals).
//
// The emulation model (kernel_emulator.cpp): one launch at a time, blocks one after another, the threads of a
// block interleaved only at __syncthreads(). So __shared__ can be a function-local static (one block at a
// time uses it), atomics can be plain read-modify-writes (kernels/ff/device_support.cuh's host stand-ins),
// and threadIdx/blockIdx are globals the scheduler sets before it runs or resumes a thread.
#pragma once

#if defined(__CUDACC__)
#error "cuda_host_shim.h is for the host compiler; nvcc builds kernels/vampvm.cu directly"
#endif

#include <stdint.h>

struct vv_emu_uint3 {
    uint32_t x, y, z;
};

// The built-in variables; y and z are always 0 (or 1 for the dimensions): vampvm.cu launches 1-D grids only.
extern vv_emu_uint3 threadIdx, blockIdx, blockDim, gridDim;

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __noinline__ __attribute__((noinline))
#define __launch_bounds__(...)
// Static storage: shared by the threads of the running block, reused by the next block, as on the device.
// Its contents do not survive from one block to the next on a GPU; here they do, which hides nothing a
// correct kernel relies on (a kernel that reads shared memory before writing it is wrong on both).
#define __shared__ static

namespace vv_emu {
// Waits until every thread of the block has arrived (kernel_emulator.cpp); reports a divergent barrier.
void syncthreads();
}  // namespace vv_emu
#define __syncthreads() ::vv_emu::syncthreads()

// CUDA's integer min/max overloads, as device code calls them unqualified.
template <class T>
inline T min(T a, T b) {
    return b < a ? b : a;
}
template <class T>
inline T max(T a, T b) {
    return a < b ? b : a;
}
