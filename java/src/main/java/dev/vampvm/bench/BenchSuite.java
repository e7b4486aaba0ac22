package dev.vampvm.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A benchmark suite that {@code vampvm bench NAME} runs. A new suite implements this and is listed in
 * {@link BenchSuites}; the command, the output folder, the environment and the reports come with it.
 *
 * <p>Rules the reports rely on: time whole runs through {@link Sampler} (a cold run reported apart, discarded
 * warm-up runs, then {@link BenchSettings#repeatOr} measured runs); verify every proof that is timed and throw
 * {@link BenchmarkFailure} when one does not verify; name parameters as {@link Measurement} says ({@code k} or
 * {@code logN}, {@code engine}, {@code mode}).
 */
public interface BenchSuite {

    /** The name on the command line, e.g. "prove". */
    String name();

    /** One line for the help: what it measures. */
    String description();

    /**
     * The benchmarks it would run with these settings, by the names {@code --include} matches (cheap: nothing is
     * measured). Throws {@link BenchUsageException} for settings it cannot honour.
     */
    List<String> benchmarks(BenchSettings settings);

    /** One paragraph for the reports: how it measures with these settings. */
    String method(BenchSettings settings);

    /** Runs the selected benchmarks (a non-empty subset of {@link #benchmarks}), recording every measurement. */
    void run(List<String> selected, BenchSettings settings, Context context) throws Exception;

    /**
     * What a running suite gets.
     *
     * @param environment where it runs (a measurement names it by {@link Environment#id})
     * @param outDir      the output folder, for a suite's own extra files (jmh.json)
     * @param log         progress for people (stdout, or stderr with --json)
     * @param sink        records a measurement (results.jsonl, --json, the reports)
     */
    record Context(Environment environment, Path outDir, PrintStream log, Consumer<Measurement> sink) {
        public void record(Measurement m) {
            sink.accept(m);
        }
    }
}
