package dev.vampvm.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs suites into one output folder: environment.json first, then results.jsonl one line per measurement as it is
 * made (a run that dies keeps what it measured), then summary.md and report.html from those lines, also when a
 * suite failed.
 */
public final class BenchRun {

    /** Where the files went, and what was measured. */
    public record Outcome(Path outDir, List<Measurement> measurements) {
    }

    private BenchRun() {
    }

    /** The source tree bin/vampvm runs from (it passes -Dvampvm.home), else the working directory. */
    public static Path sourceTree() {
        String home = System.getProperty("vampvm.home");
        return Path.of(home != null ? home : "").toAbsolutePath();
    }

    /** The default output folder: {@code bench/results/<UTC yyyyMMdd-HHmmss>-<commit>[-dirty]-<suite>}. */
    public static Path defaultOutDir(Path sourceTree, Environment env, String suite) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(env.time());
        String commit = env.gitCommit().length() > 7 ? env.gitCommit().substring(0, 7) : env.gitCommit();
        return sourceTree.resolve("bench").resolve("results")
                .resolve(stamp + "-" + commit + (env.gitDirty() ? "-dirty" : "") + "-" + suite);
    }

    /**
     * The benchmarks each suite would run, after --include; throws {@link BenchUsageException} when --include
     * leaves nothing to run. Cheap: call it before creating anything.
     */
    public static Map<BenchSuite, List<String>> select(List<BenchSuite> suites, BenchSettings settings) {
        Map<BenchSuite, List<String>> selected = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        for (BenchSuite s : suites) {
            List<String> names = s.benchmarks(settings);
            all.addAll(names);
            List<String> chosen = names.stream().filter(settings::includes).toList();
            if (!chosen.isEmpty()) {
                selected.put(s, chosen);
            }
        }
        if (selected.isEmpty()) {
            throw new BenchUsageException("--include '" + settings.include() + "' matches no benchmark; there are:\n"
                    + String.join("\n", all));
        }
        return selected;
    }

    /**
     * Runs the selected benchmarks and writes the output folder.
     *
     * @param title    the reports' heading, e.g. the command line
     * @param notes    extra paragraphs for the reports (e.g. suites skipped)
     * @param json     where each measurement's JSON line is echoed, or null
     * @throws BenchmarkFailure when a benchmark failed (the files hold what was measured before)
     */
    public static Outcome run(String title, List<String> notes, Map<BenchSuite, List<String>> selected,
                              BenchSettings settings, Environment env, Path outDir, PrintStream log,
                              PrintStream json) throws IOException {
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve(ResultsFile.ENVIRONMENT), env.toJson(), StandardCharsets.UTF_8);
        List<Measurement> measured = new ArrayList<>();
        List<String> allNotes = new ArrayList<>();
        selected.keySet().forEach(s -> allNotes.add(s.name() + ": " + s.method(settings)));
        allNotes.addAll(notes);
        RuntimeException failure = null;
        try (BufferedWriter lines = Files.newBufferedWriter(outDir.resolve(ResultsFile.RESULTS), StandardCharsets.UTF_8)) {
            BenchSuite.Context context = new BenchSuite.Context(env, outDir, log, m -> {
                String line = ResultsFile.toLine(m);
                try {
                    lines.write(line);
                    lines.newLine();
                    lines.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (json != null) {
                    json.println(line);
                    json.flush();
                }
                measured.add(m);
            });
            for (Map.Entry<BenchSuite, List<String>> e : selected.entrySet()) {
                log.println("== " + e.getKey().name() + ": " + e.getValue().size() + " benchmark"
                        + (e.getValue().size() == 1 ? "" : "s"));
                try {
                    e.getKey().run(e.getValue(), settings, context);
                } catch (BenchmarkFailure | BenchUsageException f) {
                    failure = f;
                } catch (Exception f) {
                    failure = new BenchmarkFailure("the " + e.getKey().name() + " suite failed: " + f, f);
                }
                if (failure != null) {
                    allNotes.add("FAILED: " + failure.getMessage() + " (results after this point are missing)");
                    break;
                }
            }
        }
        if (env.gpu().present()) {
            // The clocks and temperature after the run, next to those before it (environment.json).
            GpuInfo after = GpuProbe.installed().probe();
            after.states().forEach(st -> allNotes.add("State at the end of the run: " + st + "."));
            Files.writeString(outDir.resolve(ResultsFile.GPU_AFTER), Json.pretty(Map.of("devices",
                    after.devices().stream().map(Environment::device).toList())), StandardCharsets.UTF_8);
        }
        writeReports(outDir, title, allNotes, env, measured);
        if (failure != null) {
            throw failure;
        }
        return new Outcome(outDir, measured);
    }

    /** summary.md and report.html, from measurements (those of this run, or ones read back with ResultsFile). */
    public static void writeReports(Path outDir, String title, List<String> notes, Environment env,
                                    List<Measurement> measurements) throws IOException {
        Files.writeString(outDir.resolve(ResultsFile.SUMMARY), MarkdownReport.render(title, notes, env, measurements),
                StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve(ResultsFile.REPORT), HtmlReport.render(title, notes, env, measurements),
                StandardCharsets.UTF_8);
    }
}
