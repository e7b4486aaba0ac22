package dev.vampvm.api;

import dev.vampvm.ir.eval.Evaluator;

/**
 * How a program's circuit was compiled, recorded in every proof so that the verifier compiles the same circuit from
 * the program alone, without the private inputs: {@link #none()} for a program without recursion on its inputs
 * (static mode's shape), or {@link #unroll(int)} for recursion unrolled to at most N levels. The run-specific
 * circuit that {@code vampvm run} uses is never proven: it depends on the private inputs.
 *
 * @param unroll the recursion bound, or null for "no recursion on inputs"
 */
public record CircuitChoice(Integer unroll) {
    public CircuitChoice {
        if (unroll != null && unroll < 0) {
            throw new IllegalArgumentException("unroll bound must be at least 0, got " + unroll);
        }
    }

    public static CircuitChoice none() {
        return new CircuitChoice(null);
    }

    public static CircuitChoice unroll(int n) {
        return new CircuitChoice(n);
    }

    Evaluator.Options options() {
        return unroll == null ? Evaluator.Options.shape() : Evaluator.Options.unroll(unroll);
    }

    /** "no recursion" or "unroll N": also part of the key cache's address. */
    public String describe() {
        return unroll == null ? "no recursion" : "unroll " + unroll;
    }
}
