package dev.vampvm.plonk;

import dev.vampvm.field.Fp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A polynomial over column queries: the language of gate constraints and lookup tuples.
 *
 * <p>A closed set of records, compared structurally. Build with {@link Column#cur()} and friends,
 * {@link #constant}, and the helpers {@link #add}, {@link #sub}, {@link #mul}, {@link #neg}, {@link #scale}.
 * Everything that computes with an expression (the mock prover on field values, the prover on extended-domain
 * evaluations, the verifier on opened values) goes through {@link #evaluate}, a fold with one function per case.
 */
public sealed interface Expression
        permits Expression.Constant, Expression.Query, Expression.Sum, Expression.Product, Expression.Negated,
        Expression.Scaled {

    /**
     * Rotations are refused from 2^20 on in absolute value. No sensible circuit reaches that far, and a
     * bound keeps ωʳ cheap for the verifier and the pinned encoding free of surprises.
     */
    int ROTATION_LIMIT = 1 << 20;

    /** A field constant. */
    record Constant(Fp value) implements Expression {
        public Constant {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return ExpressionPrinter.print(this);
        }
    }

    /** A column read at a row relative to the current one. */
    record Query(Column column, int rotation) implements Expression {
        public Query {
            Objects.requireNonNull(column, "column");
            if (rotation <= -ROTATION_LIMIT || rotation >= ROTATION_LIMIT) {
                throw new IllegalArgumentException("rotation " + rotation + " of column " + column.name()
                        + " is out of range: |rotation| must be below 2^20 = " + ROTATION_LIMIT);
            }
        }

        /** The column's kind. */
        public ColumnKind kind() {
            return column.kind();
        }

        @Override
        public String toString() {
            return column.name() + "[" + rotation + "]";
        }
    }

    record Sum(Expression left, Expression right) implements Expression {
        public Sum {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString() {
            return ExpressionPrinter.print(this);
        }
    }

    record Product(Expression left, Expression right) implements Expression {
        public Product {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString() {
            return ExpressionPrinter.print(this);
        }
    }

    record Negated(Expression inner) implements Expression {
        public Negated {
            Objects.requireNonNull(inner, "inner");
        }

        @Override
        public String toString() {
            return ExpressionPrinter.print(this);
        }
    }

    /** An expression multiplied by a field constant (degree unchanged). */
    record Scaled(Expression inner, Fp factor) implements Expression {
        public Scaled {
            Objects.requireNonNull(inner, "inner");
            Objects.requireNonNull(factor, "factor");
        }

        @Override
        public String toString() {
            return ExpressionPrinter.print(this);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Construction.

    static Constant constant(long value) {
        return new Constant(Fp.of(value));
    }

    static Constant constant(Fp value) {
        return new Constant(value);
    }

    /** The sum of the terms, left to right; the constant 0 when there are none. */
    static Expression sum(List<? extends Expression> terms) {
        if (terms.isEmpty()) {
            return constant(0);
        }
        Expression acc = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            acc = new Sum(acc, terms.get(i));
        }
        return acc;
    }

    /** The product of the factors, left to right; the constant 1 when there are none. */
    static Expression product(List<? extends Expression> factors) {
        if (factors.isEmpty()) {
            return constant(1);
        }
        Expression acc = factors.get(0);
        for (int i = 1; i < factors.size(); i++) {
            acc = new Product(acc, factors.get(i));
        }
        return acc;
    }

    default Expression add(Expression other) {
        return new Sum(this, other);
    }

    default Expression add(long constant) {
        return new Sum(this, constant(constant));
    }

    /** this − other, kept as {@code this + (−other)} so that evaluators need no subtraction case. */
    default Expression sub(Expression other) {
        return new Sum(this, new Negated(other));
    }

    default Expression sub(long constant) {
        return sub(constant(constant));
    }

    default Expression mul(Expression other) {
        return new Product(this, other);
    }

    default Expression neg() {
        return new Negated(this);
    }

    default Expression scale(Fp factor) {
        return new Scaled(this, factor);
    }

    default Expression scale(long factor) {
        return new Scaled(this, Fp.of(factor));
    }

    default Expression square() {
        return new Product(this, this);
    }

    /** this^e for e ≥ 1, as a chain of products (degree e · degree(this)). */
    default Expression pow(int e) {
        if (e < 1) {
            throw new IllegalArgumentException("exponent must be at least 1, got " + e);
        }
        Expression acc = this;
        for (int i = 1; i < e; i++) {
            acc = new Product(acc, this);
        }
        return acc;
    }

    // ---------------------------------------------------------------------------------------------
    // Analysis.

    /** The polynomial degree in the queried cells: queries 1, constants 0, products add, sums take the maximum. */
    default int degree() {
        return switch (this) {
            case Constant c -> 0;
            case Query q -> 1;
            case Sum s -> Math.max(s.left().degree(), s.right().degree());
            case Product p -> p.left().degree() + p.right().degree();
            case Negated n -> n.inner().degree();
            case Scaled s -> s.inner().degree();
        };
    }

    /**
     * Folds the expression bottom-up into a value of any domain: field elements for the mock prover,
     * evaluation vectors for the prover's quotient, opened values for the verifier.
     */
    default <T> T evaluate(Function<Fp, T> constant, Function<Query, T> query, BinaryOperator<T> sum,
            BinaryOperator<T> product, UnaryOperator<T> negate, BiFunction<T, Fp, T> scale) {
        return switch (this) {
            case Constant c -> constant.apply(c.value());
            case Query q -> query.apply(q);
            case Sum s -> sum.apply(s.left().evaluate(constant, query, sum, product, negate, scale),
                    s.right().evaluate(constant, query, sum, product, negate, scale));
            case Product p -> product.apply(p.left().evaluate(constant, query, sum, product, negate, scale),
                    p.right().evaluate(constant, query, sum, product, negate, scale));
            case Negated n -> negate.apply(n.inner().evaluate(constant, query, sum, product, negate, scale));
            case Scaled s -> scale.apply(s.inner().evaluate(constant, query, sum, product, negate, scale), s.factor());
        };
    }

    /** Evaluates over field values, reading each query through {@code cells}. */
    default Fp evaluate(Function<Query, Fp> cells) {
        return evaluate(c -> c, cells, Fp::add, Fp::mul, Fp::neg, Fp::mul);
    }

    /** The distinct queries, in order of first appearance (left to right). */
    default List<Query> queries() {
        Set<Query> out = new LinkedHashSet<>();
        collectQueries(this, out);
        return Collections.unmodifiableList(new ArrayList<>(out));
    }

    private static void collectQueries(Expression e, Set<Query> out) {
        switch (e) {
            case Constant c -> {
            }
            case Query q -> out.add(q);
            case Sum s -> {
                collectQueries(s.left(), out);
                collectQueries(s.right(), out);
            }
            case Product p -> {
                collectQueries(p.left(), out);
                collectQueries(p.right(), out);
            }
            case Negated n -> collectQueries(n.inner(), out);
            case Scaled s -> collectQueries(s.inner(), out);
        }
    }
}
