package dev.vampvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.jsonl, summary.md and report.html from synthetic results: nothing is measured. */
class ReportTest {
    static final Environment ENV = EnvironmentTest.env(GpuInfo.NONE);

    static Measurement prove(int k, String engine, double median) {
        return Measurement.of("prove", "standard-gate.prove", Map.of("k", Integer.toString(k), "engine", engine), "ms",
                List.of(median * 1.1, median, median * 0.95), median * 3, Map.of("keygen", median / 2), true,
                Map.of("proof bytes", 2336.0), ENV.id());
    }

    /** CPU and GPU rows of one sweep, VM and static rows of one program, and a microbenchmark. */
    static List<Measurement> synthetic() {
        List<Measurement> ms = new ArrayList<>();
        for (int k = 10; k <= 16; k += 2) {
            ms.add(prove(k, "cpu", 350 * Math.pow(2, k - 10)));
            ms.add(prove(k, "gpu", 20 * Math.pow(2, k - 10)));
        }
        for (String mode : List.of("static", "vm")) {
            ms.add(Measurement.of("vm", "program.prove", Map.of("program", "fib", "mode", mode), "ms",
                    List.of(mode.equals("vm") ? 112.0 : 100.0), null, Map.of(), true, Map.of(), ENV.id()));
        }
        ms.add(Measurement.of("arith", "FieldBenchmark.fpMul", Map.of(), "ns/op", List.of(41.4, 41.6, 41.5, 41.9),
                55.0, Map.of(), null, Map.of("error (99.9%)", 0.4), ENV.id()));
        return ms;
    }

    @Test
    void jsonLinesRoundTrip() {
        for (Measurement m : synthetic()) {
            String line = ResultsFile.toLine(m);
            assertFalse(line.contains("\n"), line);
            assertEquals(m, ResultsFile.fromLine(line));
        }
    }

    @Test
    void aJsonLineHasTheDocumentedFields() {
        String line = ResultsFile.toLine(prove(12, "cpu", 800));
        assertTrue(line.startsWith("{\"suite\":\"prove\",\"name\":\"standard-gate.prove\",\"params\":{\"engine\":\"cpu\","
                + "\"k\":\"12\"},\"unit\":\"ms\",\"samples\":[880.0000000000001,800.0,760.0],\"min\":760.0,\"median\":800.0,"
                + "\"max\":880.0000000000001,\"coldStart\":2400.0,\"oneOffCosts\":{\"keygen\":400.0},\"verified\":true,"), line);
        assertTrue(line.endsWith(",\"environment\":\"20250102-030405-abcdef1\"}"), line);
        Measurement micro = ResultsFile.fromLine(ResultsFile.toLine(synthetic().get(synthetic().size() - 1)));
        assertNull(micro.verified());
        assertEquals(41.55, micro.stats().median(), 1e-9);
    }

    @Test
    void reportsAreMadeFromStoredResults(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ResultsFile.ENVIRONMENT), ENV.toJson());
        StringBuilder lines = new StringBuilder();
        synthetic().forEach(m -> lines.append(ResultsFile.toLine(m)).append('\n'));
        Files.writeString(dir.resolve(ResultsFile.RESULTS), lines);

        ResultsFile.Stored stored = ResultsFile.read(dir);
        assertEquals(ENV, stored.environment());
        assertEquals(synthetic(), stored.measurements());
        BenchRun.writeReports(dir, "vampvm bench all", List.of("Suite vm skipped: not built yet."),
                stored.environment(), stored.measurements());

        String md = Files.readString(dir.resolve(ResultsFile.SUMMARY), StandardCharsets.UTF_8);
        assertTrue(md.startsWith("# vampvm bench all\n\nSuite vm skipped: not built yet.\n\n"), md);
        assertTrue(md.contains("| prove | standard-gate.prove | engine=cpu, k=16 | ms | 3 | 21280 | 22400 | 24640 | 67200 "
                + "| keygen 11200 | yes |"), md);
        assertTrue(md.contains("| arith | FieldBenchmark.fpMul |  | ns/op | 4 | 41.40 | 41.55 | 41.90 | 55.00 |  |  |"), md);
        assertTrue(md.contains("| CPU | AMD EPYC 7B13 \\| 64-Core |"), md); // a pipe must not break the table
        assertTrue(md.contains("| GPU | none |"), md);

        String html = Files.readString(dir.resolve(ResultsFile.REPORT), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.trim().endsWith("</html>"), html);
        assertFalse(Pattern.compile("https?:", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "report.html must not reference the network");
        assertFalse(html.contains("<script"), "no script needed to view it");
        assertEquals(3, count(html, "<svg"), "time against size, CPU vs GPU, VM vs static");
        assertTrue(html.contains("aria-label=\"prove: standard-gate.prove\""), html);
        assertTrue(html.contains("aria-label=\"CPU vs GPU: prove: standard-gate.prove\""), html);
        assertTrue(html.contains("aria-label=\"VM vs static: vm: program.prove\""), html);
        assertTrue(html.contains("1.12x"), "the VM's ratio to static is written on its bar");
        assertTrue(html.contains("AMD EPYC 7B13 | 64-Core"), html);
        assertTrue(html.contains("Eclipse &quot;Adoptium&quot;"), "text is escaped");
    }

    @Test
    void aFailedVerificationStandsOut() {
        Measurement bad = Measurement.of("prove", "x", Map.of(), "ms", List.of(1.0), 1.0, Map.of(), false, Map.of(),
                ENV.id());
        assertTrue(MarkdownReport.render("t", List.of(), ENV, List.of(bad)).contains("| NO |"));
        assertTrue(HtmlReport.render("t", List.of(), ENV, List.of(bad)).contains("<td class=\"bad\">NO</td>"));
    }

    @Test
    void oneSizeOrOneEngineDrawsNoChart() {
        String html = HtmlReport.render("t", List.of(), ENV, List.of(prove(10, "cpu", 350)));
        assertEquals(0, count(html, "<svg"), html);
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

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
