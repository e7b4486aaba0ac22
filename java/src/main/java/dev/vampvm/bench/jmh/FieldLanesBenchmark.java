package dev.vampvm.bench.jmh;

import dev.vampvm.field.FieldLanes;
import dev.vampvm.field.Fp;
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
 * Fp multiplication as a batch: {@link #COUNT} independent products z_i = x_i·y_i, per product. What the MSM's
 * batches see (throughput), where {@link FieldBenchmark} measures one dependent chain (latency): the scalar
 * kernel ({@code scalar}) against {@link FieldLanes} in the CPU's widest vector ({@code lanes}, 8 lanes with
 * AVX-512), whose blocks of 9 × 29-bit limbs are filled once at setup. Needs the Vector API module
 * ({@code --add-modules jdk.incubator.vector}, which bin/vampvm and the benchmark's fork get).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FieldLanesBenchmark {

    static final int COUNT = 1024;

    private static final MontgomeryField FP = Fp.FIELD;

    private long[] x, y, z;
    private FieldLanes lanes;
    private long[] xl, yl, zl;

    @Setup(Level.Trial)
    public void setup() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException("FieldLanesBenchmark needs --add-modules jdk.incubator.vector");
        }
        SplittableRandom rng = new SplittableRandom(0x1a5e5);
        x = new long[4 * COUNT];
        y = new long[4 * COUNT];
        z = new long[4 * COUNT];
        for (int i = 0; i < COUNT; i++) {
            FP.random(rng, x, 4 * i);
            FP.random(rng, y, 4 * i);
        }
        lanes = FieldLanes.preferred(FP);
        int blocks = COUNT / lanes.lanes();
        xl = new long[blocks * lanes.blockLongs()];
        yl = new long[blocks * lanes.blockLongs()];
        zl = new long[blocks * lanes.blockLongs()];
        for (int b = 0; b < blocks; b++) {
            lanes.load(x, 4 * lanes.lanes() * b, xl, b * lanes.blockLongs());
            lanes.load(y, 4 * lanes.lanes() * b, yl, b * lanes.blockLongs());
        }
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public long scalar() {
        for (int i = 0; i < COUNT; i++) {
            FP.mul(x, 4 * i, y, 4 * i, z, 4 * i);
        }
        return z[0];
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public long lanes() {
        final int step = lanes.blockLongs();
        for (int o = 0; o < zl.length; o += step) {
            lanes.mul(xl, o, yl, o, zl, o);
        }
        return zl[0];
    }
}
