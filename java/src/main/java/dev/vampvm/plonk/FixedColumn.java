package dev.vampvm.plonk;

import java.util.Objects;

/** A column of values fixed at keygen (coefficients, selectors, constants, lookup tables). Create with {@link ConstraintSystem.Builder}. */
public record FixedColumn(int index, String name, SystemId system) implements Column {

    public FixedColumn {
        if (index < 0) {
            throw new IllegalArgumentException("column index must be non-negative, got " + index);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(system, "system");
    }

    @Override
    public ColumnKind kind() {
        return ColumnKind.FIXED;
    }

    @Override
    public String toString() {
        return name;
    }
}
