package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.backend.PointProgram;
import dev.vampvm.backend.PointVector;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.field.Fq;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.testing.Seeds;
import java.io.IOException;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kernel on both fields and both curves against the Java engine, at sizes the shared suites do not
 * reach: NTTs past the shared-memory tile (global stages), MSMs with large windows and edge scalars and bases
 * (zero, one, −1, the identity, a repeated base, P and −P), and element-wise work on Fq. Run on a GPU
 * ({@code CudaAgainstJavaTest}, tagged gpu) and emulated on the host ({@code EmulatedCudaAgainstJavaTest}, at
 * smaller sizes). One engine per class, opened before the first test. Every engine a test of the class opens runs on
 * a {@linkplain #watch watched} device, and the last test checks that the class, run whole, launched every kernel of
 * kernels/vampvm.cu: a kernel no test compares with the Java engine fails it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CudaAgainstJavaSuite {

    private CudaBackend cuda;
    private JavaBackend reference;
    /** The devices of every engine the class's tests opened, each counting its launches. */
    private final List<LaunchCountingDevice> watched = new ArrayList<>();
    /** The test methods that started. */
    private final Set<String> started = new TreeSet<>();

    /**
     * The engine under test, on a device passed through {@link #watch}; skips (assumption) when it cannot run here.
     */
    protected abstract CudaBackend openEngine();

    /** {@code device} with its launches counted towards {@link #everyKernelOfTheFatbinRanAgainstTheJavaEngine}. */
    protected final DeviceApi watch(DeviceApi device) {
        LaunchCountingDevice d = new LaunchCountingDevice(device);
        synchronized (watched) {
            watched.add(d);
        }
        return d;
    }

    /** log2 of the NTT sizes tried. */
    protected abstract int[] nttLogSizes();

    /** The MSM sizes tried. */
    protected abstract int[] msmSizes();

    /** The MSM sizes tried for each {@link MsmCase} (skewed scalars, special bases). */
    protected abstract int[] skewedMsmSizes();

    /** The length of the element-wise vectors. */
    protected abstract int elementWiseSize();

    @BeforeEach
    void open(TestInfo info) {
        started.add(info.getTestMethod().orElseThrow().getName());
        if (cuda == null) {
            cuda = openEngine();
            reference = new JavaBackend();
        }
    }

    @AfterAll
    void close() {
        if (cuda != null) {
            cuda.close();
        }
        if (reference != null) {
            reference.close();
        }
    }

    private static MontgomeryField field(String name) {
        return name.equals("Fp") ? Fp.FIELD : Fq.FIELD;
    }

    private static ShortWeierstrassCurve curve(String name) {
        return name.equals("Pallas") ? ShortWeierstrassCurve.PALLAS : ShortWeierstrassCurve.VESTA;
    }

    static long[] random(MontgomeryField f, SplittableRandom rng, int n) {
        long[] v = new long[4 * n];
        for (int i = 0; i < n; i++) {
            f.random(rng, v, 4 * i);
        }
        if (n >= 3) {
            f.setZero(v, 0);
            f.setOne(v, 4);
            System.arraycopy(f.fromBigInteger(f.modulus().subtract(BigInteger.ONE)), 0, v, 8, 4);
        }
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Fp", "Fq"})
    void transformsMatchTheJavaEngine(String name, TestInfo info) {
        transformsAtEverySize(field(name), Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName()));
    }

    /**
     * The butterflies in kernels/ff/fp52n.cuh's form ({@code -Dvampvm.cuda.fp52=ntt}, products on the FP64 units):
     * the transforms of the test above, the same as the Java engine's.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Fp", "Fq"})
    void transformsInTheFp52FormMatchTheJavaEngine(String name, TestInfo info) {
        boolean was = cuda.nttFp52;
        cuda.nttFp52 = true;
        try {
            transformsAtEverySize(field(name), Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName()));
        } finally {
            cuda.nttFp52 = was;
        }
    }

    private void transformsAtEverySize(MontgomeryField f, SplittableRandom rng) {
        for (int k : nttLogSizes()) {
            EvaluationDomain d = EvaluationDomain.of(f, k);
            assertTransformsAgree(cuda, reference, d, random(f, rng, d.size()));
        }
    }

    /** The four transforms (ntt, intt, coset ntt, coset intt) of a on both engines, element for element. */
    static void assertTransformsAgree(CudaBackend cuda, JavaBackend reference, EvaluationDomain d, long[] a) {
        MontgomeryField f = d.field();
        for (int mode = 0; mode < 4; mode++) {
            try (ScalarVector g = cuda.upload(f, a, 0, d.size()); ScalarVector j = reference.upload(f, a, 0, d.size())) {
                switch (mode) {
                    case 0 -> { cuda.ntt(d, g); reference.ntt(d, j); }
                    case 1 -> { cuda.intt(d, g); reference.intt(d, j); }
                    case 2 -> { cuda.cosetNtt(d, g); reference.cosetNtt(d, j); }
                    default -> { cuda.cosetIntt(d, g); reference.cosetIntt(d, j); }
                }
                assertArrayEquals(reference.download(j), cuda.download(g), f.name() + " k = " + d.k() + " mode " + mode);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pallas", "Vesta"})
    void msmMatchesTheJavaEngine(String name, TestInfo info) {
        ShortWeierstrassCurve c = curve(name);
        msmsOnSpecialBases(c, name, Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName()));
    }

    /** Random scalars over random bases with the identity, a repeated base and its negation among them. */
    private void msmsOnSpecialBases(ShortWeierstrassCurve c, String name, SplittableRandom rng) {
        for (int n : msmSizes()) {
            long[] bases = c.randomAffinePoints(n, rng);
            if (n >= 3) {
                java.util.Arrays.fill(bases, 8, 16, 0L); // the identity among the bases
            }
            if (n >= 6) {
                System.arraycopy(bases, 24, bases, 32, 8); // a repeated base
                System.arraycopy(bases, 24, bases, 40, 8); // and its negation: P + (−P) in one bucket
                long[] y = java.util.Arrays.copyOfRange(bases, 44, 48);
                c.baseField().neg(y, 0, bases, 44);
            }
            long[] scalars = random(c.scalarField(), rng, n);
            try (PointVector gb = cuda.uploadPoints(c, bases, 0, n); ScalarVector gs = cuda.upload(c.scalarField(), scalars, 0, n);
                    PointVector jb = reference.uploadPoints(c, bases, 0, n); ScalarVector js = reference.upload(c.scalarField(), scalars, 0, n)) {
                long[] got = cuda.msm(gb, gs);
                long[] expect = reference.msm(jb, js);
                assertTrue(c.equalProjective(got, 0, expect, 0), name + " n = " + n);
            }
        }
    }

    /**
     * Skewed scalars (all equal, all 1, all small, all zero, one non-zero) that put the entries in a few buckets, and
     * bases that drive the XYZZ bucket formulas into their special cases (all equal, P and −P, the identity), at sizes
     * that cross the bucket accumulation's chunk and level boundaries.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Pallas", "Vesta"})
    void msmOnSkewedScalarsAndSpecialBasesMatchesTheJavaEngine(String name, TestInfo info) {
        ShortWeierstrassCurve c = curve(name);
        skewedMsms(c, name, Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName()));
    }

    /**
     * The bucket sums made in the form the engine does not take by default, so that both are checked on every device:
     * kernels/ff/fp52n.cuh's five-limb form ({@code -Dvampvm.cuda.fp52=msm}, products on the FP64 units) where the
     * default is the integer one (the emulator, the consumer parts), the integer one where it is fp52n's (auto on an
     * A100, H100 or H200): the MSMs of the two tests above, the same results as the Java engine's.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Pallas", "Vesta"})
    void msmWithSumsInTheOtherFormMatchesTheJavaEngine(String name, TestInfo info) {
        ShortWeierstrassCurve c = curve(name);
        SplittableRandom rng = Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName());
        boolean was = cuda.msmFp52;
        cuda.msmFp52 = !was;
        String form = name + (was ? " (integer sums)" : " (fp52)");
        try {
            msmsOnSpecialBases(c, form, rng);
            skewedMsms(c, form, rng);
            int n = skewedMsmSizes()[skewedMsmSizes().length - 1];
            if (n >= DevicePippenger.FIXED_MIN_POINTS) { // the fixed-base table's doublings in this form too
                fixedBaseMsms(c, form, rng, List.of(MsmCase.RANDOM, MsmCase.P_AND_MINUS_P), n);
            }
        } finally {
            cuda.msmFp52 = was;
        }
    }

    /**
     * The window sums' pair levels (vv_msm_reduce_pairs_*: DevicePippenger runs them while a window holds more
     * segments than one block of vv_msm_reduce_tail_* takes), from the least power of two of points whose window
     * needs them, in both forms of the sums: random scalars on every eighth point (the rest zero, so that the
     * emulator adds few entries), 0, 1 and −1 among them, random bases.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Pallas", "Vesta"})
    void windowSumsThroughPairLevelsMatchTheJavaEngine(String name, TestInfo info) {
        ShortWeierstrassCurve c = curve(name);
        SplittableRandom rng = Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName());
        int n = 2;
        while ((1 << (DevicePippenger.chooseWindow(n) - 1)) >>> DevicePippenger.MSM_REDUCE_FIRST_LOG
                <= DevicePippenger.MSM_REDUCE_TAIL_THREADS) {
            n <<= 1;
        }
        MontgomeryField sf = c.scalarField();
        long[] scalars = new long[4 * n];
        for (int i = 0; i < n; i += 8) {
            sf.random(rng, scalars, 4 * i);
        }
        System.arraycopy(random(sf, rng, 3), 0, scalars, 0, 12);
        long[] bases = c.randomAffinePoints(n, rng);
        boolean was = cuda.msmFp52;
        try (PointVector gb = cuda.uploadPoints(c, bases, 0, n); ScalarVector gs = cuda.upload(sf, scalars, 0, n);
                PointVector jb = reference.uploadPoints(c, bases, 0, n); ScalarVector js = reference.upload(sf, scalars, 0, n)) {
            long[] expect = reference.msm(jb, js);
            for (boolean fp52 : new boolean[] {false, true}) {
                cuda.msmFp52 = fp52;
                assertTrue(c.equalProjective(cuda.msm(gb, gs), 0, expect, 0),
                        name + (fp52 ? " (fp52)" : " (integer sums)") + ", n = " + n);
            }
        } finally {
            cuda.msmFp52 = was;
        }
    }

    /**
     * Straight-line point programs (the quotient's numerator on the engine) that need each of the kernel's register
     * files (vv_eval_program16/32/64_fp: at most 16, 32 and 64 registers), every instruction among them, against the
     * Java engine's: random code over random sources with rotations, and factors repeating every 2 points.
     */
    @Test
    void pointProgramsOfEveryRegisterFileMatchTheJavaEngine() {
        SplittableRandom rng = Seeds.rng(getClass().getSimpleName() + ".pointPrograms");
        MontgomeryField f = Fp.FIELD;
        int logSize = 6;
        int size = 1 << logSize;
        int sources = 3;
        long[] values = random(f, rng, sources * size);
        for (int slots : new int[] {11, 16, 29, 32, 50, PointProgram.MAX_SLOTS}) {
            PointProgram program = randomProgram(rng, slots, sources, size, random(f, rng, 5), random(f, rng, 2));
            try (ScalarVector gs = cuda.upload(f, values, 0, sources * size); ScalarVector go = cuda.allocate(f, size);
                    ScalarVector js = reference.upload(f, values, 0, sources * size);
                    ScalarVector jo = reference.allocate(f, size)) {
                cuda.runPointProgram(program, gs, go);
                reference.runPointProgram(program, js, jo);
                assertArrayEquals(reference.download(jo), cuda.download(go), slots + " registers");
            }
        }
    }

    /**
     * A program over {@code slots} registers: each register loaded (a random source, a random rotation) or set to a
     * constant, then 4 * slots random instructions of every kind, then every register folded into the accumulator.
     */
    private static PointProgram randomProgram(SplittableRandom rng, int slots, int sources, int size, long[] constants,
            long[] factors) {
        int nConst = constants.length / 4;
        List<Integer> code = new ArrayList<>();
        for (int r = 0; r < slots; r++) {
            if (r % 7 == 3) {
                code.addAll(List.of(PointProgram.CONST, r, rng.nextInt(nConst), 0));
            } else {
                code.addAll(List.of(PointProgram.LOAD, r, rng.nextInt(sources), rng.nextInt(size)));
            }
        }
        int[] ops = {PointProgram.ADD, PointProgram.SUB, PointProgram.MUL, PointProgram.NEG, PointProgram.SCALE,
            PointProgram.FOLD};
        for (int i = 0; i < 4 * slots; i++) {
            int op = ops[rng.nextInt(ops.length)];
            int dst = rng.nextInt(slots);
            int a = rng.nextInt(slots);
            int b = op == PointProgram.SCALE || op == PointProgram.FOLD ? rng.nextInt(nConst) : rng.nextInt(slots);
            code.addAll(List.of(op, dst, a, b));
        }
        for (int r = 0; r < slots; r++) {
            code.addAll(List.of(PointProgram.FOLD, 0, r, rng.nextInt(nConst)));
        }
        return new PointProgram(code.stream().mapToInt(Integer::intValue).toArray(), slots, constants, factors);
    }

    /**
     * The IPA's generator folds, a round's and two rounds' at once, each whole (a thread a point: vv_fold_*,
     * vv_fold2_*) and in parts ({@link DeviceGeneratorFolding#foldsInParts}: vv_fold_parts_*, vv_fold_join_*), with their
     * arithmetic in the integer form and in kernels/ff/fp52n.cuh's ({@code -Dvampvm.cuda.fp52=fold}), identities among
     * the points (each side alone, both at one output): the same points as the Java engine's; at 67 output points,
     * over the engine's host-fold line (48 points on the emulator) so that the kernels run.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Pallas", "Vesta"})
    void foldsWholeAndInPartsMatchTheJavaEngine(String name, TestInfo info) {
        ShortWeierstrassCurve c = curve(name);
        SplittableRandom rng = Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName());
        MontgomeryField fr = c.scalarField();
        int m = 67;
        long[] g = c.randomAffinePoints(4 * m, rng);
        for (int at : new int[] {5, 2 * m + 5, m + 9, 3 * m + 20, 2 * m + 30}) {
            java.util.Arrays.fill(g, 8 * at, 8 * (at + 1), 0L);
        }
        long[] u1 = random(fr, rng, 1);
        long[] u2 = random(fr, rng, 1);
        boolean was = cuda.foldFp52;
        int hostBelow = cuda.folds.hostFoldBelow;
        int splitThreads = cuda.folds.foldSplitThreads;
        cuda.folds.hostFoldBelow = Math.min(hostBelow, m);
        try (PointVector gg = cuda.uploadPoints(c, g, 0, 4 * m);
                PointVector gj = reference.uploadPoints(c, g, 0, 4 * m);
                PointVector og = cuda.allocatePoints(c, 2 * m);
                PointVector oj = reference.allocatePoints(c, 2 * m)) {
            reference.foldGenerators(gj.slice(0, 2 * m), gj.slice(2 * m, 4 * m), u1, oj);
            long[] oneRound = downloadPoints(reference, oj, 2 * m);
            reference.foldGeneratorsTwice(gj, u1, u2, oj.slice(0, m));
            long[] twoRounds = downloadPoints(reference, oj.slice(0, m), m);
            for (boolean fp52 : new boolean[] {false, true}) {
                for (int split : new int[] {0, DeviceGeneratorFolding.FOLD_PARTS_MOST}) {
                    cuda.foldFp52 = fp52;
                    cuda.folds.foldSplitThreads = split;
                    String how = name + (fp52 ? ", fp52n" : ", integer") + (split > 0 ? ", in parts" : ", whole");
                    assertTrue(cuda.folds.foldsInParts(c, 1, 2 * m) == split > 0, how);
                    cuda.foldGenerators(gg.slice(0, 2 * m), gg.slice(2 * m, 4 * m), u1, og);
                    assertArrayEquals(oneRound, downloadPoints(cuda, og, 2 * m), how + ", one round");
                    cuda.foldGeneratorsTwice(gg, u1, u2, og.slice(0, m));
                    assertArrayEquals(twoRounds, downloadPoints(cuda, og.slice(0, m), m), how + ", two rounds");
                }
            }
        } finally {
            cuda.foldFp52 = was;
            cuda.folds.hostFoldBelow = hostBelow;
            cuda.folds.foldSplitThreads = splitThreads;
        }
    }

    private static long[] downloadPoints(dev.vampvm.backend.Backend b, PointVector v, int n) {
        long[] out = new long[8 * n];
        b.downloadPoints(v, out, 0);
        return out;
    }

    private void skewedMsms(ShortWeierstrassCurve c, String name, SplittableRandom rng) {
        for (MsmCase k : MsmCase.values()) {
            for (int n : skewedMsmSizes()) {
                MsmCase.Inputs in = k.inputs(c, n, rng);
                try (PointVector gb = cuda.uploadPoints(c, in.bases(), 0, n);
                        ScalarVector gs = cuda.upload(c.scalarField(), in.scalars(), 0, n);
                        PointVector jb = reference.uploadPoints(c, in.bases(), 0, n);
                        ScalarVector js = reference.upload(c.scalarField(), in.scalars(), 0, n)) {
                    assertTrue(c.equalProjective(cuda.msm(gb, gs), 0, reference.msm(jb, js), 0),
                            name + " " + k + ", n = " + n);
                }
            }
        }
    }

    /**
     * Batched MSMs (one launch sequence for the batch, kernels/msm/pippenger.cuh): each {@link MsmCase}'s scalars beside
     * random and zero scalars over the case's bases, each result against the Java engine's MSM.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Pallas", "Vesta"})
    void batchedMsmMatchesTheJavaEngine(String name, TestInfo info) {
        ShortWeierstrassCurve c = curve(name);
        SplittableRandom rng = Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName());
        MontgomeryField sf = c.scalarField();
        for (MsmCase k : MsmCase.values()) {
            for (int n : skewedMsmSizes()) {
                MsmCase.Inputs in = k.inputs(c, n, rng);
                assertBatchMatches(c, in.bases(), List.of(in.scalars(), random(sf, rng, n), new long[4 * n]), n,
                        name + " " + k + ", n = " + n);
            }
        }
    }

    /**
     * MSMs over bases with a fixed-base table ({@link CudaBackend#prepareFixedBases}: all windows in one set of
     * buckets): each {@link MsmCase} over the whole vector and over slices of at least half of it (the table, seen
     * from the slice's start): from its start, the IPA's first halves, one from the second base; over a slice of fewer
     * than half (no table); and batched.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Pallas", "Vesta"})
    void fixedBaseMsmMatchesTheJavaEngine(String name, TestInfo info) {
        SplittableRandom rng = Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName());
        fixedBaseMsms(curve(name), name, rng, List.of(MsmCase.values()), skewedMsmSizes());
    }

    /** {@link #fixedBaseMsmMatchesTheJavaEngine}'s checks, for the cases and sizes given (those below the table's least are skipped). */
    private void fixedBaseMsms(ShortWeierstrassCurve c, String name, SplittableRandom rng, List<MsmCase> cases,
            int... sizes) {
        MontgomeryField sf = c.scalarField();
        for (MsmCase k : cases) {
            for (int n : sizes) {
                if (n < DevicePippenger.FIXED_MIN_POINTS) {
                    continue;
                }
                MsmCase.Inputs in = k.inputs(c, n, rng);
                String what = name + " " + k + ", n = " + n;
                try (PointVector gb = cuda.uploadPoints(c, in.bases(), 0, n);
                        PointVector jb = reference.uploadPoints(c, in.bases(), 0, n)) {
                    cuda.prepareFixedBases(gb);
                    for (int[] range : new int[][] {{0, n}, {0, n / 2 + 1}, {0, n / 2}, {n / 2, n}, {1, n},
                        {n / 4, n / 4 + n / 2 - 1}}) {
                        int m = range[1] - range[0];
                        long[] scalars = java.util.Arrays.copyOfRange(in.scalars(), 4 * range[0], 4 * range[1]);
                        try (ScalarVector gs = cuda.upload(sf, scalars, 0, m); ScalarVector js = reference.upload(sf, scalars, 0, m)) {
                            long[] got = cuda.msm(gb.slice(range[0], range[1]), gs);
                            long[] expect = reference.msm(jb.slice(range[0], range[1]), js);
                            assertTrue(c.equalProjective(got, 0, expect, 0), what + ", bases " + range[0] + ".." + range[1]);
                        }
                    }
                    assertBatchMatches(c, gb, jb, List.of(in.scalars(), random(sf, rng, n), new long[4 * n]), n,
                            what + ", batched");
                }
            }
        }
    }

    /** More MSMs than one launch sequence takes (a group holds 2^20 buckets; one scalar takes 512): two groups. */
    @Test
    void aBatchOfTwoGroupsMatchesTheJavaEngine() {
        ShortWeierstrassCurve c = ShortWeierstrassCurve.VESTA;
        SplittableRandom rng = Seeds.rng(getClass().getSimpleName() + ".aBatchOfTwoGroups");
        int count = DevicePippenger.MSM_GROUP_POINTS / 512 + 2;
        List<long[]> batch = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(random(c.scalarField(), rng, 1));
        }
        assertBatchMatches(c, c.randomAffinePoints(1, rng), batch, 1, count + " MSMs of one point");
    }

    private void assertBatchMatches(ShortWeierstrassCurve c, long[] bases, List<long[]> batch, int n, String what) {
        try (PointVector gb = cuda.uploadPoints(c, bases, 0, n); PointVector jb = reference.uploadPoints(c, bases, 0, n)) {
            assertBatchMatches(c, gb, jb, batch, n, what);
        }
    }

    /** The batch as one call on the engine's bases gb, each result against the Java engine's MSM over jb. */
    private void assertBatchMatches(ShortWeierstrassCurve c, PointVector gb, PointVector jb, List<long[]> batch, int n,
            String what) {
        List<ScalarVector> onEngine = new java.util.ArrayList<>();
        try {
            for (long[] s : batch) {
                onEngine.add(cuda.upload(c.scalarField(), s, 0, n));
            }
            long[][] got = cuda.msm(gb, onEngine);
            for (int i = 0; i < batch.size(); i++) {
                try (ScalarVector js = reference.upload(c.scalarField(), batch.get(i), 0, n)) {
                    assertTrue(c.equalProjective(got[i], 0, reference.msm(jb, js), 0), what + ", MSM " + i);
                }
            }
        } finally {
            onEngine.forEach(ScalarVector::close);
        }
    }

    /** Element-wise work on one engine: out from a and b. */
    private interface VectorOp {
        void run(Backend engine, ScalarVector a, ScalarVector b, ScalarVector out);
    }

    /** Runs an operation on both engines and compares what each wrote. */
    private interface VectorWork {
        void check(String what, VectorOp op);
    }

    /**
     * Every element-wise operation over vectors with 0, 1 and −1 at their start, on both fields: a, b and a constant
     * c (−1 too, so that sums wrap around p and differences below 0), each result element for element.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Fp", "Fq"})
    void elementWiseWorkMatchesTheJavaEngine(String name, TestInfo info) {
        MontgomeryField f = field(name);
        SplittableRandom rng = Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName());
        int n = elementWiseSize();
        long[] a = random(f, rng, n);
        long[] b = random(f, rng, n);
        System.arraycopy(a, 0, b, 12, 12); // b[3..5] = 0, 1, −1 too, against random elements of a
        long[] c = random(f, rng, 1);
        long[] minusOne = java.util.Arrays.copyOfRange(a, 8, 12);
        byte[] seed = new byte[32];
        rng.nextBytes(seed);
        try (ScalarVector ga = cuda.upload(f, a, 0, n); ScalarVector gb = cuda.upload(f, b, 0, n);
                ScalarVector go = cuda.allocate(f, n); ScalarVector ja = reference.upload(f, a, 0, n);
                ScalarVector jb = reference.upload(f, b, 0, n); ScalarVector jo = reference.allocate(f, n)) {
            VectorWork agree = (what, op) -> {
                op.run(cuda, ga, gb, go);
                op.run(reference, ja, jb, jo);
                assertArrayEquals(reference.download(jo), cuda.download(go), what);
            };
            agree.check("add", (e, x, y, o) -> e.add(x, y, o));
            agree.check("sub", (e, x, y, o) -> e.sub(x, y, o));
            agree.check("mul", (e, x, y, o) -> e.mul(x, y, o));
            for (long[] k : new long[][] {c, minusOne}) {
                agree.check("scale", (e, x, y, o) -> e.scale(x, k, o));
                agree.check("addConstant", (e, x, y, o) -> e.addConstant(x, k, o));
                agree.check("addScaled", (e, x, y, o) -> e.addScaled(x, k, y, o));
            }
            agree.check("fill", (e, x, y, o) -> e.fill(o, c));
            agree.check("expandSeed", (e, x, y, o) -> e.expandSeed(seed, o));
            agree.check("powers", (e, x, y, o) -> e.powers(c, c, o));
            assertArrayEquals(reference.innerProduct(ja, jb), cuda.innerProduct(ga, gb), "innerProduct");
            assertArrayEquals(reference.evaluate(ja, c), cuda.evaluate(ga, c), "evaluate");
            cuda.batchInvert(ga);
            reference.batchInvert(ja);
            assertArrayEquals(reference.download(ja), cuda.download(ga), "batchInvert");
        }
    }

    /**
     * Copies around the GPU's staging slots (JCudaDevice: 4 slots of 4 MiB, 131,072 field elements or 65,536 points):
     * one element short of a slot, a slot, one past it, and past the whole ring, so that slots are refilled and
     * downloads keep several in flight; scalars and points, into a vector at an offset and whole. Each comes back as it
     * went.
     */
    @Test
    void copiesAroundTheStagingSlotsRoundTrip() {
        SplittableRandom rng = Seeds.rng(getClass().getSimpleName() + ".staging");
        int slot = JCudaDevice.STAGING_SLOT_BYTES / DeviceScalarVector.BYTES;
        for (int n : new int[] {slot - 1, slot, slot + 1, JCudaDevice.STAGING_SLOTS * slot + 5}) {
            long[] a = random(Fp.FIELD, rng, n);
            try (ScalarVector g = cuda.upload(Fp.FIELD, a, 0, n)) {
                assertArrayEquals(a, cuda.download(g), n + " elements");
                long[] b = random(Fp.FIELD, rng, n - 3);
                cuda.upload(b, 0, g.slice(3, n));
                long[] expect = a.clone();
                System.arraycopy(b, 0, expect, 12, b.length);
                assertArrayEquals(expect, cuda.download(g), n + " elements, " + (n - 3) + " of them at 3");
            }
        }
        ShortWeierstrassCurve c = ShortWeierstrassCurve.VESTA;
        int points = JCudaDevice.STAGING_SLOTS * JCudaDevice.STAGING_SLOT_BYTES / DevicePointVector.BYTES + 7;
        long[] p = c.randomAffinePoints(points, rng);
        try (PointVector g = cuda.uploadPoints(c, p, 0, points)) {
            long[] back = new long[p.length];
            cuda.downloadPoints(g, back, 0);
            assertArrayEquals(p, back, points + " points");
        }
    }

    /**
     * The running product at sizes around its block of 2048 elements (256 threads of 8): one block with threads past
     * the end, exactly one block, two levels (the block products scanned by a second launch, then the fix-up), on
     * both fields. A zero 13 elements before the end (at 1 in short vectors) must zero everything after it, in its own
     * block and, through the fix-up, in the next, and nothing before it.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 9, 2047, 2048, 2049, 6145})
    void runningProductMatchesTheJavaEngine(int n, TestInfo info) {
        SplittableRandom rng = Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName());
        for (MontgomeryField f : new MontgomeryField[] {Fp.FIELD, Fq.FIELD}) {
            long[] a = new long[4 * n];
            for (int i = 0; i < n; i++) {
                f.random(rng, a, 4 * i);
            }
            int zero = Math.max(1, n - 13);
            if (n > 2) {
                f.setZero(a, 4 * zero);
            }
            long[] expected = runningProduct(cuda, reference, f, a, n);
            if (n > 2) {
                assertTrue(!f.isZero(expected, 4 * (zero - 1)) && f.isZero(expected, 4 * (n - 1)),
                        "the zero at " + zero + " of " + n);
            }
        }
    }

    /**
     * Three levels: 2048² + 1 elements make 2049 block products, which make two, which make one; the Java engine
     * splits the same vector into chunks of its own.
     */
    @Test
    void aRunningProductOfThreeLevelsMatchesTheJavaEngine() {
        SplittableRandom rng = Seeds.rng(getClass().getSimpleName() + ".threeLevels");
        int n = 2048 * 2048 + 1;
        long[] a = new long[4 * n];
        for (int i = 0; i < n; i++) {
            Fp.FIELD.random(rng, a, 4 * i);
        }
        runningProduct(cuda, reference, Fp.FIELD, a, n);
    }

    /** Runs the running product on both engines, checks they agree and returns the result. */
    private static long[] runningProduct(CudaBackend cuda, JavaBackend reference, MontgomeryField f, long[] a, int n) {
        try (ScalarVector g = cuda.upload(f, a, 0, n); ScalarVector j = reference.upload(f, a, 0, n)) {
            cuda.runningProduct(g);
            reference.runningProduct(j);
            long[] expected = reference.download(j);
            assertArrayEquals(expected, cuda.download(g), "running product of " + n + " " + f.name());
            return expected;
        }
    }

    /**
     * The chunked kernels (batch inversion and power tables, 16 elements per thread) at every size around a chunk
     * boundary, with zeros where a chunk starts, ends and wholly: a zero must stay zero and not spoil its chunk.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 15, 16, 17, 31, 32, 33, 48, 50})
    void chunkedKernelsAtChunkBoundariesWithZeros(int n, TestInfo info) {
        MontgomeryField f = Fp.FIELD;
        SplittableRandom rng = Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName());
        long[] a = random(f, rng, n);
        for (int i : new int[] {0, 15, 16, 31}) {
            if (i < n) {
                f.setZero(a, 4 * i);
            }
        }
        for (int i = 32; i < Math.min(n, 48); i++) {
            f.setZero(a, 4 * i);
        }
        long[] x = random(f, rng, 1);
        try (ScalarVector g = cuda.upload(f, a, 0, n); ScalarVector j = reference.upload(f, a, 0, n)) {
            cuda.batchInvert(g);
            reference.batchInvert(j);
            assertArrayEquals(reference.download(j), cuda.download(g), "batchInvert of " + n);
            cuda.powers(x, x, g);
            reference.powers(x, x, j);
            assertArrayEquals(reference.download(j), cuda.download(g), "powers of " + n);
        }
    }

    /** Kernels this suite does not compare with the Java engine, and why. */
    private static final java.util.Map<String, String> NOT_COMPARED = java.util.Map.of(
            "vv_probe_products_fp", "the roofline's product probe (CudaBackend.measureRoofline, bench kernels): only its"
                    + " time is read, not what it computes");

    /**
     * Last, when the whole class ran: every kernel of kernels/vampvm.cu was launched by one of its tests (and so
     * compared with the Java engine), but for {@link #NOT_COMPARED}. Skipped when only some of the class ran, or where
     * the sources are not at hand.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void everyKernelOfTheFatbinRanAgainstTheJavaEngine() throws IOException {
        Set<String> tests = new TreeSet<>();
        for (Class<?> k = getClass(); k != Object.class; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(ParameterizedTest.class)) {
                    tests.add(m.getName());
                }
            }
        }
        Set<String> notRun = new TreeSet<>(tests);
        notRun.removeAll(started);
        assumeTrue(notRun.isEmpty(), () -> "only part of the class ran; not run: " + notRun);
        Path source = Path.of("kernels", "vampvm.cu");
        assumeTrue(Files.isRegularFile(source), "kernels/vampvm.cu is not here");
        Set<String> missing = new TreeSet<>(EmulatedKernelsTest.kernelsOfVampvmCu().keySet());
        missing.removeAll(NOT_COMPARED.keySet());
        synchronized (watched) {
            assertTrue(!watched.isEmpty(), "no engine ran on a watched device");
            for (LaunchCountingDevice d : watched) {
                missing.removeAll(d.launches.keySet());
            }
        }
        assertEquals(Set.of(), missing, "kernels of kernels/vampvm.cu that no test of " + getClass().getSimpleName()
                + " launched");
    }
}
