package dev.vampvm.bench.jmh;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.msm.FixedBaseMsm;
import dev.vampvm.msm.GeneratorFolding;
import dev.vampvm.msm.Msm;
import dev.vampvm.msm.Workers;
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
 * MSM on Vesta (the commitment curve), 2^10 … 2^20 random terms, on all available processors: the
 * variable-base MSM (GLV chosen by the planner, and forced off), the fixed-base MSM with its tables
 * built once per trial (not timed), and one IPA generator-folding round over the same points (n/2 outputs).
 * Targets on 2 cores: 2^16 ≤ 0.4 s, 2^20 ≤ 5 s.
 *
 * <p>Run e.g. {@code java -jar vampvm.jar -f 1 -p logN=16 MsmBenchmark} (the shaded jar carries JMH).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g"})
@State(Scope.Benchmark)
public class MsmBenchmark {

    private static final ShortWeierstrassCurve CURVE = ShortWeierstrassCurve.VESTA;

    @Param({"10", "12", "14", "16", "18", "20"})
    int logN;

    long[] bases;
    long[] scalars;
    long[] folded;
    int n;

    @Setup(Level.Trial)
    public void setUp() {
        n = 1 << logN;
        SplittableRandom rng = new SplittableRandom(0x5eed_0f_757aL + logN);
        bases = CURVE.randomAffinePoints(n, rng);
        scalars = new long[4 * n];
        MontgomeryField fr = CURVE.scalarField();
        for (int i = 0; i < n; i++) {
            fr.random(rng, scalars, 4 * i);
        }
        folded = new long[ShortWeierstrassCurve.AFFINE_LONGS * (n / 2)];
    }

    @Benchmark
    public long[] variableBase() {
        return Msm.msm(CURVE, bases, 0, scalars, 0, n);
    }

    @Benchmark
    public long[] variableBaseWithoutGlv() {
        return Msm.msm(CURVE, bases, 0, scalars, 0, n, Workers.common(), Msm.Options.glv(Msm.Endomorphism.OFF));
    }

    /** The fixed-base tables, built only for the benchmark that uses them (about 20 MSMs' worth of work). */
    @State(Scope.Benchmark)
    public static class Tables {
        FixedBaseMsm.Precomputation pre;

        @Setup(Level.Trial)
        public void build(MsmBenchmark b) {
            pre = FixedBaseMsm.precompute(CURVE, b.bases, 0, b.n);
        }
    }

    @Benchmark
    public long[] fixedBase(Tables tables) {
        return FixedBaseMsm.msm(tables.pre, scalars, 0, n);
    }

    /** G′ = G_lo + [u]·G_hi over the two halves of the bases, u the first scalar. */
    @Benchmark
    public long[] generatorFolding() {
        int m = n / 2;
        GeneratorFolding.fold(CURVE, bases, 0, bases, ShortWeierstrassCurve.AFFINE_LONGS * m, m, scalars, 0, folded, 0);
        return folded;
    }
}
