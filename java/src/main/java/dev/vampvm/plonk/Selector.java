package dev.vampvm.plonk;

import java.util.Objects;

/**
 * A fixed column whose every cell is 0 or 1, switching gates on and off row by row. It is an ordinary
 * {@link FixedColumn} to the proof system; the flag (see {@link ConstraintSystem#isSelector}) lets the mock
 * prover say "selector" in messages and lets a later optimiser combine several selectors into one column.
 * Cells are set only through {@link Assignment#enableSelector}, which is what keeps them boolean.
 */
public record Selector(FixedColumn column) {

    public Selector {
        Objects.requireNonNull(column, "column");
    }

    /** The selector's value at the current row: the factor a gate is multiplied by. */
    public Expression.Query expr() {
        return column.cur();
    }

    public String name() {
        return column.name();
    }

    @Override
    public String toString() {
        return column.name();
    }
}
