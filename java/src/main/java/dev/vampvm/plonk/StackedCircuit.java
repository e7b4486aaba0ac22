package dev.vampvm.plonk;

import dev.vampvm.field.Fp;
import java.util.ArrayList;
import java.util.List;

/**
 * m instances of one circuit proven as one: copy i occupies rows [i·R, (i + 1)·R) of a circuit with the same
 * columns and gates, so the m executions of a VM block cost one proof (one set of commitments, one opening)
 * instead of m. Each copy synthesizes against a {@link RowWindow} that shows it rows 0 … R − 1, so a circuit
 * written for a standalone table runs unchanged; its public values go to the same rows of the window
 * ({@link #instances} lays them out).
 *
 * <p>The copies must share one shape: the same {@link Circuit#configure} (only the first copy's is run) and
 * at most R rows each. A gate that reads past a copy's last row (a rotation) sees the next copy where it
 * would otherwise see blinding rows; a circuit whose satisfaction does not depend on its blinding rows, which
 * is every circuit that proves at all, is unaffected.
 *
 * @param <C> the circuit's configuration
 */
public final class StackedCircuit<C> implements Circuit<C> {

    private final List<? extends Circuit<C>> copies;
    private final int rowsPerCopy;

    /**
     * @param copies      the instances, all of one shape
     * @param rowsPerCopy R: rows each copy may use (its own usable rows when it ran alone are enough)
     */
    public StackedCircuit(List<? extends Circuit<C>> copies, int rowsPerCopy) {
        if (copies.isEmpty()) {
            throw new IllegalArgumentException("a stacked circuit needs at least one copy");
        }
        if (rowsPerCopy < 1) {
            throw new IllegalArgumentException("rows per copy must be positive, got " + rowsPerCopy);
        }
        this.copies = List.copyOf(copies);
        this.rowsPerCopy = rowsPerCopy;
    }

    public int copies() {
        return copies.size();
    }

    public int rowsPerCopy() {
        return rowsPerCopy;
    }

    /** The smallest k whose usable rows hold every copy. */
    public int minimumK(ConstraintSystem cs) {
        return cs.minimumK(copies.size() * rowsPerCopy);
    }

    /**
     * The stacked instance columns: copy i's values for column j start at row i·R. Every copy must give the
     * same number of columns and at most R values per column.
     */
    public List<List<Fp>> instances(List<List<List<Fp>>> perCopy) {
        if (perCopy.size() != copies.size()) {
            throw new IllegalArgumentException(perCopy.size() + " instance sets for " + copies.size() + " copies");
        }
        int columns = perCopy.get(0).size();
        List<List<Fp>> out = new ArrayList<>();
        for (int j = 0; j < columns; j++) {
            List<Fp> column = new ArrayList<>();
            for (int i = 0; i < perCopy.size(); i++) {
                List<List<Fp>> mine = perCopy.get(i);
                if (mine.size() != columns) {
                    throw new IllegalArgumentException("copy " + i + " has " + mine.size() + " instance columns, copy 0 has "
                            + columns);
                }
                List<Fp> values = mine.get(j);
                if (values.size() > rowsPerCopy) {
                    throw new IllegalArgumentException("copy " + i + " has " + values.size() + " public values in column "
                            + j + ", more than its " + rowsPerCopy + " rows");
                }
                // Pad every copy but the last to R rows so that the next copy starts at its own offset.
                column.addAll(values);
                if (i < perCopy.size() - 1) {
                    for (int r = values.size(); r < rowsPerCopy; r++) {
                        column.add(Fp.ZERO);
                    }
                }
            }
            out.add(column);
        }
        return out;
    }

    @Override
    public C configure(ConstraintSystem.Builder cs) {
        return copies.get(0).configure(cs);
    }

    @Override
    public void synthesize(C config, Assignment a) {
        if ((long) copies.size() * rowsPerCopy > a.usableRows()) {
            throw new IllegalArgumentException(copies.size() + " copies of " + rowsPerCopy + " rows need "
                    + (long) copies.size() * rowsPerCopy + " usable rows; k = " + a.k() + " has " + a.usableRows());
        }
        for (int i = 0; i < copies.size(); i++) {
            copies.get(i).synthesize(config, new RowWindow(a, i * rowsPerCopy, rowsPerCopy));
        }
    }
}
