package dev.vampvm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.ir.syntax.Diagnostic;
import dev.vampvm.ir.syntax.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every program in examples/: its inputs satisfy it and the mock prover accepts the circuit; a wrong input is
 * refused, by the direct check and by the mock prover, at the right source position. Rows beat the baseline.
 */
class ExamplesTest {

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "pythagoras => y => 21 => pythagoras.pir:3:20 => constraint at pythagoras.pir:3:20 `a^2 + b^2 = c^2` does not hold",
        "range => x => 256 => range.pir:15:16 => pattern at range.pir:15:16 `0` does not match: the value is 1",
        "compare => less => 0 => compare.pir:25:1 => constraint at compare.pir:25:1 `ult 16 a b = less` does not hold",
        "mimc => h => 5 => mimc.pir:15:1 => constraint at mimc.pir:15:1 `mimc m = h` does not hold",
        "fib => r => 56 => fib.pir:6:1 => constraint at fib.pir:6:1 `fib n 0 1 = r` does not hold (left side 55, right side 56)",
    })
    void exampleProvesAndAWrongInputIsRefusedAtItsSource(String name, String input, String wrong, String position,
            String message) throws IOException {
        Path dir = IrTesting.examples();
        SourceFile src = new SourceFile(name + ".pir", Files.readString(dir.resolve(name + ".pir")));
        Inputs good = Inputs.read(dir.resolve(name + ".inputs.json"));
        CompiledProgram p = Compiler.compile(src, good, null);
        assertTrue(p.checkWitness().isEmpty(), IrTesting.render(p.checkWitness()));
        assertTrue(p.mockProve().isEmpty(), IrTesting.render(p.mockProve()));
        CompiledProgram.Stats s = p.stats();
        assertTrue(s.rows() < s.baselineRows(), s.toString());

        Map<String, String> bad = new LinkedHashMap<>(good.raw());
        bad.put(input, wrong);
        CompiledProgram q = Compiler.compile(src, Inputs.of(bad), null);
        List<Diagnostic> direct = q.checkWitness();
        assertFalse(direct.isEmpty());
        assertEquals(position, direct.get(0).span().position(), IrTesting.render(direct));
        assertTrue(direct.get(0).render().startsWith(message), direct.get(0).render());
        List<Diagnostic> mock = q.mockProve();
        assertFalse(mock.isEmpty(), "the mock prover accepted a wrong input");
        assertTrue(mock.stream().anyMatch(d -> d.span() != null && d.span().position().equals(position)),
                IrTesting.render(mock));
    }
}
