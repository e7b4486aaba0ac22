package dev.vampvm.plonk;

import java.util.List;
import java.util.Objects;

/**
 * A lookup argument: on every usable row, the tuple of input expressions must equal the tuple of table
 * expressions on some usable row. Tables are usually fixed columns, but any expressions are allowed.
 */
public record Lookup(String name, List<Expression> inputs, List<Expression> tables) {

    public Lookup {
        Objects.requireNonNull(name, "name");
        inputs = List.copyOf(inputs);
        tables = List.copyOf(tables);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("lookup \"" + name + "\" has no input expressions");
        }
        if (inputs.size() != tables.size()) {
            throw new IllegalArgumentException("lookup \"" + name + "\" has " + inputs.size()
                    + " input expressions but " + tables.size() + " table expressions: the tuples must have the same length");
        }
    }

    /** The largest degree among the inputs, at least 1. */
    public int inputDegree() {
        return maxDegree(inputs);
    }

    /** The largest degree among the table expressions, at least 1. */
    public int tableDegree() {
        return maxDegree(tables);
    }

    /**
     * The degree this lookup needs of the system, for halo2's permuted-column argument: its widest
     * constraint is {@code (1 − (l_last + l_blind)) · (z(ωX)·(A′ + β)·(S′ + γ) − z(X)·(A_θ + β)·(S_θ + γ))},
     * where A_θ and S_θ compress the tuples with powers of θ: 2 + input degree + table degree, and never
     * below 4 (the first half). The other lookup constraints have degree at most 3.
     */
    public int requiredDegree() {
        return Math.max(4, 2 + inputDegree() + tableDegree());
    }

    private static int maxDegree(List<Expression> es) {
        int d = 1;
        for (Expression e : es) {
            d = Math.max(d, e.degree());
        }
        return d;
    }
}
