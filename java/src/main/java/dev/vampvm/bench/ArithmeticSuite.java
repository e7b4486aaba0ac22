package dev.vampvm.bench;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
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
 * The {@code arith} suite: the JMH microbenchmarks of package {@code dev.vampvm.bench.jmh} (field, curve, MSM,
 * NTT), run through JMH's API in one forked JVM per benchmark. Besides the common files it writes
 * {@code jmh.json} (JMH's own format, every iteration's score).
 *
 * <p>The harness's method maps onto JMH's iterations: the first warm-up iteration is the cold start (its score
 * carries the JIT), the other warm-up iterations are discarded, and the samples are the measured iterations'
 * scores. Quick mode shortens iterations and restricts size parameters (see {@link #QUICK_PARAMS}) so that the
 * whole suite runs in a few minutes on two cores: numbers to see where things stand, not to publish.
 */
public final class ArithmeticSuite implements BenchSuite {

    /** The package whose benchmarks this suite runs. */
    public static final String PACKAGE = "dev.vampvm.bench.jmh";

    /** The @Param that --sizes sets: log2 of the input size, by convention of the benchmarks in {@link #PACKAGE}. */
    static final String SIZE_PARAM = "logN";

    /**
     * Size overrides in quick mode, by benchmark class (simple name). JMH applies an override only to benchmarks
     * that declare that parameter, so classes run separately when their overrides differ.
     */
    static final Map<String, List<String>> QUICK_PARAMS = Map.of(
            "MsmBenchmark", List.of("10", "16"),
            "NttBenchmark", List.of("10", "16", "20"));

    /**
     * How long to measure.
     *
     * @param warmupIterations      discarded iterations after the cold one
     * @param measurementIterations measured iterations
     * @param iterationTime         the length of each iteration
     */
    record Timing(int warmupIterations, int measurementIterations, TimeValue iterationTime) {
        static Timing of(BenchSettings s) {
            return s.quick() ? new Timing(s.warmupOr(1), s.repeatOr(3), TimeValue.seconds(1))
                    : new Timing(s.warmupOr(2), s.repeatOr(5), TimeValue.seconds(2));
        }

        @Override
        public String toString() {
            return "1 fork; cold-start iteration + " + warmupIterations + " warm-up × " + iterationTime + ", "
                    + measurementIterations + " measured × " + iterationTime;
        }
    }

    @Override
    public String name() {
        return "arith";
    }

    @Override
    public String description() {
        return "JMH microbenchmarks: field, curve, MSM, NTT (--sizes: logN)";
    }

    @Override
    public List<String> benchmarks(BenchSettings settings) {
        return entries().stream().map(BenchmarkListEntry::getUsername).distinct().toList();
    }

    @Override
    public String method(BenchSettings settings) {
        return "JMH, " + Timing.of(settings) + "; samples are the measured iterations' scores, the cold start is the"
                + " first warm-up iteration's (JIT included)"
                + (settings.sizes().isEmpty() ? settings.quick() ? "; quick sizes " + QUICK_PARAMS : ""
                        : "; logN = " + settings.sizes()) + ".";
    }

    /** Every benchmark of the package, one entry per method and mode, parameters not yet expanded. */
    static List<BenchmarkListEntry> entries() {
        OutputFormat quiet = OutputFormatFactory.createFormatInstance(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), VerboseMode.SILENT);
        return new ArrayList<>(BenchmarkList.defaultList().find(quiet,
                List.of("^" + Pattern.quote(PACKAGE + ".")), List.of()));
    }

    @Override
    public void run(List<String> selected, BenchSettings settings, Context context) throws RunnerException {
        List<BenchmarkListEntry> entries = entries().stream().filter(e -> selected.contains(e.getUsername())).toList();
        Map<Map<String, List<String>>, List<BenchmarkListEntry>> groups = new LinkedHashMap<>();
        for (BenchmarkListEntry e : entries) {
            groups.computeIfAbsent(overrides(settings, e, context.log()), k -> new ArrayList<>()).add(e);
        }
        List<RunResult> results = new ArrayList<>();
        Map<String, Double> coldStarts = new TreeMap<>();
        for (Map.Entry<Map<String, List<String>>, List<BenchmarkListEntry>> group : groups.entrySet()) {
            results.addAll(runGroup(Timing.of(settings), group.getKey(), group.getValue(), context.log(), coldStarts));
        }
        results.sort(RunResult.DEFAULT_SORT_COMPARATOR);
        ResultFormatFactory.getInstance(ResultFormatType.JSON, context.outDir().resolve("jmh.json").toString())
                .writeOut(results);
        for (RunResult r : results) {
            context.record(measurement(r, coldStarts.get(key(r.getParams())), context.environment()));
        }
    }

    /** One JMH result as a measurement: its measured iterations are the samples. */
    static Measurement measurement(RunResult r, Double coldStart, Environment env) {
        BenchmarkParams p = r.getParams();
        Map<String, String> params = new TreeMap<>();
        p.getParamsKeys().forEach(k -> params.put(k, p.getParam(k)));
        List<Double> samples = new ArrayList<>();
        for (BenchmarkResult fork : r.getBenchmarkResults()) {
            for (IterationResult it : fork.getIterationResults()) {
                samples.add(it.getPrimaryResult().getScore());
            }
        }
        Result<?> primary = r.getPrimaryResult();
        Map<String, Double> details = new LinkedHashMap<>();
        if (Double.isFinite(primary.getScoreError())) {
            details.put("mean", primary.getScore());
            details.put("error (99.9%)", primary.getScoreError());
        }
        return Measurement.of("arith", shortName(p.getBenchmark()), params, primary.getScoreUnit(), samples,
                coldStart, Map.of(), null, details, env.id());
    }

    /** The benchmark name without the package: "FieldBenchmark.fpMul". */
    static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int cls = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
        return cls >= 0 ? benchmark.substring(cls + 1) : benchmark;
    }

    /** The size overrides that apply to this benchmark (--sizes, else quick mode's), only for a size it declares. */
    static Map<String, List<String>> overrides(BenchSettings settings, BenchmarkListEntry e, PrintStream warnings) {
        String name = e.getUserClassQName();
        List<String> wanted = !settings.sizes().isEmpty()
                ? settings.sizes().stream().map(String::valueOf).toList()
                : settings.quick() ? QUICK_PARAMS.get(name.substring(name.lastIndexOf('.') + 1)) : null;
        if (wanted == null) {
            return Map.of();
        }
        Map<String, String[]> declared = e.getParams().orElse(Map.of());
        if (!declared.containsKey(SIZE_PARAM)) {
            if (settings.sizes().isEmpty()) { // a QUICK_PARAMS entry that does not fit its class
                warnings.println("warning: " + e.getUsername() + " has no @Param \"" + SIZE_PARAM + "\" (it has "
                        + declared.keySet() + "); quick mode cannot restrict its sizes");
            }
            return Map.of();
        }
        return Map.of(SIZE_PARAM, wanted);
    }

    private static List<RunResult> runGroup(Timing t, Map<String, List<String>> overrides,
                                            List<BenchmarkListEntry> entries, PrintStream human,
                                            Map<String, Double> coldStarts) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(1)
                .warmupIterations(1 + t.warmupIterations())
                .warmupTime(t.iterationTime())
                .measurementIterations(t.measurementIterations())
                .measurementTime(t.iterationTime())
                .shouldFailOnError(true);
        if (System.getProperty(dev.vampvm.field.Lanes.PROPERTY) == null) {
            // The kernels themselves, lanes from the first iteration: not the warm-up a fresh prover waits for.
            options.jvmArgsAppend("-D" + dev.vampvm.field.Lanes.PROPERTY + "=on");
        }
        entries.stream().map(BenchmarkListEntry::getUsername).distinct()
                .forEach(name -> options.include("^" + Pattern.quote(name) + "$"));
        overrides.forEach((k, v) -> options.param(k, v.toArray(String[]::new)));
        // JMH closes its output when a run ends; keep stdout/stderr open for the next group and for us.
        OutputFormat out = new ColdStartRecorder(OutputFormatFactory.createFormatInstance(unclosable(human),
                VerboseMode.NORMAL), (params, score) -> coldStarts.put(key(params), score));
        return new ArrayList<>(new Runner(options.build(), out).run());
    }

    /** Identifies one benchmark configuration across JMH's callbacks and results. */
    static String key(BenchmarkParams p) {
        Map<String, String> params = new TreeMap<>();
        p.getParamsKeys().forEach(k -> params.put(k, p.getParam(k)));
        return p.getBenchmark() + " " + p.getMode() + " " + params;
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
