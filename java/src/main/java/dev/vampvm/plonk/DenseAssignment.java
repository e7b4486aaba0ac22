package dev.vampvm.plonk;

import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The table as dense arrays: one flat {@code long[4n]} of Montgomery limbs per column (the layout the field
 * kernels and the backend work on), a bit per advice cell recording whether it was assigned (for the mock
 * prover's report), and the copy constraints as a packed list of cell pairs.
 *
 * <p>Three modes. {@linkplain #forWitness With a witness} (mock prover, a caller's table to prove) every value is
 * kept. {@linkplain #forProving For proving} (the prover's own table) only what the prover reads, the advice and
 * instance values: fixed assignments and copies are checked as with a witness but not kept (the proving key holds the
 * fixed columns and σ; at k = 20 a fixed column is 32 MiB to zero and copy per proof, and recording the copies was a
 * fifth of the benchmark circuit's synthesis), nor which advice cells were assigned, and the prover writes the advice
 * columns' random rows into the table's own arrays. A refused proof is explained by the mock prover over a table
 * made with a witness ({@link dev.vampvm.plonk.dev.MockProver#run}). {@linkplain #forShape Shape only} (keygen)
 * advice values are dropped and instance values are unknown; fixed values, selectors, constants and copies are
 * recorded exactly as with a witness.
 *
 * <p>The arrays handed out by {@link #adviceValues}, {@link #fixedValues} and {@link #instanceValues} are
 * the assignment's own (no copy, since a column at k = 20 is 32 MiB): callers must not modify them.
 */
public final class DenseAssignment implements Assignment {
    private static final int L = MontgomeryField.LIMBS;
    /** Columns of at least this many longs (k ≥ 16: 2 MiB) are allocated in parallel; see zeroColumns. */
    private static final int PARALLEL_ALLOCATION_LONGS = L << 16;

    private final ConstraintSystem cs;
    private final int k;
    private final int n;
    private final int usable;
    private final boolean witness;
    private final long[][] advice;
    /** One bit per advice cell, set when it is assigned: bit r % 64 of word r / 64, per column. */
    private final long[][] adviceAssigned;
    /** Null for a table made {@linkplain #forProving for proving}. */
    private final long[][] fixed;
    /** Whether copies and assigned cells are recorded: false only for a table made for proving. */
    private final boolean recording;
    private final long[][] instance;
    private final int[] instanceLength;
    private long[] copies = new long[32];
    private int copyCount;
    private final Map<Fp, Cell> constants = new HashMap<>();
    private int constantColumn;
    private int constantRow;
    private final TreeMap<Integer, String> annotations = new TreeMap<>();
    private int rowsUsed;
    private boolean sealed;
    /*
     * The system's columns by kind and index, and what the per-cell checks ask of each, looked up once here:
     * cs.owns compares records through the Column interface, and cs.permutationIndex hashes one, which at one
     * call or more per cell was most of witness generation. A circuit's columns are the system's own objects,
     * so an identity match settles ownership; anything else falls back to cs.owns, which decides as before.
     */
    private final AdviceColumn[] adviceColumns;
    private final FixedColumn[] fixedColumns;
    private final InstanceColumn[] instanceColumns;
    private final boolean[] fixedIsSelector;
    private final boolean[] fixedIsConstant;
    /** Position in the permutation of each column of a kind, by index; -1 without equality. */
    private final int[] advicePermutation;
    private final int[] fixedPermutation;
    private final int[] instancePermutation;

    /** {@code recording} false: a table made for proving, with no fixed values, copies or record of assigned cells. */
    private DenseAssignment(ConstraintSystem cs, int k, List<List<Fp>> instances, boolean recording) {
        cs.checkK(k);
        this.cs = cs;
        this.k = k;
        this.n = 1 << k;
        this.usable = cs.usableRows(k);
        this.witness = instances != null;
        this.recording = recording;
        this.adviceColumns = cs.adviceColumns().toArray(new AdviceColumn[0]);
        this.fixedColumns = cs.fixedColumns().toArray(new FixedColumn[0]);
        this.instanceColumns = cs.instanceColumns().toArray(new InstanceColumn[0]);
        this.fixedIsSelector = new boolean[fixedColumns.length];
        this.fixedIsConstant = new boolean[fixedColumns.length];
        for (int i = 0; i < fixedColumns.length; i++) {
            fixedIsSelector[i] = cs.isSelector(fixedColumns[i]);
            fixedIsConstant[i] = cs.isConstantColumn(fixedColumns[i]);
        }
        this.advicePermutation = permutationPositions(cs, adviceColumns);
        this.fixedPermutation = permutationPositions(cs, fixedColumns);
        this.instancePermutation = permutationPositions(cs, instanceColumns);
        if (witness) {
            if (instances.size() != cs.numInstanceColumns()) {
                throw new IllegalArgumentException("the circuit has " + cs.numInstanceColumns()
                        + " instance columns but " + instances.size() + " were given");
            }
            int f = recording ? cs.numFixedColumns() : 0;
            long[][] columns = zeroColumns(f + cs.numAdviceColumns() + cs.numInstanceColumns(), L * n);
            int a = f + cs.numAdviceColumns();
            this.fixed = recording ? Arrays.copyOfRange(columns, 0, f) : null;
            this.advice = Arrays.copyOfRange(columns, f, a);
            this.adviceAssigned = recording ? new long[cs.numAdviceColumns()][(n + 63) >>> 6] : null;
            this.instance = Arrays.copyOfRange(columns, a, columns.length);
            this.instanceLength = new int[cs.numInstanceColumns()];
            for (int c = 0; c < instances.size(); c++) {
                List<Fp> values = instances.get(c);
                if (values.size() > usable) {
                    throw new IllegalArgumentException("instance column " + cs.instanceColumns().get(c).name() + " has "
                            + values.size() + " values but only " + usable + " usable rows at k = " + k);
                }
                for (int r = 0; r < values.size(); r++) {
                    Objects.requireNonNull(values.get(r), "instance value").copyInto(instance[c], L * r);
                }
                instanceLength[c] = values.size();
            }
        } else {
            this.fixed = zeroColumns(cs.numFixedColumns(), L * n);
            this.advice = null;
            this.adviceAssigned = null;
            this.instance = null;
            this.instanceLength = null;
        }
    }

    /**
     * An empty table with public values: {@code instances.get(i)} fills instance column i from row 0 (the rest
     * of the column is zero).
     *
     * @throws IllegalArgumentException for the wrong number of instance columns, or more values than usable rows
     */
    public static DenseAssignment forWitness(ConstraintSystem cs, int k, List<List<Fp>> instances) {
        return new DenseAssignment(cs, k, Objects.requireNonNull(instances, "instances"), true);
    }

    /**
     * As {@link #forWitness}, for the prover's own use: fixed values and copies are checked as they are made but not
     * kept, nor which advice cells were assigned ({@link #fixedValues}, {@link #fixed}, {@link #copyCount} and
     * the rest refuse), and proving the table writes the advice columns' random rows (those from the usable rows on)
     * into its arrays.
     */
    public static DenseAssignment forProving(ConstraintSystem cs, int k, List<List<Fp>> instances) {
        return new DenseAssignment(cs, k, Objects.requireNonNull(instances, "instances"), false);
    }

    /**
     * Whether this table was made {@linkplain #forProving for proving}: no fixed values or copies, the prover's to
     * write.
     */
    public boolean isForProving() {
        return witness && !recording;
    }

    /** An empty table that records only the circuit's shape (fixed values and copies), for keygen. */
    public static DenseAssignment forShape(ConstraintSystem cs, int k) {
        return new DenseAssignment(cs, k, null, true);
    }

    // ---------------------------------------------------------------------------------------------
    // Assignment.

    @Override
    public ConstraintSystem constraintSystem() {
        return cs;
    }

    @Override
    public int k() {
        return k;
    }

    @Override
    public int n() {
        return n;
    }

    @Override
    public int usableRows() {
        return usable;
    }

    @Override
    public boolean hasWitness() {
        return witness;
    }

    @Override
    public AssignedCell assignAdvice(AdviceColumn column, int row, Fp value) {
        checkWritable();
        checkOwnedAdvice(column);
        checkRow(column, row);
        Objects.requireNonNull(value, "value");
        if (witness) {
            value.copyInto(advice[column.index()], L * row);
            if (recording) {
                adviceAssigned[column.index()][row >>> 6] |= 1L << row;
            }
        }
        touch(row);
        return new AssignedCell(new Cell(column, row), value);
    }

    @Override
    public void assignAdvice(AdviceColumn column, int fromRow, long[] montgomeryLimbs, int offset, int count) {
        MontgomeryRows.check(column, fromRow, montgomeryLimbs, offset, count);
        if (count == 0) {
            return; // as the row-by-row default: no cell, so nothing to check
        }
        checkWritable();
        checkOwnedAdvice(column);
        checkRows(column, fromRow, count);
        if (witness) {
            System.arraycopy(montgomeryLimbs, offset, advice[column.index()], L * fromRow, L * count);
            if (recording) {
                setAssigned(adviceAssigned[column.index()], fromRow, fromRow + count);
            }
        }
        touch(fromRow + count - 1);
    }

    @Override
    public void assignFixed(FixedColumn column, int fromRow, long[] montgomeryLimbs, int offset, int count) {
        MontgomeryRows.check(column, fromRow, montgomeryLimbs, offset, count);
        if (count == 0) {
            return; // as the row-by-row default: no cell, so nothing to check
        }
        checkWritable();
        checkOwnedFixed(column);
        checkPlainFixed(column);
        checkRows(column, fromRow, count);
        if (fixed != null) {
            System.arraycopy(montgomeryLimbs, offset, fixed[column.index()], L * fromRow, L * count);
        }
        touch(fromRow + count - 1);
    }

    @Override
    public AssignedCell assignFixed(FixedColumn column, int row, Fp value) {
        checkWritable();
        checkOwnedFixed(column);
        checkPlainFixed(column);
        checkRow(column, row);
        Objects.requireNonNull(value, "value");
        if (fixed != null) {
            value.copyInto(fixed[column.index()], L * row);
        }
        touch(row);
        return new AssignedCell(new Cell(column, row), value);
    }

    /** Refuses selector and constant columns, whose cells this assignment manages. */
    private void checkPlainFixed(FixedColumn column) {
        if (fixedIsSelector[column.index()]) {
            throw new IllegalArgumentException("fixed column " + column.name()
                    + " is a selector: set it with enableSelector, which keeps it 0/1");
        }
        if (fixedIsConstant[column.index()]) {
            throw new IllegalArgumentException("fixed column " + column.name()
                    + " holds constants: use assignConstant or constrainConstant, which place them");
        }
    }

    @Override
    public void enableSelector(Selector selector, int row) {
        checkWritable();
        FixedColumn column = selector.column();
        checkOwnedFixed(column);
        if (!fixedIsSelector[column.index()]) {
            throw new IllegalArgumentException("fixed column " + column.name() + " is not a selector");
        }
        checkRow(column, row);
        if (fixed != null) {
            Fp.FIELD.setOne(fixed[column.index()], L * row);
        }
        touch(row);
    }

    @Override
    public AssignedCell instance(InstanceColumn column, int row) {
        checkOwnedInstance(column);
        checkRow(column, row);
        touch(row);
        Cell cell = new Cell(column, row);
        if (!witness) {
            return new AssignedCell(cell, Fp.ZERO);
        }
        return new AssignedCell(cell, Fp.fromMontgomery(instance[column.index()], L * row));
    }

    @Override
    public void copy(Cell left, Cell right) {
        checkWritable();
        long a = packCopyCell(left);
        long b = packCopyCell(right);
        if (a == b) {
            return;
        }
        touch(left.row());
        touch(right.row());
        if (!recording) {
            return;
        }
        if (2 * copyCount + 2 > copies.length) {
            copies = Arrays.copyOf(copies, copies.length * 2);
        }
        copies[2 * copyCount] = a;
        copies[2 * copyCount + 1] = b;
        copyCount++;
    }

    @Override
    public AssignedCell assignConstant(AdviceColumn column, int row, Fp value) {
        checkEqualityForConstant(column);
        AssignedCell cell = assignAdvice(column, row, value);
        copy(cell.cell(), constantCell(value));
        return cell;
    }

    @Override
    public void constrainConstant(Cell cell, Fp value) {
        checkEqualityForConstant(cell.column());
        copy(cell, constantCell(Objects.requireNonNull(value, "value")));
    }

    @Override
    public void annotateRow(int row, String label) {
        if (row < 0 || row >= n) {
            throw new IllegalArgumentException("cannot annotate row " + row + ": rows are 0.." + (n - 1));
        }
        annotations.put(row, Objects.requireNonNull(label, "label"));
    }

    // ---------------------------------------------------------------------------------------------
    // Reading the table.

    /** Forbids further writes; {@link Synthesis} seals an assignment once the circuit has synthesized it. */
    public void seal() {
        sealed = true;
    }

    public boolean isSealed() {
        return sealed;
    }

    /** The Montgomery limbs of advice column {@code column} (4n longs; not a copy). Witness mode only. */
    public long[] adviceValues(int column) {
        requireWitness("advice values");
        return advice[column];
    }

    /** The Montgomery limbs of fixed column {@code column} (4n longs; not a copy). Not for a table made for proving. */
    public long[] fixedValues(int column) {
        requireRecording("fixed values (the proving key holds them)");
        return fixed[column];
    }

    private void requireRecording(String what) {
        if (!recording) {
            throw new IllegalStateException("a table made for proving keeps no " + what + ": make it with"
                    + " forWitness");
        }
    }

    /** The Montgomery limbs of instance column {@code column}, zero-padded to n rows (not a copy). Witness mode only. */
    public long[] instanceValues(int column) {
        requireWitness("instance values");
        return instance[column];
    }

    /** How many public values instance column {@code column} was given. Witness mode only. */
    public int instanceLength(int column) {
        requireWitness("instance values");
        return instanceLength[column];
    }

    /** Whether advice cell (column, row) was assigned. Witness mode only, not for a table made for proving. */
    public boolean isAdviceAssigned(int column, int row) {
        requireWitness("advice values");
        requireRecording("record of assigned cells");
        if (row < 0) {
            throw new IndexOutOfBoundsException("row < 0: " + row);
        }
        return row < n && (adviceAssigned[column][row >>> 6] & (1L << row)) != 0;
    }

    public Fp advice(int column, int row) {
        return Fp.fromMontgomery(adviceValues(column), L * row);
    }

    public Fp fixed(int column, int row) {
        requireRecording("fixed values (the proving key holds them)");
        return Fp.fromMontgomery(fixed[column], L * row);
    }

    public Fp instanceValue(int column, int row) {
        return Fp.fromMontgomery(instanceValues(column), L * row);
    }

    /** The value of any cell (unassigned advice and instance padding read zero). Witness mode only. */
    public Fp value(Cell cell) {
        int c = cell.column().index();
        return switch (cell.column().kind()) {
            case ADVICE -> advice(c, cell.row());
            case FIXED -> fixed(c, cell.row());
            case INSTANCE -> instanceValue(c, cell.row());
        };
    }

    /** How many copies were made (those of a cell to itself not counted). Not for a table made for proving. */
    public int copyCount() {
        requireRecording("copies");
        return copyCount;
    }

    public Cell copyLeft(int i) {
        requireRecording("copies");
        return unpack(copies[2 * Objects.checkIndex(i, copyCount)]);
    }

    public Cell copyRight(int i) {
        requireRecording("copies");
        return unpack(copies[2 * Objects.checkIndex(i, copyCount) + 1]);
    }

    /** σ from the copies made so far. Not for a table made for proving. */
    public PermutationMapping permutation() {
        requireRecording("copies");
        return PermutationMapping.build(cs, n, copies, copyCount);
    }

    /** One more than the largest row any assignment, selector, constant, copy or instance read touched. */
    public int rowsUsed() {
        return rowsUsed;
    }

    /** How many distinct constants were placed in the constant columns. */
    public int constantCount() {
        return constants.size();
    }

    /** The label given to a row with {@link #annotateRow}, or null. */
    public String rowAnnotation(int row) {
        return annotations.get(row);
    }

    // ---------------------------------------------------------------------------------------------
    // Internals.

    private Cell constantCell(Fp value) {
        Cell c = constants.get(value);
        if (c != null) {
            return c;
        }
        List<FixedColumn> columns = cs.constantColumns();
        if (constantColumn >= columns.size()) {
            throw new IllegalArgumentException(columns.isEmpty()
                    ? "constants need a constant column: call constantColumn() in configure"
                    : "the constant columns are full (" + columns.size() + " × " + usable
                            + " usable rows): add a constant column or raise k");
        }
        checkWritable();
        FixedColumn column = columns.get(constantColumn);
        if (fixed != null) {
            value.copyInto(fixed[column.index()], L * constantRow);
        }
        c = new Cell(column, constantRow);
        touch(constantRow);
        if (++constantRow == usable) {
            constantRow = 0;
            constantColumn++;
        }
        constants.put(value, c);
        return c;
    }

    private void checkEqualityForConstant(Column column) {
        if (permutationPosition(column) < 0) {
            throw new IllegalArgumentException("column " + column.name()
                    + " has no equality enabled, so it cannot be constrained to a constant: call enableEquality("
                    + column.name() + ") in configure");
        }
    }

    private long packCopyCell(Cell cell) {
        Column column = cell.column();
        int p = permutationPosition(column);
        if (p < 0) {
            throw new IllegalArgumentException("cannot copy " + cell + ": " + column.kind().name().toLowerCase()
                    + " column " + column.name() + " has no equality enabled (call enableEquality(" + column.name()
                    + ") in configure)");
        }
        checkRow(column, cell.row());
        return ((long) p << 32) | cell.row();
    }

    private Cell unpack(long packed) {
        return new Cell(cs.permutationColumns().get((int) (packed >>> 32)), (int) packed);
    }

    private void touch(int row) {
        rowsUsed = Math.max(rowsUsed, row + 1);
    }

    /** Refuses rows [fromRow, fromRow + count), count > 0, unless all are usable, naming the first that is not, as checkRow would. */
    private void checkRows(Column column, int fromRow, int count) {
        checkRow(column, fromRow);
        if (count > usable - fromRow) {
            checkRow(column, usable);
        }
    }

    /** Sets bits [from, to) of a bitmap of long words. */
    private static void setAssigned(long[] words, int from, int to) {
        for (int r = from; r < to && (r & 63) != 0; r++) {
            words[r >>> 6] |= 1L << r;
        }
        int r = (from + 63) & ~63;
        for (; r + 64 <= to; r += 64) {
            words[r >>> 6] = -1L;
        }
        for (r = Math.max(r, from); r < to; r++) {
            words[r >>> 6] |= 1L << r;
        }
    }

    private void checkRow(Column column, int row) {
        if (row < 0 || row >= usable) {
            throw new IllegalArgumentException(column.kind().name().toLowerCase() + " column " + column.name() + ": row "
                    + row + " is outside the usable rows 0.." + (usable - 1) + " (k = " + k + ": " + n
                    + " rows, of which the last " + (n - usable) + " are l_last and blinding rows)");
        }
    }

    /** The column's position in the permutation, or -1 without equality; refuses a column of another system. */
    private int permutationPosition(Column column) {
        // instanceof rather than a pattern switch: this runs twice per copy, and C2 compiles the tests to type checks
        // against the profile, where the switch's bootstrap left a call per copy (8% of the standard-gate witness).
        if (column instanceof AdviceColumn a) {
            checkOwnedAdvice(a);
            return advicePermutation[a.index()];
        }
        if (column instanceof FixedColumn f) {
            checkOwnedFixed(f);
            return fixedPermutation[f.index()];
        }
        InstanceColumn i = (InstanceColumn) column;
        checkOwnedInstance(i);
        return instancePermutation[i.index()];
    }

    /**
     * {@code count} zeroed columns of {@code longs} longs each. The thread that allocates an array zeroes it, and
     * on a heap that has just grown also takes the page faults for it: at k = 20 a column is 32 MiB and this was
     * the larger part of witness generation done column after column. Large columns are therefore allocated
     * by parallel tasks; the result (zeros, in column order) is the same either way.
     */
    private static long[][] zeroColumns(int count, int longs) {
        if (count < 2 || longs < PARALLEL_ALLOCATION_LONGS) {
            return new long[count][longs];
        }
        return IntStream.range(0, count).parallel().mapToObj(i -> new long[longs]).toArray(long[][]::new);
    }

    private static int[] permutationPositions(ConstraintSystem cs, Column[] columns) {
        int[] positions = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            positions[i] = cs.permutationIndex(columns[i]);
        }
        return positions;
    }

    private void checkOwnedAdvice(AdviceColumn column) {
        int i = column.index();
        if (i >= adviceColumns.length || adviceColumns[i] != column) {
            checkOwned(column);
        }
    }

    private void checkOwnedFixed(FixedColumn column) {
        int i = column.index();
        if (i >= fixedColumns.length || fixedColumns[i] != column) {
            checkOwned(column);
        }
    }

    private void checkOwnedInstance(InstanceColumn column) {
        int i = column.index();
        if (i >= instanceColumns.length || instanceColumns[i] != column) {
            checkOwned(column);
        }
    }

    private void checkOwned(Column column) {
        if (!cs.owns(column)) {
            throw new IllegalArgumentException("column " + column.name() + " belongs to " + column.system() + ", not to "
                    + cs.id() + " that this assignment is for");
        }
    }

    private void checkWritable() {
        if (sealed) {
            throw new IllegalStateException("this assignment is sealed: synthesis is over");
        }
    }

    private void requireWitness(String what) {
        if (!witness) {
            throw new IllegalStateException("a shape-only assignment has no " + what);
        }
    }
}
