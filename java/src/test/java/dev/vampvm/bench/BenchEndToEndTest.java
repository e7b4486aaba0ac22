package dev.vampvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.cli.Main;
import dev.vampvm.testing.Emulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short real runs of {@code vampvm bench}, as CI can afford: one tiny JMH benchmark (a forked JVM, one cold and one
 * measured iteration of a second each) and proofs at k = 4.
 */
class BenchEndToEndTest {

    /** Runs the command with System.out captured (JMH and --json write there); returns stdout. */
    private static String bench(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = Main.commandLine().execute(args);
        } finally {
            System.setOut(saved);
        }
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_OK, exit, stdout);
        return stdout;
    }

    private static void assertReports(Path dir, ResultsFile.Stored stored, String title) throws Exception {
        assertTrue(Files.readString(dir.resolve(ResultsFile.SUMMARY)).startsWith("# " + title + "\n"));
        String html = Files.readString(dir.resolve(ResultsFile.REPORT));
        assertTrue(html.contains("<h1>" + HtmlReport.escape(title) + "</h1>"), html);
        for (Measurement m : stored.measurements()) {
            assertEquals(stored.environment().id(), m.environment());
        }
    }

    @Test
    void arithRunsOneTinyBenchmarkThroughJmh(@TempDir Path dir) throws Exception {
        long t0 = System.nanoTime();
        String stdout = bench("bench", "arith", "--quick", "--include", "FieldBenchmark\\.fpAdd$", "--warmup", "0",
                "--repeat", "1", "--json", "--out", dir.toString());
        assertTrue(System.nanoTime() - t0 < 60e9, "must stay short enough for CI");

        ResultsFile.Stored stored = ResultsFile.read(dir);
        assertEquals(1, stored.measurements().size());
        Measurement m = stored.measurements().get(0);
        assertEquals("arith", m.suite());
        assertEquals("FieldBenchmark.fpAdd", m.name());
        assertEquals("ns/op", m.unit());
        assertEquals(1, m.samples().size());
        assertTrue(m.stats().median() > 0 && m.coldStart() != null && m.coldStart() > 0, m.toString());
        assertNull(m.verified());
        assertEquals(List.of(ResultsFile.toLine(m)), stdout.lines().toList(), "--json: the JSON lines, nothing else");
        assertTrue(Files.size(dir.resolve("jmh.json")) > 0);
        assertReports(dir, stored, "vampvm bench arith --quick --include FieldBenchmark\\.fpAdd$ --warmup 0 --repeat 1");
    }

    @Test
    void proveRunsTheStandardGateAndAnExampleAtTinyK(@TempDir Path dir) throws Exception {
        String stdout = bench("bench", "prove", "--sizes", "4,5", "--include", "standard-gate|examples/pythagoras$",
                "--warmup", "1", "--repeat", "2", "--out", dir.toString());
        assertTrue(stdout.contains("Results: " + dir), stdout);

        ResultsFile.Stored stored = ResultsFile.read(dir);
        Set<String> rows = stored.measurements().stream().map(m -> m.name() + " " + m.paramsText())
                .collect(Collectors.toSet());
        assertEquals(Set.of("standard-gate.prove engine=cpu, k=4", "standard-gate.verify engine=cpu, k=4",
                "standard-gate.prove engine=cpu, k=5", "standard-gate.verify engine=cpu, k=5",
                "example.prove engine=cpu, k=4, program=pythagoras",
                "example.verify engine=cpu, k=4, program=pythagoras"), rows);
        for (Measurement m : stored.measurements()) {
            assertEquals(Boolean.TRUE, m.verified(), m.toString());
            assertEquals(2, m.samples().size(), "warm-up runs are not samples");
            assertTrue(m.coldStart() > 0 && m.stats().min() > 0, m.toString());
        }
        Measurement prove = stored.measurements().get(0);
        assertTrue(prove.oneOffCosts().containsKey("keygen"), prove.toString());
        assertTrue(prove.details().containsKey("quotient ms"), prove.toString());
        String html = Files.readString(dir.resolve(ResultsFile.REPORT));
        assertTrue(html.contains("aria-label=\"prove: standard-gate.prove\""), "time against k is drawn");
        assertReports(dir, stored, "vampvm bench prove --sizes 4,5 --include standard-gate|examples/pythagoras$ "
                + "--warmup 1 --repeat 2");
    }

    @Test
    void proveComparesEnginesInOneRun(@TempDir Path dir) throws Exception {
        Emulator.assumeAvailable();
        bench("bench", "prove", "--sizes", "4", "--include", "standard-gate", "--engines", "java,cuda-emulated",
                "--warmup", "0", "--repeat", "1", "--out", dir.toString());
        Set<String> rows = ResultsFile.read(dir).measurements().stream().map(m -> m.name() + " " + m.paramsText())
                .collect(Collectors.toSet());
        assertEquals(Set.of("standard-gate.prove engine=cpu, k=4", "standard-gate.verify engine=cpu, k=4",
                "standard-gate.prove engine=cuda-emulated, k=4", "standard-gate.verify engine=cuda-emulated, k=4"), rows);
        // The proof's time split between waiting on the device and the host's own work: no device on the Java engine.
        for (Measurement m : ResultsFile.read(dir).measurements()) {
            if (m.name().endsWith(".prove")) {
                boolean cuda = m.params().get("engine").equals("cuda-emulated");
                assertEquals(cuda, m.details().get("device wait ms") > 0, m.toString());
                assertTrue(m.details().get("host work ms") > 0, m.toString());
            }
        }
    }

    @Test
    void vmComparesTheModesAndSplitsTheVmProofsTimeOnEachEngine(@TempDir Path dir) throws Exception {
        Emulator.assumeAvailable();
        bench("bench", "vm", "--sizes", "10", "--include", "straight", "--engines", "java,cuda-emulated", "--warmup",
                "0", "--repeat", "1", "--out", dir.toString());
        List<Measurement> vm = ResultsFile.read(dir).measurements().stream()
                .filter(m -> m.name().equals("vm.prove") && m.params().get("mode").equals("vm")).toList();
        assertEquals(2, vm.size(), vm.toString());
        for (Measurement m : vm) {
            boolean cuda = m.params().get("engine").equals("cuda-emulated");
            double device = m.details().get("device wait ms");
            double host = m.details().get("host work ms");
            assertEquals(cuda, device > 0, m.toString());
            assertTrue(host > 0 && device + host <= m.stats().median() * 1.0001, m.toString());
            // straight is one block proof: its layout, keygen and proof and then the shared opening are parts of the
            // run; the proof and the opening hold the wait.
            double layout = m.details().get("block layouts ms");
            double keygen = m.details().get("block keygens ms");
            double proof = m.details().get("block proofs ms");
            double opening = m.details().get("shared opening ms");
            assertTrue(layout > 0 && keygen > 0 && opening > 0 && proof + opening >= device, m.toString());
            assertTrue(layout + keygen + proof + opening <= m.stats().median() * 1.0001, m.toString());
        }
        for (Measurement m : ResultsFile.read(dir).measurements()) {
            if (m.name().equals("vm.prove") && m.params().get("mode").equals("static")) {
                double parts = m.details().get("compile ms") + m.details().get("params setup ms")
                        + m.details().get("keygen ms");
                assertTrue(m.details().get("params setup ms") > 0 && m.details().get("keygen ms") > 0
                        && parts < m.stats().median(), m.toString());
            }
        }
    }

    @Test
    void kernelsMeasuresMsmAndNttWithTheirFloorsOnACudaEngine(@TempDir Path dir) throws Exception {
        Emulator.assumeAvailable();
        String stdout = bench("bench", "kernels", "--sizes", "6,13", "--engines", "java,cuda-emulated", "--warmup", "0",
                "--repeat", "2", "--out", dir.toString());
        assertTrue(stdout.contains("2^13 on the cuda-emulated engine: skipped"), stdout);
        ResultsFile.Stored stored = ResultsFile.read(dir);
        Set<String> rows = stored.measurements().stream().map(m -> m.name() + " " + m.paramsText())
                .collect(Collectors.toSet());
        assertEquals(Set.of("msm engine=cpu, logN=6", "msm-skewed engine=cpu, logN=6", "msm-batch engine=cpu, logN=6",
                "fold engine=cpu, logN=6", "ntt engine=cpu, logN=6", "msm engine=cpu, logN=13",
                "msm-skewed engine=cpu, logN=13", "msm-batch engine=cpu, logN=13", "fold engine=cpu, logN=13",
                "ntt engine=cpu, logN=13", "msm engine=cuda-emulated, logN=6", "msm-skewed engine=cuda-emulated, logN=6",
                "msm-batch engine=cuda-emulated, logN=6", "msm-fixed engine=cuda-emulated, logN=6",
                "fold engine=cuda-emulated, logN=6", "ntt engine=cuda-emulated, logN=6",
                "transfer engine=cpu, logN=6", "transfer engine=cpu, logN=13", "transfer engine=cuda-emulated, logN=6"),
                rows);
        for (Measurement m : stored.measurements()) {
            assertEquals(2, m.samples().size(), m.toString());
            if (m.name().equals("transfer")) { // every engine's round trip checked byte for byte
                assertEquals(Boolean.TRUE, m.verified(), m.toString());
                assertEquals(32.0 * (1 << Integer.parseInt(m.params().get("logN"))), m.details().get("bytes each way"));
                assertTrue(m.details().get("upload GB/s") > 0 && m.details().get("download GB/s") > 0, m.toString());
                continue;
            }
            boolean cuda = m.params().get("engine").equals("cuda-emulated");
            // Checked against the Java engine on a CUDA engine; floors only where the roofline was measured.
            assertEquals(cuda ? Boolean.TRUE : null, m.verified(), m.toString());
            assertEquals(cuda, m.details().containsKey("arithmetic floor ms"), m.toString());
            assertTrue(m.details().get("Fp products") > 0 && m.details().get("bytes moved") > 0, m.toString());
            if (cuda) {
                assertTrue(m.details().get("arithmetic floor ms") > 0 && m.details().get("bandwidth floor ms") > 0);
            }
            if (m.name().equals("msm-batch")) {
                assertTrue(m.details().get("one by one ms") > 0, m.toString());
            }
            if (m.name().equals("fold")) { // one round into 2^(logN-1), two rounds into 2^(logN-2), both timed
                assertTrue(m.details().get("two rounds ms") > 0, m.toString());
                long outputs = 1L << (Integer.parseInt(m.params().get("logN")) - 1);
                assertEquals(KernelSuite.foldProducts(outputs, 1), m.details().get("Fp products"), 1e-6, m.toString());
                assertTrue(m.details().get("two rounds Fp products") < m.details().get("Fp products"), m.toString());
            }
            if (m.name().equals("msm-fixed")) { // 2^6 bases: a table of 43 windows of 6 bits
                assertEquals(64 * 64 * 43 / 1e6, m.details().get("table MB"), 1e-9, m.toString());
                assertTrue(m.details().get("table making ms") > 0, m.toString());
            }
        }
    }
}
