package dev.vampvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Usage errors of {@code vampvm bench}: each is exit 2 (4 for --gpu) with a message saying what is wrong. */
class BenchCommandTest {

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

    static void assertUsage(Run r, String message) {
        assertEquals(Main.EXIT_USAGE, r.exit(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertTrue(r.err().contains("Usage: vampvm bench"), r.err());
    }

    @Test
    void unknownSuite() {
        assertUsage(run("bench", "nosuchsuite"), "unknown suite 'nosuchsuite'; the suites are: arith, prove, vm, kernels, all");
    }

    @Test
    void missingSuite() {
        assertUsage(run("bench"), "Missing required parameter: 'SUITE'");
    }

    @Test
    void theVmSuiteRefusesSizesItsProgramsDoNotComeIn() {
        assertUsage(run("bench", "vm", "--sizes", "12"), "the vm suite's programs come in sizes k = 10 (small), 13"
                + " (medium) and 16 (large); 12 is none of them");
    }

    @Test
    void badSizes() {
        assertUsage(run("bench", "prove", "--sizes", "10,x"), "--sizes: '10,x' is not a comma-separated list of integers");
        assertUsage(run("bench", "prove", "--sizes", ""), "is not a comma-separated list of integers");
        assertUsage(run("bench", "prove", "--sizes", "10,,12"), "is not a comma-separated list of integers");
        assertUsage(run("bench", "arith", "--sizes", "0"), "--sizes: 0 is out of range");
        assertUsage(run("bench", "prove", "--sizes", "27"), "--sizes: 27 is out of range");
        assertUsage(run("bench", "prove", "--sizes", "2"), "--sizes: k = 2 does not fit the standard-gate circuit");
    }

    @Test
    void badRepeatAndWarmup() {
        assertUsage(run("bench", "prove", "--repeat", "0"), "--repeat must be at least 1 (got 0)");
        assertUsage(run("bench", "arith", "--warmup", "-1"), "--warmup must be 0 or more (got -1)");
        assertUsage(run("bench", "prove", "--repeat", "two"), "--repeat");
    }

    @Test
    void includeThatMatchesNothingListsTheBenchmarks() {
        Run r = run("bench", "all", "--include", "NoSuchBenchmark");
        assertUsage(r, "--include 'NoSuchBenchmark' matches no benchmark; there are:");
        assertTrue(r.err().contains("dev.vampvm.bench.jmh.FieldBenchmark.fpMul"), r.err());
        assertTrue(r.err().contains("standard-gate"), r.err());
        assertTrue(r.err().contains("examples/pythagoras"), r.err());
    }

    @Test
    void invalidIncludeRegex() {
        assertUsage(run("bench", "arith", "--include", "("), "--include: not a regular expression");
    }

    @Test
    void unknownOption() {
        assertUsage(run("bench", "arith", "--quik"), "--quik");
    }

    @Test
    void gpuWithoutAUsableGpuExits4WithTheReason() {
        dev.vampvm.backend.cuda.GpuProbe.Result probe = dev.vampvm.backend.cuda.GpuProbe.probe();
        org.junit.jupiter.api.Assumptions.assumeFalse(probe.usable(), "a GPU is usable here");
        Run r = run("bench", "prove", "--gpu");
        assertEquals(4, r.exit());
        assertTrue(r.err().contains("--gpu: " + probe.reason()), r.err());
        Run e = run("bench", "prove", "--engines", "java,cuda");
        assertEquals(4, e.exit());
        assertTrue(e.err().contains("--engines cuda: " + probe.reason()), e.err());
    }

    @Test
    void unknownEngineIsAUsageError() {
        assertUsage(run("bench", "prove", "--engines", "java,tpu"), "unknown engine 'tpu'");
    }
}
