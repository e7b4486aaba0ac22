package dev.vampvm.plonk.dev;

import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.DenseAssignment;
import dev.vampvm.plonk.Gate;
import dev.vampvm.plonk.Synthesis;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a circuit costs, for {@code vampvm compile} and for choosing k: rows, columns, gates, degree and the
 * sizes of the arguments.
 *
 * @param k                  the k the table was synthesized at
 * @param rowsUsed           one more than the largest row touched
 * @param usableRows         usable rows at k
 * @param minimumK           the smallest k whose usable rows hold rowsUsed
 * @param permutationChunks  grand products of the permutation argument (columns / (degree − 2), rounded up)
 * @param copies             copy constraints made
 * @param constants          distinct constants placed in constant columns
 */
public record CircuitCost(int k, int rowsUsed, int usableRows, int minimumK, int adviceColumns, int fixedColumns,
        int selectors, int constantColumns, int instanceColumns, int gates, int constraints, int maxGateDegree,
        int degree, int lookups, int permutationColumns, int permutationChunks, int copies, int constants,
        int blindingFactors, int adviceQueries, int fixedQueries, int instanceQueries) {

    /** The cost of a synthesized table (either mode). */
    public static CircuitCost of(DenseAssignment table) {
        ConstraintSystem cs = table.constraintSystem();
        int constraints = 0;
        for (Gate g : cs.gates()) {
            constraints += g.constraints().size();
        }
        int rows = table.rowsUsed();
        return new CircuitCost(table.k(), rows, table.usableRows(), cs.minimumK(rows), cs.numAdviceColumns(),
                cs.numFixedColumns(), cs.selectors().size(), cs.constantColumns().size(), cs.numInstanceColumns(),
                cs.gates().size(), constraints, cs.maxGateDegree(), cs.degree(), cs.lookups().size(),
                cs.permutationColumns().size(), cs.permutationChunks(), table.copyCount(), table.constantCount(),
                cs.blindingFactors(), cs.adviceQueries().size(), cs.fixedQueries().size(), cs.instanceQueries().size());
    }

    /** Synthesizes the circuit's shape (no witness) at k and measures it; k only has to be large enough. */
    public static CircuitCost measure(Circuit<?> circuit, int k) {
        return of(Synthesis.shape(circuit, k));
    }

    /** The figures by name, in a stable order (for JSON). */
    public Map<String, Integer> asMap() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("k", k);
        m.put("rowsUsed", rowsUsed);
        m.put("usableRows", usableRows);
        m.put("minimumK", minimumK);
        m.put("adviceColumns", adviceColumns);
        m.put("fixedColumns", fixedColumns);
        m.put("selectors", selectors);
        m.put("constantColumns", constantColumns);
        m.put("instanceColumns", instanceColumns);
        m.put("gates", gates);
        m.put("constraints", constraints);
        m.put("maxGateDegree", maxGateDegree);
        m.put("degree", degree);
        m.put("lookups", lookups);
        m.put("permutationColumns", permutationColumns);
        m.put("permutationChunks", permutationChunks);
        m.put("copies", copies);
        m.put("constants", constants);
        m.put("blindingFactors", blindingFactors);
        m.put("adviceQueries", adviceQueries);
        m.put("fixedQueries", fixedQueries);
        m.put("instanceQueries", instanceQueries);
        return m;
    }

    /** One "name: value" line per figure. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : asMap().entrySet()) {
            sb.append(String.format("%-20s %d%n", e.getKey() + ":", e.getValue()));
        }
        return sb.toString();
    }
}
