package dev.vampvm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Parser;
import dev.vampvm.ir.types.CheckedProgram;
import dev.vampvm.ir.types.TypeChecker;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The inputs file: number formats, and every kind of problem reported at once. */
class InputsTest {

    @ParameterizedTest
    @CsvSource({"15,15", "0x1f,31", "0X1F,31", "0o17,15", "0b101,5", "-1,-1", "-0x2,-2", "0,0", "' 7 ',7"})
    void parsesNumbers(String text, long expected) {
        assertEquals(Fp.of(expected), Inputs.parseNumber(text));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        "abc => is not a number",
        "0x => is not a number",
        "0b12 => is not a number",
        "1.5 => is not a number",
        "'' => is not a number",
        "0x40000000000000000000000000000000224698fc094cf91b992d30ed00000001 => is out of range",
    })
    void refusesMalformedNumbers(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Inputs.parseNumber(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static CheckedProgram program() {
        return TypeChecker.check(Parser.parse(IrTesting.source("def (a, b) = p; a + b = q;")));
    }

    @Test
    void resolvesDottedComponents() {
        Map<String, Fp> v = Inputs.parse("in.json", "{ \"p.0\": \"1\", \"p.1\": 2, \"q\": \"3\" }").resolve(program());
        assertEquals(Map.of("p.0", Fp.of(1), "p.1", Fp.of(2), "q", Fp.of(3)), v);
    }

    @Test
    void listsEveryProblemAtOnce() {
        CompileException e = assertThrows(CompileException.class,
                () -> Inputs.parse("in.json", "{ \"p.0\": \"x1\", \"r\": \"1\", \"s\": \"2\" }").resolve(program()));
        assertEquals(CompileException.Kind.INPUTS, e.kind());
        String m = e.getMessage();
        assertTrue(m.contains("in.json: missing inputs p.1, q (the program's inputs are: p.0, p.1, q)"), m);
        assertTrue(m.contains("in.json: input 'p.0': 'x1' is not a number"), m);
        assertTrue(m.contains("in.json: unknown inputs r, s"), m);
    }

    @Test
    void refusesFilesThatAreNotAnObjectOfNumbers() {
        assertThrows(CompileException.class, () -> Inputs.parse("in.json", "[1, 2]"));
        assertThrows(CompileException.class, () -> Inputs.parse("in.json", "{ \"x\": "));
        CompileException e = assertThrows(CompileException.class, () -> Inputs.parse("in.json", "{ \"x\": true }"));
        assertTrue(e.getMessage().contains("input 'x' must be a number written as a string"), e.getMessage());
    }

    /** Found by InputsFuzzTest: Jackson's length limits throw without a location, which crashed the reader. */
    @Test
    void jsonBeyondJacksonsLimitsIsADiagnostic() {
        for (String json : new String[] {"{ \"x\": " + "9".repeat(20_000) + " }", "[".repeat(5_000)}) {
            CompileException e = assertThrows(CompileException.class, () -> Inputs.parse("in.json", json));
            assertEquals(CompileException.Kind.INPUTS, e.kind());
            assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        }
    }
}
