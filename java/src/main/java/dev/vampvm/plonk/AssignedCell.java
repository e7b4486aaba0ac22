package dev.vampvm.plonk;

import dev.vampvm.field.Fp;
import java.util.Objects;

/**
 * A cell together with the value it holds, as {@link Assignment} hands it back. In shape-only mode (keygen)
 * advice and instance values are unknown and read as zero; see {@link Assignment#hasWitness()}.
 */
public record AssignedCell(Cell cell, Fp value) {

    public AssignedCell {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(value, "value");
    }

    public Column column() {
        return cell.column();
    }

    public int row() {
        return cell.row();
    }
}
