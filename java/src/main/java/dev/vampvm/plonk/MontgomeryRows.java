package dev.vampvm.plonk;

import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import java.util.Objects;

/**
 * The checks on a run of values given to {@link Assignment}'s bulk assignments as flat Montgomery limbs (four
 * longs a value, as {@link Fp#copyInto} writes them), shared by the interface's cell-by-cell default and
 * {@link DenseAssignment}'s copying override so that both refuse the same input the same way.
 */
final class MontgomeryRows {
    private static final int L = MontgomeryField.LIMBS;

    private MontgomeryRows() {
    }

    /**
     * Refuses a negative count, a range outside the array, and any value that is not a reduced Montgomery form
     * (not below the modulus): an {@link Fp} can never hold one, so a bulk write must not let one into the table.
     */
    static void check(Column column, int fromRow, long[] montgomeryLimbs, int offset, int count) {
        Objects.requireNonNull(montgomeryLimbs, "montgomeryLimbs");
        if (count < 0) {
            throw new IllegalArgumentException("cannot assign " + count + " cells of column " + column.name()
                    + ": the count must be non-negative");
        }
        Objects.checkFromIndexSize(offset, (long) L * count > Integer.MAX_VALUE ? -1 : L * count,
                montgomeryLimbs.length);
        for (int i = 0; i < count; i++) {
            int at = offset + L * i;
            if (!Fp.FIELD.isCanonical(montgomeryLimbs, at)) {
                throw new IllegalArgumentException("column " + column.name() + ": the value for row " + (fromRow + i)
                        + " (limbs at " + at + ") is not below the modulus; limbs must be a reduced"
                        + " Montgomery form");
            }
        }
    }

    /** The value at index i of the run. */
    static Fp value(long[] montgomeryLimbs, int offset, int i) {
        return Fp.fromMontgomery(montgomeryLimbs, offset + L * i);
    }
}
