package dev.vampvm.bench;

import dev.vampvm.api.Engine;
import dev.vampvm.backend.Backend;
import dev.vampvm.backend.PointVector;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.backend.cuda.CudaBackend;
import dev.vampvm.backend.cuda.DevicePippenger;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.poly.EvaluationDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The {@code kernels} suite: MSM (Vesta bases, Fp scalars: the IPA's commitments), the IPA's generator folding (Vesta)
 * and NTT (Fp) with the data already on the engine, 2^logN elements, on each engine asked for. On a CUDA engine each
 * figure comes with its floors (performance.md): the operations over the measured arithmetic rate and the bytes moved
 * over the measured bandwidth ({@link CudaBackend#measureRoofline}), and the H100 targets where performance.md names
 * one. Each size's results are checked against the Java engine up to {@link #CHECKED_LOG_N} (the Java engine's own
 * figures need no check).
 */
public final class KernelSuite implements BenchSuite {
    static final String MSM = "msm";
    /** The MSM with one scalar for every point: each window's entries in a single bucket, the accumulation's worst case. */
    static final String MSM_SKEWED = "msm-skewed";
    /**
     * {@link #BATCH} MSMs of 2^logN / {@link #BATCH} points each in one batched call (the prover's advice columns, a VM
     * block's columns), with the same MSMs made one by one beside it: what batching gains where one MSM is too small to
     * fill a GPU.
     */
    static final String MSM_BATCH = "msm-batch";
    /**
     * The MSM over bases the engine was told are fixed ({@code Backend.prepareFixedBases}, as the IPA's generators
     * are): on the CUDA engine a table of [2^(c·w)]G_i and all windows in one set of buckets, the table's making a
     * one-off cost; on the Java engine the same as {@link #MSM}, so it is measured on the other engines only.
     */
    static final String MSM_FIXED = "msm-fixed";
    static final int BATCH = 8;
    /**
     * The IPA's generator fold of one round, 2^logN Vesta points (lo ‖ hi) into 2^(logN − 1), out_i = lo_i + [u]·hi_i
     * for a random challenge u ({@code Backend.foldGenerators}), with two rounds at once (2^logN into 2^(logN − 2),
     * {@code Backend.foldGeneratorsTwice}) as details: the IPA's rounds' other half beside their MSMs. The CUDA engine
     * folds on the host below its host-fold line, as in a proof.
     */
    static final String FOLD = "fold";
    static final String NTT = "ntt";
    /**
     * 2^logN field elements uploaded into a vector on the engine, then downloaded: what a proof's host copies cost (on a
     * CUDA engine through pinned staging slots, {@code -Dvampvm.cuda.pinnedStaging=false} for the arrays themselves).
     */
    static final String TRANSFER = "transfer";
    /** Results on a non-Java engine are compared with the Java engine's at sizes up to 2^this. */
    static final int CHECKED_LOG_N = 16;
    /** The Java engine's sizes stop here: an MSM of 2^24 points takes minutes on a CPU. */
    static final int JAVA_MAX_LOG_N = 20;
    /** The emulated engine runs one thread after another: its sizes stop here. */
    static final int EMULATED_MAX_LOG_N = 12;
    private static final ShortWeierstrassCurve CURVE = ShortWeierstrassCurve.VESTA;
    private static final MontgomeryField SCALARS = CURVE.scalarField();

    @Override
    public String name() {
        return "kernels";
    }

    @Override
    public String description() {
        return "MSM, generator folding and NTT on the engine against the arithmetic and bandwidth floors (--engines / --gpu)";
    }

    @Override
    public List<String> benchmarks(BenchSettings settings) {
        return List.of(MSM, MSM_SKEWED, MSM_BATCH, MSM_FIXED, FOLD, NTT, TRANSFER);
    }

    static List<Integer> sizes(BenchSettings settings) {
        return settings.sizesOr(settings.quick() ? List.of(10, 12) : List.of(16, 18, 20, 22, 24));
    }

    static int warmup(BenchSettings settings) {
        return settings.warmupOr(1);
    }

    static int repeat(BenchSettings settings) {
        return settings.repeatOr(5);
    }

    @Override
    public String method(BenchSettings settings) {
        return "per engine and size 2^logN (logN = " + sizes(settings) + "; the Java engine stops at " + JAVA_MAX_LOG_N
                + ", the emulated one at " + EMULATED_MAX_LOG_N + "), the data uploaded once, then one cold run, "
                + warmup(settings) + " discarded warm-up run(s), " + repeat(settings) + " measured run(s), ms. MSM: distinct"
                + " pseudo-random Vesta bases, random Fp scalars, the result back "
                + "on the host; msm-skewed: the same with one random scalar for all points; msm-batch: " + BATCH + " MSMs of 2^logN / "
                + BATCH + " points in one call, with the same " + BATCH + " one by one as a detail; msm-fixed (GPU engines): the"
                + " msm over bases prepared as fixed (a table of multiples, its making a one-off cost). fold: the IPA's"
                + " generator fold of 2^logN points into half by a random challenge, affine in and out, with two rounds"
                + " at once (into a quarter) as details. NTT: forward, in place, waited for."
                + " transfer: 2^logN Fp elements uploaded into a vector on the engine, then downloaded, the time of both (the"
                + " upload's share is until its call returns: on a GPU its last slots may still be in flight). Results on a non-Java engine compared with the Java "
                + "engine's up to 2^" + CHECKED_LOG_N + ". Floors on a CUDA engine: field products over the rate of "
                + "vv_probe_products_fp, bytes over a device-to-device copy's bandwidth (models in KernelSuite).";
    }

    @Override
    public void run(List<String> selected, BenchSettings settings, Context context) throws Exception {
        List<Integer> sizes = sizes(settings);
        long seed = Long.getLong("vampvm.seed", 20261125L);
        for (Engine engine : settings.engines()) {
            int max = engine == Engine.JAVA ? JAVA_MAX_LOG_N : engine == Engine.CUDA_EMULATED ? EMULATED_MAX_LOG_N
                    : Integer.MAX_VALUE;
            try (Backend backend = engine.open(0)) {
                CudaBackend.Roofline roof = roofline(backend, engine, context);
                for (int logN : sizes) {
                    if (logN > max) {
                        context.log().printf(Locale.ROOT, "kernels 2^%d on the %s engine: skipped, above 2^%d%n", logN,
                                engine.cliName(), max);
                        continue;
                    }
                    SplittableRandom rng = new SplittableRandom(seed + logN);
                    for (String msm : List.of(MSM, MSM_SKEWED)) {
                        if (selected.contains(msm)) {
                            msm(msm, backend, engine, logN, rng, roof, settings, context);
                        }
                    }
                    if (selected.contains(MSM_BATCH)) {
                        msmBatch(backend, engine, logN, rng, roof, settings, context);
                    }
                    if (selected.contains(MSM_FIXED) && engine != Engine.JAVA) {
                        msmFixed(backend, engine, logN, rng, roof, settings, context);
                    }
                    if (selected.contains(FOLD)) {
                        fold(backend, engine, logN, rng, roof, settings, context);
                    }
                    if (selected.contains(NTT)) {
                        ntt(backend, engine, logN, rng, roof, settings, context);
                    }
                    if (selected.contains(TRANSFER)) {
                        transfer(backend, engine, logN, rng, settings, context);
                    }
                }
            }
        }
    }

    private static CudaBackend.Roofline roofline(Backend backend, Engine engine, Context context) {
        if (!(backend instanceof CudaBackend cuda)) {
            return null;
        }
        CudaBackend.Roofline r = engine == Engine.CUDA_EMULATED ? cuda.measureRoofline(1 << 10, 4, 1L << 20)
                : cuda.measureRoofline(1 << 20, 256, 1L << 30);
        context.log().printf(Locale.ROOT, "%s: %.3g Fp products/s, %.3g GB/s (roofline probes)%n",
                backend.description(), r.productsPerSecond(), r.bytesPerSecond() / 1e9);
        return r;
    }

    // ---- MSM ----------------------------------------------------------------------------------------

    /** {@link #MSM} or {@link #MSM_SKEWED}. */
    private static void msm(String what, Backend backend, Engine engine, int logN, SplittableRandom rng,
            CudaBackend.Roofline roof, BenchSettings settings, Context context) throws Exception {
        int n = 1 << logN;
        long[] bases = CURVE.randomAffinePoints(n, rng);
        long[] scalars = scalars(rng, what.equals(MSM) ? n : 1);
        if (what.equals(MSM_SKEWED)) {
            scalars = java.util.Arrays.copyOf(scalars, 4 * n);
            for (int i = 1; i < n; i++) {
                System.arraycopy(scalars, 0, scalars, 4 * i, 4);
            }
        }
        MsmRuns timed;
        try (PointVector b = backend.uploadPoints(CURVE, bases, 0, n);
                ScalarVector s = backend.upload(SCALARS, scalars, 0, n)) {
            timed = sampleMsm(what, backend, engine, logN, b, s, bases, scalars, settings);
        }
        Map<String, Double> details = floors(roof, msmProducts(n), msmBytes(n));
        details.put("window bits", (double) DevicePippenger.chooseWindow(n));
        putMsmTarget(details, logN);
        record(context, what, engine, logN, timed.runs(), timed.verified(), details);
    }

    /** An MSM's samples, and whether its result matched the Java engine's (null: not checked). */
    private record MsmRuns(Sampler.Runs<Double> runs, Boolean verified) {
    }

    /** Times backend.msm(b, s) and checks the last result against the Java engine's up to {@link #CHECKED_LOG_N}. */
    private static MsmRuns sampleMsm(String what, Backend backend, Engine engine, int logN, PointVector b, ScalarVector s,
            long[] bases, long[] scalars, BenchSettings settings) throws Exception {
        long[][] result = new long[1][];
        Sampler.Runs<Double> runs = Sampler.sample(warmup(settings), repeat(settings), i -> {
            long t = System.nanoTime();
            result[0] = backend.msm(b, s);
            return (System.nanoTime() - t) / 1e6;
        });
        Boolean verified = null;
        if (engine != Engine.JAVA && logN <= CHECKED_LOG_N) {
            verified = CURVE.equalProjective(result[0], 0, javaMsm(bases, scalars, b.size()), 0);
            if (!verified) {
                throw new BenchmarkFailure(what + " of 2^" + logN + " on the " + engine.cliName()
                        + " engine differs from the Java engine's");
            }
        }
        return new MsmRuns(runs, verified);
    }

    /** performance.md's H100 targets for one MSM: 5 ms at 2^20, 60 ms at 2^24. */
    private static void putMsmTarget(Map<String, Double> details, int logN) {
        if (logN == 20) {
            details.put("H100 target ms", 5.0);
        } else if (logN == 24) {
            details.put("H100 target ms", 60.0);
        }
    }

    /** {@link #MSM_FIXED}: the table made once (a one-off cost), then the MSM timed as {@link #MSM} is. */
    private static void msmFixed(Backend backend, Engine engine, int logN, SplittableRandom rng,
            CudaBackend.Roofline roof, BenchSettings settings, Context context) throws Exception {
        int n = 1 << logN;
        long[] bases = CURVE.randomAffinePoints(n, rng);
        long[] scalars = scalars(rng, n);
        MsmRuns timed;
        double tableMs;
        try (PointVector b = backend.uploadPoints(CURVE, bases, 0, n);
                ScalarVector s = backend.upload(SCALARS, scalars, 0, n)) {
            long t0 = System.nanoTime();
            backend.prepareFixedBases(b);
            if (backend instanceof CudaBackend cuda) {
                cuda.synchronize(); // the table's launches done
            }
            tableMs = (System.nanoTime() - t0) / 1e6;
            timed = sampleMsm(MSM_FIXED, backend, engine, logN, b, s, bases, scalars, settings);
        }
        long tableBytes = backend.fixedBasesBytes(n);
        int c = tableBytes > 0 ? DevicePippenger.fixedWindow(n) : DevicePippenger.chooseWindow(n);
        long windows = (256 + c - 1) / c;
        // One set of 2^(c-1) buckets for all windows, summed once (msmProducts' model otherwise).
        double products = tableBytes > 0 ? windows * (10.0 * n + 14.0 * n / 16) + 2 * 14.0 * (1L << (c - 1))
                : msmProducts(n);
        Map<String, Double> details = floors(roof, products, msmBytes(n));
        details.put("window bits", (double) c);
        details.put("table MB", tableBytes > 0 ? tableBytes / 1e6 : 0.0);
        details.put("table making ms", tableMs);
        putMsmTarget(details, logN);
        record(context, MSM_FIXED, engine, logN, timed.runs(), timed.verified(), details);
    }

    /** {@link #MSM_BATCH}: the batched call timed, the same MSMs one by one as a detail. */
    private static void msmBatch(Backend backend, Engine engine, int logN, SplittableRandom rng,
            CudaBackend.Roofline roof, BenchSettings settings, Context context) throws Exception {
        int n = Math.max(1, (1 << logN) / BATCH);
        long[] bases = CURVE.randomAffinePoints(n, rng);
        long[][] scalars = new long[BATCH][];
        List<ScalarVector> vectors = new ArrayList<>();
        Boolean verified = null;
        Sampler.Runs<Double> runs;
        Sampler.Runs<Double> oneByOne;
        try (PointVector b = backend.uploadPoints(CURVE, bases, 0, n)) {
            for (int i = 0; i < BATCH; i++) {
                scalars[i] = scalars(rng, n);
                vectors.add(backend.upload(SCALARS, scalars[i], 0, n));
            }
            long[][][] result = new long[1][][];
            runs = Sampler.sample(warmup(settings), repeat(settings), i -> {
                long t = System.nanoTime();
                result[0] = backend.msm(b, vectors);
                return (System.nanoTime() - t) / 1e6;
            });
            oneByOne = Sampler.sample(warmup(settings), repeat(settings), i -> {
                long t = System.nanoTime();
                for (ScalarVector v : vectors) {
                    backend.msm(b, v);
                }
                return (System.nanoTime() - t) / 1e6;
            });
            if (engine != Engine.JAVA && logN <= CHECKED_LOG_N) {
                verified = true;
                for (int i = 0; i < BATCH; i++) {
                    verified &= CURVE.equalProjective(result[0][i], 0, javaMsm(bases, scalars[i], n), 0);
                }
                if (!verified) {
                    throw new BenchmarkFailure(MSM_BATCH + " of 2^" + logN + " on the " + engine.cliName()
                            + " engine differs from the Java engine's");
                }
            }
        } finally {
            vectors.forEach(ScalarVector::close);
        }
        Map<String, Double> details = floors(roof, BATCH * msmProducts(n), BATCH * msmBytes(n));
        details.put("one by one ms", Statistics.of(oneByOne.measured()).median());
        record(context, MSM_BATCH, engine, logN, runs, verified, details);
    }

    /**
     * Pippenger as kernels/msm/pippenger.cuh does it: per window, one XYZZ mixed addition per point into its bucket
     * (8M + 2S), one full XYZZ addition per 16 entries for the partial sums of the accumulation's later levels (12M + 2S;
     * skewed scalars have about as many), then two full additions per bucket for the running sums (~14 products each).
     */
    private static double msmProducts(int n) {
        int c = DevicePippenger.chooseWindow(n);
        long windows = (256 + c - 1) / c;
        return windows * (10.0 * n + 14.0 * n / 16 + 2 * 14.0 * (1L << (c - 1)));
    }

    /** The bases and the bucket entries are read once per window, the scalars once. */
    private static double msmBytes(int n) {
        int c = DevicePippenger.chooseWindow(n);
        long windows = (256 + c - 1) / c;
        return windows * (double) n * (64 + 8 + 8) + 32.0 * n;
    }

    private static long[] javaMsm(long[] bases, long[] scalars, int n) {
        try (dev.vampvm.backend.JavaBackend java = new dev.vampvm.backend.JavaBackend();
                PointVector b = java.uploadPoints(CURVE, bases, 0, n);
                ScalarVector s = java.upload(SCALARS, scalars, 0, n)) {
            return java.msm(b, s);
        }
    }

    // ---- generator folding ----------------------------------------------------------------------

    /** {@link #FOLD}: one round's fold timed, two rounds' at once as details; both checked as the MSMs are. */
    private static void fold(Backend backend, Engine engine, int logN, SplittableRandom rng, CudaBackend.Roofline roof,
            BenchSettings settings, Context context) throws Exception {
        int n = 1 << logN;
        long[] points = CURVE.randomAffinePoints(n, rng);
        long[] u1 = scalars(rng, 1);
        long[] u2 = scalars(rng, 1);
        long[][] once = new long[1][];
        long[][] twice = new long[1][];
        Sampler.Runs<Double> runs;
        Sampler.Runs<Double> twoRounds;
        try (PointVector g = backend.uploadPoints(CURVE, points, 0, n);
                PointVector half = backend.allocatePoints(CURVE, n / 2);
                PointVector quarter = backend.allocatePoints(CURVE, Math.max(1, n / 4))) {
            runs = Sampler.sample(warmup(settings), repeat(settings), i -> {
                long t = System.nanoTime();
                backend.foldGenerators(g.slice(0, n / 2), g.slice(n / 2, n), u1, half);
                once[0] = downloadPoints(backend, half); // waits for the fold, as the IPA's next MSM would
                return (System.nanoTime() - t) / 1e6;
            });
            twoRounds = n < 4 ? null : Sampler.sample(warmup(settings), repeat(settings), i -> {
                long t = System.nanoTime();
                backend.foldGeneratorsTwice(g, u1, u2, quarter);
                twice[0] = downloadPoints(backend, quarter);
                return (System.nanoTime() - t) / 1e6;
            });
        }
        Boolean verified = null;
        if (engine != Engine.JAVA && logN <= CHECKED_LOG_N) {
            try (dev.vampvm.backend.JavaBackend reference = new dev.vampvm.backend.JavaBackend();
                    PointVector g = reference.uploadPoints(CURVE, points, 0, n);
                    PointVector half = reference.allocatePoints(CURVE, n / 2);
                    PointVector quarter = reference.allocatePoints(CURVE, Math.max(1, n / 4))) {
                reference.foldGenerators(g.slice(0, n / 2), g.slice(n / 2, n), u1, half);
                verified = Arrays.equals(downloadPoints(reference, half), once[0]);
                if (twoRounds != null) {
                    reference.foldGeneratorsTwice(g, u1, u2, quarter);
                    verified &= Arrays.equals(downloadPoints(reference, quarter), twice[0]);
                }
            }
            if (!verified) {
                throw new BenchmarkFailure("fold of 2^" + logN + " on the " + engine.cliName()
                        + " engine differs from the Java engine's");
            }
        }
        Map<String, Double> details = floors(roof, foldProducts(n / 2, 1), foldBytes(n / 2, 1));
        if (twoRounds != null) {
            details.put("two rounds ms", Statistics.of(twoRounds.measured()).median());
            details.put("two rounds Fp products", foldProducts(n / 4, 3));
            if (roof != null) {
                details.put("two rounds arithmetic floor ms", foldProducts(n / 4, 3) / roof.productsPerSecond() * 1e3);
            }
        }
        record(context, FOLD, engine, logN, runs, verified, details);
    }

    /**
     * A fold's products, ec/pasta_curves.cuh's mul_glv_wnaf_sum over {@code terms} challenges for each output point:
     * per term a table of 8 odd multiples (a doubling, 7 additions) and their images under φ (8 products), and ~2·128/6
     * additions (the width-5 wNAF digits of two 127-bit halves); 127 doublings shared; the final mixed addition; to
     * affine, 3 products a point and a sixteenth of an inversion (~300). RCB formulas: an addition 12 products, a
     * mixed one 11, a doubling 8 (the products by 3b made of additions).
     */
    static double foldProducts(long outputs, int terms) {
        double perTerm = 8 + 7 * 12 + 8 + 2 * 128 / 6.0 * 12;
        return outputs * (terms * perTerm + 127 * 8 + 11 + 3 + 300 / 16.0);
    }

    /** Each output point reads its terms' points and its own (affine, 64 bytes), writes and rereads 96 bytes, writes 64. */
    private static double foldBytes(long outputs, int terms) {
        return outputs * ((terms + 1) * 64.0 + 2 * 96 + 64);
    }

    private static long[] downloadPoints(Backend backend, PointVector v) {
        long[] out = new long[8 * v.size()];
        backend.downloadPoints(v, out, 0);
        return out;
    }

    // ---- NTT ----------------------------------------------------------------------------------------

    private static void ntt(Backend backend, Engine engine, int logN, SplittableRandom rng, CudaBackend.Roofline roof,
            BenchSettings settings, Context context) throws Exception {
        int n = 1 << logN;
        EvaluationDomain domain = EvaluationDomain.of(SCALARS, logN);
        long[] values = scalars(rng, n);
        Boolean verified = null;
        Sampler.Runs<Double> runs;
        try (ScalarVector v = backend.upload(SCALARS, values, 0, n)) {
            runs = Sampler.sample(warmup(settings), repeat(settings), i -> {
                long t = System.nanoTime();
                backend.ntt(domain, v);
                if (backend instanceof CudaBackend cuda) {
                    cuda.synchronize();
                }
                return (System.nanoTime() - t) / 1e6;
            });
            if (engine != Engine.JAVA && logN <= CHECKED_LOG_N) {
                // Every run transformed v again: the Java engine repeats as many transforms.
                int transforms = 1 + warmup(settings) + repeat(settings);
                long[] expected = values.clone();
                for (int i = 0; i < transforms; i++) {
                    domain.ntt(expected);
                }
                verified = java.util.Arrays.equals(expected, backend.download(v));
                if (!verified) {
                    throw new BenchmarkFailure("ntt of 2^" + logN + " on the " + engine.cliName()
                            + " engine differs from the Java engine's");
                }
            }
        }
        // Radix 2: logN stages of n/2 butterflies, one product each. Memory: the bit reversal and each pass of up to 10
        // stages (kernels/ntt/radix2.cuh) read and write the vector once.
        int passes = (logN + 9) / 10;
        double products = logN * (n / 2.0);
        double bytes = (1 + passes) * 2.0 * 32 * n;
        Map<String, Double> details = floors(roof, products, bytes);
        if (logN == 20) {
            details.put("H100 target ms", 0.25);
        }
        record(context, NTT, engine, logN, runs, verified, details);
    }

    // ---- transfers ----------------------------------------------------------------------------------

    private static void transfer(Backend backend, Engine engine, int logN, SplittableRandom rng, BenchSettings settings,
            Context context) throws Exception {
        int n = 1 << logN;
        long[] values = scalars(rng, n);
        long[] back = new long[values.length];
        // Each run: {upload ms, upload and download ms}.
        Sampler.Runs<double[]> runs;
        try (ScalarVector v = backend.allocate(SCALARS, n)) {
            runs = Sampler.sample(warmup(settings), repeat(settings), i -> {
                java.util.Arrays.fill(back, 0);
                long t = System.nanoTime();
                backend.upload(values, 0, v);
                long u = System.nanoTime();
                backend.download(v, back, 0);
                long d = System.nanoTime();
                if (!java.util.Arrays.equals(values, back)) {
                    throw new BenchmarkFailure("transfer of 2^" + logN + " on the " + engine.cliName()
                            + " engine: the download differs from what was uploaded");
                }
                return new double[] {(u - t) / 1e6, (d - t) / 1e6};
            });
        }
        double bytes = 32.0 * n;
        double up = Statistics.of(runs.measured().stream().map(r -> r[0]).toList()).median();
        double down = Statistics.of(runs.measured().stream().map(r -> r[1] - r[0]).toList()).median();
        Map<String, Double> details = new LinkedHashMap<>();
        details.put("bytes each way", bytes);
        details.put("upload ms (median)", up);
        details.put("download ms (median)", down);
        details.put("upload GB/s", bytes / up / 1e6);
        details.put("download GB/s", bytes / down / 1e6);
        record(context, TRANSFER, engine, logN, new Sampler.Runs<>(runs.cold()[1],
                runs.measured().stream().map(r -> r[1]).toList()), true, details);
    }

    // ---- shared -------------------------------------------------------------------------------------

    /** The model's operation and byte counts and, on a CUDA engine, the floors they give. */
    private static Map<String, Double> floors(CudaBackend.Roofline roof, double products, double bytes) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("Fp products", products);
        d.put("bytes moved", bytes);
        if (roof != null) {
            d.put("arithmetic floor ms", products / roof.productsPerSecond() * 1e3);
            d.put("bandwidth floor ms", bytes / roof.bytesPerSecond() * 1e3);
            d.put("probe Fp products/s", roof.productsPerSecond());
            d.put("probe bytes/s", roof.bytesPerSecond());
        }
        return d;
    }

    private static void record(Context context, String what, Engine engine, int logN, Sampler.Runs<Double> runs,
            Boolean verified, Map<String, Double> details) {
        Map<String, String> params = Map.of("logN", Integer.toString(logN), "engine",
                BenchSettings.engineLabel(engine));
        Measurement m = Measurement.of("kernels", what, params, "ms", runs.measured(), runs.cold(), Map.of(), verified,
                details, context.environment().id());
        context.record(m);
        Double floor = details.containsKey("arithmetic floor ms")
                ? Math.max(details.get("arithmetic floor ms"), details.get("bandwidth floor ms")) : null;
        context.log().printf(Locale.ROOT, "%s 2^%d on the %s engine: median %s ms%s%n", what, logN, engine.cliName(),
                MarkdownReport.formatNumber(m.stats().median()),
                floor == null ? "" : " (floor " + MarkdownReport.formatNumber(floor) + " ms)");
    }

    private static long[] scalars(SplittableRandom rng, int n) {
        long[] v = new long[4 * n];
        for (int i = 0; i < n; i++) {
            SCALARS.random(rng, v, 4 * i);
        }
        return v;
    }
}
