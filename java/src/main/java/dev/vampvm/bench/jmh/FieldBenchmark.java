package dev.vampvm.bench.jmh;

import dev.vampvm.field.Fp;
import dev.vampvm.field.Fq;
import dev.vampvm.field.MontgomeryField;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Pasta field arithmetic on the hot-path {@code long[]} kernels (the target in performance.md is Fp
 * multiplication at most 20 ns), plus one multiplication through the {@link Fp} value type to show
 * what its allocation costs.
 *
 * <p>Each benchmark is a chain: {@code x = x ∘ y} repeated, every step depending on the previous
 * result, so it measures latency (what a sequential algorithm such as an exponentiation sees) and the
 * JIT can neither overlap nor hoist the steps. The operands live in this @State object, filled from a
 * seeded generator at setup, so nothing is a compile-time constant; the final value is returned so
 * that JMH's blackhole keeps the chain alive.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FieldBenchmark {

    static final int CHAIN = 1000;
    /** Inversion is a few hundred multiplications: a shorter chain keeps one invocation short. */
    static final int INVERSE_CHAIN = 100;

    private static final MontgomeryField FP = Fp.FIELD;
    private static final MontgomeryField FQ = Fq.FIELD;

    /** Running values (updated in place) and the second operand, Montgomery form. */
    private long[] x;
    private long[] y;
    private long[] xq;
    private long[] yq;
    private Fp xValue;
    private Fp yValue;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rng = new SplittableRandom(0x5eed);
        x = new long[4];
        y = new long[4];
        xq = new long[4];
        yq = new long[4];
        FP.random(rng, x, 0);
        FP.random(rng, y, 0);
        FQ.random(rng, xq, 0);
        FQ.random(rng, yq, 0);
        xValue = Fp.random(rng);
        yValue = Fp.random(rng);
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public long fpMul() {
        long[] a = x;
        long[] b = y;
        for (int i = 0; i < CHAIN; i++) {
            FP.mul(a, 0, b, 0, a, 0);
        }
        return a[0];
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public long fpSquare() {
        long[] a = x;
        for (int i = 0; i < CHAIN; i++) {
            FP.square(a, 0, a, 0);
        }
        return a[0];
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public long fpAdd() {
        long[] a = x;
        long[] b = y;
        for (int i = 0; i < CHAIN; i++) {
            FP.add(a, 0, b, 0, a, 0);
        }
        return a[0];
    }

    /** x = (x + y)⁻¹: the addition keeps the chain from cycling between two values. */
    @Benchmark
    @OperationsPerInvocation(INVERSE_CHAIN)
    public long fpInverse() {
        long[] a = x;
        long[] b = y;
        for (int i = 0; i < INVERSE_CHAIN; i++) {
            FP.add(a, 0, b, 0, a, 0);
            FP.inv(a, 0, a, 0); // zero has probability about 2^-254 per step
        }
        return a[0];
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public long fqMul() {
        long[] a = xq;
        long[] b = yq;
        for (int i = 0; i < CHAIN; i++) {
            FQ.mul(a, 0, b, 0, a, 0);
        }
        return a[0];
    }

    /** The same chain as {@link #fpMul} through the immutable value type (one allocation per step). */
    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public Fp fpMulValueType() {
        Fp a = xValue;
        Fp b = yValue;
        for (int i = 0; i < CHAIN; i++) {
            a = a.mul(b);
        }
        xValue = a;
        return a;
    }
}
