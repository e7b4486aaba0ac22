package dev.vampvm.bench;

import java.io.IOException;
import java.util.Collection;
import java.util.function.BiConsumer;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's output, passed through, that also hands over each benchmark's first warm-up iteration: JMH's results keep
 * only the measured iterations, and that first score, JIT included, is the suite's cold start.
 */
final class ColdStartRecorder implements OutputFormat {
    private final OutputFormat out;
    private final BiConsumer<BenchmarkParams, Double> firstWarmup;

    ColdStartRecorder(OutputFormat out, BiConsumer<BenchmarkParams, Double> firstWarmup) {
        this.out = out;
        this.firstWarmup = firstWarmup;
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
                                IterationResult data) {
        if (params.getType() == IterationType.WARMUP && iteration == 1) {
            firstWarmup.accept(benchParams, data.getPrimaryResult().getScore());
        }
        out.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        out.iteration(benchParams, params, iteration);
    }

    @Override
    public void startBenchmark(BenchmarkParams benchParams) {
        out.startBenchmark(benchParams);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        out.endBenchmark(result);
    }

    @Override
    public void startRun() {
        out.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        out.endRun(result);
    }

    @Override
    public void print(String s) {
        out.print(s);
    }

    @Override
    public void println(String s) {
        out.println(s);
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        out.close();
    }

    @Override
    public void verbosePrintln(String s) {
        out.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        out.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        out.write(b);
    }
}
