package dev.vampvm.plonk;

import java.util.Objects;

/** A column of public values, known to prover and verifier. Create with {@link ConstraintSystem.Builder}. */
public record InstanceColumn(int index, String name, SystemId system) implements Column {

    public InstanceColumn {
        if (index < 0) {
            throw new IllegalArgumentException("column index must be non-negative, got " + index);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(system, "system");
    }

    @Override
    public ColumnKind kind() {
        return ColumnKind.INSTANCE;
    }

    @Override
    public String toString() {
        return name;
    }
}
