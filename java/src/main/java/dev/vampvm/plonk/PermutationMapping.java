package dev.vampvm.plonk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The permutation σ over the cells of the equality-enabled columns that the copy constraints induce: the
 * cells that must be equal form cycles, and σ maps each cell to the next one of its cycle (a cell in no copy
 * maps to itself). Keygen turns it into the σ polynomials: σᵢ(ωʳ) = δ^{column(σ(i, r))} · ω^{row(σ(i, r))}.
 *
 * <p>Columns are numbered by their position in {@link ConstraintSystem#permutationColumns()}; rows run over all
 * n rows (copies only ever touch usable rows, so the blinding rows are fixed points). Cycles are built with a
 * union–find over the copies and then linked in increasing (column position, row) order, so σ is a
 * deterministic function of the set of copies, not of the order they were made in.
 */
public final class PermutationMapping {
    private final List<Column> columns;
    private final int n;
    /** σ in flat form: cell p·n + r maps to sigma[p·n + r]. */
    private final int[] sigma;

    private PermutationMapping(List<Column> columns, int n, int[] sigma) {
        this.columns = columns;
        this.n = n;
        this.sigma = sigma;
    }

    /**
     * Builds σ from copies packed as {@code (position << 32) | row}, two per copy.
     */
    static PermutationMapping build(ConstraintSystem cs, int n, long[] packedCopies, int copyCount) {
        List<Column> columns = cs.permutationColumns();
        long cells = (long) columns.size() * n;
        if (cells > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the permutation has " + cells + " cells, more than an int[] holds");
        }
        int size = (int) cells;
        int[] parent = new int[size];
        int[] rank = new int[size];
        for (int i = 0; i < size; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < copyCount; i++) {
            int a = flat(packedCopies[2 * i], n);
            int b = flat(packedCopies[2 * i + 1], n);
            union(parent, rank, a, b);
        }
        // Link each class in increasing cell order: first → second → … → last → first.
        int[] sigma = new int[size];
        int[] first = new int[size];
        int[] last = new int[size];
        java.util.Arrays.fill(first, -1);
        for (int i = 0; i < size; i++) {
            sigma[i] = i;
            int root = find(parent, i);
            if (first[root] < 0) {
                first[root] = i;
            } else {
                sigma[last[root]] = i;
            }
            last[root] = i;
        }
        for (int i = 0; i < size; i++) {
            if (first[i] >= 0) {
                sigma[last[i]] = first[i];
            }
        }
        return new PermutationMapping(columns, n, sigma);
    }

    private static int flat(long packed, int n) {
        int position = (int) (packed >>> 32);
        int row = (int) packed;
        return position * n + row;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int[] rank, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra == rb) {
            return;
        }
        if (rank[ra] < rank[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        if (rank[ra] == rank[rb]) {
            rank[ra]++;
        }
    }

    /** The permutation's columns, in order (position i is σᵢ). */
    public List<Column> columns() {
        return columns;
    }

    /** n, the number of rows. */
    public int rows() {
        return n;
    }

    /** The column position of σ(position, row). */
    public int sigmaColumn(int position, int row) {
        return sigma[position * n + row] / n;
    }

    /** The row of σ(position, row). */
    public int sigmaRow(int position, int row) {
        return sigma[position * n + row] % n;
    }

    /** σ of a cell of a permutation column. */
    public Cell sigma(Cell cell) {
        int p = columns.indexOf(cell.column());
        if (p < 0) {
            throw new IllegalArgumentException("column " + cell.column().name() + " has no equality enabled");
        }
        int s = sigma[p * n + cell.row()];
        return new Cell(columns.get(s / n), s % n);
    }

    /** σ as one flat array (a copy): entry p·n + r is the flat index p′·n + r′ of σ(p, r). */
    public int[] flatMapping() {
        return sigma.clone();
    }

    /**
     * The cycles with at least two cells, each starting at its smallest cell (by column position, then row)
     * and following σ, ordered by their first cell.
     */
    public List<List<Cell>> cycles() {
        List<List<Cell>> out = new ArrayList<>();
        boolean[] seen = new boolean[sigma.length];
        for (int i = 0; i < sigma.length; i++) {
            if (seen[i] || sigma[i] == i) {
                continue;
            }
            List<Cell> cycle = new ArrayList<>();
            int j = i;
            do {
                seen[j] = true;
                cycle.add(new Cell(columns.get(j / n), j % n));
                j = sigma[j];
            } while (j != i);
            out.add(Collections.unmodifiableList(cycle));
        }
        return Collections.unmodifiableList(out);
    }
}
