package dev.vampvm.backend;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.field.SeedExpander;
import dev.vampvm.msm.CombMsm;
import dev.vampvm.msm.FixedBaseMsm;
import dev.vampvm.msm.GeneratorFolding;
import dev.vampvm.msm.Msm;
import dev.vampvm.msm.Workers;
import dev.vampvm.poly.EvaluationDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The pure-Java engine: vectors on the heap, work spread over a {@link ForkJoinPool} of a chosen
 * parallelism. Results do not depend on the parallelism.
 */
public final class JavaBackend implements Backend {
    /** {@link #name()}: what reports (a VM block proof's, say) call this engine. */
    public static final String NAME = "java";

    /** Below this many elements per task, splitting costs more than it saves. */
    private static final int MIN_CHUNK = 1 << 12;

    private final ForkJoinPool pool;
    private final boolean ownsPool;
    /** The arrays of the vectors {@link #prepareFixedBases} was given: their first base and count; weak keys. */
    private final Map<long[], int[]> preparedBases = Collections.synchronizedMap(new WeakHashMap<>());
    /** Whether the IPA's generator folds may take two rounds at once ({@link #foldsTwoRoundsAtOnce}). */
    private final boolean foldTwoRounds;
    /**
     * IPA openings of up to this many coefficients fold no generators ({@link #opensWithoutFolding}). On the
     * development machine (2-core EPYC, one opening, warm): 6.6 against 15.8 ms at 2^6 coefficients, 12.5 against 23 at
     * 2^7, 25-28 against 30-31 at 2^8, even at 2^9 and slower from 2^10 (74-88 against 58-80 ms), where the k·n
     * terms outgrow the n scalar multiplications of the folds.
     */
    static final int OPEN_WITHOUT_FOLDING_UP_TO = 256;
    private final int openWithoutFoldingUpTo;
    /** Whether small batches of MSMs run side by side ({@link #msm(PointVector, List)}). */
    private final boolean msmSideBySide = !"false".equals(System.getProperty("vampvm.java.msmSideBySide"));
    private volatile boolean closed;

    /** An engine using every available processor. */
    public JavaBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * An engine with its own pool of {@code threads} workers; it folds the IPA's generators two rounds at once unless
     * {@code -Dvampvm.java.foldTwoRounds=false}, and opens polynomials of up to {@value #OPEN_WITHOUT_FOLDING_UP_TO}
     * coefficients without folding unless {@code -Dvampvm.java.openWithoutFoldingUpTo=N} says another size (for timing
     * both ways).
     */
    public JavaBackend(int threads) {
        this(threads, !"false".equals(System.getProperty("vampvm.java.foldTwoRounds")),
                Integer.getInteger("vampvm.java.openWithoutFoldingUpTo", OPEN_WITHOUT_FOLDING_UP_TO));
    }

    /** An engine with its own pool of {@code threads} workers, folding two IPA rounds at once or one at a time. */
    public JavaBackend(int threads, boolean foldTwoRounds) {
        this(threads, foldTwoRounds, OPEN_WITHOUT_FOLDING_UP_TO);
    }

    /**
     * An engine with its own pool of {@code threads} workers, folding two IPA rounds at once or one at a time, and
     * opening polynomials of up to {@code openWithoutFoldingUpTo} coefficients without folding
     * ({@link #opensWithoutFolding}; 0 never).
     */
    public JavaBackend(int threads, boolean foldTwoRounds, int openWithoutFoldingUpTo) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.pool = new ForkJoinPool(threads);
        this.ownsPool = true;
        this.foldTwoRounds = foldTwoRounds;
        this.openWithoutFoldingUpTo = openWithoutFoldingUpTo;
    }

    public int parallelism() {
        return pool.getParallelism();
    }

    @Override
    public boolean hostMemory() {
        return true;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "pure Java, " + pool.getParallelism() + " threads, " + Runtime.version();
    }

    // ---- memory -------------------------------------------------------------------------------

    @Override
    public ScalarVector allocate(MontgomeryField field, int n) {
        checkSize(n);
        return new HeapScalarVector(this, field, new long[4 * n], 0, n, new Lifetime(() -> { }), true);
    }

    @Override
    public ScalarVector upload(MontgomeryField field, long[] src, int offset, int n) {
        checkSize(n);
        Arguments.checkUpload(field, src, offset, n);
        long[] data = new long[4 * n];
        System.arraycopy(src, offset, data, 0, 4 * n);
        return new HeapScalarVector(this, field, data, 0, n, new Lifetime(() -> { }), true);
    }

    @Override
    public void expandSeed(byte[] seed, ScalarVector out) {
        HeapScalarVector o = own(out);
        SeedExpander.expand(o.field(), seed, o.data, o.offset(0), o.size());
    }

    @Override
    public void upload(long[] src, int offset, ScalarVector dst) {
        HeapScalarVector d = own(dst);
        Arguments.checkUpload(d.field(), src, offset, d.size());
        System.arraycopy(src, offset, d.data, d.offset(0), 4 * d.size());
    }

    @Override
    public void download(ScalarVector v, long[] dst, int offset) {
        HeapScalarVector h = own(v);
        Arguments.checkRange(dst.length, offset, 4L * h.size(), "destination");
        System.arraycopy(h.data, h.offset(0), dst, offset, 4 * h.size());
    }

    @Override
    public void copy(ScalarVector src, ScalarVector dst) {
        HeapScalarVector s = own(src);
        HeapScalarVector d = own(dst);
        sameShape(s, d);
        System.arraycopy(s.data, s.offset(0), d.data, d.offset(0), 4 * s.size());
    }

    @Override
    public PointVector allocatePoints(ShortWeierstrassCurve curve, int n) {
        checkSize(n);
        return new HeapPointVector(this, curve, new long[ShortWeierstrassCurve.AFFINE_LONGS * n], 0, n,
                new Lifetime(() -> { }), true);
    }

    @Override
    public PointVector uploadPoints(ShortWeierstrassCurve curve, long[] src, int offset, int n) {
        checkSize(n);
        Arguments.checkRange(src.length, offset, (long) ShortWeierstrassCurve.AFFINE_LONGS * n, "source");
        long[] data = new long[ShortWeierstrassCurve.AFFINE_LONGS * n];
        System.arraycopy(src, offset, data, 0, data.length);
        for (int i = 0; i < n; i++) {
            if (!curve.isOnCurveAffine(data, ShortWeierstrassCurve.AFFINE_LONGS * i)) {
                throw new IllegalArgumentException("point " + i + " is not on " + curve.name());
            }
        }
        return new HeapPointVector(this, curve, data, 0, n, new Lifetime(() -> { }), true);
    }

    @Override
    public void downloadPoints(PointVector v, long[] dst, int offset) {
        HeapPointVector h = own(v);
        int len = ShortWeierstrassCurve.AFFINE_LONGS * h.size();
        Arguments.checkRange(dst.length, offset, len, "destination");
        System.arraycopy(h.data, h.offset(0), dst, offset, len);
    }

    // ---- transforms ---------------------------------------------------------------------------

    @Override
    public void ntt(EvaluationDomain domain, ScalarVector v) {
        transform(domain, v, Transform.NTT);
    }

    @Override
    public void intt(EvaluationDomain domain, ScalarVector v) {
        transform(domain, v, Transform.INTT);
    }

    @Override
    public void cosetNtt(EvaluationDomain domain, ScalarVector v) {
        transform(domain, v, Transform.COSET_NTT);
    }

    @Override
    public void cosetIntt(EvaluationDomain domain, ScalarVector v) {
        transform(domain, v, Transform.COSET_INTT);
    }

    private enum Transform { NTT, INTT, COSET_NTT, COSET_INTT }

    private void transform(EvaluationDomain domain, ScalarVector v, Transform t) {
        HeapScalarVector h = own(v);
        if (h.field() != domain.field()) {
            throw new IllegalArgumentException("domain over " + domain.field().name() + ", vector over "
                    + h.field().name());
        }
        if (h.size() != domain.size()) {
            throw new IllegalArgumentException("domain of size " + domain.size() + ", vector of " + h.size());
        }
        // The domain transforms whole arrays; a slice is copied out and back.
        boolean whole = h.start == 0 && h.data.length == 4 * h.size();
        long[] work = whole ? h.data : download(v);
        switch (t) {
            case NTT -> domain.ntt(work, parallelism());
            case INTT -> domain.intt(work, parallelism());
            case COSET_NTT -> domain.cosetNtt(work, parallelism());
            case COSET_INTT -> domain.cosetIntt(work, parallelism());
        }
        if (!whole) {
            System.arraycopy(work, 0, h.data, h.offset(0), work.length);
        }
    }

    // ---- MSM and IPA --------------------------------------------------------------------------

    @Override
    public long[] msm(PointVector bases, ScalarVector scalars) {
        HeapPointVector b = own(bases);
        return msm(b, checkedScalars(b, scalars), Workers.of(pool));
    }

    /**
     * The batch's MSMs side by side, the pool's P workers shared out among the m of them (⌊P/m⌋ each, the first
     * P mod m one more; one each where m ≥ P), up to {@value #SIDE_BY_SIDE_MAX_TERMS} terms each; larger batches one MSM
     * after another on all P, as {@link Backend#msm(PointVector, List)} runs them. A small MSM uses many workers
     * poorly: each worker's range of the bucket pass ends in a bucket reduction of its own, and a comb-table MSM runs on
     * one thread. A proof's phases commit several columns at once and an unfolded IPA round's L and R are a batch of
     * two, so on a machine with more cores than a VM run has block proofs the idle ones now take a share. The same
     * points either way: an MSM's result does not depend on its workers. On the 2-core development machine
     * (bench/results/20261128-005500-5d05c01-msm-batch, {@code bench/msm-batch/run.sh}): two MSMs of 256 terms 5.1-5.2
     * against 5.8-6.2 ms, eight 15-20 against 22-24 ms; eight of 1,024 terms even.
     * {@code -Dvampvm.java.msmSideBySide=false} runs every batch one MSM after another, to time both ways.
     */
    @Override
    public long[][] msm(PointVector bases, List<ScalarVector> scalars) {
        Arguments.checkBatch(scalars);
        HeapPointVector b = own(bases);
        int m = scalars.size();
        List<HeapScalarVector> checked = new ArrayList<>(m);
        for (ScalarVector s : scalars) {
            checked.add(checkedScalars(b, s));
        }
        int threads = pool.getParallelism();
        long[][] out = new long[m][];
        if (!msmSideBySide || m < 2 || threads < 2 || scalars.get(0).size() > SIDE_BY_SIDE_MAX_TERMS) {
            for (int i = 0; i < m; i++) {
                out[i] = msm(b, checked.get(i), Workers.of(pool));
            }
            return out;
        }
        List<ForkJoinTask<long[]>> tasks = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            HeapScalarVector s = checked.get(i);
            Workers share = new Workers(pool, Math.max(1, threads / m + (i < threads % m ? 1 : 0)));
            tasks.add(pool.submit(() -> msm(b, s, share)));
        }
        for (int i = 0; i < m; i++) {
            out[i] = tasks.get(i).join();
        }
        return out;
    }

    /** Batches of MSMs of up to this many terms each run side by side ({@link #msm(PointVector, List)}). */
    static final int SIDE_BY_SIDE_MAX_TERMS = 1 << 12;

    private HeapScalarVector checkedScalars(HeapPointVector b, ScalarVector scalars) {
        HeapScalarVector s = own(scalars);
        if (s.field() != b.curve().scalarField()) {
            throw new IllegalArgumentException(b.curve().name() + " scalars are " + b.curve().scalarField().name()
                    + ", not " + s.field().name());
        }
        if (s.size() > b.size()) {
            throw new IllegalArgumentException(s.size() + " scalars for " + b.size() + " bases");
        }
        return s;
    }

    /** Σ sᵢ·bᵢ on {@code workers}: by the process's fixed-base tables where the bases are prepared, else Pippenger. */
    private long[] msm(HeapPointVector b, HeapScalarVector s, Workers workers) {
        int[] prepared = preparedBases.get(b.data);
        if (prepared != null && prepared[0] == b.start) {
            CombMsm.Table comb = SmallFixedBaseTables.comb(b.curve(), b.data, b.offset(0), prepared[1], s.size());
            if (comb != null) {
                return CombMsm.msm(comb, s.data, s.offset(0), s.size());
            }
            FixedBaseMsm.Precomputation table = SmallFixedBaseTables.lookup(b.curve(), b.data, b.offset(0), prepared[1],
                    s.size(), workers);
            if (table != null) {
                return FixedBaseMsm.msm(table, s.data, s.offset(0), s.size(), workers);
            }
        }
        return Msm.msm(b.curve(), b.data, b.offset(0), s.data, s.offset(0), s.size(), workers, Msm.Options.DEFAULT);
    }

    /**
     * Marks the bases as fixed: MSMs over them, or over a slice from their first base, of up to
     * {@value SmallFixedBaseTables#MAX_TERMS} terms use the process's fixed-base tables ({@link SmallFixedBaseTables}:
     * comb tables up to {@value SmallFixedBaseTables#COMB_MAX_TERMS} terms, bucket tables from
     * {@value SmallFixedBaseTables#MIN_TERMS}). Larger MSMs gain nothing measurable from a table here.
     */
    @Override
    public void prepareFixedBases(PointVector bases) {
        HeapPointVector b = own(bases);
        preparedBases.put(b.data, new int[] {b.start, b.size});
    }

    @Override
    public void foldGenerators(PointVector lo, PointVector hi, long[] u, PointVector out) {
        HeapPointVector l = own(lo);
        HeapPointVector h = own(hi);
        HeapPointVector o = own(out);
        if (l.curve() != h.curve() || l.curve() != o.curve()) {
            throw new IllegalArgumentException("generator folding over different curves");
        }
        if (l.size() != h.size() || l.size() != o.size()) {
            throw new IllegalArgumentException("generator folding of sizes " + l.size() + ", " + h.size() + ", "
                    + o.size());
        }
        Arguments.checkElement(l.curve().scalarField(), u);
        GeneratorFolding.fold(l.curve(), l.data, l.offset(0), h.data, h.offset(0), l.size(), u, 0, o.data,
                o.offset(0), pool);
    }

    /**
     * From the size where the folds run in lock step ({@link GeneratorFolding#POINTWISE_BELOW} points a worker): point
     * by point, two rounds at once take as many scalar multiplications as one at a time (three an output point).
     */
    @Override
    public boolean foldsTwoRoundsAtOnce(int m) {
        return foldTwoRounds && m >= (long) GeneratorFolding.POINTWISE_BELOW * pool.getParallelism();
    }

    @Override
    public boolean opensWithoutFolding(int n) {
        return n <= openWithoutFoldingUpTo;
    }

    @Override
    public void foldGeneratorsTwice(PointVector g, long[] u1, long[] u2, PointVector out) {
        HeapPointVector h = own(g);
        HeapPointVector o = own(out);
        if (h.curve() != o.curve()) {
            throw new IllegalArgumentException("generator folding over different curves");
        }
        if (h.size() != 4 * o.size()) {
            throw new IllegalArgumentException("folding two rounds of " + h.size() + " generators into " + o.size());
        }
        Arguments.checkElement(h.curve().scalarField(), u1);
        Arguments.checkElement(h.curve().scalarField(), u2);
        GeneratorFolding.foldTwice(h.curve(), h.data, h.offset(0), o.size(), u1, 0, u2, 0, o.data, o.offset(0),
                Workers.of(pool));
    }

    // ---- element-wise -------------------------------------------------------------------------

    @Override
    public void add(ScalarVector a, ScalarVector b, ScalarVector out) {
        binary(a, b, out, (f, x, xo, y, yo, r, ro) -> f.add(x, xo, y, yo, r, ro));
    }

    @Override
    public void sub(ScalarVector a, ScalarVector b, ScalarVector out) {
        binary(a, b, out, (f, x, xo, y, yo, r, ro) -> f.sub(x, xo, y, yo, r, ro));
    }

    @Override
    public void mul(ScalarVector a, ScalarVector b, ScalarVector out) {
        binary(a, b, out, (f, x, xo, y, yo, r, ro) -> f.mul(x, xo, y, yo, r, ro));
    }

    @Override
    public void scale(ScalarVector a, long[] c, ScalarVector out) {
        withConstant(a, c, out, (f, x, xo, r, ro) -> f.mul(x, xo, c, 0, r, ro));
    }

    @Override
    public void addScaled(ScalarVector a, long[] c, ScalarVector b, ScalarVector out) {
        HeapScalarVector x = own(a);
        HeapScalarVector y = own(b);
        HeapScalarVector r = own(out);
        sameShape(x, y);
        sameShape(x, r);
        Arguments.checkElement(x.field(), c);
        MontgomeryField f = x.field();
        forEachChunk(x.size(), (from, to) -> {
            long[] t = new long[4];
            for (int i = from; i < to; i++) {
                f.mul(y.data, y.offset(i), c, 0, t, 0);
                f.add(x.data, x.offset(i), t, 0, r.data, r.offset(i));
            }
        });
    }

    @Override
    public void addConstant(ScalarVector a, long[] c, ScalarVector out) {
        withConstant(a, c, out, (f, x, xo, r, ro) -> f.add(x, xo, c, 0, r, ro));
    }

    @Override
    public void fill(ScalarVector v, long[] c) {
        HeapScalarVector h = own(v);
        Arguments.checkElement(h.field(), c);
        for (int i = 0; i < h.size(); i++) {
            System.arraycopy(c, 0, h.data, h.offset(i), 4);
        }
    }

    @Override
    public void powers(long[] start, long[] x, ScalarVector out) {
        HeapScalarVector r = own(out);
        MontgomeryField f = r.field();
        Arguments.checkElement(f, start);
        Arguments.checkElement(f, x);
        // Each chunk starts from start · x^from (one exponentiation), then multiplies along.
        forEachChunk(r.size(), (from, to) -> {
            long[] acc = new long[4];
            f.pow(x, 0, new long[] {from}, acc, 0);
            f.mul(acc, 0, start, 0, acc, 0);
            for (int i = from; i < to; i++) {
                System.arraycopy(acc, 0, r.data, r.offset(i), 4);
                f.mul(acc, 0, x, 0, acc, 0);
            }
        });
    }

    @Override
    public void batchInvert(ScalarVector v) {
        HeapScalarVector h = own(v);
        MontgomeryField f = h.field();
        forEachChunk(h.size(), (from, to) ->
                f.batchInvert(h.data, h.offset(from), to - from, new long[4 * (to - from)]));
    }

    /**
     * Chunked: each chunk's running product in parallel, then the chunks' products in order (one product per chunk),
     * then every chunk after the first times the product of those before it. That is about twice the products of one
     * serial pass, so up to two threads make the serial pass instead.
     */
    @Override
    public void runningProduct(ScalarVector v) {
        HeapScalarVector h = own(v);
        if (h.size() == 0) {
            return;
        }
        MontgomeryField f = h.field();
        ChunkFunction<ChunkProduct> scan = (from, to) -> {
            for (int i = from + 1; i < to; i++) {
                f.mul(h.data, h.offset(i - 1), h.data, h.offset(i), h.data, h.offset(i));
            }
            long[] product = new long[4];
            System.arraycopy(h.data, h.offset(to - 1), product, 0, 4);
            return new ChunkProduct(from, product);
        };
        if (parallelism() <= 2) {
            scan.apply(0, h.size());
            return;
        }
        List<ChunkProduct> chunks = mapChunks(h.size(), scan);
        if (chunks.size() == 1) {
            return;
        }
        // carries[from]: the product of every element before the chunk starting at from.
        Map<Integer, long[]> carries = new HashMap<>();
        long[] acc = chunks.get(0).product();
        for (int c = 1; c < chunks.size(); c++) {
            carries.put(chunks.get(c).from(), acc.clone());
            f.mul(acc, 0, chunks.get(c).product(), 0, acc, 0);
        }
        forEachChunk(h.size(), (from, to) -> {
            long[] carry = carries.get(from);
            if (carry != null) {
                for (int i = from; i < to; i++) {
                    f.mul(h.data, h.offset(i), carry, 0, h.data, h.offset(i));
                }
            }
        });
    }

    /** A chunk's first index and the product of its elements. */
    private record ChunkProduct(int from, long[] product) {
    }

    @Override
    public long[] evaluate(ScalarVector coeffs, long[] x) {
        HeapScalarVector c = own(coeffs);
        MontgomeryField f = c.field();
        Arguments.checkElement(f, x);
        // Horner within chunks, then Σ chunkValue · x^from.
        List<long[]> partials = mapChunks(c.size(), (from, to) -> {
            long[] acc = new long[4];
            for (int i = to - 1; i >= from; i--) {
                f.mul(acc, 0, x, 0, acc, 0);
                f.add(acc, 0, c.data, c.offset(i), acc, 0);
            }
            long[] shift = new long[4];
            f.pow(x, 0, new long[] {from}, shift, 0);
            f.mul(acc, 0, shift, 0, acc, 0);
            return acc;
        });
        return sum(f, partials);
    }

    @Override
    public void runPointProgram(PointProgram program, ScalarVector sources, ScalarVector out) {
        HeapScalarVector s = own(sources);
        HeapScalarVector o = own(out);
        MontgomeryField f = o.field();
        int size = o.size();
        Arguments.checkPointProgram(program, s.field(), s.size(), f, size);
        int[] code = program.code();
        long[] c = program.constants();
        long[] factors = program.factors();
        int factorMask = factors.length / 4 - 1;
        int mask = size - 1;
        forEachChunk(size, (from, to) -> {
            long[] r = new long[4 * Math.max(1, program.slots())];
            long[] acc = new long[4];
            long[] t = new long[4];
            for (int i = from; i < to; i++) {
                java.util.Arrays.fill(acc, 0L);
                for (int k = 0; k < code.length; k += 4) {
                    int d = 4 * code[k + 1];
                    int a = code[k + 2];
                    int b = code[k + 3];
                    switch (code[k]) {
                        case PointProgram.LOAD -> System.arraycopy(s.data, s.offset(a * size + ((i + b) & mask)), r, d,
                                4);
                        case PointProgram.CONST -> System.arraycopy(c, 4 * a, r, d, 4);
                        case PointProgram.ADD -> f.add(r, 4 * a, r, 4 * b, r, d);
                        case PointProgram.SUB -> f.sub(r, 4 * a, r, 4 * b, r, d);
                        case PointProgram.MUL -> f.mul(r, 4 * a, r, 4 * b, r, d);
                        case PointProgram.NEG -> f.neg(r, 4 * a, r, d);
                        case PointProgram.SCALE -> f.mul(r, 4 * a, c, 4 * b, r, d);
                        default -> {
                            f.mul(r, 4 * a, c, 4 * b, t, 0);
                            f.add(acc, 0, t, 0, acc, 0);
                        }
                    }
                }
                f.mul(acc, 0, factors, 4 * (i & factorMask), o.data, o.offset(i));
            }
        });
    }

    @Override
    public long[] innerProduct(ScalarVector a, ScalarVector b) {
        HeapScalarVector x = own(a);
        HeapScalarVector y = own(b);
        sameShape(x, y);
        MontgomeryField f = x.field();
        List<long[]> partials = mapChunks(x.size(), (from, to) -> {
            long[] acc = new long[4];
            long[] t = new long[4];
            for (int i = from; i < to; i++) {
                f.mul(x.data, x.offset(i), y.data, y.offset(i), t, 0);
                f.add(acc, 0, t, 0, acc, 0);
            }
            return acc;
        });
        return sum(f, partials);
    }

    @Override
    public void close() {
        closed = true;
        if (ownsPool) {
            pool.shutdown();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    @FunctionalInterface
    private interface BinaryKernel {
        void apply(MontgomeryField f, long[] a, int ao, long[] b, int bo, long[] r, int ro);
    }

    @FunctionalInterface
    private interface UnaryKernel {
        void apply(MontgomeryField f, long[] a, int ao, long[] r, int ro);
    }

    @FunctionalInterface
    private interface ChunkBody {
        void run(int from, int to);
    }

    @FunctionalInterface
    private interface ChunkFunction<T> {
        T apply(int from, int to);
    }

    private void binary(ScalarVector a, ScalarVector b, ScalarVector out, BinaryKernel kernel) {
        HeapScalarVector x = own(a);
        HeapScalarVector y = own(b);
        HeapScalarVector r = own(out);
        sameShape(x, y);
        sameShape(x, r);
        MontgomeryField f = x.field();
        forEachChunk(x.size(), (from, to) -> {
            for (int i = from; i < to; i++) {
                kernel.apply(f, x.data, x.offset(i), y.data, y.offset(i), r.data, r.offset(i));
            }
        });
    }

    /** out = kernel(a) element-wise, for a kernel that uses the constant c (checked here). */
    private void withConstant(ScalarVector a, long[] c, ScalarVector out, UnaryKernel kernel) {
        HeapScalarVector x = own(a);
        HeapScalarVector r = own(out);
        sameShape(x, r);
        Arguments.checkElement(x.field(), c);
        MontgomeryField f = x.field();
        forEachChunk(x.size(), (from, to) -> {
            for (int i = from; i < to; i++) {
                kernel.apply(f, x.data, x.offset(i), r.data, r.offset(i));
            }
        });
    }

    private void forEachChunk(int n, ChunkBody body) {
        mapChunks(n, (from, to) -> {
            body.run(from, to);
            return null;
        });
    }

    /** Splits [0, n) into contiguous chunks, runs them on the pool, returns results in chunk order. */
    private <T> List<T> mapChunks(int n, ChunkFunction<T> fn) {
        int chunks = Math.max(1, Math.min(4 * pool.getParallelism(), n / MIN_CHUNK));
        if (chunks == 1) {
            List<T> one = new ArrayList<>(1);
            one.add(fn.apply(0, n));
            return one;
        }
        List<ForkJoinTask<T>> tasks = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            tasks.add(pool.submit(() -> fn.apply(from, to)));
        }
        List<T> results = new ArrayList<>(chunks);
        for (ForkJoinTask<T> t : tasks) {
            results.add(t.join());
        }
        return results;
    }

    private static long[] sum(MontgomeryField f, List<long[]> parts) {
        long[] acc = new long[4];
        for (long[] p : parts) {
            f.add(acc, 0, p, 0, acc, 0);
        }
        return acc;
    }

    private HeapScalarVector own(ScalarVector v) {
        checkOpen();
        if (!(v instanceof HeapScalarVector h) || h.backend() != this) {
            throw new IllegalArgumentException(v + " does not belong to this " + name() + " backend");
        }
        h.checkOpen();
        return h;
    }

    private HeapPointVector own(PointVector v) {
        checkOpen();
        if (!(v instanceof HeapPointVector h) || h.backend() != this) {
            throw new IllegalArgumentException(v + " does not belong to this " + name() + " backend");
        }
        h.checkOpen();
        return h;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the backend was closed");
        }
    }

    private static void sameShape(HeapScalarVector a, HeapScalarVector b) {
        if (a.field() != b.field()) {
            throw new IllegalArgumentException("vectors over " + a.field().name() + " and " + b.field().name());
        }
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("vectors of sizes " + a.size() + " and " + b.size());
        }
    }

    private void checkSize(int n) {
        checkOpen();
        if (n < 0) {
            throw new IllegalArgumentException("negative vector size " + n);
        }
    }
}
