package dev.vampvm.field;

import java.math.BigInteger;

/** Conversions between 256-bit integers as four little-endian 64-bit limbs, bytes and BigInteger. */
public final class Limbs {
    private Limbs() {
    }

    /** Four limbs of a non-negative integer below 2^256. */
    public static long[] fromBigInteger(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 256) {
            throw new IllegalArgumentException("not a 256-bit unsigned integer: " + v);
        }
        long[] r = new long[4];
        for (int i = 0; i < 4; i++) {
            r[i] = v.shiftRight(64 * i).longValue();
        }
        return r;
    }

    public static BigInteger toBigInteger(long[] a, int ao) {
        BigInteger r = BigInteger.ZERO;
        for (int i = 3; i >= 0; i--) {
            r = r.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(a[ao + i])));
        }
        return r;
    }

    /** Reads 32 little-endian bytes. */
    public static long[] fromBytesLE(byte[] in, int io) {
        long[] r = new long[4];
        for (int i = 0; i < 4; i++) {
            long w = 0;
            for (int b = 7; b >= 0; b--) {
                w = (w << 8) | (in[io + 8 * i + b] & 0xFF);
            }
            r[i] = w;
        }
        return r;
    }

    /** Writes four limbs as 32 little-endian bytes. */
    public static void toBytesLE(long[] a, byte[] out, int oo) {
        for (int i = 0; i < 4; i++) {
            long w = a[i];
            for (int b = 0; b < 8; b++) {
                out[oo + 8 * i + b] = (byte) (w >>> (8 * b));
            }
        }
    }

    /** x −= y over four limbs, ignoring the final borrow. */
    static void subInPlace(long[] x, long[] y) {
        long borrow = 0;
        for (int i = 0; i < 4; i++) {
            long d = x[i] - y[i];
            long b1 = MontgomeryField.borrow(x[i], y[i], d);
            long e = d - borrow;
            long b2 = MontgomeryField.borrow(d, borrow, e);
            x[i] = e;
            borrow = b1 | b2;
        }
    }

    /** Bit i of a 256-bit value in limbs (i may exceed 255: then 0). */
    public static int bit(long[] a, int i) {
        return i >= 256 ? 0 : (int) ((a[i >>> 6] >>> (i & 63)) & 1);
    }
}
