package dev.vampvm.plonk;

/**
 * A column of the circuit's table. Columns are created only by {@link ConstraintSystem.Builder}; each
 * carries its index among the columns of its kind, a name used in messages, and the identity of the
 * constraint system that created it.
 */
public sealed interface Column permits AdviceColumn, FixedColumn, InstanceColumn {

    /** The index among the columns of this kind, in creation order. */
    int index();

    /** The name used in expressions' {@code toString} and in failure messages; unique within its system. */
    String name();

    /** The constraint system this column belongs to. */
    SystemId system();

    ColumnKind kind();

    /** This column read at the row {@code rotation} rows after the current one (negative: before). */
    default Expression.Query query(int rotation) {
        return new Expression.Query(this, rotation);
    }

    /** This column at the current row. */
    default Expression.Query cur() {
        return query(0);
    }

    /** This column at the next row. */
    default Expression.Query next() {
        return query(1);
    }

    /** This column at the previous row. */
    default Expression.Query prev() {
        return query(-1);
    }

    /** The cell of this column at an absolute row. */
    default Cell cell(int row) {
        return new Cell(this, row);
    }
}
