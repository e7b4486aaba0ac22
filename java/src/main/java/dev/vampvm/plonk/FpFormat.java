package dev.vampvm.plonk;

import dev.vampvm.field.Fp;
import java.math.BigInteger;

/**
 * Short renderings of field elements for people: small values in decimal, values just below the modulus
 * as negative decimals (−1 reads better than 0x4000…0000), everything else in hex.
 */
public final class FpFormat {
    private static final BigInteger SMALL = BigInteger.ONE.shiftLeft(64);

    private FpFormat() {
    }

    public static String format(Fp value) {
        BigInteger v = value.toBigInteger();
        if (v.compareTo(SMALL) < 0) {
            return v.toString();
        }
        BigInteger minus = Fp.FIELD.modulus().subtract(v);
        if (minus.compareTo(SMALL) < 0) {
            return "-" + minus;
        }
        return "0x" + v.toString(16);
    }

    /** Whether {@link #format} renders the value with a leading minus sign. */
    static boolean looksNegative(Fp value) {
        return format(value).startsWith("-");
    }
}
