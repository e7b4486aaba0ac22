package dev.vampvm.bench;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The {@code arith} suite: the JMH microbenchmarks of package {@code dev.vampvm.bench.jmh} (field,
 * curve, MSM, NTT), run through JMH's API in one forked JVM per benchmark, with results written as
 * {@code jmh.json} (JMH's format), {@code environment.json} and {@code summary.md}.
 *
 * <p>Quick mode shortens warm-up and measurement and restricts size parameters (see
 * {@link #QUICK_PARAMS}) so that the whole suite runs in a few minutes on two cores: numbers to see
 * where things stand, not to publish. Full mode measures long enough for stable numbers.
 */
public final class ArithmeticSuite {

    /** The package whose benchmarks this suite runs. */
    public static final String PACKAGE = "dev.vampvm.bench.jmh";

    /**
     * Size overrides in quick mode, by benchmark class (simple name) and @Param name. By convention
     * size-parameterised benchmarks call their parameter {@code logN} (log2 of the size). JMH applies
     * an override only to benchmarks that declare that parameter, so classes run separately when their
     * overrides differ.
     */
    static final Map<String, Map<String, List<String>>> QUICK_PARAMS = Map.of(
            "MsmBenchmark", Map.of("logN", List.of("10", "16")),
            "NttBenchmark", Map.of("logN", List.of("10", "16", "20")));

    /** How long to measure. */
    public record Timing(int warmupIterations, TimeValue warmupTime, int measurementIterations,
                         TimeValue measurementTime) {
        public static final Timing QUICK = new Timing(2, TimeValue.seconds(1), 3, TimeValue.seconds(1));
        public static final Timing FULL = new Timing(3, TimeValue.seconds(2), 5, TimeValue.seconds(2));

        @Override
        public String toString() {
            return "1 fork, " + warmupIterations + " warm-up × " + warmupTime + ", " + measurementIterations
                    + " measured × " + measurementTime;
        }
    }

    /**
     * What to run and where to put it.
     *
     * @param quick    short runs and restricted sizes
     * @param outDir   where the result files go (created if missing)
     * @param json     also echo jmh.json to the json stream (the caller sends JMH's report elsewhere)
     */
    public record Settings(boolean quick, Path outDir, boolean json) {
        public Timing timing() {
            return quick ? Timing.QUICK : Timing.FULL;
        }
    }

    /** The run's results and where their files are. */
    public record Outcome(List<BenchmarkRow> rows, Path outDir) {
    }

    private ArithmeticSuite() {
    }

    /** The default output folder: {@code bench/results/<UTC yyyyMMdd-HHmmss>-<commit>} under the tree. */
    public static Path defaultOutDir(Path sourceTree, Environment env) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(env.time());
        String commit = env.gitCommit().length() > 7 ? env.gitCommit().substring(0, 7) : env.gitCommit();
        return sourceTree.resolve("bench").resolve("results").resolve(stamp + "-" + commit + (env.gitDirty() ? "-dirty" : ""));
    }

    /**
     * The benchmarks of the suite (one entry per benchmark method and mode, parameters not yet
     * expanded) whose full name matches {@code include}, in name order.
     */
    public static List<BenchmarkListEntry> select(Optional<Pattern> include) {
        OutputFormat quiet = OutputFormatFactory.createFormatInstance(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), VerboseMode.SILENT);
        List<BenchmarkListEntry> all = new ArrayList<>(BenchmarkList.defaultList().find(quiet,
                List.of("^" + Pattern.quote(PACKAGE + ".")), List.of()));
        all.removeIf(e -> include.isPresent() && !include.get().matcher(e.getUsername()).find());
        return all;
    }

    /**
     * Runs the selected benchmarks and writes the result files.
     *
     * @param human where JMH's progress and tables go (stdout, or stderr with --json)
     * @param json  where jmh.json is echoed with --json
     */
    public static Outcome run(Settings settings, Environment env, List<BenchmarkListEntry> selected,
                              PrintStream human, PrintStream json) throws IOException, RunnerException {
        Files.createDirectories(settings.outDir());
        List<RunResult> results = new ArrayList<>();
        for (Map.Entry<Map<String, List<String>>, List<BenchmarkListEntry>> group : groups(settings, selected, human).entrySet()) {
            results.addAll(runGroup(settings, group.getKey(), group.getValue(), human));
        }
        results.sort(RunResult.DEFAULT_SORT_COMPARATOR);

        Path jmhJson = settings.outDir().resolve("jmh.json");
        ResultFormatFactory.getInstance(ResultFormatType.JSON, jmhJson.toString()).writeOut(results);
        Files.writeString(settings.outDir().resolve("environment.json"), env.toJson(), StandardCharsets.UTF_8);
        List<BenchmarkRow> rows = results.stream().map(BenchmarkRow::of).toList();
        String title = "vampvm bench arith" + (settings.quick() ? " --quick" : "");
        Files.writeString(settings.outDir().resolve("summary.md"),
                MarkdownReport.render(title, "Measured with JMH: " + settings.timing()
                        + "; ± error is half the width of JMH's 99.9% confidence interval.", env, rows),
                StandardCharsets.UTF_8);
        if (settings.json()) {
            json.print(Files.readString(jmhJson, StandardCharsets.UTF_8));
            json.flush();
        }
        return new Outcome(rows, settings.outDir());
    }

    /** Benchmarks grouped by the parameter overrides they get (none in full mode). */
    private static Map<Map<String, List<String>>, List<BenchmarkListEntry>> groups(
            Settings settings, List<BenchmarkListEntry> selected, PrintStream human) {
        Map<Map<String, List<String>>, List<BenchmarkListEntry>> groups = new LinkedHashMap<>();
        for (BenchmarkListEntry e : selected) {
            Map<String, List<String>> overrides = settings.quick() ? quickOverrides(e, human) : Map.of();
            groups.computeIfAbsent(overrides, k -> new ArrayList<>()).add(e);
        }
        return groups;
    }

    /** The quick-mode overrides that apply to this benchmark (only parameters it declares). */
    static Map<String, List<String>> quickOverrides(BenchmarkListEntry e, PrintStream warnings) {
        String name = e.getUserClassQName();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        Map<String, List<String>> wanted = QUICK_PARAMS.getOrDefault(simple, Map.of());
        Map<String, String[]> declared = e.getParams().orElse(Map.of());
        Map<String, List<String>> applied = new TreeMap<>();
        for (Map.Entry<String, List<String>> w : wanted.entrySet()) {
            if (declared.containsKey(w.getKey())) {
                applied.put(w.getKey(), w.getValue());
            } else {
                warnings.println("warning: " + e.getUsername() + " has no @Param \"" + w.getKey()
                        + "\" (it has " + declared.keySet() + "); quick mode cannot restrict its sizes");
            }
        }
        return applied;
    }

    private static Collection<RunResult> runGroup(Settings settings, Map<String, List<String>> overrides,
                                                  List<BenchmarkListEntry> entries, PrintStream human)
            throws RunnerException {
        Timing t = settings.timing();
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(1)
                .warmupIterations(t.warmupIterations())
                .warmupTime(t.warmupTime())
                .measurementIterations(t.measurementIterations())
                .measurementTime(t.measurementTime())
                .shouldFailOnError(true);
        entries.stream().map(BenchmarkListEntry::getUsername).distinct()
                .forEach(name -> options.include("^" + Pattern.quote(name) + "$"));
        overrides.forEach((k, v) -> options.param(k, v.toArray(String[]::new)));
        // JMH closes its output when a run ends; keep stdout/stderr open for the next group and for us.
        OutputFormat out = OutputFormatFactory.createFormatInstance(unclosable(human), VerboseMode.NORMAL);
        return new Runner(options.build(), out).run();
    }

    /** For messages: the selected benchmark names, one per line. */
    public static String names(List<BenchmarkListEntry> entries) {
        return String.join("\n", entries.stream().map(BenchmarkListEntry::getUsername).distinct().toList());
    }

    private static PrintStream unclosable(PrintStream target) {
        return new PrintStream(new FilterOutputStream(target) {
            @Override
            public void write(byte[] b, int off, int len) {
                target.write(b, off, len);
            }

            @Override
            public void close() {
                target.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }
}
