package dev.vampvm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of one run's output folder, and {@code results.jsonl}'s format: one JSON object per measurement, with
 * the fields of {@link Measurement} ({@code stats} flattened into min, median and max; the environment by its id,
 * the full description being in {@code environment.json}). The reports are made from these two files alone, so
 * they can be made again from a stored run.
 */
public final class ResultsFile {
    public static final String RESULTS = "results.jsonl";
    public static final String ENVIRONMENT = "environment.json";
    public static final String SUMMARY = "summary.md";
    /** The GPUs' clocks, temperature and power at the end of a run (their state at the start is in environment.json). */
    public static final String GPU_AFTER = "gpu-after.json";
    public static final String REPORT = "report.html";

    /** A stored run: its environment and its measurements in the order they were made. */
    public record Stored(Environment environment, List<Measurement> measurements) {
    }

    private ResultsFile() {
    }

    /** One line of results.jsonl (without the newline). */
    public static String toLine(Measurement m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("suite", m.suite());
        o.put("name", m.name());
        o.put("params", m.params());
        o.put("unit", m.unit());
        o.put("samples", m.samples());
        o.put("min", m.stats().min());
        o.put("median", m.stats().median());
        o.put("max", m.stats().max());
        o.put("coldStart", m.coldStart());
        o.put("oneOffCosts", m.oneOffCosts());
        o.put("verified", m.verified());
        o.put("details", m.details());
        o.put("environment", m.environment());
        return Json.line(o);
    }

    /** Reads one line of results.jsonl; min, median and max are recomputed from the samples. */
    public static Measurement fromLine(String line) {
        JsonNode o = Json.read(line);
        JsonNode verified = o.get("verified");
        return Measurement.of(o.path("suite").asText(), o.path("name").asText(), Json.strings(o.path("params")),
                o.path("unit").asText(), Json.numberList(o.path("samples")), Json.numberOrNull(o.get("coldStart")),
                Json.numbers(o.path("oneOffCosts")), verified == null || verified.isNull() ? null : verified.asBoolean(),
                Json.numbers(o.path("details")), o.path("environment").asText());
    }

    /** Reads environment.json and results.jsonl from an output folder. */
    public static Stored read(Path dir) throws IOException {
        Environment env = Environment.fromJson(Files.readString(dir.resolve(ENVIRONMENT), StandardCharsets.UTF_8));
        List<Measurement> ms = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(RESULTS), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                ms.add(fromLine(line));
            }
        }
        return new Stored(env, ms);
    }
}
