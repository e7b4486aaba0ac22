// The two Pasta fields as instances of mont256 (constants as in docs/pasta.md; R = 2^256).
// Fp: the Pallas base field, Vesta's scalar field. Fq: the Vesta base field, Pallas's scalar field.
#pragma once

#include "mont256.cuh"

namespace vv {

struct fp_traits {
    static constexpr uint64_t P0 = 0x992d30ed00000001ULL, P1 = 0x224698fc094cf91bULL, P2 = 0, P3 = 0x4000000000000000ULL;
    static constexpr uint64_t ONE0 = 0x34786d38fffffffdULL, ONE1 = 0x992c350be41914adULL,
                              ONE2 = 0xffffffffffffffffULL, ONE3 = 0x3fffffffffffffffULL;
    static constexpr uint64_t R20 = 0x8c78ecb30000000fULL, R21 = 0xd7d30dbd8b0de0e7ULL,
                              R22 = 0x7797a99bc3c95d18ULL, R23 = 0x096d41af7b9cb714ULL;
};

struct fq_traits {
    static constexpr uint64_t P0 = 0x8c46eb2100000001ULL, P1 = 0x224698fc0994a8ddULL, P2 = 0, P3 = 0x4000000000000000ULL;
    static constexpr uint64_t ONE0 = 0x5b2b3e9cfffffffdULL, ONE1 = 0x992c350be3420567ULL,
                              ONE2 = 0xffffffffffffffffULL, ONE3 = 0x3fffffffffffffffULL;
    static constexpr uint64_t R20 = 0xfc9678ff0000000fULL, R21 = 0x67bb433d891a16e3ULL,
                              R22 = 0x7fae231004ccf590ULL, R23 = 0x096d41af7ccfdaa9ULL;
};

typedef mont256<fp_traits> fp_t;
typedef mont256<fq_traits> fq_t;

}  // namespace vv
