package dev.vampvm.bench.jmh;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.commit.IpaProver;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.transcript.Transcript;
import dev.vampvm.transcript.TranscriptWriter;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One IPA opening of a random polynomial of 2^logN coefficients on the Java engine with two workers, its rounds two at
 * a time (the default) or one at a time ({@code twoRounds=false}, as before 3c47cbe): the generator folds, the rounds'
 * MSMs and the vector work, as a proof's multiopen runs it once at the end.
 *
 * <p>Run e.g. {@code vampvm bench arith --include IpaOpenBenchmark --sizes 10,14}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@State(Scope.Benchmark)
public class IpaOpenBenchmark {

    private static final MontgomeryField F = Fp.FIELD;

    @Param({"10", "12", "14"})
    int logN;

    @Param({"true", "false"})
    boolean twoRounds;

    JavaBackend backend;
    IpaParams params;
    ScalarVector poly;
    long[] blind = new long[4];
    long[] x = new long[4];

    @Setup(Level.Trial)
    public void setUp() {
        int n = 1 << logN;
        backend = new JavaBackend(2, twoRounds);
        params = IpaParams.setup(backend, logN);
        SplittableRandom rng = new SplittableRandom(0x1ba0_0be1L + logN);
        long[] coeffs = new long[4 * n];
        for (int i = 0; i < n; i++) {
            F.random(rng, coeffs, 4 * i);
        }
        F.random(rng, blind, 0);
        F.random(rng, x, 0);
        poly = backend.upload(F, coeffs, 0, n);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        poly.close();
        params.close();
        backend.close();
    }

    @Benchmark
    public byte[] open() {
        TranscriptWriter w = Transcript.forProving("vampvm-ipa-bench");
        IpaProver.open(params, w, poly, blind, x, new SplittableRandom(7));
        return w.toByteArray();
    }
}
