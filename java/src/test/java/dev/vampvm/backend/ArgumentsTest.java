package dev.vampvm.backend;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Arguments#checkUpload}: every element checked, serially and on all cores, the first bad one named. */
class ArgumentsTest {

    private static final MontgomeryField F = Fp.FIELD;

    /** n reduced elements (random values below the modulus), from {@code offset} on in an array with room before. */
    private static long[] reduced(int offset, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] a = new long[offset + 4 * n];
        for (int i = 0; i < n; i++) {
            Fp.random(rng).copyInto(a, offset + 4 * i);
        }
        return a;
    }

    /** The modulus itself: its top limb equals the modulus's, so only the lower limbs show it is not reduced. */
    private static void putModulus(long[] a, int at) {
        for (int i = 0; i < 4; i++) {
            a[at + i] = F.modulus().shiftRight(64 * i).longValue();
        }
    }

    @Test
    void reducedElementsPassAtEverySize() {
        for (int n : new int[] {0, 1, 1000, Arguments.PARALLEL_CHECK_FROM - 1, Arguments.PARALLEL_CHECK_FROM,
                3 * Arguments.PARALLEL_CHECK_FROM + 7}) {
            Arguments.checkUpload(F, reduced(4, n, n), 4, n);
        }
    }

    @Test
    void theFirstElementNotReducedIsNamedSeriallyAndInParallel() {
        for (int n : new int[] {1000, 3 * Arguments.PARALLEL_CHECK_FROM + 7}) {
            for (int bad : new int[] {0, n / 3, n - 1}) {
                long[] a = reduced(4, n, bad);
                putModulus(a, 4 + 4 * bad);
                if (bad + 5 < n) {
                    a[4 + 4 * (n - 1) + 3] = -1L; // a later bad one, in another task of the parallel check
                }
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Arguments.checkUpload(F, a, 4, n));
                assertTrue(e.getMessage().equals("element " + bad + " is not a reduced " + F.name() + " value"),
                        n + " elements, bad at " + bad + ": " + e.getMessage());
            }
        }
    }

    @Test
    void aSourceTooShortIsRefusedBeforeAnyElementIsRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arguments.checkUpload(F, new long[4 * 10], 8, 10));
        assertTrue(e.getMessage().contains("cannot hold 40 longs at offset 8"), e.getMessage());
    }
}
