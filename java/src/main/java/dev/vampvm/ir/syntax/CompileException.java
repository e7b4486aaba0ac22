package dev.vampvm.ir.syntax;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A problem with the user's program or inputs, carrying diagnostics to print; never shown with a stack trace. The
 * kind decides the exit code of the command line.
 */
public final class CompileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely, for exit codes. */
    public enum Kind {
        /** Syntax or type error: the file is malformed. */
        SYNTAX,
        TYPE,
        /** An error while evaluating the program symbolically (pattern mismatch, non-constant exponent, ...). */
        EVALUATION,
        /** A constraint that cannot hold: between constants at compile time, or for the given inputs. */
        UNSATISFIED,
        /** Inputs missing, unknown or malformed. */
        INPUTS,
        /** The program needs something from the command line (inputs or an unroll bound). */
        USAGE
    }

    private final Kind kind;
    private final transient List<Diagnostic> diagnostics;

    public CompileException(Kind kind, List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining("\n")));
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a compile error needs at least one diagnostic");
        }
        this.kind = kind;
        this.diagnostics = List.copyOf(diagnostics);
    }

    public CompileException(Kind kind, Diagnostic diagnostic) {
        this(kind, List.of(diagnostic));
    }

    public static CompileException at(Kind kind, Span span, String message) {
        return new CompileException(kind, Diagnostic.at(span, message));
    }

    public Kind kind() {
        return kind;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The first diagnostic's span (null if it has none). */
    public Span span() {
        return diagnostics.get(0).span();
    }
}
