package dev.vampvm.commit;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.PointVector;
import dev.vampvm.curve.FixedBaseTable;
import dev.vampvm.curve.Generators;
import dev.vampvm.curve.ShortWeierstrassCurve;
import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public parameters of the IPA commitment scheme for polynomials of up to n = 2^k coefficients: the
 * Pedersen bases G_0 … G_{n−1}, the blinding base W and the inner-product base U, all on Vesta and all
 * derived by hash-to-curve exactly as halo2 derives them ({@link Generators}), so there is no trusted
 * setup and anyone can recompute them. G_i does not depend on k: the parameters for a smaller k are a
 * prefix ({@link #truncate}), which is what lets proofs of different sizes share one final MSM.
 *
 * <p>The bases live on a {@link Backend} (device memory on a GPU engine) for as long as the parameters do.
 */
public final class IpaParams implements AutoCloseable {

    /** Largest supported k. */
    public static final int MAX_K = 26;

    private final Backend backend;
    private final int k;
    private final PointVector g;
    private final boolean ownsG;
    private final long[] w;
    private final long[] u;
    /** G₀, affine, on the host (for the opening's s₀·G₀, IpaProver.Blinding). */
    private final long[] g0;

    /**
     * W's and U's tables for every parameters of this process: they are Vesta's fixed W and U whatever k
     * ({@link #setup}), and each table costs about 130,000 field products, which every proof paid again when each
     * setup had its own.
     */
    private static final Tables VESTA_TABLES = new Tables();

    /**
     * The generators this process has read from a cache or derived, by cache directory and generator prefix: the
     * largest set so far, softly held. Reading the cache hashes and checks every point of a file (~0.3 s at 2^20 on
     * 16 cores, as much as a GPU proof of that size), which a program proving again and again through the API paid
     * in every setup; once checked, the points cannot change. Cleared by the collector under memory pressure.
     */
    private static final Map<String, SoftReference<long[]>> READ = new ConcurrentHashMap<>();

    /** Built once, when a prover first multiplies W or U. */
    private static final class Tables {
        private FixedBaseTable w;
        private FixedBaseTable u;

        synchronized FixedBaseTable w(long[] base) {
            if (w == null) {
                w = FixedBaseTable.of(ShortWeierstrassCurve.VESTA, base, 0);
            }
            return w;
        }

        synchronized FixedBaseTable u(long[] base) {
            if (u == null) {
                u = FixedBaseTable.of(ShortWeierstrassCurve.VESTA, base, 0);
            }
            return u;
        }
    }

    private IpaParams(Backend backend, int k, PointVector g, boolean ownsG, long[] w, long[] u, long[] g0) {
        this.backend = backend;
        this.k = k;
        this.g = g;
        this.ownsG = ownsG;
        this.w = w;
        this.u = u;
        this.g0 = g0;
    }

    /**
     * The parameters for 2^k coefficients, with the bases on the backend: read from the configured
     * {@link GeneratorCache} when it has them, else derived (and cached).
     */
    public static IpaParams setup(Backend backend, int k) {
        return setup(backend, k, GeneratorCache.configured());
    }

    /** As {@link #setup(Backend, int)} with an explicit cache (null: always derive). */
    public static IpaParams setup(Backend backend, int k, GeneratorCache cache) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("IPA parameters: k must be in [1, " + MAX_K + "], got " + k);
        }
        Generators gens = Generators.vesta();
        int n = 1 << k;
        long[] bases = cache != null ? generators(cache, gens, k) : gens.generatorsAffine(n);
        PointVector g = backend.uploadPoints(ShortWeierstrassCurve.VESTA, bases, 0, n);
        backend.prepareFixedBases(g);
        return new IpaParams(backend, k, g, true, gens.wAffine(), gens.uAffine(),
                Arrays.copyOf(bases, ShortWeierstrassCurve.AFFINE_LONGS));
    }

    /**
     * At least G_0 … G_{2^k − 1}, from this process's earlier reads ({@link #READ}), else from the cache. The array is
     * the process's: read it (an upload copies what it takes), never write it.
     */
    static long[] generators(GeneratorCache cache, Generators gens, int k) {
        String key = cache.dir().toAbsolutePath() + "\n" + gens.prefix();
        SoftReference<long[]> ref = READ.get(key);
        long[] have = ref != null ? ref.get() : null;
        if (have != null && have.length >= ShortWeierstrassCurve.AFFINE_LONGS << k) {
            return have;
        }
        long[] read = cache.generatorsAffine(gens, k);
        READ.merge(key, new SoftReference<>(read), (old, fresh) -> {
            long[] o = old.get();
            return o != null && o.length >= read.length ? old : fresh;
        });
        return read;
    }

    /** The parameters for a smaller k, sharing this object's bases (a view: closing it frees nothing). */
    public IpaParams truncate(int smallerK) {
        if (smallerK < 1 || smallerK > k) {
            throw new IllegalArgumentException("cannot truncate IPA parameters of k = " + k + " to k = " + smallerK);
        }
        return new IpaParams(backend, smallerK, g.slice(0, 1 << smallerK), false, w, u, g0);
    }

    public Backend backend() {
        return backend;
    }

    public int k() {
        return k;
    }

    /** n = 2^k. */
    public int size() {
        return 1 << k;
    }

    /** The bases G_0 … G_{n−1}. */
    public PointVector g() {
        return g;
    }

    /** The first generator G₀, affine (a copy). */
    public long[] g0() {
        return g0.clone();
    }

    /** The blinding base W, affine; a copy. */
    public long[] w() {
        return w.clone();
    }

    /** The inner-product base U, affine; a copy. */
    public long[] u() {
        return u.clone();
    }

    /** W's multiples ({@link FixedBaseTable}), for blind·W; built on first use. */
    public FixedBaseTable wTable() {
        return VESTA_TABLES.w(w);
    }

    /** U's multiples ({@link FixedBaseTable}), for the IPA rounds' z·⟨a, b⟩·U; built on first use. */
    public FixedBaseTable uTable() {
        return VESTA_TABLES.u(u);
    }

    public ShortWeierstrassCurve curve() {
        return ShortWeierstrassCurve.VESTA;
    }

    @Override
    public void close() {
        if (ownsG) {
            g.close();
        }
    }
}
