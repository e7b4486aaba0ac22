package dev.vampvm.plonk;

import java.util.Objects;

/**
 * One polynomial of a gate: it must evaluate to zero on every usable row. The name (may be empty) is for
 * people only and is not part of the relation.
 */
public record Constraint(String name, Expression polynomial) {

    public Constraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(polynomial, "polynomial");
    }

    public static Constraint of(String name, Expression polynomial) {
        return new Constraint(name, polynomial);
    }

    public int degree() {
        return polynomial.degree();
    }

    @Override
    public String toString() {
        return name.isEmpty() ? polynomial.toString() : name + ": " + polynomial;
    }
}
