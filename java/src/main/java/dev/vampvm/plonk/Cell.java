package dev.vampvm.plonk;

import java.util.Objects;

/** One cell of the table: a column at an absolute row. */
public record Cell(Column column, int row) {

    public Cell {
        Objects.requireNonNull(column, "column");
    }

    @Override
    public String toString() {
        return column.name() + "@" + row;
    }
}
