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
        "booleans => p => 2 => booleans.pir:6:16 => constraint at booleans.pir:6:16 `x * (x - 1) = 0` does not hold",
        "currying => s => 8 => currying.pir:15:1 => constraint at currying.pir:15:1 `twice inc x = s` does not hold (left side 7, right side 8)",
        "bigint => y => 5 => bigint.pir:13:1 => constraint at bigint.pir:13:1 `x * (two128 + 1) + pminus1 + p = y` does not hold",
        "branch => k => 21 => branch.pir:16:1 => constraint at branch.pir:16:1 `clamp 10 20 a = k` does not hold (left side 20, right side 21)",
        "branch => c => 2 => branch.pir:5:16 => constraint at branch.pir:5:16 `x * (x - 1) = 0` does not hold",
        "compare32 => a => 4294967296 => compare32.pir:12:16 => pattern at compare32.pir:12:16 `0` does not match: the value is 1",
        "compare32 => less => 0 => compare32.pir:27:1 => constraint at compare32.pir:27:1 `ult 32 x y = less` does not hold",
        "alu => r => 218 => alu.pir:43:1 => constraint at alu.pir:43:1 `alu op x y = r` does not hold (left side 219, right side 218)",
        "alu => op => 4 => alu.pir:13:16 => pattern at alu.pir:13:16 `0` does not match: the value is 1",
        "poseidon => o1 => 5 => poseidon.pir:33:1 => constraint at poseidon.pir:33:1 `poseidon (x0, x1, x2) = (o0, o1, o2)` does not hold",
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
