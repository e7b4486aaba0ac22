package dev.vampvm.plonk;

import dev.vampvm.field.Fp;

/**
 * What a circuit writes during {@link Circuit#synthesize}: cell values, enabled selectors, copy constraints and
 * constants. Every row must be a usable row (0 … {@link #usableRows()} − 1); anything else is refused with an
 * {@link IllegalArgumentException} that names the row and the usable range. Cells left unassigned hold zero.
 */
public interface Assignment {

    ConstraintSystem constraintSystem();

    /** log2 of the number of rows. */
    int k();

    /** The number of rows, 2^k. */
    default int n() {
        return 1 << k();
    }

    /** The number of usable rows: n − (blinding factors + 1). */
    int usableRows();

    /**
     * Whether advice and instance values are real. False in shape-only mode (keygen): then advice values are
     * dropped and {@link #instance} reads zero, so a circuit that would divide by a witness value should check
     * this first.
     */
    boolean hasWitness();

    AssignedCell assignAdvice(AdviceColumn column, int row, Fp value);

    /**
     * Assigns {@code count} consecutive advice cells from {@code fromRow}: row {@code fromRow + i} gets the value
     * whose Montgomery-form limbs are {@code montgomeryLimbs[offset + 4i] … [offset + 4i + 3]} (as
     * {@link Fp#copyInto} writes them). The same as {@link #assignAdvice(AdviceColumn, int, Fp)} row by row, for
     * circuits that compute a column's witness in bulk, without an {@link Fp} and a cell object per value.
     *
     * <p>A row outside the usable rows is refused with the message {@code assignAdvice} gives for the first such
     * row; so is a value that is not below the modulus, a negative count ({@link IllegalArgumentException}) and a
     * range past the array's end ({@link IndexOutOfBoundsException}). Whether rows before a refused one were
     * written is unspecified ({@link DenseAssignment} writes none).
     */
    default void assignAdvice(AdviceColumn column, int fromRow, long[] montgomeryLimbs, int offset, int count) {
        MontgomeryRows.check(column, fromRow, montgomeryLimbs, offset, count);
        for (int i = 0; i < count; i++) {
            assignAdvice(column, fromRow + i, MontgomeryRows.value(montgomeryLimbs, offset, i));
        }
    }

    /**
     * Writes a fixed cell. Refused for selector columns (use {@link #enableSelector}) and constant columns
     * (use {@link #assignConstant}/{@link #constrainConstant}), whose cells this assignment manages.
     */
    AssignedCell assignFixed(FixedColumn column, int row, Fp value);

    /**
     * Assigns {@code count} consecutive fixed cells from Montgomery-form limbs: what
     * {@link #assignAdvice(AdviceColumn, int, long[], int, int)} is to advice cells, with the refusals of
     * {@link #assignFixed(FixedColumn, int, Fp)}.
     */
    default void assignFixed(FixedColumn column, int fromRow, long[] montgomeryLimbs, int offset, int count) {
        MontgomeryRows.check(column, fromRow, montgomeryLimbs, offset, count);
        for (int i = 0; i < count; i++) {
            assignFixed(column, fromRow + i, MontgomeryRows.value(montgomeryLimbs, offset, i));
        }
    }

    /** Sets the selector to 1 at the row. */
    void enableSelector(Selector selector, int row);

    /** The public value at a row of an instance column (zero beyond the values supplied) and its cell. */
    AssignedCell instance(InstanceColumn column, int row);

    /** Constrains two cells to be equal. Both columns must have equality enabled. */
    void copy(Cell left, Cell right);

    /**
     * Assigns an advice cell to a constant and constrains it to that constant: the value is placed in a cell
     * of a constant column and copied. Needs a constant column and equality on the advice column.
     */
    AssignedCell assignConstant(AdviceColumn column, int row, Fp value);

    /** Constrains an already assigned cell (of an equality-enabled column) to equal a constant. */
    void constrainConstant(Cell cell, Fp value);

    /**
     * Attaches a label to a row, shown by the mock prover with any failure at that row (the compiler puts the
     * source position and expression here). A later label for the same row replaces an earlier one.
     */
    void annotateRow(int row, String label);
}
