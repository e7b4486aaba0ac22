package dev.vampvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run around the suites, with a fake suite: selection, streaming of results, and a proof that fails to verify. */
class BenchRunTest {

    /** Times a synthetic "proof" per benchmark; the one named "broken" does not verify on its second run. */
    static final class FakeSuite implements BenchSuite {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String description() {
            return "synthetic";
        }

        @Override
        public List<String> benchmarks(BenchSettings settings) {
            return List.of("fast", "broken");
        }

        @Override
        public String method(BenchSettings settings) {
            return "synthetic timings";
        }

        @Override
        public void run(List<String> selected, BenchSettings settings, Context context) throws Exception {
            for (String b : selected) {
                double[] times = {50, 12, 10, 11};
                Sampler.Runs<Double> runs = Sampler.sample(settings.warmupOr(1), settings.repeatOr(2), i -> {
                    if (b.equals("broken") && i == 1) {
                        throw new BenchmarkFailure(b + ": the proof of run 1 did not verify");
                    }
                    return times[i];
                });
                context.record(Measurement.of(name(), b, Map.of("k", "4"), "ms", runs.measured(), runs.cold(), Map.of(),
                        true, Map.of(), context.environment().id()));
            }
        }
    }

    private static final Environment ENV = EnvironmentTest.env(GpuInfo.NONE);
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void includeSelectsAcrossSuitesAndMustMatchSomething() {
        BenchSuite fake = new FakeSuite();
        BenchSettings onlyFast = new BenchSettings(false, Pattern.compile("^fast$"), List.of(), null, null);
        assertEquals(Map.of(fake, List.of("fast")), BenchRun.select(List.of(fake), onlyFast));
        BenchSettings none = new BenchSettings(false, Pattern.compile("nothing"), List.of(), null, null);
        BenchUsageException e = assertThrows(BenchUsageException.class, () -> BenchRun.select(List.of(fake), none));
        assertEquals("--include 'nothing' matches no benchmark; there are:\nfast\nbroken", e.getMessage());
    }

    @Test
    void measurementsAreStreamedAndEchoedAsJsonLines(@TempDir Path dir) throws Exception {
        BenchSuite fake = new FakeSuite();
        BenchSettings settings = new BenchSettings(false, Pattern.compile("fast"), List.of(), 2, 1);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        BenchRun.Outcome o = BenchRun.run("t", List.of(), BenchRun.select(List.of(fake), settings), settings, ENV, dir,
                QUIET, new PrintStream(json, true, StandardCharsets.UTF_8));
        Measurement m = o.measurements().get(0);
        assertEquals(List.of(10.0, 11.0), m.samples(), "cold and warm-up runs are not samples");
        assertEquals(50.0, m.coldStart());
        assertEquals(Files.readString(dir.resolve(ResultsFile.RESULTS)), json.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(dir.resolve(ResultsFile.SUMMARY)).contains("fake: synthetic timings"));
    }

    @Test
    void aProofThatDoesNotVerifyFailsTheRunButKeepsWhatWasMeasured(@TempDir Path dir) throws Exception {
        BenchSuite fake = new FakeSuite();
        BenchSettings settings = BenchSettings.defaults();
        BenchmarkFailure f = assertThrows(BenchmarkFailure.class, () -> BenchRun.run("t", List.of(),
                BenchRun.select(List.of(fake), settings), settings, ENV, dir, QUIET, null));
        assertEquals("broken: the proof of run 1 did not verify", f.getMessage());
        ResultsFile.Stored stored = ResultsFile.read(dir);
        assertEquals(List.of("fast"), stored.measurements().stream().map(Measurement::name).toList());
        String md = Files.readString(dir.resolve(ResultsFile.SUMMARY));
        assertTrue(md.contains("FAILED: broken: the proof of run 1 did not verify"), md);
        assertTrue(Files.readString(dir.resolve(ResultsFile.REPORT)).contains("FAILED"));
    }

    @Test
    void theRegistryKnowsTheSuitesAndRefusesUnknownOnes() {
        assertEquals(List.of("arith", "prove", "vm", "kernels", "all"), BenchSuites.names());
        assertEquals(List.of("arith", "prove", "vm", "kernels"), BenchSuites.resolve("all").stream().map(BenchSuite::name)
                .toList());
        assertTrue(assertThrows(BenchUsageException.class, () -> BenchSuites.resolve("gpu")).getMessage()
                .startsWith("unknown suite 'gpu'"));
    }
}
