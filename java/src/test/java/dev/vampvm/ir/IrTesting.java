package dev.vampvm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Diagnostic;
import dev.vampvm.ir.syntax.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Helpers shared by the front-end tests. */
final class IrTesting {
    private IrTesting() {
    }

    static SourceFile source(String text) {
        return new SourceFile("t.pir", text);
    }

    static CompiledProgram compile(String text, Map<String, String> inputs) {
        return Compiler.compile(source(text), inputs == null ? null : Inputs.of(inputs), null);
    }

    static CompiledProgram compile(String text) {
        return compile(text, Map.of());
    }

    /** Compiles with the inputs and asserts that the witness and the mock prover both accept. */
    static CompiledProgram accepted(String text, Map<String, String> inputs) {
        CompiledProgram p = compile(text, inputs);
        List<Diagnostic> direct = p.checkWitness();
        assertTrue(direct.isEmpty(), () -> render(direct));
        List<Diagnostic> mock = p.mockProve();
        assertTrue(mock.isEmpty(), () -> render(mock));
        return p;
    }

    /** Compiles with the inputs and returns the witness-check failures (asserting the mock prover fails too). */
    static List<Diagnostic> rejected(String text, Map<String, String> inputs) {
        CompiledProgram p = compile(text, inputs);
        List<Diagnostic> direct = p.checkWitness();
        assertTrue(!direct.isEmpty(), "expected a failing constraint");
        assertTrue(!p.mockProve().isEmpty(), "the mock prover accepted a witness the direct check refuses");
        return direct;
    }

    static CompileException error(String text, Map<String, String> inputs) {
        return assertThrows(CompileException.class, () -> compile(text, inputs));
    }

    static CompileException error(String text) {
        return error(text, Map.of());
    }

    static String render(List<Diagnostic> ds) {
        return ds.stream().map(Diagnostic::render).collect(Collectors.joining("\n"));
    }

    static void assertPosition(Diagnostic d, int line, int column) {
        assertEquals(line, d.span().line(), d.render());
        assertEquals(column, d.span().column(), d.render());
    }

    /** The examples folder at the repository root. */
    static Path examples() {
        Path p = Path.of("examples").toAbsolutePath();
        if (!Files.isDirectory(p)) {
            p = Path.of("..", "examples").toAbsolutePath();
        }
        return p.normalize();
    }
}
