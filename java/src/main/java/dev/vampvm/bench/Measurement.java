package dev.vampvm.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One benchmark configuration's result: one line of {@code results.jsonl}, one row of the reports.
 *
 * <p>Parameter conventions the reports rely on: the size is {@code k} (a circuit of 2^k rows) or {@code logN}
 * (2^logN elements); {@code engine} is {@code cpu} or {@code gpu}; {@code mode} is {@code static} or {@code vm}.
 * Rows that differ only in {@code engine} or {@code mode} are drawn side by side.
 *
 * @param suite       the suite that measured it ("arith", "prove", ...)
 * @param name        what was measured, e.g. "standard-gate.prove" or "FieldBenchmark.fpMul"
 * @param params      the configuration (sorted by name)
 * @param unit        the unit of samples, cold start and one-off costs, e.g. "ms" or "ns/op"
 * @param samples     the measured runs, in order (warm-up runs excluded)
 * @param stats       min, median and max of the samples
 * @param coldStart   the first run (JIT and first-use work included), or null where none was timed
 * @param oneOffCosts costs paid once before the runs (parameter setup, key generation), in {@code unit}
 * @param verified    true when every timed proof was verified; null where no proof is made (microbenchmarks)
 * @param details     other figures (per-phase medians, proof bytes, rows), each named with its unit
 * @param environment the id of the {@link Environment} it was measured in (see environment.json)
 */
public record Measurement(String suite, String name, Map<String, String> params, String unit, List<Double> samples,
                          Statistics stats, Double coldStart, Map<String, Double> oneOffCosts, Boolean verified,
                          Map<String, Double> details, String environment) {

    /** The size parameters, in the order they are looked for. */
    static final List<String> SIZE_PARAMS = List.of("k", "logN");

    public Measurement {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        samples = List.copyOf(samples);
        oneOffCosts = Collections.unmodifiableMap(new LinkedHashMap<>(oneOffCosts));
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A measurement whose statistics are those of its samples. */
    public static Measurement of(String suite, String name, Map<String, String> params, String unit,
                                 List<Double> samples, Double coldStart, Map<String, Double> oneOffCosts,
                                 Boolean verified, Map<String, Double> details, String environment) {
        return new Measurement(suite, name, params, unit, samples, Statistics.of(samples), coldStart, oneOffCosts,
                verified, details, environment);
    }

    /** The size parameter's name, if the configuration has one ("k" or "logN"). */
    public Optional<String> sizeParam() {
        return SIZE_PARAMS.stream().filter(params::containsKey).findFirst();
    }

    /** The size parameter's value, if there is one and it is an integer. */
    public Optional<Integer> size() {
        return sizeParam().flatMap(p -> {
            try {
                return Optional.of(Integer.parseInt(params.get(p)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** The parameters as "a=1, b=2", for tables. */
    public String paramsText() {
        return MarkdownReport.params(params);
    }
}
