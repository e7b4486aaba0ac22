// fp64.cuh's products against kernels/ff/mont256.cuh's on the host, for Fp and Fq (and kernels/ff/fp52n.cuh's squaring
// against its product): random values below p and the edge
// values (0, 1, 2, p - 1, p - 2, 2^254 - 1, R mod p and its neighbours), every pair. The FP64 products' rounding toward
// zero is std::fma under FE_TOWARDZERO here, as __fma_rz is on the device. Built and run by host_check.sh; exits 1 on
// the first disagreement.
#include <cfenv>
#include <cstdio>
#include <random>
#include <vector>

#include "ff/fp52n.cuh"
#include "ff/pasta.cuh"
#include "fp64.cuh"

using namespace vv;

// A core in its own representation (fp64_native: R = 2^(N W)), on inputs below 2p as its chains of products feed it:
// X Y 2^-(N W) is mont256's X Y 2^-256 times 2^(256 - N W), which mont256 gets as a product with 2^(512 - N W).
template <class T, int N, int W>
static bool check_native(const char *field, const char *core, const std::vector<mont256<T>> &reduced,
                         const uint64_t p[4]) {
    typedef mont256<T> F;
    typedef probe::fp64_native<T, N, W> G;
    std::vector<F> values;  // each reduced value and, where it fits below 2p, itself plus p
    for (const F &v : reduced) {
        values.push_back(v);
        uint64_t r[4];
        if (add4(r, v.l, p) == 0 && (r[3] >> 63) == 0) values.push_back(F{{r[0], r[1], r[2], r[3]}});
    }
    F scale = F::zero();
    const int bit = 512 - N * W;  // 252 or 224
    scale.l[bit / 64] = 1ull << (bit % 64);
    long pairs = 0;
    for (const F &x : values) {
        for (const F &y : values) {
            const F want = (F::reduce_once(x.l) * F::reduce_once(y.l)) * scale;
            uint64_t r[4];
            (G::of(x.l) * G::of(y.l)).to_limbs(r);
            if (F::reduce_once(r) != want) {
                std::printf("%s: %s disagrees for x = %016llx%016llx%016llx%016llx, y = %016llx%016llx%016llx%016llx\n",
                            field, core, (unsigned long long)x.l[3], (unsigned long long)x.l[2],
                            (unsigned long long)x.l[1], (unsigned long long)x.l[0], (unsigned long long)y.l[3],
                            (unsigned long long)y.l[2], (unsigned long long)y.l[1], (unsigned long long)y.l[0]);
                return false;
            }
            pairs++;
        }
    }
    std::printf("%s: %s agrees on %ld pairs below 2p\n", field, core, pairs);
    return true;
}

// kernels/ff/fp52n.cuh's squaring (fp52_core_sqr) against its product of a value with itself, with the FP64 units'
// rounding as the device's: the same limbs, for each value converted in (below 2p), doubled (below 2p) and doubled
// unreduced (below 4p, as the NTT's lazy butterflies feed their products).
template <class T>
static bool check_square(const char *field, const std::vector<mont256<T>> &reduced) {
    typedef fp52n<T> G;
    long n = 0;
    for (const mont256<T> &v : reduced) {
        const G x = G::from(v);
        for (const G &y : {x, x + x, G::sum_unreduced(x, x)}) {
            const G a = y.sqr(), b = y * y;
            for (int k = 0; k < 5; k++) {
                if (a.l[k] != b.l[k]) {
                    std::printf("%s: fp52n's squaring disagrees with its product for %016llx%016llx%016llx%016llx\n",
                                field, (unsigned long long)v.l[3], (unsigned long long)v.l[2],
                                (unsigned long long)v.l[1], (unsigned long long)v.l[0]);
                    return false;
                }
            }
            n++;
        }
    }
    std::printf("%s: fp52n's squaring agrees with its product on %ld values\n", field, n);
    return true;
}

template <class T>
static bool check(const char *field, std::mt19937_64 &rng) {
    typedef mont256<T> F;
    const uint64_t p[4] = {T::P0, T::P1, T::P2, T::P3};
    std::vector<F> values;
    auto add = [&](uint64_t a, uint64_t b, uint64_t c, uint64_t d) { values.push_back(F{{a, b, c, d}}); };
    add(0, 0, 0, 0);
    add(1, 0, 0, 0);
    add(2, 0, 0, 0);
    add(p[0] - 1, p[1], p[2], p[3]);
    add(p[0] - 2, p[1], p[2], p[3]);
    add(~0ull, ~0ull, ~0ull, (1ull << 62) - 1);
    add(T::ONE0, T::ONE1, T::ONE2, T::ONE3);
    add(T::ONE0 + 1, T::ONE1, T::ONE2, T::ONE3);
    add(T::ONE0 - 1, T::ONE1, T::ONE2, T::ONE3);
    add(0, 0, 0, 1ull << 62);  // 2^254 < p
    for (int i = 0; i < 400; i++) {
        F v{{rng(), rng(), rng(), rng() & ((1ull << 63) - 1)}};
        // Below p: values of 255 bits reduced once (p > 2^254, so at most once).
        uint64_t r[4];
        if (!sub4(r, v.l, p)) v = F{{r[0], r[1], r[2], r[3]}};
        values.push_back(v);
    }
    long pairs = 0;
    for (const F &x : values) {
        for (const F &y : values) {
            const F want = x * y;
            uint64_t r[4];
            probe::fp52<T>(r, x.l, y.l);
            const F got52 = F::reduce_once(r);
            probe::fp48<T>(r, x.l, y.l);
            const F got48 = F::reduce_once(r);
            if (got52 != want || got48 != want) {
                std::printf("%s: %s disagrees for x = %016llx%016llx%016llx%016llx, y = %016llx%016llx%016llx%016llx\n",
                            field, got52 != want ? "fp52" : "fp48", (unsigned long long)x.l[3],
                            (unsigned long long)x.l[2], (unsigned long long)x.l[1], (unsigned long long)x.l[0],
                            (unsigned long long)y.l[3], (unsigned long long)y.l[2], (unsigned long long)y.l[1],
                            (unsigned long long)y.l[0]);
                return false;
            }
            pairs++;
        }
    }
    std::printf("%s: fp52 and fp48 agree with mont256.cuh's product on %ld pairs\n", field, pairs);
    return check_native<T, 5, 52>(field, "fp52_core", values, p) &&
           check_native<T, 6, 48>(field, "fp48_core", values, p) && check_square<T>(field, values);
}

int main() {
    if (std::fesetround(FE_TOWARDZERO) != 0) {
        std::printf("cannot round toward zero on this machine\n");
        return 1;
    }
    std::mt19937_64 rng(20261126);
    return check<fp_traits>("Fp", rng) && check<fq_traits>("Fq", rng) ? 0 : 1;
}
