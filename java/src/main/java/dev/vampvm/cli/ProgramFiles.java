package dev.vampvm.cli;

import dev.vampvm.ir.CompiledProgram;
import dev.vampvm.ir.Compiler;
import dev.vampvm.ir.Inputs;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Diagnostic;
import dev.vampvm.ir.syntax.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code compile} and {@code run} share: reading a program and its inputs file, and turning the front end's
 * errors into messages and exit codes (0 ok, 1 unsatisfied, 2 usage, 3 unreadable or malformed file).
 */
final class ProgramFiles {
    static final int EXIT_UNSATISFIED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_MALFORMED = 3;

    private ProgramFiles() {
    }

    /** A user error with its exit code, already described. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int exit;

        Failure(int exit, String message) {
            super(message, null, false, false);
            this.exit = exit;
        }
    }

    static SourceFile read(Path program) throws Failure {
        try {
            return new SourceFile(program.toString(), dev.vampvm.plonk.io.FileLimits.readText(program));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new Failure(EXIT_MALFORMED, "cannot read " + program + ": " + describe(e));
        }
    }

    /** {@code PROGRAM.inputs.json} or {@code PROGRAM.inputs} beside the program (VampIR's convention), if present. */
    static Path defaultInputs(Path program) {
        String name = program.getFileName().toString();
        String base = name.endsWith(".pir") ? name.substring(0, name.length() - 4) : name;
        Path dir = program.toAbsolutePath().getParent();
        for (String candidate : new String[] {base + ".inputs.json", base + ".inputs"}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    static Inputs readInputs(Path file) throws Failure {
        try {
            return Inputs.read(file);
        } catch (IOException e) {
            throw new Failure(EXIT_MALFORMED, "cannot read inputs file " + file + ": " + describe(e));
        }
    }

    static CompiledProgram compile(SourceFile source, Inputs inputs, Integer unroll) {
        return Compiler.compile(source, inputs, unroll);
    }

    /** Prints a compile error's diagnostics and returns its exit code. */
    static int report(CompileException e, PrintWriter err) {
        for (Diagnostic d : e.diagnostics()) {
            err.println("error: " + d.render());
        }
        err.flush();
        return exitCode(e.kind());
    }

    static int exitCode(CompileException.Kind kind) {
        return switch (kind) {
            case UNSATISFIED -> EXIT_UNSATISFIED;
            case USAGE -> EXIT_USAGE;
            case SYNTAX, TYPE, EVALUATION, INPUTS -> EXIT_MALFORMED;
        };
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.MalformedInputException || e.getCause() instanceof java.nio.charset.MalformedInputException) {
            return "not UTF-8 text";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
