package dev.vampvm.cli;

import dev.vampvm.api.Engine;
import dev.vampvm.backend.cuda.GpuProbe;
import dev.vampvm.bench.BenchRun;
import dev.vampvm.bench.BenchSettings;
import dev.vampvm.bench.BenchSuite;
import dev.vampvm.bench.BenchSuites;
import dev.vampvm.bench.BenchUsageException;
import dev.vampvm.bench.BenchmarkFailure;
import dev.vampvm.bench.Environment;
import dev.vampvm.bench.ResultsFile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vampvm bench SUITE}: runs a benchmark suite (see bench/README.md) and writes its results folder. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Run a benchmark suite; write results.jsonl, environment.json, summary.md and",
            "report.html (arith: also jmh.json). Progress: stdout (stderr with --json).",
            "Method: a cold run timed apart, --warmup discarded runs, --repeat measured",
            "runs; min, median and max reported; every timed proof is verified.",
            "Exit codes: 0 done, 1 a benchmark failed (e.g. a proof did not verify),",
            "2 usage, 4 --gpu without a usable GPU."},
        sortOptions = false)
final class BenchCommand implements Callable<Integer> {

    CommandSpec spec;

    /** Picocli hands over the model as it builds it: the help's list of suites comes from the registry. */
    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        StringBuilder footer = new StringBuilder("%nSuites:%n");
        BenchSuites.descriptions().forEach((name, what) -> footer.append(String.format("  %-6s %s%%n", name, what)));
        spec.usageMessage().footer(footer.toString());
    }

    @Parameters(index = "0", paramLabel = "SUITE", description = "The suite: ${COMPLETION-CANDIDATES}.",
            completionCandidates = SuiteNames.class)
    String suite;

    @Option(names = "--quick", description = "Short runs and small sizes: where things stand, not figures to publish.")
    boolean quick;

    @Option(names = "--include", paramLabel = "REGEX",
            description = "Run only benchmarks whose name contains a match, e.g. 'Field.*Mul' or 'standard-gate'.")
    String include;

    @Option(names = "--sizes", paramLabel = "LIST", description = "Sizes, comma-separated: k for prove "
            + "(circuits of 2^k rows), log2 of the input size (@Param logN) for arith; e.g. 10,12,14.")
    String sizes;

    @Option(names = "--repeat", paramLabel = "N", description = "Measured runs (arith: JMH iterations). "
            + "Default: prove 3; arith 5, quick 3.")
    Integer repeat;

    @Option(names = "--warmup", paramLabel = "N", description = "Discarded warm-up runs after the cold one. "
            + "Default: prove 1, quick 0; arith 2, quick 1.")
    Integer warmup;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the results "
            + "(default: bench/results/<UTC time>-<commit>[-dirty]-<suite>/ in the source tree).")
    Path out;

    @Option(names = "--json", description = "Print each measurement as one JSON line on stdout (as in results.jsonl).")
    boolean json;

    @Option(names = "--gpu", description = "Measure whole proofs on the GPU engine as well as on the CPU, one after the "
            + "other in the same run (same as --engines java,cuda). Without a usable GPU, exits 4 and says why.")
    boolean gpu;

    @Option(names = "--engines", paramLabel = "LIST", split = ",", converter = EngineConverter.class,
            description = "Engines to measure whole proofs on, comma-separated: java (default), cuda, cuda-emulated "
                    + "(the GPU engine's kernels on the host: slow, for checking)." )
    List<Engine> engines;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<Engine> chosen = new ArrayList<>(engines != null ? engines : List.of(Engine.JAVA));
        if (gpu && !chosen.contains(Engine.CUDA)) {
            if (engines == null) {
                chosen = new ArrayList<>(List.of(Engine.JAVA));
            }
            chosen.add(Engine.CUDA);
        }
        chosen = chosen.stream().distinct().toList();
        if (chosen.contains(Engine.CUDA)) {
            GpuProbe.Result probe = GpuProbe.probe();
            if (!probe.usable()) {
                err.println("vampvm bench: " + (gpu ? "--gpu" : "--engines cuda") + ": " + probe.reason()
                        + "; run without it to benchmark on the CPU");
                err.flush();
                return ProveCommand.EXIT_NO_GPU;
            }
        }
        List<BenchSuite> suites;
        BenchSettings settings;
        Map<BenchSuite, List<String>> selected;
        try {
            suites = BenchSuites.resolve(suite);
            settings = new BenchSettings(quick, pattern(), sizes == null ? List.of() : BenchSettings.parseSizes(sizes),
                    repeat, warmup, chosen);
            selected = BenchRun.select(suites, settings);
        } catch (BenchUsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path tree = BenchRun.sourceTree();
        Environment env = Environment.capture(tree);
        Path outDir = out != null ? out.toAbsolutePath() : BenchRun.defaultOutDir(tree, env, suite);
        PrintStream stdout = System.out;
        PrintStream human = json ? System.err : stdout;
        List<String> notes = List.of();
        try {
            BenchRun.Outcome outcome = BenchRun.run(commandLine(), notes, selected, settings, env, outDir, human,
                    json ? stdout : null);
            human.println("Results: " + outcome.outDir() + " (" + String.join(", ", files(selected)) + ")");
            return Main.EXIT_OK;
        } catch (IOException e) {
            throw new CommandFailure("cannot write results to " + outDir + ": " + e.getMessage(), e);
        } catch (BenchmarkFailure e) {
            throw new CommandFailure(e.getMessage() + " (results so far in " + outDir + ")", e);
        } catch (BenchUsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + " (results so far in " + outDir + ")");
        }
    }

    /** The suite names, for the help. */
    static final class SuiteNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return BenchSuites.names().iterator();
        }
    }

    private Pattern pattern() {
        try {
            return include == null ? null : Pattern.compile(include);
        } catch (PatternSyntaxException e) {
            throw new BenchUsageException("--include: not a regular expression: " + e.getDescription());
        }
    }

    private static List<String> files(Map<BenchSuite, List<String>> selected) {
        List<String> files = new ArrayList<>(List.of(ResultsFile.RESULTS, ResultsFile.ENVIRONMENT, ResultsFile.SUMMARY,
                ResultsFile.REPORT));
        if (selected.keySet().stream().anyMatch(s -> s.name().equals("arith"))) {
            files.add("jmh.json");
        }
        return files;
    }

    /** "vampvm bench prove --quick": the reports' title, the command as typed (without --out and --json). */
    private String commandLine() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        List<String> args = new ArrayList<>(all.subList(all.indexOf(spec.name()) + 1, all.size()));
        for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
            String a = it.next();
            if (a.equals("--out")) {
                it.remove();
                if (it.hasNext()) {
                    it.next();
                    it.remove();
                }
            } else if (a.startsWith("--out=") || a.equals("--json")) {
                it.remove();
            }
        }
        return "vampvm bench " + String.join(" ", args);
    }
}
