package dev.vampvm.plonk;

import java.util.List;
import java.util.Objects;

/** A named group of constraints, created by {@link ConstraintSystem.Builder#createGate}. */
public record Gate(String name, List<Constraint> constraints) {

    public Gate {
        Objects.requireNonNull(name, "name");
        constraints = List.copyOf(constraints);
        if (constraints.isEmpty()) {
            throw new IllegalArgumentException("gate \"" + name + "\" has no constraints: give it at least one polynomial");
        }
    }

    /** The largest degree among the constraints. */
    public int degree() {
        int d = 0;
        for (Constraint c : constraints) {
            d = Math.max(d, c.degree());
        }
        return d;
    }
}
