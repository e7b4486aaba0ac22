package dev.vampvm.ir;

import static dev.vampvm.ir.IrTesting.accepted;
import static dev.vampvm.ir.IrTesting.assertPosition;
import static dev.vampvm.ir.IrTesting.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.ir.syntax.Diagnostic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The first milestone: language.md's small example compiles, proves in the mock prover, and fails where it should. */
class PythagorasTest {
    static final String PYTH = """
            pub R;
            def pyth a b c = { a^2 + b^2 = c^2 };
            pyth x y R;
            """;

    @Test
    void satisfiedByAPythagoreanTriple() {
        CompiledProgram p = accepted(PYTH, Map.of("x", "15", "y", "20", "R", "25"));
        assertEquals(List.of("R"), List.copyOf(p.publicValues().keySet()));
        assertTrue(p.stats().rows() < p.stats().baselineRows(), p.stats().toString());
    }

    @Test
    void wrongInputIsReportedAtTheConstraint() {
        List<Diagnostic> ds = rejected(PYTH, Map.of("x", "15", "y", "21", "R", "25"));
        assertEquals(1, ds.size());
        Diagnostic d = ds.get(0);
        assertPosition(d, 2, 20);
        assertTrue(d.render().startsWith("constraint at t.pir:2:20 `a^2 + b^2 = c^2` does not hold"), d.render());
        assertTrue(d.render().contains("in pyth called at t.pir:3:1"), d.render());
    }

    @Test
    void mockProverFailureIsMappedToTheSource() {
        CompiledProgram p = IrTesting.compile(PYTH, Map.of("x", "15", "y", "21", "R", "25"));
        List<Diagnostic> mock = p.mockProve();
        assertEquals(1, mock.size(), IrTesting.render(mock));
        assertTrue(mock.get(0).render().startsWith("constraint at t.pir:2:20 `a^2 + b^2 = c^2` does not hold"),
                mock.get(0).render());
    }
}
