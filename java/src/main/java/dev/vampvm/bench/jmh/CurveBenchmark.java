package dev.vampvm.bench.jmh;

import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pallas point kernels: complete projective addition, mixed addition, doubling and scalar multiplication (GLV +
 * wNAF, with double-and-add as the baseline). The group operations run as chains (each result feeds the next
 * call, kept in the state) so that the JIT can neither hoist nor drop them.
 *
 * <p>Run: {@code java -cp target/vampvm.jar org.openjdk.jmh.Main CurveBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CurveBenchmark {

    private static final int SCALARS = 64;

    private final ShortWeierstrassCurve curve = ShortWeierstrassCurve.PALLAS;
    private PointArithmetic ops;
    private long[] acc;
    private long[] p;
    private long[] q;
    private long[] scalars;
    private long[] out;
    private int next;

    @Setup
    public void setup() {
        ops = curve.arithmetic();
        SplittableRandom rng = new SplittableRandom(20240601);
        MontgomeryField fq = curve.scalarField();
        p = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        curve.affineToProjective(curve.generatorAffine(), 0, p, 0);
        long[] k = new long[4];
        fq.random(rng, k, 0);
        fq.toCanonical(k, 0, k, 0);
        ops.mul(p, 0, k, 0, p, 0);
        q = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        curve.projectiveToAffine(p, 0, q, 0);
        ops.dbl(p, 0, p, 0);
        acc = p.clone();
        scalars = new long[4 * SCALARS];
        for (int i = 0; i < SCALARS; i++) {
            fq.random(rng, scalars, 4 * i);
            fq.toCanonical(scalars, 4 * i, scalars, 4 * i);
        }
        out = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
    }

    @Benchmark
    public long[] add() {
        ops.add(acc, 0, p, 0, acc, 0);
        return acc;
    }

    @Benchmark
    public long[] addMixed() {
        ops.addMixed(acc, 0, q, 0, acc, 0);
        return acc;
    }

    @Benchmark
    public long[] dbl() {
        ops.dbl(acc, 0, acc, 0);
        return acc;
    }

    @Benchmark
    public long[] mulGlv() {
        int i = next++ & (SCALARS - 1);
        ops.mul(acc, 0, scalars, 4 * i, acc, 0);
        return acc;
    }

    @Benchmark
    public long[] mulDoubleAndAdd() {
        int i = next++ & (SCALARS - 1);
        long[] k = {scalars[4 * i], scalars[4 * i + 1], scalars[4 * i + 2], scalars[4 * i + 3]};
        ops.mulDoubleAndAdd(acc, 0, k, out, 0);
        System.arraycopy(out, 0, acc, 0, ShortWeierstrassCurve.PROJECTIVE_LONGS);
        return acc;
    }
}
