// Field elements expanded from a 32-byte seed, as dev.vampvm.field.SeedExpander makes them on the host: element i is
// block i of the seed's ChaCha20 keystream (RFC 7539: the seed as the key, a zero nonce, block counter i), its 64
// bytes reduced as MontgomeryField.fromUniformBytes reduces them. One thread per element; SeedExpanderTest pins the
// host side to RFC 7539's test vectors, and the engine suites check this one against it.
#pragma once

#include "../ff/device_support.cuh"

namespace vv {
namespace vec {

VV_INLINE uint32_t rotl32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

#define VV_CHACHA_QR(a, b, c, d)                                                                           \
    a += b; d ^= a; d = rotl32(d, 16);                                                                      \
    c += d; b ^= c; b = rotl32(b, 12);                                                                      \
    a += b; d ^= a; d = rotl32(d, 8);                                                                       \
    c += d; b ^= c; b = rotl32(b, 7);

// The 16 words of ChaCha20 block `counter` for a key of 8 little-endian words and a zero nonce.
VV_INLINE void chacha20_block(const uint32_t key[8], uint32_t counter, uint32_t out[16]) {
    const uint32_t init[16] = {0x61707865u, 0x3320646eu, 0x79622d32u, 0x6b206574u, key[0], key[1], key[2], key[3],
                               key[4],      key[5],      key[6],      key[7],      counter, 0u,     0u,     0u};
    uint32_t x[16];
    for (int i = 0; i < 16; i++) x[i] = init[i];
    for (int round = 0; round < 10; round++) {
        VV_CHACHA_QR(x[0], x[4], x[8], x[12])
        VV_CHACHA_QR(x[1], x[5], x[9], x[13])
        VV_CHACHA_QR(x[2], x[6], x[10], x[14])
        VV_CHACHA_QR(x[3], x[7], x[11], x[15])
        VV_CHACHA_QR(x[0], x[5], x[10], x[15])
        VV_CHACHA_QR(x[1], x[6], x[11], x[12])
        VV_CHACHA_QR(x[2], x[7], x[8], x[13])
        VV_CHACHA_QR(x[3], x[4], x[9], x[14])
    }
    for (int i = 0; i < 16; i++) out[i] = x[i] + init[i];
}

#undef VV_CHACHA_QR

// The seed as ChaCha20's key: 32 bytes by value, as four little-endian 64-bit words.
struct seed_words {
    uint64_t l[4];
};

// Thread i: out[i] = element i of the seed's expansion. The block's first 32 bytes are lo, the next 32 hi (little
// endian); x = lo + hi * 2^256 mod p in Montgomery form is lo * R^2 * R^-1 + hi * R^3 * R^-1 with lo and hi reduced
// first (below 2^256 < 4p: at most three subtractions), r3 = R^3 mod p as plain limbs, as the host computes it.
template <class F>
VV_INLINE void expand_seed_body(uint32_t i, seed_words seed, F r3, F *out) {
    uint32_t key[8];
    for (int j = 0; j < 4; j++) {
        key[2 * j] = (uint32_t)seed.l[j];
        key[2 * j + 1] = (uint32_t)(seed.l[j] >> 32);
    }
    uint32_t w[16];
    chacha20_block(key, i, w);
    uint64_t lo[4], hi[4];
    for (int j = 0; j < 4; j++) {
        lo[j] = (uint64_t)w[2 * j] | ((uint64_t)w[2 * j + 1] << 32);
        hi[j] = (uint64_t)w[8 + 2 * j] | ((uint64_t)w[8 + 2 * j + 1] << 32);
    }
    F a = F::reduce_once(lo), b = F::reduce_once(hi);
    a = F::reduce_once(a.l);
    b = F::reduce_once(b.l);
    a = F::reduce_once(a.l);
    b = F::reduce_once(b.l);
    out[i] = a * F::r2() + b * r3;
}

}  // namespace vec
}  // namespace vv
