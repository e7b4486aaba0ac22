package dev.vampvm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vampvm.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vampvm compile} and {@code vampvm run}, in process: output, messages and exit codes. */
class CommandLineTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String example(String name) {
        return IrTesting.examples().resolve(name).toString();
    }

    @Test
    void compilePrintsStatistics() {
        Run r = run("compile", example("pythagoras.pir"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("inputs        3 (x, y, R)"), r.out());
        assertTrue(r.out().contains("public        1 (R)"), r.out());
        assertTrue(r.out().matches("(?s).*rows          3 \\(baseline 4: .*"), r.out());
        assertTrue(r.out().contains("k             4"), r.out());
    }

    @Test
    void compilePrintsJson() throws IOException {
        Run r = run("compile", example("mimc.pir"), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(3, j.get("inputs").asInt());
        assertEquals("h", j.get("publicInputNames").get(0).asText());
        assertTrue(j.get("rows").asInt() < j.get("baselineRows").asInt());
        assertTrue(j.has("k") && j.has("gates") && j.has("adviceColumns"));
    }

    @Test
    void compileOfInputDependentRecursionUsesTheInputsBesideTheProgramOrTheBound() {
        Run r = run("compile", example("fib.pir"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("compiling for the run of"), r.err());
        Run u = run("compile", example("fib.pir"), "--unroll", "15");
        assertEquals(0, u.exit(), u.err());
        assertTrue(u.out().contains("recursion unrolled to --unroll 15"), u.out());
    }

    @Test
    void compileWithoutInputsOrBoundIsAUsageError() throws IOException {
        Path p = write("f.pir", "def f n = branch (lt n 1) (f (n - 1)) 0; f x;");
        Run r = run("compile", p.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--unroll N"), r.err());
    }

    @Test
    void runPrintsPublicValuesAndResult() {
        Run r = run("run", example("fib.pir"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("public r = 55"), r.out());
        assertTrue(r.out().contains("result ()"), r.out());
        assertTrue(r.out().contains("mock prover: all constraints satisfied"), r.out());
        Run range = run("run", example("range.pir"));
        assertTrue(range.out().contains("result 0:0:0:1:0:0:1:1:[]"), range.out());
    }

    @Test
    void runReportsAnUnsatisfiedConstraintWithExitCodeOne() throws IOException {
        Path in = write("bad.json", "{ \"x\": \"15\", \"y\": \"21\", \"R\": \"25\" }");
        Run r = run("run", example("pythagoras.pir"), "--inputs", in.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("pythagoras.pir:3:20 `a^2 + b^2 = c^2` does not hold (left side 666, right side 625)"),
                r.err());
        assertTrue(r.err().contains("  def pyth a b c = { a^2 + b^2 = c^2 };\n                     ^^^^^^^^^^^^^^^"), r.err());
    }

    @Test
    void runReadsTheDotInputsFileToo() throws IOException {
        Path p = write("sq.pir", "pub y; x * x = y;");
        write("sq.inputs", "{ \"x\": \"3\", \"y\": \"9\" }");
        Run r = run("run", p.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("public y = 9"), r.out());
    }

    @Test
    void runWithoutAnInputsFileIsAUsageError() throws IOException {
        Path p = write("noin.pir", "x = 1;");
        Run r = run("run", p.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no inputs file"), r.err());
    }

    @Test
    void malformedFilesExitWithThree() throws IOException {
        Run missing = run("run", dir.resolve("nothere.pir").toString());
        assertEquals(3, missing.exit());
        assertTrue(missing.err().contains("cannot read") && missing.err().contains("no such file"), missing.err());

        Path syntax = write("s.pir", "def x = 1\npub y;");
        Run s = run("compile", syntax.toString());
        assertEquals(3, s.exit());
        assertTrue(s.err().contains("s.pir:1:10: expected ';' after definition, found 'pub'"), s.err());
        assertTrue(!s.err().contains("Exception"), s.err());

        Path type = write("t.pir", "(1, 2) = 3;");
        assertEquals(3, run("compile", type.toString()).exit());

        Path prog = write("p.pir", "x = 1;");
        Path json = write("p.json", "{ \"x\": ");
        Run j = run("run", prog.toString(), "--inputs", json.toString());
        assertEquals(3, j.exit());
        assertTrue(j.err().contains("not valid JSON"), j.err());
        Path wrongName = write("w.json", "{ \"y\": \"1\" }");
        Run w = run("run", prog.toString(), "--inputs", wrongName.toString());
        assertEquals(3, w.exit());
        assertTrue(w.err().contains("missing input x") && w.err().contains("unknown input y"), w.err());
    }

    @Test
    void constraintsThatCanNeverHoldExitWithOne() throws IOException {
        Path p = write("c.pir", "2^5 = 5;");
        Run r = run("compile", p.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("c.pir:1:1: constraint `2^5 = 5` can never hold: 32 ≠ 5"), r.err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("compile").exit());
        assertEquals(2, run("run", "--no-such-flag", "x.pir").exit());
        assertEquals(2, run("compile", example("fib.pir"), "--unroll", "-1").exit());
    }
}
