package dev.vampvm.msm;

/**
 * Recodings of scalars into signed digits.
 *
 * <p>Windowed (Booth) digits for Pippenger: digit j of a scalar k with window width c reads the c + 1 bits
 * k[cj − 1 .. cj + c − 1] (bit −1 is 0) and is d_j = v + k[cj − 1] − 2^c·k[cj + c − 1], v being the c bits
 * from cj. Then d_j ∈ [−2^(c−1), 2^(c−1)], and the telescoping sum Σ d_j·2^(cj) equals k as long as the top
 * bit read by the last window is 0: W windows cover scalars below 2^(cW − 1). Unlike carry propagation, each
 * digit is a function of its own c + 1 bits, so any window can be recoded on its own, in any thread,
 * without storing digits. The magnitude selects one of 2^(c−1) buckets and the sign negates the point,
 * which costs nothing in affine form.
 */
final class SignedDigits {

    private SignedDigits() {
    }

    /** The number of c-bit windows that cover scalars below 2^bits. */
    static int windows(int bits, int c) {
        return bits / c + 1;
    }

    /**
     * Booth digit {@code window} of the little-endian scalar k[ko .. ko + limbs), window width c ≤ 30; zero
     * past the end of the scalar.
     */
    static int booth(long[] k, int ko, int limbs, int window, int c) {
        int lo = window * c - 1;
        long bits;
        if (lo < 0) {
            bits = k[ko] << 1;
        } else {
            int li = lo >>> 6;
            if (li >= limbs) {
                return 0;
            }
            int sh = lo & 63;
            bits = k[ko + li] >>> sh;
            if (sh + c + 1 > 64 && li + 1 < limbs) {
                bits |= k[ko + li + 1] << (64 - sh);
            }
        }
        int v = (int) ((bits >>> 1) & ((1L << c) - 1));
        return v + (int) (bits & 1) - ((v >>> (c - 1)) << c);
    }

    /**
     * Width-w NAF of a non-negative scalar given as little-endian limbs (any length): digits[i] is the
     * coefficient of 2^i, each zero or odd with |d| < 2^(w−1), and no two non-zero digits are within w
     * positions of each other. Returns the number of digits written (the index above the top non-zero digit,
     * 0 for k = 0).
     *
     * @param digits at least 64·limbs + 1 entries
     */
    static int wnaf(long[] k, int ko, int limbs, int w, int[] digits) {
        // Work on a copy with one spare limb: subtracting a negative digit adds to k.
        long[] t = new long[limbs + 1];
        System.arraycopy(k, ko, t, 0, limbs);
        int half = 1 << (w - 1);
        int mask = (1 << w) - 1;
        int len = 0;
        int i = 0;
        while (!isZero(t)) {
            if ((t[0] & 1) != 0) {
                int d = (int) (t[0] & mask);
                if (d >= half) {
                    d -= 1 << w;
                }
                digits[i] = d;
                subtractSmall(t, d);
                len = i + 1;
            } else {
                digits[i] = 0;
            }
            shiftRightOne(t);
            i++;
        }
        return len;
    }

    private static boolean isZero(long[] t) {
        long acc = 0;
        for (long x : t) {
            acc |= x;
        }
        return acc == 0;
    }

    /** t −= d for a small signed d (t stays non-negative: d ≤ t's low bits when positive). */
    private static void subtractSmall(long[] t, int d) {
        if (d >= 0) {
            long before = t[0];
            t[0] = before - d;
            if (Long.compareUnsigned(before, d) < 0) {
                for (int j = 1; j < t.length && t[j]-- == 0; j++) {
                    // borrow ripples through zero limbs
                }
            }
        } else {
            long add = -(long) d;
            long before = t[0];
            t[0] = before + add;
            if (Long.compareUnsigned(t[0], before) < 0) {
                for (int j = 1; j < t.length && ++t[j] == 0; j++) {
                    // carry ripples through all-ones limbs
                }
            }
        }
    }

    private static void shiftRightOne(long[] t) {
        for (int j = 0; j < t.length - 1; j++) {
            t[j] = (t[j] >>> 1) | (t[j + 1] << 63);
        }
        t[t.length - 1] >>>= 1;
    }
}
