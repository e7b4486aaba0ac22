package dev.vampvm.backend;

import dev.vampvm.field.MontgomeryField;
import java.util.List;

/** The argument checks every engine makes the same way, so that they refuse the same calls with the same words. */
public final class Arguments {
    private Arguments() {
    }

    /** A constant must be one reduced element of the field (four limbs, Montgomery form). */
    public static void checkElement(MontgomeryField f, long[] c) {
        if (c.length != 4 || !f.isCanonical(c, 0)) {
            throw new IllegalArgumentException("not a reduced " + f.name() + " element");
        }
    }

    /** {@code count} longs at {@code offset} must fit in an array of {@code length}. */
    public static void checkRange(int length, int offset, long count, String what) {
        if (offset < 0 || offset + count > length) {
            throw new IllegalArgumentException(what + " array of " + length + " longs cannot hold " + count
                    + " longs at offset " + offset);
        }
    }

    /** {@code n} elements at {@code src[offset..]} to upload: in range, and each a reduced element of the field. */
    public static void checkUpload(MontgomeryField f, long[] src, int offset, int n) {
        checkRange(src.length, offset, 4L * n, "source");
        for (int i = 0; i < n; i++) {
            if (!f.isCanonical(src, offset + 4 * i)) {
                throw new IllegalArgumentException("element " + i + " is not a reduced " + f.name() + " value");
            }
        }
    }

    /** A slice [from, to) of a vector of {@code size} elements must lie inside it. */
    public static void checkSlice(int from, int to, int size) {
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") of a vector of " + size);
        }
    }

    /** A batch of vectors for one operation: at least one, all of one size. */
    public static void checkBatch(List<? extends ScalarVector> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("an empty batch");
        }
        int size = batch.get(0).size();
        for (ScalarVector v : batch) {
            if (v.size() != size) {
                throw new IllegalArgumentException("a batch of vectors of " + size + " and " + v.size() + " elements");
            }
        }
    }

    /**
     * A {@link PointProgram} over {@code sourceSize / size} sources of {@code size} points (a power of two), its
     * output of {@code size} points, all in one field: the operands in range and every constant and factor reduced.
     */
    public static void checkPointProgram(PointProgram p, MontgomeryField sourceField, int sourceSize,
            MontgomeryField outField, int size) {
        if (sourceField != outField) {
            throw new IllegalArgumentException("sources over " + sourceField.name() + ", output over " + outField.name());
        }
        if (size < 1 || Integer.bitCount(size) != 1 || sourceSize % size != 0) {
            throw new IllegalArgumentException("a point program over " + size + " points with sources of "
                    + sourceSize + " elements");
        }
        if (p.factors().length / 4 > size) {
            throw new IllegalArgumentException(p.factors().length / 4 + " factors for " + size + " points");
        }
        p.check(sourceSize / size, size);
        for (long[] table : new long[][] {p.constants(), p.factors()}) {
            for (int i = 0; i < table.length; i += 4) {
                if (!outField.isCanonical(table, i)) {
                    throw new IllegalArgumentException("a point program's constant " + i / 4 + " is not a reduced "
                            + outField.name() + " element");
                }
            }
        }
    }
}
