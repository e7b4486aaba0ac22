package dev.vampvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's contract: exit codes, and messages on the right stream. No benchmark is run. */
class MainTest {

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

    @Test
    void versionIsPrinted() {
        Run r = run("--version");
        assertEquals(Main.EXIT_OK, r.exit());
        // "dev" from test classes; the jar's manifest version when packaged
        assertTrue(r.out().matches("vampvm \\S+\\R"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void helpListsTheBenchCommand() {
        Run r = run("--help");
        assertEquals(Main.EXIT_OK, r.exit());
        assertTrue(r.out().contains("bench"), r.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("--no-such-option");
        assertEquals(Main.EXIT_USAGE, r.exit());
        assertTrue(r.err().contains("Unknown option: '--no-such-option'"), r.err());
        assertTrue(r.err().contains("Usage: vampvm"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknownCommandIsAUsageError() {
        Run r = run("frobnicate");
        assertEquals(Main.EXIT_USAGE, r.exit());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void missingCommandIsAUsageError() {
        Run r = run();
        assertEquals(Main.EXIT_USAGE, r.exit());
        assertTrue(r.err().contains("Missing required subcommand"), r.err());
    }

    @Test
    void benchWithUnknownSuiteIsAUsageError() {
        Run r = run("bench", "nosuchsuite");
        assertEquals(Main.EXIT_USAGE, r.exit());
        assertTrue(r.err().contains("nosuchsuite"), r.err());
        assertTrue(r.err().contains("Usage: vampvm bench"), r.err());
    }

    @Test
    void benchWithoutSuiteIsAUsageError() {
        Run r = run("bench");
        assertEquals(Main.EXIT_USAGE, r.exit());
        assertTrue(r.err().contains("arith"), r.err());
    }

    @Test
    void badArithOptionIsAUsageError() {
        Run r = run("bench", "arith", "--quik");
        assertEquals(Main.EXIT_USAGE, r.exit());
        assertTrue(r.err().contains("--quik"), r.err());
        assertTrue(r.err().contains("Usage: vampvm bench"), r.err());
    }

    @Test
    void includeThatMatchesNothingIsAUsageErrorListingTheBenchmarks() {
        Run r = run("bench", "arith", "--include", "NoSuchBenchmark");
        assertEquals(Main.EXIT_USAGE, r.exit());
        assertTrue(r.err().contains("matches no benchmark"), r.err());
        assertTrue(r.err().contains("FieldBenchmark.fpMul"), r.err());
    }

    @Test
    void invalidIncludeRegexIsAUsageError() {
        Run r = run("bench", "arith", "--include", "(");
        assertEquals(Main.EXIT_USAGE, r.exit());
        assertTrue(r.err().contains("not a regular expression"), r.err());
    }

    @Test
    void vmSuiteAwayFromItsProgramsIsAUsageErrorBeforeAnythingIsWritten(@TempDir Path elsewhere) {
        String home = System.getProperty("vampvm.home");
        System.setProperty("vampvm.home", elsewhere.toString());
        try {
            Run r = run("bench", "vm", "--quick");
            assertEquals(Main.EXIT_USAGE, r.exit(), r.err());
            assertTrue(r.err().contains("the vm suite's programs are not at "
                    + elsewhere.resolve("examples").resolve("vm") + ": run it through bin/vampvm"), r.err());
            assertFalse(r.err().contains("internal error"), r.err());
            assertFalse(Files.exists(elsewhere.resolve("bench")), "no results folder");
        } finally {
            if (home == null) {
                System.clearProperty("vampvm.home");
            } else {
                System.setProperty("vampvm.home", home);
            }
        }
    }
}
