package dev.vampvm.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The ChaCha20 expansion of a seed into field elements: the RFC's keystream, determinism, reduction, spread. */
class SeedExpanderTest {
    private static final MontgomeryField F = Fp.FIELD;
    private static final HexFormat HEX = HexFormat.of();

    /**
     * RFC 7539, appendix A.1, test vectors #1 to #4 of the ChaCha20 block function: all have the zero nonce the
     * expander uses, and they exercise the key's byte order and the block counter (0, 1, 2). The same bytes come
     * from OpenSSL's chacha20.
     */
    @Test
    void keystreamIsRfc7539ChaCha20WithZeroNonce() {
        byte[] zero = new byte[32];
        byte[] one = new byte[32];
        one[31] = 1;
        byte[] ff = new byte[32];
        ff[1] = (byte) 0xff;
        assertKeystream(zero, 0, "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
                + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
        assertKeystream(zero, 1, "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
                + "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f");
        assertKeystream(one, 1, "3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c949aa5a"
                + "8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64addeb006c13a0");
        assertKeystream(ff, 2, "72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca"
                + "13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096");
    }

    private static void assertKeystream(byte[] key, long block, String hex) {
        assertEquals(hex, HEX.formatHex(SeedExpander.keystream(key, block, 64)), "block " + block);
    }

    /** Element i is block i of one continuous keystream, reduced: whatever the chunks, across their boundaries. */
    @Test
    void elementIIsKeystreamBlockIReduced() {
        byte[] seed = seed(1);
        int n = 2 * SeedExpander.CHUNK + 5;
        int offset = 8;
        long[] out = new long[offset + 4 * n];
        SeedExpander.expand(F, seed, out, offset, n);
        byte[] stream = SeedExpander.keystream(seed, 0, n * SeedExpander.BYTES_PER_ELEMENT);
        long[] expected = new long[4];
        for (int i = 0; i < n; i++) {
            F.fromUniformBytes(stream, i * SeedExpander.BYTES_PER_ELEMENT, expected, 0);
            assertTrue(F.equal(expected, 0, out, offset + 4 * i), "element " + i);
        }
        assertArrayEquals(new long[offset], Arrays.copyOf(out, offset), "nothing written before the offset");
    }

    @Test
    void sameElementsForAnyThreadCount() throws Exception {
        byte[] seed = seed(2);
        int n = 5 * SeedExpander.CHUNK + 17;
        long[] reference = expand(seed, n);
        for (int threads : new int[] {1, 2, 4, 7}) {
            try (ForkJoinPool pool = new ForkJoinPool(threads)) {
                long[] inPool = pool.submit(() -> expand(seed, n)).get();
                assertArrayEquals(reference, inPool, threads + " threads");
            }
        }
    }

    @Test
    void sameSeedSameElementsOtherSeedOtherElements() {
        byte[] seed = seed(3);
        long[] a = expand(seed, 100);
        assertArrayEquals(a, expand(seed.clone(), 100));
        assertArrayEquals(Arrays.copyOf(a, 4 * 10), expand(seed, 10), "a prefix is the shorter expansion");
        for (int bit : new int[] {0, 7, 128, 255}) {
            byte[] other = seed.clone();
            other[bit / 8] ^= (byte) (1 << (bit % 8));
            long[] b = expand(other, 100);
            for (int i = 0; i < 100; i++) {
                assertFalse(F.equal(a, 4 * i, b, 4 * i), "bit " + bit + " flipped, element " + i);
            }
        }
    }

    @Test
    void everyElementIsReduced() {
        for (MontgomeryField field : List.of(Fp.FIELD, Fq.FIELD)) {
            int n = 1 << 14;
            long[] out = new long[4 * n];
            SeedExpander.expand(field, seed(4), out, 0, n);
            for (int i = 0; i < n; i++) {
                assertTrue(field.isCanonical(out, 4 * i), field + " element " + i);
            }
        }
    }

    /**
     * 2^16 elements: no repeats (a repeat among uniform elements has probability about 2^-222), and the top limb of
     * their values spread over 16 equal ranges below p's, each within 8 standard deviations of 2^12.
     */
    @Test
    void elementsLookUniform() {
        int n = 1 << 16;
        long[] out = expand(seed(5), n);
        Set<BigInteger> seen = new HashSet<>();
        BigInteger p = F.modulus();
        int[] buckets = new int[16];
        long[] canonical = new long[4];
        for (int i = 0; i < n; i++) {
            F.toCanonical(out, 4 * i, canonical, 0);
            BigInteger v = Limbs.toBigInteger(canonical, 0);
            assertTrue(seen.add(v), "element " + i + " repeats");
            buckets[v.shiftLeft(4).divide(p).intValueExact()]++;
        }
        double expected = n / 16.0;
        double sd = Math.sqrt(n * (1 / 16.0) * (15 / 16.0));
        for (int b = 0; b < 16; b++) {
            assertTrue(Math.abs(buckets[b] - expected) < 8 * sd, "range " + b + ": " + Arrays.toString(buckets));
        }
    }

    @Test
    void badArgumentsAreRefused() {
        long[] out = new long[16];
        assertThrows(IllegalArgumentException.class, () -> SeedExpander.expand(F, seed(6), out, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> SeedExpander.expand(F, new byte[31], out, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SeedExpander.expand(F, new byte[33], out, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SeedExpander.expand(F, null, out, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SeedExpander.expand(F, seed(6), out, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> SeedExpander.expand(F, seed(6), out, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> SeedExpander.expand(F, seed(6), out, -4, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeedExpander.expand(F, new byte[16], out, 0, 1));
        assertEquals("a seed is 32 bytes, got 16", e.getMessage());
        SeedExpander.expand(F, seed(6), out, 0, 0);
        SeedExpander.expand(F, seed(6), out, 12, 1);
        assertArrayEquals(new long[12], Arrays.copyOf(out, 12), "n = 0 writes nothing");
    }

    private static long[] expand(byte[] seed, int n) {
        long[] out = new long[4 * n];
        SeedExpander.expand(F, seed, out, 0, n);
        return out;
    }

    private static byte[] seed(long s) {
        byte[] seed = new byte[SeedExpander.SEED_BYTES];
        new SplittableRandom(s).nextBytes(seed);
        return seed;
    }
}
