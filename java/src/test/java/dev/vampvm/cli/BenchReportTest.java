package dev.vampvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.bench.ArithmeticSuite;
import dev.vampvm.bench.BenchmarkRow;
import dev.vampvm.bench.Environment;
import dev.vampvm.bench.MarkdownReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench harness's reports from synthetic results: no JMH run. */
class BenchReportTest {

    static Environment env() {
        return new Environment(Instant.parse("2025-01-02T03:04:05Z"), "abcdef123456", true, "0.1.0",
                "OpenJDK 64-Bit Server VM", "25+36", "Eclipse \"Adoptium\"", "Linux 6.1 amd64",
                "AMD EPYC 7B13 | 64-Core", 2, 8L << 30, 2L << 30, 0.75);
    }

    @Test
    void markdownTableHasOneRowPerResultAndTheEnvironment() {
        List<BenchmarkRow> rows = List.of(
                new BenchmarkRow("dev.vampvm.bench.jmh.FieldBenchmark.fpMul", "avgt", Map.of(), 17.2345, 0.0567,
                        "ns/op", 3),
                new BenchmarkRow("dev.vampvm.bench.jmh.MsmBenchmark.pippenger", "avgt",
                        Map.of("logN", "16", "curve", "pallas"), 401234.5, Double.NaN, "us/op", 1));
        String md = MarkdownReport.render("vampvm bench arith --quick", "1 fork", env(), rows);
        assertTrue(md.startsWith("# vampvm bench arith --quick\n\n1 fork\n"), md);
        assertTrue(md.contains("| benchmark | params | mode | score | ± error | unit |"), md);
        assertTrue(md.contains("| FieldBenchmark.fpMul |  | avgt | 17.23 | 0.0567 | ns/op |"), md);
        // params sorted by name; NaN error shown as n/a
        assertTrue(md.contains("| MsmBenchmark.pippenger | curve=pallas, logN=16 | avgt | 401235 | n/a | us/op |"), md);
        assertTrue(md.contains("| git commit | abcdef123456 (uncommitted changes) |"), md);
        // a pipe in a value must not break the table
        assertTrue(md.contains("| CPU | AMD EPYC 7B13 \\| 64-Core |"), md);
        assertTrue(md.contains("| memory | 8.0 GiB total, 2.0 GiB max heap |"), md);
        assertTrue(md.contains("| load average at start | 0.75 (1 minute, over 2 cores) |"), md);
    }

    @Test
    void numbersKeepAFewSignificantDigits() {
        assertEquals("12346", MarkdownReport.formatNumber(12345.678));
        assertEquals("123.5", MarkdownReport.formatNumber(123.45));
        assertEquals("1.235", MarkdownReport.formatNumber(1.2345));
        assertEquals("0.0012", MarkdownReport.formatNumber(0.0012));
        assertEquals("1.200e-05", MarkdownReport.formatNumber(0.000012));
        assertEquals("0", MarkdownReport.formatNumber(0));
        assertEquals("n/a", MarkdownReport.formatNumber(Double.NaN));
    }

    @Test
    void environmentJsonIsEscapedAndComplete() {
        String json = env().toJson();
        assertTrue(json.contains("\"gitCommit\": \"abcdef123456\""), json);
        assertTrue(json.contains("\"gitDirty\": true"), json);
        assertTrue(json.contains("\"javaVendor\": \"Eclipse \\\"Adoptium\\\"\""), json);
        assertTrue(json.contains("\"cores\": 2"), json);
        assertTrue(json.contains("\"totalMemoryBytes\": 8589934592"), json);
        assertTrue(json.contains("\"loadAverage\": 0.75"), json);
        assertTrue(json.contains("\"time\": \"2025-01-02T03:04:05Z\""), json);
        assertTrue(json.startsWith("{\n") && json.endsWith("\n}\n"), json);
    }

    @Test
    void cpuModelFromProcCpuinfo() {
        assertEquals("Intel(R) Xeon(R) CPU @ 2.20GHz", Environment.cpuModel(List.of(
                "processor\t: 0", "vendor_id\t: GenuineIntel", "model\t\t: 79",
                "model name\t: Intel(R) Xeon(R)  CPU @ 2.20GHz", "processor\t: 1")));
        assertEquals("Raspberry Pi 4 Model B Rev 1.4", Environment.cpuModel(List.of(
                "processor\t: 0", "CPU part\t: 0xd08", "Model\t\t: Raspberry Pi 4 Model B Rev 1.4")));
        assertEquals("unknown", Environment.cpuModel(List.of()));
    }

    @Test
    void capturedEnvironmentHasTheBasics() {
        Environment e = Environment.capture(Path.of("").toAbsolutePath());
        assertTrue(e.cores() >= 1);
        assertFalse(e.javaVmVersion().isEmpty());
        assertFalse(e.gitCommit().isEmpty());
        assertTrue(e.maxHeapBytes() > 0);
    }

    @Test
    void defaultOutDirIsDatedAndNamesTheCommit() {
        Path dir = ArithmeticSuite.defaultOutDir(Path.of("/repo"), env());
        assertEquals(Path.of("/repo/bench/results/20250102-030405-abcdef1-dirty"), dir);
    }

    @Test
    void shortNameDropsThePackage() {
        assertEquals("FieldBenchmark.fpMul",
                new BenchmarkRow("dev.vampvm.bench.jmh.FieldBenchmark.fpMul", "avgt", Map.of(), 1, 0, "ns/op", 1)
                        .shortName());
    }
}
