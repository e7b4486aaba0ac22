package dev.vampvm.bench;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One measured benchmark configuration, reduced to what a report shows; kept apart from JMH's types so
 * that reports can be built (and tested) from any source of results.
 *
 * @param benchmark the full benchmark name (class and method)
 * @param mode      JMH's mode label, e.g. "avgt"
 * @param params    the @Param values of this configuration, by name
 * @param score     the mean score
 * @param error     the half-width of the 99.9% confidence interval; NaN when there were too few samples
 * @param unit      the score's unit, e.g. "ns/op"
 * @param samples   the number of measurement iterations the score is from
 */
public record BenchmarkRow(String benchmark, String mode, Map<String, String> params, double score, double error,
                           String unit, long samples) {

    public BenchmarkRow {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /** The row of one JMH result. */
    public static BenchmarkRow of(RunResult result) {
        BenchmarkParams p = result.getParams();
        Map<String, String> params = new TreeMap<>();
        for (String key : p.getParamsKeys()) {
            params.put(key, p.getParam(key));
        }
        Result<?> primary = result.getPrimaryResult();
        return new BenchmarkRow(p.getBenchmark(), p.getMode().shortLabel(), params, primary.getScore(),
                primary.getScoreError(), primary.getScoreUnit(), primary.getSampleCount());
    }

    /** The benchmark name without the package: "FieldBenchmark.fpMul". */
    public String shortName() {
        String b = benchmark;
        int method = b.lastIndexOf('.');
        int cls = method > 0 ? b.lastIndexOf('.', method - 1) : -1;
        return cls >= 0 ? b.substring(cls + 1) : b;
    }
}
