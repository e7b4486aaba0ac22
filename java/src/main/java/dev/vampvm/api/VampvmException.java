package dev.vampvm.api;

import dev.vampvm.ir.syntax.Diagnostic;
import java.util.List;

/**
 * A user error while proving: inputs that do not satisfy the program (with one diagnostic per failing source
 * constraint, e.g. {@code constraint at pyth.pir:3:20 `a^2 + b^2 = c^2` does not hold}) or a usage problem (a
 * recursion too deep for the bound, a circuit over the largest k), a proof too large for the heap, or a GPU asked for
 * and not usable. Compile errors
 * stay {@link dev.vampvm.ir.syntax.CompileException}s.
 */
public final class VampvmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        UNSATISFIED,
        USAGE,
        /** The proof would need more memory than the JVM may use (the command line exits 5). */
        RESOURCES,
        /** The GPU engine was asked for and cannot run here (the command line exits 4); the message says why. */
        NO_GPU
    }

    private final Kind kind;
    private final transient List<Diagnostic> diagnostics;

    public VampvmException(Kind kind, String message, List<Diagnostic> diagnostics) {
        super(message);
        this.kind = kind;
        this.diagnostics = List.copyOf(diagnostics);
    }

    public Kind kind() {
        return kind;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
