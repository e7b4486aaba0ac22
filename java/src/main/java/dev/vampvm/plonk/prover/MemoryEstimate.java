package dev.vampvm.plonk.prover;

import dev.vampvm.plonk.ConstraintSystem;

/**
 * A simple, conservative estimate of the heap one proof needs, checked before proving so that a circuit too large for
 * the JVM's heap is refused with a message (the command line exits 5) instead of failing with an OutOfMemoryError
 * minutes into the run.
 *
 * <p>With n = 2^k rows and an extended domain of e·n points (e the power of two at least the degree minus one), every
 * committed polynomial is held at most in three forms: n values, n coefficients and e·n coset evaluations, 32 bytes
 * each. The committed polynomials are the advice, fixed and instance columns, a σ column and a grand-product chunk per
 * permutation column, five per lookup (compressed input and table, permuted input and table, product), the quotient's
 * pieces (degree − 1) and the random blinding polynomial. The IPA generators add 2^k affine points (64 bytes each,
 * doubled for the folding copies). The sum is multiplied by 1.5 for the JVM's object overhead and scratch vectors,
 * and 256 MiB is added for the rest of the program.
 *
 * <p>On an engine with its own memory (a GPU) the coset evaluations of the polynomials a proof commits (advice,
 * products, lookups) are computed there and never reach the heap, so such a proof usually needs less. The estimate
 * counts them all the same: a constraint program the GPU cannot run (more registers than a thread holds, or sources
 * beyond one vector) is evaluated on the host, which then holds them as the Java engine does, and which program a
 * circuit makes is known only once it is built.
 *
 * <p>Calibration: {@code examples/sha256.pir} (k = 16, 4 advice and 9 fixed columns, degree 3) is estimated at
 * 592 MiB and proves with {@code -Xmx600m} (slowly, collecting often), so the estimate sits close to the real need:
 * it refuses what cannot work, and a proof it lets through may still need some headroom to run fast.
 */
public final class MemoryEstimate {
    /** The extension factor e: the least power of two at least the constraint degree minus one (ExtendedDomain's). */
    static long extension(ConstraintSystem cs) {
        int d = Math.max(2, cs.degree());
        return Long.highestOneBit(2L * (d - 1) - 1);
    }

    /** What the rest of the program holds besides the proof's vectors, counted once per JVM. */
    public static final long BASELINE = 256L << 20;

    private MemoryEstimate() {
    }

    /** The estimated heap, in bytes, to prove one circuit of this shape with 2^k rows. */
    public static long proverBytes(ConstraintSystem cs, int k) {
        return BASELINE + proofBytes(cs, k);
    }

    /** The part of {@link #proverBytes} that one proof adds (proofs made at the same time add up). */
    public static long proofBytes(ConstraintSystem cs, int k) {
        long n = 1L << k;
        int d = Math.max(2, cs.degree());
        long e = extension(cs);
        long polys = (long) cs.numAdviceColumns() + cs.numFixedColumns() + cs.numInstanceColumns()
                + cs.permutationColumns().size() + cs.permutationChunks() + 5L * cs.lookups().size() + (d - 1) + 1;
        long perPoly = 32L * n * (2 + e);
        long generators = 2 * 64L * n;
        return (polys * perPoly + generators) * 3 / 2;
    }

    /**
     * The estimated heap, in bytes, to prove a VM run: the baseline once, the trace (every step's witness is kept
     * until all block proofs are made: {@link #traceBytes}), the IPA generators of the largest block proof once (the
     * others use a prefix of them), what each block proof that may run at the same time adds, what every block proof
     * holds from its end until the shared opening ({@link #unopenedBytes}), and the shared opening's own vectors at
     * the largest k ({@link #sharedOpeningBytes}).
     *
     * @param concurrentProofs what each block proof that may run at once adds ({@link #proofBytes} and
     *                         {@link #stackBytes}; the largest ones)
     * @param heldForOpening   {@link #unopenedBytes} of every block proof, added up
     * @param maxK             the largest block proof's k
     * @param stepRows         the rows of all steps' blocks added up (one stacked copy per step)
     * @param stepValues       the public values of all steps added up
     */
    public static long vmProverBytes(java.util.List<Long> concurrentProofs, long heldForOpening, int maxK,
            long stepRows, long stepValues) {
        long sum = BASELINE + traceBytes(stepRows, stepValues) + 64L * (1L << maxK) + heldForOpening
                + sharedOpeningBytes(maxK);
        for (long p : concurrentProofs) {
            sum += p;
        }
        return sum;
    }

    /**
     * What a proof made up to its opening ({@link Prover#proveUnopened}) holds until the opening shared with other
     * proofs: its own copy of every polynomial the opening reads (advice, fixed, σ, the permutation's products, three
     * per lookup, the quotient and the random polynomial), 2^k coefficients each, times 1.5.
     */
    public static long unopenedBytes(ConstraintSystem cs, int k) {
        long polys = (long) cs.numAdviceColumns() + cs.numFixedColumns() + cs.permutationColumns().size()
                + cs.permutationChunks() + 3L * cs.lookups().size() + 2;
        return polys * 32L * (1L << k) * 3 / 2;
    }

    /**
     * The shared opening's own vectors with 2^k coefficients: the combined quotient, the opened polynomial, the IPA's
     * b vector and scratch (32 bytes each), and the generators' folded copies (two points of 64 bytes), times 1.5;
     * each point set's combination of a block proof's polynomials (at most that block proof's own polynomials) is
     * within {@link #unopenedBytes}' margin.
     */
    public static long sharedOpeningBytes(int k) {
        return (4 * 32L + 2 * 64L) * (1L << k) * 3 / 2;
    }

    /**
     * What a VM trace holds: each step keeps its block's evaluated constraints with their values (a few objects per
     * constraint: {@link #TRACE_BYTES_PER_ROW} per row of the block's layout, measured with margin) and its public
     * values ({@link #TRACE_BYTES_PER_VALUE} each, a field element and the list and map entries around it).
     */
    public static long traceBytes(long stepRows, long stepValues) {
        return stepRows * TRACE_BYTES_PER_ROW + stepValues * TRACE_BYTES_PER_VALUE;
    }

    /**
     * What a VM block proof holds besides its vectors: the layout of each execution it stacks (a circuit with its
     * witness), {@link #STACK_BYTES_PER_ROW} per row of the stack (0.6 to 1.4 KiB measured, {@code bench/memory/}).
     */
    public static long stackBytes(long stackRows) {
        return stackRows * STACK_BYTES_PER_ROW;
    }

    /** See {@link #stackBytes}. */
    public static final long STACK_BYTES_PER_ROW = 2048;

    /** See {@link #traceBytes}; 0.6 to 1.7 KiB per row measured with the values ({@code bench/memory/}). */
    public static final long TRACE_BYTES_PER_ROW = 4096;
    /** See {@link #traceBytes}. */
    public static final long TRACE_BYTES_PER_VALUE = 256;

    /**
     * The heap to compare estimates with: the JVM's ({@code -Xmx}), or {@code -Dvampvm.heapLimit=BYTES} when set: lower
     * to leave room for other work in the same JVM and for tests; higher to try a proof the estimate refuses or to
     * measure real needs ({@code bench/memory/measure.sh} does), at the risk of an OutOfMemoryError.
     */
    public static long available() {
        Long limit = Long.getLong("vampvm.heapLimit");
        return limit != null ? limit : Runtime.getRuntime().maxMemory();
    }

    /** The {@code -Xmx} option to suggest for a need: whole GiB above it. */
    public static String xmx(long bytes) {
        return "-Xmx" + Math.max(1, (bytes >> 30) + 1) + "g";
    }

    /** "1.5 GiB"-style rendering for messages. */
    public static String describe(long bytes) {
        return bytes >= 1L << 30 ? String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(java.util.Locale.ROOT, "%d MiB", bytes >> 20);
    }
}
