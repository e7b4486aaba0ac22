package dev.vampvm.cli;

import dev.vampvm.bench.ArithmeticSuite;
import dev.vampvm.bench.Environment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.RunnerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vampvm bench arith}: field, curve, MSM and NTT microbenchmarks through JMH. */
@Command(name = "arith",
        mixinStandardHelpOptions = true,
        description = {
            "Run the arithmetic microbenchmarks (package " + ArithmeticSuite.PACKAGE + ") with JMH, one forked JVM each.",
            "JMH's report goes to stdout; jmh.json, environment.json and summary.md go to the output folder."})
final class ArithCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Short warm-up and measurement, small sizes: a few minutes in all.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the results (default: bench/results/<UTC time>-<commit>/ in the source tree).")
    Path out;

    @Option(names = "--json", description = "Print jmh.json on stdout; JMH's report goes to stderr instead.")
    boolean json;

    @Option(names = "--include", paramLabel = "REGEX",
            description = "Run only benchmarks whose full name contains a match, e.g. 'Field.*Mul'.")
    String include;

    @Override
    public Integer call() {
        Optional<Pattern> pattern;
        try {
            pattern = Optional.ofNullable(include).map(Pattern::compile);
        } catch (PatternSyntaxException e) {
            throw new ParameterException(spec.commandLine(), "--include: not a regular expression: " + e.getDescription());
        }
        List<BenchmarkListEntry> selected = ArithmeticSuite.select(pattern);
        if (selected.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--include '" + include + "' matches no benchmark; there are:\n"
                    + ArithmeticSuite.names(ArithmeticSuite.select(Optional.empty())));
        }
        Path tree = sourceTree();
        Environment env = Environment.capture(tree);
        Path outDir = out != null ? out.toAbsolutePath() : ArithmeticSuite.defaultOutDir(tree, env);
        PrintStream stdout = System.out;
        PrintStream human = json ? System.err : stdout;
        try {
            ArithmeticSuite.Outcome outcome = ArithmeticSuite.run(
                    new ArithmeticSuite.Settings(quick, outDir, json), env, selected, human, stdout);
            human.println("Results: " + outcome.outDir() + " (jmh.json, environment.json, summary.md)");
            return Main.EXIT_OK;
        } catch (IOException e) {
            throw new CommandFailure("cannot write results to " + outDir + ": " + e.getMessage(), e);
        } catch (RunnerException e) {
            throw new CommandFailure("a benchmark failed: " + e.getMessage(), e);
        }
    }

    /** The source tree bin/vampvm runs from (it passes -Dvampvm.home), else the working directory. */
    static Path sourceTree() {
        String home = System.getProperty("vampvm.home");
        return Path.of(home != null ? home : "").toAbsolutePath();
    }
}
