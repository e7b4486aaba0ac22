package dev.vampvm.plonk.lookup;

import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * halo2's permuted columns for one lookup: A′ is a permutation of the compressed input A over the usable rows
 * with equal values adjacent, S′ a permutation of the compressed table S with S′(i) = A′(i) wherever A′(i)
 * starts a new run (A′(i) ≠ A′(i − 1), or i = 0). Then every A′(i) equals S′(i) or A′(i − 1), which the lookup
 * constraints check, and (A′, S′) being permutations of (A, S) is what the grand product checks. Rows from
 * {@code usable} on are random.
 *
 * @param input        A′ over all n rows
 * @param table        S′ over all n rows
 * @param missingRow   −1, or a usable row whose input value is not in the table (then the columns are null)
 */
public record PermutedColumns(long[] input, long[] table, int missingRow) {
    private static final MontgomeryField F = Fp.FIELD;

    /** A field element as a hashable, ordered key (Montgomery limbs). */
    private record Value(long a, long b, long c, long d) implements Comparable<Value> {
        static Value at(long[] v, int i) {
            return new Value(v[4 * i], v[4 * i + 1], v[4 * i + 2], v[4 * i + 3]);
        }

        void writeTo(long[] v, int i) {
            v[4 * i] = a;
            v[4 * i + 1] = b;
            v[4 * i + 2] = c;
            v[4 * i + 3] = d;
        }

        @Override
        public int compareTo(Value o) {
            int r = Long.compareUnsigned(d, o.d);
            if (r == 0) {
                r = Long.compareUnsigned(c, o.c);
            }
            if (r == 0) {
                r = Long.compareUnsigned(b, o.b);
            }
            return r != 0 ? r : Long.compareUnsigned(a, o.a);
        }
    }

    /**
     * Builds A′ and S′ from A and S (4n longs each; only the first {@code usable} rows are read).
     */
    public static PermutedColumns permute(long[] compressedInput, long[] compressedTable, int usable, int n,
            RandomGenerator rng) {
        Map<Value, int[]> remaining = new HashMap<>();
        for (int r = 0; r < usable; r++) {
            remaining.computeIfAbsent(Value.at(compressedTable, r), v -> new int[1])[0]++;
        }
        Value[] sorted = new Value[usable];
        for (int r = 0; r < usable; r++) {
            Value v = Value.at(compressedInput, r);
            if (!remaining.containsKey(v)) {
                return new PermutedColumns(null, null, r);
            }
            sorted[r] = v;
        }
        Arrays.sort(sorted);
        long[] a = new long[4 * n];
        long[] s = new long[4 * n];
        boolean[] filled = new boolean[usable];
        for (int i = 0; i < usable; i++) {
            sorted[i].writeTo(a, i);
            if (i == 0 || !sorted[i].equals(sorted[i - 1])) {
                int[] count = remaining.get(sorted[i]);
                count[0]--; // at least one left: each distinct value takes one table row, and it is in the table
                sorted[i].writeTo(s, i);
                filled[i] = true;
            }
        }
        // The table rows not used above fill the other positions, in row order.
        int next = 0;
        for (int r = 0; r < usable; r++) {
            Value v = Value.at(compressedTable, r);
            int[] count = remaining.get(v);
            if (count[0] > 0) {
                count[0]--;
                while (filled[next]) {
                    next++;
                }
                v.writeTo(s, next);
                filled[next] = true;
            }
        }
        for (int r = usable; r < n; r++) {
            F.random(rng, a, 4 * r);
            F.random(rng, s, 4 * r);
        }
        return new PermutedColumns(a, s, -1);
    }

    /**
     * For soundness tests only (a cheating prover): A′ sorted as usual and S′ built as if every input value were
     * in the table, taking the place of table rows that are not needed. The grand product cannot close.
     */
    public static PermutedColumns permuteAsIfPresent(long[] compressedInput, long[] compressedTable, int usable, int n,
            RandomGenerator rng) {
        long[] table = compressedTable.clone();
        java.util.Set<Value> present = new java.util.HashSet<>();
        for (int r = 0; r < usable; r++) {
            present.add(Value.at(table, r));
        }
        java.util.Set<Value> missing = new java.util.TreeSet<>();
        for (int r = 0; r < usable; r++) {
            Value v = Value.at(compressedInput, r);
            if (!present.contains(v)) {
                missing.add(v);
            }
        }
        int r = usable - 1;
        for (Value v : missing) {
            v.writeTo(table, r--); // overwrite the last table rows with the missing values
        }
        return permute(compressedInput, table, usable, n, rng);
    }
}
