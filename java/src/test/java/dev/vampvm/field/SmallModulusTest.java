package dev.vampvm.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A modulus far below 2^254 (Goldilocks, 2^64 − 2^32 + 1): reducing 32 or 64 random bytes must not fall
 * back to subtracting p some 2^192 times.
 */
class SmallModulusTest {

    @Test
    @Timeout(10)
    void uniformBytesReduceQuicklyForASmallModulus() {
        BigInteger p = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE.shiftLeft(32)).add(BigInteger.ONE);
        MontgomeryField f = new MontgomeryField("Goldilocks", p, 7);
        SplittableRandom rng = new SplittableRandom(1);
        byte[] b = new byte[64];
        long[] r = new long[4];
        for (int i = 0; i < 100; i++) {
            rng.nextBytes(b);
            f.fromUniformBytes(b, 0, r, 0);
            byte[] be = new byte[64];
            for (int j = 0; j < 64; j++) {
                be[j] = b[63 - j];
            }
            assertEquals(new BigInteger(1, be).mod(p), f.toBigInteger(r, 0));
            f.random(rng, r, 0);
            assertTrue(f.toBigInteger(r, 0).compareTo(p) < 0);
        }
    }
}
