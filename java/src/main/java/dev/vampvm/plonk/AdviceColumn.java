package dev.vampvm.plonk;

import java.util.Objects;

/** A column of private values filled by the prover. Create with {@link ConstraintSystem.Builder}. */
public record AdviceColumn(int index, String name, SystemId system) implements Column {

    public AdviceColumn {
        if (index < 0) {
            throw new IllegalArgumentException("column index must be non-negative, got " + index);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(system, "system");
    }

    @Override
    public ColumnKind kind() {
        return ColumnKind.ADVICE;
    }

    @Override
    public String toString() {
        return name;
    }
}
