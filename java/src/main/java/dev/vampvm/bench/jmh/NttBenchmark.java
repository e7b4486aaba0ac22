package dev.vampvm.bench.jmh;

import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.poly.EvaluationDomain;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward NTT over Fp, natural order in and out, on all available processors.
 *
 * <p>What is measured: one in-place {@link EvaluationDomain#ntt} of 2^logN random elements. The work
 * buffer is transformed again and again without being reset: the transform costs the same for any input
 * (no data-dependent branches that matter), so re-copying the input, which would add a 32-byte-per-element
 * memory pass to every measurement, is not needed. The twiddle table is built in setup, not measured.
 *
 * <p>Run after {@code mvn package}, e.g. the 2^20 case only, briefly:
 * {@code java -cp target/vampvm.jar org.openjdk.jmh.Main NttBenchmark -p logN=20 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class NttBenchmark {

    @Param({"10", "12", "14", "16", "18", "20", "22"})
    public int logN;

    private EvaluationDomain domain;
    private long[] work;

    @Setup(Level.Trial)
    public void setUp() {
        MontgomeryField f = Fp.FIELD;
        domain = EvaluationDomain.of(f, logN);
        SplittableRandom rng = new SplittableRandom(0x5EEDL + logN);
        work = new long[4 * domain.size()];
        for (int i = 0; i < domain.size(); i++) {
            f.random(rng, work, 4 * i);
        }
        domain.ntt(work);  // builds and caches the twiddle table outside the measurement
    }

    @Benchmark
    public long[] ntt() {
        domain.ntt(work);
        return work;
    }
}
