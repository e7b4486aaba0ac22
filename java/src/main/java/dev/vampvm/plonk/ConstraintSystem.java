package dev.vampvm.plonk;

import dev.vampvm.plonk.Expression.Query;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape of a circuit: its columns, gates, copy-enabled columns and lookups, and every fact the prover and
 * verifier derive from them. Configured once through a {@link Builder}, then frozen by {@link Builder#build()}.
 *
 * <h2>Derived facts (the rules, following zcash's halo2_proofs)</h2>
 * <ul>
 *   <li><b>Queries.</b> Every (column, rotation) read by a gate or a lookup, plus a rotation-0 query of every
 *       equality-enabled column (the permutation argument opens those). One list per column kind, sorted by
 *       column index, then rotation: the order does not depend on the order gates were declared in.
 *       {@link #queryIndex} gives a query's position, which is how the proof orders evaluations.</li>
 *   <li><b>Degree.</b> {@code max(3, gate degrees, lookup degrees, minimum degree)}. 3 is the permutation
 *       argument's floor ({@code l_last·(z² − z)}); its product constraint takes
 *       {@link #permutationChunkSize()} = degree − 2 columns per grand product, so that
 *       {@code (1 − (l_last + l_blind))·z·∏(p + βσ + γ)} has degree exactly the system's degree.
 *       A lookup needs {@code max(4, 2 + input degree + table degree)} ({@link Lookup#requiredDegree()}).</li>
 *   <li><b>Blinding.</b> {@code blindingFactors() = max(3, most queries of any one advice column) + 2}: one blinding
 *       row per opening of a column at a distinct point, at least 3 for the permutation product (opened at x,
 *       ωx and ω^last·x), one more for the multipoint opening at x₃, and one spare.</li>
 *   <li><b>Rows.</b> Of n = 2^k rows, rows 0 … n − blindingFactors − 2 are usable (there are
 *       {@link #usableRows(int)} of them); row n − blindingFactors − 1 is {@code l_last}; the rest are blinding.
 *       {@link #minimumRows()} = blindingFactors + 3 (blinding, l_last, l_0 and one more).</li>
 * </ul>
 *
 * <p>{@link #pinnedBytes()} is the canonical encoding of all of it that the verifying key hash covers; the
 * format is documented on {@link PinnedEncoding}.
 */
public final class ConstraintSystem {

    /** The largest k for which dense per-column {@code long[]} arrays of Montgomery limbs still fit in Java. */
    public static final int MAX_K = 28;

    private final SystemId id;
    private final List<AdviceColumn> adviceColumns;
    private final List<FixedColumn> fixedColumns;
    private final List<InstanceColumn> instanceColumns;
    private final List<Selector> selectors;
    private final BitSet selectorFlags;
    private final List<FixedColumn> constantColumns;
    private final BitSet constantFlags;
    private final List<Column> permutationColumns;
    private final Map<Column, Integer> permutationIndex;
    private final List<Gate> gates;
    private final List<Lookup> lookups;
    private final List<Query> adviceQueries;
    private final List<Query> fixedQueries;
    private final List<Query> instanceQueries;
    private final Map<Query, Integer> queryIndex;
    private final int[] adviceQueriesPerColumn;
    private final List<Integer> rotations;
    private final int minimumDegree;
    private final int degree;
    private final int blindingFactors;
    private final byte[] pinned;

    private ConstraintSystem(Builder b) {
        this.id = b.id;
        this.adviceColumns = List.copyOf(b.advice);
        this.fixedColumns = List.copyOf(b.fixed);
        this.instanceColumns = List.copyOf(b.instance);
        this.selectors = List.copyOf(b.selectors);
        this.selectorFlags = (BitSet) b.selectorFlags.clone();
        this.constantColumns = List.copyOf(b.constantColumns);
        this.constantFlags = new BitSet();
        for (FixedColumn c : constantColumns) {
            constantFlags.set(c.index());
        }
        List<Column> perm = new ArrayList<>(b.equality);
        perm.sort(COLUMN_ORDER);
        this.permutationColumns = List.copyOf(perm);
        Map<Column, Integer> pi = new HashMap<>();
        for (int i = 0; i < perm.size(); i++) {
            pi.put(perm.get(i), i);
        }
        this.permutationIndex = pi;
        this.gates = List.copyOf(b.gates);
        this.lookups = List.copyOf(b.lookups);
        this.minimumDegree = b.minimumDegree;

        Comparator<Query> byColumnThenRotation =
                Comparator.<Query>comparingInt(q -> q.column().index()).thenComparingInt(Query::rotation);
        Set<Query> advice = new TreeSet<>(byColumnThenRotation);
        Set<Query> fixed = new TreeSet<>(byColumnThenRotation);
        Set<Query> instance = new TreeSet<>(byColumnThenRotation);
        List<Expression> all = new ArrayList<>();
        for (Gate g : gates) {
            for (Constraint c : g.constraints()) {
                all.add(c.polynomial());
            }
        }
        for (Lookup l : lookups) {
            all.addAll(l.inputs());
            all.addAll(l.tables());
        }
        for (Column c : permutationColumns) {
            all.add(c.cur());
        }
        for (Expression e : all) {
            for (Query q : e.queries()) {
                switch (q.kind()) {
                    case ADVICE -> advice.add(q);
                    case FIXED -> fixed.add(q);
                    case INSTANCE -> instance.add(q);
                }
            }
        }
        this.adviceQueries = List.copyOf(advice);
        this.fixedQueries = List.copyOf(fixed);
        this.instanceQueries = List.copyOf(instance);
        Map<Query, Integer> qi = new HashMap<>();
        for (List<Query> list : List.of(adviceQueries, fixedQueries, instanceQueries)) {
            for (int i = 0; i < list.size(); i++) {
                qi.put(list.get(i), i);
            }
        }
        this.queryIndex = qi;
        this.adviceQueriesPerColumn = new int[adviceColumns.size()];
        for (Query q : adviceQueries) {
            adviceQueriesPerColumn[q.column().index()]++;
        }
        Set<Integer> rots = new TreeSet<>();
        for (List<Query> list : List.of(adviceQueries, fixedQueries, instanceQueries)) {
            for (Query q : list) {
                rots.add(q.rotation());
            }
        }
        this.rotations = List.copyOf(rots);

        int d = 3;
        for (Lookup l : lookups) {
            d = Math.max(d, l.requiredDegree());
        }
        for (Gate g : gates) {
            d = Math.max(d, g.degree());
        }
        this.degree = Math.max(d, minimumDegree);
        int mostQueries = 1;
        for (int n : adviceQueriesPerColumn) {
            mostQueries = Math.max(mostQueries, n);
        }
        this.blindingFactors = Math.max(3, mostQueries) + 2;
        this.pinned = PinnedEncoding.encode(this);
    }

    /** Columns in the order kind (advice, fixed, instance), then index: the order of permutation columns. */
    static final Comparator<Column> COLUMN_ORDER =
            Comparator.<Column>comparingInt(c -> c.kind().tag()).thenComparingInt(Column::index);

    public static Builder builder() {
        return new Builder();
    }

    /** The identity stamped on this system's columns. */
    public SystemId id() {
        return id;
    }

    /** Whether the column was created by this constraint system (same system, index and name). */
    public boolean owns(Column column) {
        if (column.system() != id) {
            return false;
        }
        List<? extends Column> same = switch (column.kind()) {
            case ADVICE -> adviceColumns;
            case FIXED -> fixedColumns;
            case INSTANCE -> instanceColumns;
        };
        return column.index() < same.size() && same.get(column.index()).equals(column);
    }

    public List<AdviceColumn> adviceColumns() {
        return adviceColumns;
    }

    public List<FixedColumn> fixedColumns() {
        return fixedColumns;
    }

    public List<InstanceColumn> instanceColumns() {
        return instanceColumns;
    }

    public int numAdviceColumns() {
        return adviceColumns.size();
    }

    public int numFixedColumns() {
        return fixedColumns.size();
    }

    public int numInstanceColumns() {
        return instanceColumns.size();
    }

    /** The selectors, in creation order (each is also one of {@link #fixedColumns()}). */
    public List<Selector> selectors() {
        return selectors;
    }

    public boolean isSelector(FixedColumn column) {
        return owns(column) && selectorFlags.get(column.index());
    }

    /** The fixed columns that hold constants for {@link Assignment#assignConstant}, in creation order. */
    public List<FixedColumn> constantColumns() {
        return constantColumns;
    }

    public boolean isConstantColumn(FixedColumn column) {
        return owns(column) && constantFlags.get(column.index());
    }

    /**
     * The columns taking part in copy constraints, in the permutation argument's order: advice, then fixed,
     * then instance, each by index. Position i here is column i of the permutation (σᵢ, δⁱ).
     */
    public List<Column> permutationColumns() {
        return permutationColumns;
    }

    /** The position of a column among {@link #permutationColumns()}, or −1 if equality is not enabled for it. */
    public int permutationIndex(Column column) {
        Integer i = permutationIndex.get(column);
        return i == null ? -1 : i;
    }

    public boolean isEqualityEnabled(Column column) {
        return permutationIndex.containsKey(column);
    }

    public List<Gate> gates() {
        return gates;
    }

    public List<Lookup> lookups() {
        return lookups;
    }

    /** Distinct advice queries, sorted by column index then rotation. */
    public List<Query> adviceQueries() {
        return adviceQueries;
    }

    /** Distinct fixed queries, sorted by column index then rotation. */
    public List<Query> fixedQueries() {
        return fixedQueries;
    }

    /** Distinct instance queries, sorted by column index then rotation. */
    public List<Query> instanceQueries() {
        return instanceQueries;
    }

    /** The queries of one kind. */
    public List<Query> queries(ColumnKind kind) {
        return switch (kind) {
            case ADVICE -> adviceQueries;
            case FIXED -> fixedQueries;
            case INSTANCE -> instanceQueries;
        };
    }

    /**
     * The position of a query in the list of its kind.
     *
     * @throws IllegalArgumentException if no gate, lookup or permutation of this system makes that query
     */
    public int queryIndex(Query query) {
        Integer i = queryIndex.get(query);
        if (i == null) {
            throw new IllegalArgumentException("query " + query + " is not made by any gate, lookup or permutation of "
                    + id);
        }
        return i;
    }

    /** How many distinct rotations advice column {@code column} is queried at. */
    public int numAdviceQueries(int column) {
        return adviceQueriesPerColumn[column];
    }

    /** The distinct rotations of all queries, ascending (the points the multipoint opening works with). */
    public List<Integer> rotations() {
        return rotations;
    }

    /** The minimum degree set with {@link Builder#setMinimumDegree}, or 0. */
    public int minimumDegree() {
        return minimumDegree;
    }

    /** The largest degree of any gate constraint (0 with no gates). */
    public int maxGateDegree() {
        int d = 0;
        for (Gate g : gates) {
            d = Math.max(d, g.degree());
        }
        return d;
    }

    /** The degree d of the whole system (see the class comment); the quotient has d − 1 pieces. */
    public int degree() {
        return degree;
    }

    /** Columns per permutation grand product: degree − 2. */
    public int permutationChunkSize() {
        return degree - 2;
    }

    /** How many grand products the permutation argument needs (0 without equality columns). */
    public int permutationChunks() {
        int size = permutationChunkSize();
        return (permutationColumns.size() + size - 1) / size;
    }

    /** Random rows at the end of every advice column (and of the argument's helper columns). */
    public int blindingFactors() {
        return blindingFactors;
    }

    /** The fewest rows a circuit of this shape can have: blinding rows, l_last, l_0 and one more. */
    public int minimumRows() {
        return blindingFactors + 3;
    }

    /**
     * Rows 0 … usableRows(k) − 1 are where gates, lookups and copies apply: n − (blindingFactors + 1).
     * Row usableRows(k) is l_last.
     */
    public int usableRows(int k) {
        checkK(k);
        return (1 << k) - blindingFactors - 1;
    }

    /**
     * Refuses a k that cannot hold this system: below the minimum rows, or too large for dense arrays.
     *
     * @throws IllegalArgumentException naming the limit that k breaks
     */
    public void checkK(int k) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k = " + k + " is out of range: k must be between 1 and " + MAX_K);
        }
        if ((1 << k) < minimumRows()) {
            throw new IllegalArgumentException("k = " + k + " gives " + (1 << k) + " rows but this constraint system needs at least "
                    + minimumRows() + " (" + blindingFactors + " blinding rows, l_last, l_0 and one usable row more); use k ≥ "
                    + minimumK(1));
        }
    }

    /** The smallest k whose usable rows hold {@code rowsUsed} rows. */
    public int minimumK(int rowsUsed) {
        for (int k = 1; k <= MAX_K; k++) {
            int n = 1 << k;
            if (n >= minimumRows() && n - blindingFactors - 1 >= rowsUsed) {
                return k;
            }
        }
        throw new IllegalArgumentException(rowsUsed + " rows do not fit in 2^" + MAX_K + " rows");
    }

    /** The canonical encoding of the relation for the verifying-key hash (a fresh copy); see {@link PinnedEncoding}. */
    public byte[] pinnedBytes() {
        return pinned.clone();
    }

    /** A readable listing of the system: columns, equality, gates, lookups and derived facts. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("advice: ").append(adviceColumns).append('\n');
        sb.append("fixed: ").append(fixedColumns);
        if (!selectors.isEmpty()) {
            sb.append(" (selectors ").append(selectors).append(')');
        }
        if (!constantColumns.isEmpty()) {
            sb.append(" (constants ").append(constantColumns).append(')');
        }
        sb.append('\n');
        sb.append("instance: ").append(instanceColumns).append('\n');
        sb.append("equality: ").append(permutationColumns).append('\n');
        for (Gate g : gates) {
            sb.append("gate \"").append(g.name()).append("\" (degree ").append(g.degree()).append(")\n");
            for (int i = 0; i < g.constraints().size(); i++) {
                sb.append("  ").append(i).append(": ").append(g.constraints().get(i)).append('\n');
            }
        }
        for (Lookup l : lookups) {
            sb.append("lookup \"").append(l.name()).append("\": ").append(l.inputs()).append(" in ").append(l.tables())
                    .append('\n');
        }
        sb.append("degree ").append(degree).append(", blinding factors ").append(blindingFactors)
                .append(", minimum rows ").append(minimumRows()).append('\n');
        return sb.toString();
    }

    @Override
    public String toString() {
        return id + ": " + adviceColumns.size() + " advice, " + fixedColumns.size() + " fixed, "
                + instanceColumns.size() + " instance columns, " + gates.size() + " gates, " + lookups.size()
                + " lookups, degree " + degree;
    }

    /**
     * Collects a circuit's shape. Every column, gate and lookup is checked as it comes in; {@link #build()} freezes
     * it into a {@link ConstraintSystem}, after which the builder refuses changes.
     */
    public static final class Builder {
        private final SystemId id = new SystemId();
        private final List<AdviceColumn> advice = new ArrayList<>();
        private final List<FixedColumn> fixed = new ArrayList<>();
        private final List<InstanceColumn> instance = new ArrayList<>();
        private final List<Selector> selectors = new ArrayList<>();
        private final BitSet selectorFlags = new BitSet();
        private final List<FixedColumn> constantColumns = new ArrayList<>();
        private final List<Column> equality = new ArrayList<>();
        private final Set<Column> equalitySet = new HashSet<>();
        private final List<Gate> gates = new ArrayList<>();
        private final List<Lookup> lookups = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        private int minimumDegree;
        private ConstraintSystem built;

        private Builder() {
        }

        public SystemId id() {
            return id;
        }

        public AdviceColumn adviceColumn() {
            return adviceColumn("A" + advice.size());
        }

        public AdviceColumn adviceColumn(String name) {
            AdviceColumn c = new AdviceColumn(advice.size(), claimName(name), id);
            advice.add(c);
            return c;
        }

        public FixedColumn fixedColumn() {
            return fixedColumn("F" + fixed.size());
        }

        public FixedColumn fixedColumn(String name) {
            FixedColumn c = new FixedColumn(fixed.size(), claimName(name), id);
            fixed.add(c);
            return c;
        }

        public InstanceColumn instanceColumn() {
            return instanceColumn("I" + instance.size());
        }

        public InstanceColumn instanceColumn(String name) {
            InstanceColumn c = new InstanceColumn(instance.size(), claimName(name), id);
            instance.add(c);
            return c;
        }

        /** A new fixed column flagged as a selector (0/1 values, set with {@link Assignment#enableSelector}). */
        public Selector selector() {
            return selector("S" + selectors.size());
        }

        public Selector selector(String name) {
            FixedColumn c = fixedColumn(name);
            selectorFlags.set(c.index());
            Selector s = new Selector(c);
            selectors.add(s);
            return s;
        }

        /**
         * A new fixed column reserved for constants, with equality enabled: {@link Assignment#assignConstant}
         * places each distinct constant in one of its cells and copies it to where it is used.
         */
        public FixedColumn constantColumn() {
            return constantColumn("C" + constantColumns.size());
        }

        public FixedColumn constantColumn(String name) {
            FixedColumn c = fixedColumn(name);
            constantColumns.add(c);
            enableEquality(c);
            return c;
        }

        /** Lets the column take part in copy constraints (any kind, instance included). Idempotent. */
        public void enableEquality(Column column) {
            checkOpen();
            checkOwned(column, "enableEquality");
            if (equalitySet.add(column)) {
                equality.add(column);
            }
        }

        public Gate createGate(String name, Constraint... constraints) {
            return createGate(name, List.of(constraints));
        }

        /** A gate whose constraints are named by their index only. */
        public Gate createGate(String name, Expression... polynomials) {
            List<Constraint> cs = new ArrayList<>();
            for (Expression p : polynomials) {
                cs.add(new Constraint("", p));
            }
            return createGate(name, cs);
        }

        /**
         * Adds a gate: each constraint polynomial must vanish on every usable row (multiply by a selector to
         * restrict it to some rows).
         */
        public Gate createGate(String name, List<Constraint> constraints) {
            checkOpen();
            Gate g = new Gate(name, constraints);
            for (Constraint c : g.constraints()) {
                checkExpression(c.polynomial(), "gate \"" + name + "\"");
            }
            gates.add(g);
            return g;
        }

        /** Adds a lookup of a single expression into a single table expression. */
        public Lookup lookup(String name, Expression input, Expression table) {
            return lookup(name, List.of(input), List.of(table));
        }

        /**
         * Adds a lookup: on every usable row the tuple {@code inputs} must equal {@code tables} on some usable row.
         * Inputs that should only be checked on some rows are multiplied by a selector, which makes them 0
         * elsewhere: the table must then contain the all-zero tuple.
         */
        public Lookup lookup(String name, List<Expression> inputs, List<Expression> tables) {
            checkOpen();
            Lookup l = new Lookup(name, inputs, tables);
            for (Expression e : l.inputs()) {
                checkExpression(e, "lookup \"" + name + "\"");
            }
            for (Expression e : l.tables()) {
                checkExpression(e, "lookup \"" + name + "\"");
            }
            lookups.add(l);
            return l;
        }

        /** Raises the system's degree to at least d (a larger degree means fewer permutation chunks). */
        public void setMinimumDegree(int d) {
            checkOpen();
            if (d < 1) {
                throw new IllegalArgumentException("minimum degree must be at least 1, got " + d);
            }
            minimumDegree = d;
        }

        /** Freezes the system. Calling it again returns the same instance. */
        public ConstraintSystem build() {
            if (built == null) {
                built = new ConstraintSystem(this);
            }
            return built;
        }

        private String claimName(String name) {
            checkOpen();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a column name must not be blank");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("a column named \"" + name + "\" already exists in " + id
                        + ": names must be unique so that messages are unambiguous");
            }
            return name;
        }

        private void checkExpression(Expression e, String where) {
            for (Query q : e.queries()) {
                checkOwned(q.column(), where);
            }
        }

        private void checkOwned(Column column, String where) {
            List<? extends Column> same = switch (column.kind()) {
                case ADVICE -> advice;
                case FIXED -> fixed;
                case INSTANCE -> instance;
            };
            if (column.system() == id && (column.index() >= same.size() || !same.get(column.index()).equals(column))) {
                throw new IllegalArgumentException(where + ": column " + column.name() + " (index " + column.index()
                        + ") was not created by this builder");
            }
            if (column.system() != id) {
                throw new IllegalArgumentException(where + ": column " + column.name() + " belongs to " + column.system()
                        + ", not to " + id + " (columns cannot be shared between constraint systems)");
            }
        }

        private void checkOpen() {
            if (built != null) {
                throw new IllegalStateException(id + " was already built: it cannot be changed any more");
            }
        }
    }
}
