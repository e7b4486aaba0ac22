// Product-rate probes: mont256.cuh's product against the candidates in candidates.cuh and fp64.cuh, each inlined
// and as a call, in vv_probe_products_fp's pattern (four chains of products per thread, 4 * n * iters products),
// plus a check kernel that each candidate agrees with mont256.cuh's product on the probe's inputs. Built and run by run.sh.
// Then mont256.cuh's squaring against its product of a value with itself, in four chains of squarings.
//
// mont256.cuh's product and squaring are calls on the device unless VV_INLINE_FIELD_MUL is defined: without it (as
// before the squaring probes came), `mont256_inline` called the product and `mont256_call` called a function that
// called it, while the candidates were inlined.
#define VV_INLINE_FIELD_MUL
#include "candidates.cuh"
#include "fp64.cuh"

using namespace vv;

template <int V>
__device__ __forceinline__ fp_t product(const fp_t &x, const fp_t &y) {
    if (V == 0) return x * y;
    uint64_t r[4];
    if (V == 1) probe::cios64<fp_traits>(r, x.l, y.l);
    else if (V == 2) probe::radix29<fp_traits>(r, x.l, y.l);
    else if (V == 3) probe::fp52<fp_traits>(r, x.l, y.l);
    else probe::fp48<fp_traits>(r, x.l, y.l);
    return fp_t::reduce_once(r);
}

template <int V>
__device__ __noinline__ fp_t product_call(const fp_t &x, const fp_t &y) { return product<V>(x, y); }

#define PROBE(NAME, MUL)                                                                                  \
    extern "C" __global__ void NAME(fp_t *a, uint32_t n, int iters) {                                     \
        uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;                                               \
        if (i >= n) return;                                                                               \
        fp_t x = a[i], y = x + fp_t::one(), z = y + x, w = z + y;                                         \
        for (int k = 0; k < iters; k++) {                                                                 \
            x = MUL(x, y);                                                                                \
            y = MUL(y, z);                                                                                \
            z = MUL(z, w);                                                                                \
            w = MUL(w, x);                                                                                \
        }                                                                                                 \
        a[i] = x + y + z + w;                                                                             \
    }

PROBE(mont256_inline, product<0>)
PROBE(cios64_inline, product<1>)
PROBE(radix29_inline, product<2>)
PROBE(mont256_call, product_call<0>)
PROBE(cios64_call, product_call<1>)
PROBE(radix29_call, product_call<2>)
PROBE(fp52_inline, product<3>)
PROBE(fp48_inline, product<4>)
PROBE(fp52_call, product_call<3>)
PROBE(fp48_call, product_call<4>)

// fp64.cuh's cores in their own representation (fp64_native): converted from and to mont256's limbs once per thread,
// so that the chains time the product itself, as a kernel keeping its values in that form would run it (their last
// three products, which keep every chain's value live, are 1% more than probe.py counts).
#define PROBE_NATIVE(NAME, G)                                                                             \
    extern "C" __global__ void NAME(fp_t *a, uint32_t n, int iters) {                                     \
        uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;                                               \
        if (i >= n) return;                                                                               \
        fp_t x0 = a[i], y0 = x0 + fp_t::one(), z0 = y0 + x0, w0 = z0 + y0;                                \
        G x = G::of(x0.l), y = G::of(y0.l), z = G::of(z0.l), w = G::of(w0.l);                             \
        for (int k = 0; k < iters; k++) {                                                                 \
            x = x * y;                                                                                    \
            y = y * z;                                                                                    \
            z = z * w;                                                                                    \
            w = w * x;                                                                                    \
        }                                                                                                 \
        x = x * y;                                                                                        \
        z = z * w;                                                                                        \
        x = x * z;                                                                                        \
        x.to_limbs(a[i].l);                                                                               \
    }

typedef probe::fp64_native<fp_traits, 5, 52> fp52n_t;
typedef probe::fp64_native<fp_traits, 6, 48> fp48n_t;
PROBE_NATIVE(fp52n_inline, fp52n_t)
PROBE_NATIVE(fp48n_inline, fp48n_t)

// V = 0: the product of x with itself; 1: the dedicated squaring.
template <int V>
__device__ __forceinline__ fp_t square(const fp_t &x) { return V == 0 ? x * x : x.sqr(); }

template <int V>
__device__ __noinline__ fp_t square_call(const fp_t &x) { return square<V>(x); }

// Four independent chains of squarings, as repeated squaring runs in an exponentiation: 4 * n * iters squarings.
#define PROBE_SQUARE(NAME, SQR)                                                                           \
    extern "C" __global__ void NAME(fp_t *a, uint32_t n, int iters) {                                     \
        uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;                                               \
        if (i >= n) return;                                                                               \
        fp_t x = a[i], y = x + fp_t::one(), z = y + x, w = z + y;                                         \
        for (int k = 0; k < iters; k++) {                                                                 \
            x = SQR(x);                                                                                   \
            y = SQR(y);                                                                                   \
            z = SQR(z);                                                                                   \
            w = SQR(w);                                                                                   \
        }                                                                                                 \
        a[i] = x + y + z + w;                                                                             \
    }

PROBE_SQUARE(mul_self_inline, square<0>)
PROBE_SQUARE(sqr_inline, square<1>)
PROBE_SQUARE(mul_self_call, square_call<0>)
PROBE_SQUARE(sqr_call, square_call<1>)

// bad[0] += 1 for every i where a candidate's a[i] * (a[i] + 1) differs from mont256.cuh's, or mont256.cuh's
// squaring of a[i] or a[i] + 1 differs from its product of that value with itself.
extern "C" __global__ void agree(const fp_t *a, uint32_t n, unsigned int *bad) {
    uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    fp_t x = a[i], y = x + fp_t::one(), r = product<0>(x, y);
    if (product<1>(x, y) != r || product<2>(x, y) != r || product<3>(x, y) != r || product<4>(x, y) != r ||
        square<1>(x) != square<0>(x) ||
        square<1>(y) != square<0>(y))
        atomicAdd(bad, 1u);
}
