package dev.vampvm.bench;

import dev.vampvm.api.CircuitChoice;
import dev.vampvm.api.Engine;
import dev.vampvm.api.KeyCache;
import dev.vampvm.api.Program;
import dev.vampvm.api.ProofResult;
import dev.vampvm.api.ProveOptions;
import dev.vampvm.api.Vampvm;
import dev.vampvm.api.Verification;
import dev.vampvm.ir.CompiledProgram;
import dev.vampvm.ir.Inputs;
import dev.vampvm.ir.syntax.CompileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The examples half of the {@code prove} suite: every program in examples/ that has an inputs file, proved and
 * verified through the API ({@link Program#prove}, {@link Program#check}) as a user of vampvm would, each in a key
 * cache of its own so that the cold run pays keygen and the later ones find the key.
 */
final class ExamplesBenchmark {
    /** For the reports. */
    static final String METHOD = "examples/NAME: Program.prove (compile, setup, keygen from the key cache, prove)"
            + " end to end, then Program.check; the cold run includes keygen without a cached key; per-phase"
            + " medians, rows against the one-row-per-constraint baseline and proof bytes as details.";

    private static final String PREFIX = "examples/";

    private ExamplesBenchmark() {
    }

    static Path examplesDir() {
        return BenchRun.sourceTree().resolve("examples");
    }

    /** "examples/NAME" for every NAME.pir beside a NAME.inputs.json, in name order; none without the folder. */
    static List<String> benchmarks(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pir"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .filter(n -> Files.exists(dir.resolve(n + ".inputs.json")))
                    .sorted(Comparator.naturalOrder()).map(n -> PREFIX + n).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** One run: the prover's result and the two wall times in nanoseconds. */
    private record Run(ProofResult result, long prove, long verify) {
    }

    /**
     * Measures one example.
     *
     * @param maxK skip the example (saying so) when its static circuit is larger than 2^maxK rows
     */
    static void run(Path dir, String benchmark, int warmup, int repeat, int maxK, Engine engine,
            BenchSuite.Context context) throws Exception {
        String name = benchmark.substring(PREFIX.length());
        Path source = dir.resolve(name + ".pir");
        Program program = Vampvm.compile(source);
        Map<String, String> inputs = Inputs.read(dir.resolve(name + ".inputs.json")).raw();
        int k = staticK(program, inputs);
        if (k > maxK) {
            context.log().printf(Locale.ROOT, "%s (k = %d): skipped, larger than k = %d%n", benchmark, k, maxK);
            return;
        }
        Path keys = Files.createTempDirectory("vampvm-bench-keys-");
        try {
            KeyCache cache = KeyCache.in(keys);
            ProveOptions options = ProveOptions.defaults().withKeyCache(cache).withEngine(engine);
            Sampler.Runs<Run> runs = Sampler.sample(warmup, repeat, i -> {
                long a = System.nanoTime();
                ProofResult r = program.prove(inputs, options);
                long b = System.nanoTime();
                Verification v = program.check(r.proof(), null, cache, 0);
                long c = System.nanoTime();
                if (!v.valid()) {
                    throw new BenchmarkFailure(benchmark + ": the proof of run " + i + " did not verify: " + v.reason());
                }
                return new Run(r, b - a, c - b);
            });
            ProofResult cold = runs.cold().result();
            CompiledProgram.Stats stats = program.compile(cold.proof().circuit(), inputs).stats();
            Map<String, String> params = Map.of("program", name, "k", Integer.toString(cold.proof().k()),
                    "engine", BenchSettings.engineLabel(engine));
            Map<String, Double> oneOff = new LinkedHashMap<>();
            oneOff.put("keygen without cached key", ProveBenchmark.millis(cold.phaseNanos().get("keygen")));
            Map<String, Double> details = new LinkedHashMap<>();
            for (String phase : cold.phaseNanos().keySet()) {
                details.put(phase + " ms", Statistics.of(runs.measured().stream()
                        .map(r -> ProveBenchmark.millis(r.result().phaseNanos().get(phase))).toList()).median());
            }
            details.put("rows", (double) stats.rows());
            details.put("baseline rows", (double) stats.baselineRows());
            details.put("proof bytes", (double) cold.bytes().length);
            String env = context.environment().id();
            Measurement prove = Measurement.of("prove", "example.prove", params, "ms",
                    runs.measured().stream().map(r -> ProveBenchmark.millis(r.prove())).toList(),
                    ProveBenchmark.millis(runs.cold().prove()), oneOff, true, details, env);
            context.record(prove);
            context.record(Measurement.of("prove", "example.verify", params, "ms",
                    runs.measured().stream().map(r -> ProveBenchmark.millis(r.verify())).toList(),
                    ProveBenchmark.millis(runs.cold().verify()), Map.of(), true, Map.of(), env));
            context.log().printf(Locale.ROOT, "%s (k = %d, %s engine): prove median %s ms (cold %s ms)%n",
                    benchmark, cold.proof().k(), engine.cliName(), MarkdownReport.formatNumber(prove.stats().median()),
                    MarkdownReport.formatNumber(prove.coldStart()));
        } finally {
            deleteTree(keys);
        }
    }

    /** k of the program's static circuit; 0 when it has none (recursion on its inputs: the proof picks a bound). */
    private static int staticK(Program program, Map<String, String> inputs) {
        try {
            return program.compile(CircuitChoice.none(), inputs).layout().k();
        } catch (CompileException e) {
            return 0;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
