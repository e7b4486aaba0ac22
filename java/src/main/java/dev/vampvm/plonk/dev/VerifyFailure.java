package dev.vampvm.plonk.dev;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.Cell;
import dev.vampvm.plonk.Column;
import dev.vampvm.plonk.Expression;
import dev.vampvm.plonk.Expression.Query;
import dev.vampvm.plonk.FpFormat;
import dev.vampvm.plonk.InstanceColumn;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One reason a table does not satisfy its constraint system, as {@link MockProver} reports it. Each case carries
 * the data a tool needs (gate, row, cells, values) and renders a message a person can act on with
 * {@link #message()}. Row annotations ({@link dev.vampvm.plonk.Assignment#annotateRow}) are shown in brackets.
 */
public sealed interface VerifyFailure {

    /** A human-readable description of the failure. */
    String message();

    /** A queried cell and its value; {@code value} is null when the cell was never assigned. */
    record CellValue(Query query, int row, Fp value) {
        @Override
        public String toString() {
            return query + " = " + (value == null ? "unassigned" : FpFormat.format(value));
        }
    }

    /** A gate constraint that does not evaluate to zero at a usable row. */
    record ConstraintNotSatisfied(String gate, int gateIndex, int constraintIndex, String constraintName,
            Expression polynomial, int row, String annotation, List<CellValue> cells) implements VerifyFailure {
        public ConstraintNotSatisfied {
            cells = List.copyOf(cells);
        }

        @Override
        public String message() {
            String constraint = constraintName.isEmpty() ? "(\"" + polynomial + "\")"
                    : "\"" + constraintName + "\" (\"" + polynomial + "\")";
            return "gate \"" + gate + "\" constraint " + constraintIndex + " " + constraint
                    + " is not satisfied at row " + row + label(annotation) + ": "
                    + cells.stream().map(CellValue::toString).collect(Collectors.joining(", "));
        }
    }

    /**
     * A gate, where it is not switched off, reads an advice cell that was never assigned: either the circuit
     * forgot it, or the gate reaches past the usable rows into the blinding rows (where the prover puts random
     * values).
     */
    record CellNotAssigned(String gate, int gateIndex, int constraintIndex, int gateRow, Query query, int row,
            boolean blindingRow, String annotation) implements VerifyFailure {
        public Column column() {
            return query.column();
        }

        @Override
        public String message() {
            String base = "gate \"" + gate + "\" constraint " + constraintIndex + " at row " + gateRow + label(annotation)
                    + " reads advice cell " + query.column().name() + "@" + row + " (" + query + "), ";
            return base + (blindingRow
                    ? "which is a blinding row: a gate enabled at row " + gateRow + " may not reach past the usable rows"
                    : "which was never assigned");
        }
    }

    /** A gate, where it is not switched off, reads an instance cell for which no public value was given. */
    record InstanceCellNotAssigned(String gate, int gateIndex, int constraintIndex, int gateRow, Query query, int row,
            int valuesGiven, String annotation) implements VerifyFailure {
        public InstanceColumn column() {
            return (InstanceColumn) query.column();
        }

        @Override
        public String message() {
            return "gate \"" + gate + "\" constraint " + constraintIndex + " at row " + gateRow + label(annotation)
                    + " reads instance cell " + query.column().name() + "@" + row + " (" + query + "), but only "
                    + valuesGiven + " public values were given for " + query.column().name();
        }
    }

    /** A copy constraint between two cells that hold different values. */
    record Permutation(Cell cell, Fp value, Cell other, Fp otherValue, boolean otherIsConstant, String annotation)
            implements VerifyFailure {
        public Column column() {
            return cell.column();
        }

        public int row() {
            return cell.row();
        }

        @Override
        public String message() {
            return "copy constraint " + cell + " = " + other + (otherIsConstant ? " (a constant)" : "")
                    + " is not satisfied" + label(annotation) + ": " + cell + " = " + FpFormat.format(value) + " but "
                    + other + " = " + FpFormat.format(otherValue);
        }
    }

    /** A row whose lookup input tuple is not among the table's rows. */
    record Lookup(String name, int lookupIndex, int row, List<Expression> inputs, List<Fp> values, String annotation)
            implements VerifyFailure {
        public Lookup {
            inputs = List.copyOf(inputs);
            values = List.copyOf(values);
        }

        @Override
        public String message() {
            return "lookup \"" + name + "\" is not satisfied at row " + row + label(annotation) + ": ("
                    + inputs.stream().map(Expression::toString).collect(Collectors.joining(", ")) + ") = ("
                    + values.stream().map(FpFormat::format).collect(Collectors.joining(", "))
                    + ") is not in the table";
        }
    }

    /** The wrong number of instance columns was supplied. */
    record InstanceColumnCount(int expected, int actual) implements VerifyFailure {
        @Override
        public String message() {
            return "the circuit has " + expected + " instance columns but " + actual + " were given";
        }
    }

    /** An instance column was given more values than there are usable rows (the excess is ignored). */
    record InstanceColumnTooLong(InstanceColumn column, int values, int usableRows) implements VerifyFailure {
        @Override
        public String message() {
            return "instance column " + column.name() + " was given " + values + " values but has only " + usableRows
                    + " usable rows";
        }
    }

    private static String label(String annotation) {
        return annotation == null ? "" : " [" + annotation + "]";
    }
}
