package dev.vampvm.backend;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.poly.EvaluationDomain;
import java.util.List;

/**
 * The heavy operations of a proof behind one interface, so that the prover is written once and runs on
 * the pure-Java engine ({@link JavaBackend}) or a GPU engine. Vectors are handles ({@link ScalarVector},
 * {@link PointVector}) that may live in device memory for a whole proof; only {@link #download} and the
 * small results of {@link #msm}, {@link #evaluate} and {@link #innerProduct} come back to the host.
 *
 * <p>Conventions: single field elements are passed and returned as four Montgomery-form limbs
 * ({@code long[4]}) of the vectors' field; element-wise outputs may alias their inputs; every operation
 * checks that its handles belong to this backend, share a field and have matching sizes, and throws
 * {@link IllegalArgumentException} otherwise.
 */
public interface Backend extends AutoCloseable {

    /** A short name: "java", "cuda". */
    String name();

    /** What the engine runs on, for logs and benchmark reports. */
    String description();

    // ---- memory -------------------------------------------------------------------------------

    /** A new vector of n zeros. */
    ScalarVector allocate(MontgomeryField field, int n);

    /** A new vector holding {@code n} Montgomery-form elements read from {@code src[offset..]}. */
    ScalarVector upload(MontgomeryField field, long[] src, int offset, int n);

    /**
     * Overwrites dst (a vector or a slice) with {@code dst.size()} Montgomery-form elements read from
     * {@code src[offset..]}.
     */
    void upload(long[] src, int offset, ScalarVector dst);

    /** Copies the elements of v to {@code dst[offset..offset + 4·size)}. */
    void download(ScalarVector v, long[] dst, int offset);

    /** The elements of v as a new flat Montgomery-form array. */
    default long[] download(ScalarVector v) {
        long[] out = new long[4 * v.size()];
        download(v, out, 0);
        return out;
    }

    /** dst = src (same size). */
    void copy(ScalarVector src, ScalarVector dst);

    /** A new vector of n identity points (to be filled by {@link #foldGenerators}). */
    PointVector allocatePoints(ShortWeierstrassCurve curve, int n);

    /** A new vector of n affine points read from {@code src[offset..]} (8 longs each, identity (0, 0)). */
    PointVector uploadPoints(ShortWeierstrassCurve curve, long[] src, int offset, int n);

    /** Copies the affine points of v to {@code dst[offset..offset + 8·size)}. */
    void downloadPoints(PointVector v, long[] dst, int offset);

    // ---- transforms (in place, natural order) --------------------------------------------------

    /** Coefficients → evaluations over the domain's subgroup H. */
    void ntt(EvaluationDomain domain, ScalarVector v);

    /** Evaluations over H → coefficients. */
    void intt(EvaluationDomain domain, ScalarVector v);

    /** Coefficients → evaluations over the coset g·H. */
    void cosetNtt(EvaluationDomain domain, ScalarVector v);

    /** Evaluations over the coset g·H → coefficients. */
    void cosetIntt(EvaluationDomain domain, ScalarVector v);

    // ---- multi-scalar multiplication and the IPA -----------------------------------------------

    /**
     * Σ scalars[i] · bases[i] over the first {@code scalars.size()} bases, as a projective point
     * (12 longs) on the host. The scalars' field must be the curve's scalar field.
     */
    long[] msm(PointVector bases, ScalarVector scalars);

    /**
     * A hint that many MSMs will run over these bases (the IPA's generators, for every commitment): the engine may
     * precompute for them, so that MSMs over the vector, or over a slice of at least half of it (the IPA's first halves), take
     * less time. Results are the same either way. The CUDA engine builds a table of multiples (kept until the vector
     * is closed); the Java engine uses the process's tables for MSMs of 64 to 4,096 terms ({@code SmallFixedBaseTables}).
     */
    default void prepareFixedBases(PointVector bases) {
    }

    /**
     * The engine memory {@link #prepareFixedBases} takes for a vector of n bases, 0 where it takes none of the
     * engine's limited memory ({@link #memoryLimitBytes}): the CUDA engine's table, for the estimate of a proof's
     * device memory ({@link dev.vampvm.plonk.prover.DeviceMemoryEstimate}).
     */
    default long fixedBasesBytes(int n) {
        return 0;
    }

    /**
     * Several MSMs over the same bases, as {@link #msm(PointVector, ScalarVector)} makes each: result i is
     * Σ_j scalars.get(i)[j] · bases[j]. All the scalar vectors have one size. An engine may run them as one (the
     * CUDA engine sorts all their digits at once, which keeps a GPU busy at sizes where one MSM would not); the Java
     * engine runs them one after another, each on all its cores.
     */
    default long[][] msm(PointVector bases, List<ScalarVector> scalars) {
        Arguments.checkBatch(scalars);
        long[][] out = new long[scalars.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = msm(bases, scalars.get(i));
        }
        return out;
    }

    /**
     * The IPA generator folding, out[i] = lo[i] + u·hi[i]; u is a scalar-field element (Montgomery).
     * {@code out} may be {@code lo}.
     */
    void foldGenerators(PointVector lo, PointVector hi, long[] u, PointVector out);

    /**
     * Whether {@link #foldGeneratorsTwice} into m points costs this engine clearly less than two
     * {@link #foldGenerators}: the IPA prover then takes those two rounds at once, paying for the second round's L and
     * R with MSMs over the unfolded generators (twice that round's MSM work). Both engines share the three scalar
     * multiplications' doublings: the Java engine in its lock step, the CUDA engine in one thread's chain a point.
     */
    default boolean foldsTwoRoundsAtOnce(int m) {
        return false;
    }

    /**
     * Whether two MSMs over the two halves of a base vector of n points cost this engine less as one batch over the
     * whole ({@link #msm(PointVector, List)}), each with zero scalars on the other half: an IPA round's
     * L = ⟨a_hi, G_lo⟩ and R = ⟨a_lo, G_hi⟩. True where an MSM of that size costs mostly its chain of launches and the
     * wait for its result, not its work (the CUDA engine: zero scalars have zero digits, so no bucket entries); a CPU
     * pays the zero half's digit pass for nothing. The same L and R either way. By default false.
     */
    default boolean batchesMsmsOverHalves(int n) {
        return false;
    }

    /**
     * Whether an IPA opening of n coefficients costs this engine less without folding the generators at all: every
     * round's L and R as two MSMs of n terms (half of them zero) over the unfolded, fixed generators, with the
     * challenges' products in the scalars (k·n terms against the folds' n scalar multiplications, and MSMs over
     * fixed bases). The same proof either way. By default false.
     */
    default boolean opensWithoutFolding(int n) {
        return false;
    }

    /**
     * Whether this engine's work leaves the host's cores free (a GPU's: the host only queues it and waits), so that
     * work a proof can do before its witness exists (its random polynomials' commitments) is worth starting on
     * another thread while the host synthesizes the witness. False for an engine on the host's own cores, where the
     * two would share them. By default false.
     */
    default boolean runsBesideTheHost() {
        return false;
    }

    /**
     * Two IPA rounds' generator folding, out[i] = g[i] + u₂·g[m + i] + u₁·g[2m + i] + u₁u₂·g[3m + i] for g of 4m
     * points and out of m: G″ = G′_lo + u₂·G′_hi for G′ = G_lo + u₁·G_hi. {@code out} may be g's first m points. By
     * default the two folds one after the other.
     */
    default void foldGeneratorsTwice(PointVector g, long[] u1, long[] u2, PointVector out) {
        int m = out.size();
        if (g.size() != 4 * m) {
            throw new IllegalArgumentException("folding two rounds of " + g.size() + " generators into " + m);
        }
        try (PointVector half = allocatePoints(g.curve(), 2 * m)) {
            foldGenerators(g.slice(0, 2 * m), g.slice(2 * m, 4 * m), u1, half);
            foldGenerators(half.slice(0, m), half.slice(m, 2 * m), u2, out);
        }
    }

    // ---- element-wise vector work --------------------------------------------------------------

    /** out = a + b. */
    void add(ScalarVector a, ScalarVector b, ScalarVector out);

    /** out = a − b. */
    void sub(ScalarVector a, ScalarVector b, ScalarVector out);

    /** out = a ⊙ b (element-wise product). */
    void mul(ScalarVector a, ScalarVector b, ScalarVector out);

    /** out = c · a. */
    void scale(ScalarVector a, long[] c, ScalarVector out);

    /** out = a + c · b. */
    void addScaled(ScalarVector a, long[] c, ScalarVector b, ScalarVector out);

    /** out = a + c (c added to every element). */
    void addConstant(ScalarVector a, long[] c, ScalarVector out);

    /** Every element set to c. */
    void fill(ScalarVector v, long[] c);

    /** out[i] = start · x^i. */
    void powers(long[] start, long[] x, ScalarVector out);

    /**
     * Overwrites out with elements 0 … out.size() − 1 of the 32-byte seed's expansion into out's field
     * ({@link dev.vampvm.field.SeedExpander}: ChaCha20 blocks reduced to field elements), made where out lives, so that
     * a random polynomial is never uploaded. Every engine writes the same elements.
     */
    void expandSeed(byte[] seed, ScalarVector out);

    /** Inverts every element in place; zeros stay zero. */
    void batchInvert(ScalarVector v);

    /**
     * The inclusive running product, in place: v[i] becomes v[0]·v[1]·…·v[i]; a zero makes every later element zero.
     * Inclusive because that is a grand product as it is committed: with v = (z(1), r_0, …, r_(u−1)) it leaves
     * z(ω^(j+1)) = z(ω^j)·r_j at index j + 1 and the start z(1) at index 0, with no shift.
     */
    void runningProduct(ScalarVector v);

    /**
     * Runs a {@link PointProgram} at every point: {@code sources} holds the program's sources one after another,
     * each of {@code out.size()} points (a power of two); {@code out} gets each point's result. All three share a
     * field.
     */
    void runPointProgram(PointProgram program, ScalarVector sources, ScalarVector out);

    /** Σ coeffs[i] · x^i. */
    long[] evaluate(ScalarVector coeffs, long[] x);

    /** Σ a[i] · b[i]. */
    long[] innerProduct(ScalarVector a, ScalarVector b);

    /**
     * Whether vectors live in the JVM's heap (the Java engine): then host-side code may work on them in place as
     * cheaply as the engine could, and transfers cost nothing to avoid.
     */
    default boolean hostMemory() {
        return false;
    }

    /**
     * The memory, in bytes, this engine's vectors may occupy (the GPU's free memory when the engine was opened), or
     * {@link Long#MAX_VALUE} when they live on the Java heap (which {@code MemoryEstimate} checks instead).
     */
    default long memoryLimitBytes() {
        return Long.MAX_VALUE;
    }

    /**
     * The time, in nanoseconds, the calling thread has spent waiting on the engine's device since the engine opened:
     * in its launches, copies and synchronisations (0 for the Java engine, which has none). A proof's time minus what
     * this grew by is the work the host did itself: on the emulated GPU engine, where a launch runs its kernel to the
     * end, the part of a GPU proof that a GPU would not shorten.
     */
    default long deviceNanos() {
        return 0;
    }

    /**
     * The engine to prove a circuit of 2^k rows on, with everything the proof uses (its parameters' bases among
     * them): this one, or, for a GPU engine, the host's Java engine where a proof that small is faster on the host's
     * cores than through the GPU's launch latency ({@code -Dvampvm.cuda.hostUpToK}). Either way the same proof bytes.
     * A different engine is owned by this one: closing this one closes it.
     */
    default Backend forProof(int k) {
        return this;
    }

    /**
     * Why {@link #forProof forProof(k)} is not this engine, for the user's eye (e.g. "2^3 rows is at most 2^9 ..."),
     * or null when it is this engine.
     */
    default String elsewhereReason(int k) {
        return null;
    }

    /** Releases engine resources (device contexts, thread pools); handles become unusable. */
    @Override
    void close();
}
