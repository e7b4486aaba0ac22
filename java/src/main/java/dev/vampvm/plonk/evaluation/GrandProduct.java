package dev.vampvm.plonk.evaluation;

import dev.vampvm.backend.ScalarVector;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * A grand product Z over H built on an engine that keeps its own memory (the permutation's and the lookups'), so that
 * Z is committed where it is made. Z lives in one vector of n elements: the caller writes the start Z(1) at row 0
 * and the per-row ratios r_j at rows 1..usable ({@link #ratios}); {@link #accumulate} turns that into
 * Z(ω^(j+1)) = Z(ω^j)·r_j with one running product, and {@link #blind} draws the rows after usable.
 *
 * <p>The Java engine computes the same values on the host ({@link #onHost}): field products do not depend on their
 * order, so Z, and with the same random rows the proof, is the same on both.
 */
public final class GrandProduct {
    private static final MontgomeryField F = Fp.FIELD;
    /** Rows a block of {@link #onHost}'s ratios: one inversion each, against 3·BLOCK multiplications. */
    private static final int HOST_BLOCK = 1024;

    private GrandProduct() {
    }

    /**
     * Z on the host, for an engine whose vectors live there: Z(1) = start, Z(ω^(j+1)) = Z(ω^j)·num_j/den_j over the
     * {@code usable} rows, into a fresh vector of n elements (those after row usable zero, for the caller's blinding).
     * The ratios are made in parallel blocks, one inversion each (Montgomery's trick), so that the one pass left in
     * order is the running product, one multiplication a row. Overwrites den with 1/den and num with num/den.
     */
    public static long[] onHost(long[] num, long[] den, int usable, long[] start, int n) {
        inRowBlocks(usable, (from, to) -> {
            F.batchInvert(den, 4 * from, to - from, new long[4 * (to - from)]);
            for (int j = from; j < to; j++) {
                F.mul(num, 4 * j, den, 4 * j, num, 4 * j);
            }
        });
        long[] z = new long[4 * n];
        System.arraycopy(start, 0, z, 0, 4);
        for (int j = 0; j < usable; j++) {
            F.mul(z, 4 * j, num, 4 * j, z, 4 * (j + 1));
        }
        return z;
    }

    /** Rows [from, to) of a block. */
    @FunctionalInterface
    public interface RowBlock {
        void run(int from, int to);
    }

    /**
     * Rows 0 … rows − 1 in blocks of {@value #HOST_BLOCK}, the blocks in parallel: how the host paths make a product's
     * numerators and denominators and then its ratios ({@link #onHost}).
     */
    public static void inRowBlocks(int rows, RowBlock body) {
        IntStream.range(0, (rows + HOST_BLOCK - 1) / HOST_BLOCK).parallel()
                .forEach(b -> body.run(b * HOST_BLOCK, Math.min(rows, (b + 1) * HOST_BLOCK)));
    }

    /** Rows 1..usable of z, where the ratios r_0 … r_(usable−1) go before {@link #accumulate}. */
    public static ScalarVector ratios(ScalarVector z, int usable) {
        return z.slice(1, usable + 1);
    }

    /** Row 0 of z, where the start Z(1) goes. */
    public static ScalarVector start(ScalarVector z) {
        return z.slice(0, 1);
    }

    /** Rows 0..usable of z: (Z(1), r_0, …) becomes (Z(1), Z(ω), …, Z(ω^usable)). */
    public static void accumulate(ScalarVector z, int usable) {
        z.backend().runningProduct(z.slice(0, usable + 1));
    }

    /**
     * Fills the rows after usable with random values, drawn in row order as the host path draws them (the same
     * generator gives the same proof on every engine).
     */
    public static void blind(ScalarVector z, int usable, RandomGenerator rng) {
        int rows = z.size() - usable - 1;
        long[] random = new long[4 * rows];
        for (int r = 0; r < rows; r++) {
            F.random(rng, random, 4 * r);
        }
        z.backend().upload(random, 0, z.slice(usable + 1, z.size()));
    }

    /** Z(ω^usable): the row the closing check reads and where the next permutation chunk starts. */
    public static ScalarVector last(ScalarVector z, int usable) {
        return z.slice(usable, usable + 1);
    }

    /** Whether Z(ω^usable) = 1 (one element comes back to the host). */
    public static boolean closes(ScalarVector z, int usable) {
        return F.isOne(z.backend().download(last(z, usable)), 0);
    }
}
