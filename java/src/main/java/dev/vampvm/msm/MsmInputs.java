package dev.vampvm.msm;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;

/** Argument checks shared by the MSM entry points: every refusal names what was wrong. */
final class MsmInputs {

    private MsmInputs() {
    }

    /** Checks n, offsets and array lengths, and that every scalar is below the group order. */
    static void check(ShortWeierstrassCurve curve, long[] bases, int basesOffset, long[] scalars, int scalarsOffset, int n) {
        checkShape(curve, bases, basesOffset, scalars, scalarsOffset, n);
        checkScalars(curve, scalars, scalarsOffset, n);
    }

    static void checkShape(ShortWeierstrassCurve curve, long[] bases, int basesOffset, long[] scalars, int scalarsOffset, int n) {
        if (curve == null) {
            throw new IllegalArgumentException("curve is null");
        }
        checkCount(n);
        checkRange("bases", bases, basesOffset, n, ShortWeierstrassCurve.AFFINE_LONGS);
        checkRange("scalars", scalars, scalarsOffset, n, MontgomeryField.LIMBS);
    }

    static void checkCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative number of terms: " + n);
        }
    }

    /** That array[offset .. offset + n·width) exists. */
    static void checkRange(String what, long[] array, int offset, int n, int width) {
        if (array == null) {
            throw new IllegalArgumentException(what + " array is null");
        }
        if (offset < 0) {
            throw new IllegalArgumentException(what + " offset is negative: " + offset);
        }
        long end = offset + (long) n * width;
        if (end > array.length) {
            throw new IllegalArgumentException(what + ": " + n + " elements of " + width + " longs from offset " + offset
                    + " need " + end + " longs, array has " + array.length);
        }
    }

    /** Montgomery-form scalars must be fully reduced: a raw value ≥ the order is not a field element. */
    static void checkScalars(ShortWeierstrassCurve curve, long[] scalars, int scalarsOffset, int n) {
        MontgomeryField fr = curve.scalarField();
        for (int i = 0; i < n; i++) {
            if (!fr.isCanonical(scalars, scalarsOffset + 4 * i)) {
                throw nonCanonical(curve, i);
            }
        }
    }

    static IllegalArgumentException nonCanonical(ShortWeierstrassCurve curve, int i) {
        return new IllegalArgumentException("scalar " + i + " is not a reduced element of " + curve.scalarField().name()
                + " (Montgomery form must be below the order of " + curve.name() + ")");
    }
}
