package dev.vampvm.backend;

import dev.vampvm.field.MontgomeryField;
import java.util.List;
import java.util.stream.IntStream;

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

    /**
     * {@code n} elements at {@code src[offset..]} to upload: in range, and each a reduced element of the field; the
     * first that is not is named. Above {@link #PARALLEL_CHECK_FROM} elements the check runs in chunks on all cores: it
     * reads every byte of a column the host has not touched since it was written (32 MiB at 2^20 elements, a read from
     * DRAM), ~12 ms of a k = 20 GPU proof's ~65 ms of host work on one core (H200 machine, 509e65b, four columns).
     */
    public static void checkUpload(MontgomeryField f, long[] src, int offset, int n) {
        checkRange(src.length, offset, 4L * n, "source");
        int bad = n < PARALLEL_CHECK_FROM ? firstNotReduced(f, src, offset, 0, n)
                : IntStream.range(0, (n + CHECK_CHUNK - 1) / CHECK_CHUNK).parallel()
                        .map(c -> firstNotReduced(f, src, offset, c * CHECK_CHUNK, Math.min(n, (c + 1) * CHECK_CHUNK)))
                        .filter(i -> i >= 0).min().orElse(-1);
        if (bad >= 0) {
            throw new IllegalArgumentException("element " + bad + " is not a reduced " + f.name() + " value");
        }
    }

    /** Uploads of at least this many elements check them on all cores ({@link #checkUpload}). */
    static final int PARALLEL_CHECK_FROM = 1 << 16;
    /** Elements a task of the parallel check: 1 MiB of the source. */
    private static final int CHECK_CHUNK = 1 << 15;

    /** The first of elements [from, to) at {@code src[offset..]} that is not reduced, or -1. */
    private static int firstNotReduced(MontgomeryField f, long[] src, int offset, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!f.isCanonical(src, offset + 4 * i)) {
                return i;
            }
        }
        return -1;
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
