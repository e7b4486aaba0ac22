// A host build of the kernels' arithmetic headers behind a small C ABI, reached from Java through JNA
// (dev.vampvm.backend.cuda.HostArithmetic). It exists so that the exact code the GPU runs (same source,
// compiled for the host) is checked against dev.vampvm.field and dev.vampvm.curve on machines without a
// GPU. Every value crosses the ABI as little-endian 64-bit limbs in Montgomery form, laid out as the Java
// flat arrays: 4 limbs per field element, 8 per affine point (x, y), 12 per projective point (X, Y, Z).
#include <string.h>

#include "../kernels/ec/pasta_curves.cuh"

#define VV_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

template <class F> F load(const uint64_t *p) { F r; memcpy(r.l, p, 32); return r; }
template <class F> void store(uint64_t *out, const F &x) { memcpy(out, x.l, 32); }
template <class F> vv::proj_t<F> load_proj(const uint64_t *p) {
    return vv::proj_t<F>{load<F>(p), load<F>(p + 4), load<F>(p + 8)};
}
template <class F> vv::affine_t<F> load_affine(const uint64_t *p) {
    return vv::affine_t<F>{load<F>(p), load<F>(p + 4)};
}
template <class F> void store_proj(uint64_t *out, const vv::proj_t<F> &p) {
    store(out, p.x); store(out + 4, p.y); store(out + 8, p.z);
}
template <class F> void store_affine(uint64_t *out, const vv::affine_t<F> &p) {
    store(out, p.x); store(out + 4, p.y);
}

}  // namespace

// Bumped whenever a signature below changes; HostArithmetic refuses a library of another version.
VV_EXPORT int vv_abi_version(void) { return 1; }

#define VV_FIELD_ABI(NAME, F)                                                                              \
    VV_EXPORT void vv_##NAME##_add(uint64_t *r, const uint64_t *a, const uint64_t *b) {                    \
        store(r, load<F>(a) + load<F>(b));                                                                  \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_sub(uint64_t *r, const uint64_t *a, const uint64_t *b) {                    \
        store(r, load<F>(a) - load<F>(b));                                                                  \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_mul(uint64_t *r, const uint64_t *a, const uint64_t *b) {                    \
        store(r, load<F>(a) * load<F>(b));                                                                  \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_neg(uint64_t *r, const uint64_t *a) { store(r, -load<F>(a)); }              \
    VV_EXPORT void vv_##NAME##_sqr(uint64_t *r, const uint64_t *a) { store(r, load<F>(a).sqr()); }         \
    VV_EXPORT void vv_##NAME##_inv(uint64_t *r, const uint64_t *a) { store(r, load<F>(a).inv()); }         \
    VV_EXPORT void vv_##NAME##_pow(uint64_t *r, const uint64_t *a, uint64_t e) {                           \
        store(r, load<F>(a).pow(e));                                                                        \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_from_canonical(uint64_t *r, const uint64_t *a) {                            \
        store(r, F::from_canonical(a));                                                                     \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_to_canonical(uint64_t *r, const uint64_t *a) { load<F>(a).to_canonical(r); }

VV_FIELD_ABI(fp, vv::fp_t)
VV_FIELD_ABI(fq, vv::fq_t)

#define VV_CURVE_ABI(NAME, F)                                                                              \
    VV_EXPORT void vv_##NAME##_add(uint64_t *r, const uint64_t *p, const uint64_t *q) {                    \
        store_proj(r, vv::add(load_proj<F>(p), load_proj<F>(q)));                                           \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_add_mixed(uint64_t *r, const uint64_t *p, const uint64_t *q) {              \
        store_proj(r, vv::add_mixed(load_proj<F>(p), load_affine<F>(q)));                                   \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_dbl(uint64_t *r, const uint64_t *p) {                                       \
        store_proj(r, vv::dbl(load_proj<F>(p)));                                                            \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_neg(uint64_t *r, const uint64_t *p) {                                       \
        store_proj(r, vv::neg(load_proj<F>(p)));                                                            \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_to_affine(uint64_t *r, const uint64_t *p) {                                 \
        store_affine(r, vv::to_affine(load_proj<F>(p)));                                                    \
    }                                                                                                       \
    VV_EXPORT void vv_##NAME##_mul(uint64_t *r, const uint64_t *p, const uint64_t *k) {                    \
        store_proj(r, vv::mul_canonical(load_proj<F>(p), k));                                               \
    }

VV_CURVE_ABI(pallas, vv::fp_t)
VV_CURVE_ABI(vesta, vv::fq_t)
