package dev.vampvm.ir;

import static dev.vampvm.ir.IrTesting.accepted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.ir.syntax.Diagnostic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layout: fusion, continuation rows for long sums, packed bit checks, copies, public inputs. */
class LayoutTest {

    @Test
    void longSumsContinueOverRowsAndStillMapFailuresToTheSource() {
        StringBuilder sum = new StringBuilder();
        Map<String, String> in = new HashMap<>();
        long total = 0;
        for (int i = 0; i < 13; i++) {
            sum.append(i == 0 ? "" : " + ").append(i + 1).append(" * x").append(i);
            in.put("x" + i, "" + (i * 7 + 1));
            total += (long) (i + 1) * (i * 7 + 1);
        }
        String prog = sum + " = y;";
        in.put("y", "" + total);
        CompiledProgram p = accepted(prog, in);
        CompiledProgram.Stats s = p.stats();
        assertEquals(1, s.fusedConstraints(), p.layout().listing());
        assertEquals(5, s.rows(), p.layout().listing()); // 14 terms: 4 in the head row, then 3 per row
        assertTrue(s.baselineRows() >= 20, s.toString());
        in.put("y", "" + (total + 1));
        List<Diagnostic> mock = IrTesting.compile(prog, in).mockProve();
        assertEquals(1, mock.size(), IrTesting.render(mock));
        assertTrue(mock.get(0).render().startsWith("constraint at t.pir:1:1 `1 * x0 + 2 * x1"), mock.get(0).render());
    }

    @Test
    void bitChecksArePackedFourToARow() {
        String prog = """
                def bit b = { b * (b - 1) = 0; b };
                def bits = iter 8 (fun acc { bit (fresh 1) : acc }) [];
                fold bits (fun b s { s + b }) 0 = 8;
                """;
        CompiledProgram p = accepted(prog, Map.of());
        assertEquals(2, p.stats().bitRows(), p.layout().listing());
    }

    @Test
    void equalitiesBetweenInputsAreCopiesWithoutRows() {
        String prog = "pub a; a = b; b = c;";
        CompiledProgram p = accepted(prog, Map.of("a", "5", "b", "5", "c", "5"));
        assertEquals(1, p.stats().rows(), p.layout().listing()); // one row of cells, no gate
        List<Diagnostic> mock = IrTesting.compile(prog, Map.of("a", "5", "b", "5", "c", "6")).mockProve();
        assertEquals(1, mock.size(), IrTesting.render(mock));
        assertTrue(mock.get(0).render().startsWith("constraint at t.pir:1:15 `b = c` does not hold (copy"),
                mock.get(0).render());
    }

    @Test
    void publicInputsAreCopiedFromTheInstanceColumn() {
        CompiledProgram p = accepted("pub x, y; x * x = y; pub z; def unused = z;", Map.of("x", "3", "y", "9", "z", "4"));
        assertEquals(List.of("x", "y", "z"), List.copyOf(p.publicValues().keySet()));
        assertEquals(3, p.layout().instances().get(0).size());
    }

    @Test
    void temporariesFuseIntoTheirUse() {
        // t = a + b; u = t * c; v = u + d; v = e: one row with a product and four cells after fusion... or two.
        CompiledProgram p = accepted("(a + b) * c + d = e;", Map.of("a", "1", "b", "2", "c", "3", "d", "4", "e", "13"));
        assertTrue(p.stats().rows() <= 2, p.layout().listing());
        assertTrue(p.stats().optimizedConstraints() >= 3, p.optimized().listing());
    }
}
