package dev.vampvm.field;

/**
 * Whether {@link FieldLanes} may run: the one check every user of the lanes makes before it loads a class that
 * touches the Vector API. This class itself touches none, so it is safe to call without the module.
 *
 * <p>In a fresh JVM the lanes are many times slower than the scalar kernels until C2 has compiled them (the Vector
 * API's Java fallback allocates at every step): about 1.5 s of the first MSM on the 2-core development machine, which
 * took a 3-row proof from 0.22 to 1.1-1.5 s and a small VM proof from 1.0 to 2.6-3.4 s in a fresh `vampvm prove`.
 * So a daemon thread runs the kernels until they beat the scalar ones ({@link FieldLanes#warmUp}), and until then
 * the users, who ask {@link #ready}, get the scalar kernels. It starts when a proof of at least 2^13 rows is
 * announced ({@link #expectProof}: the command line and the API announce theirs before keygen), at an ask for an
 * operation of at least {@value #WARM_UP_MIN_SIZE} elements 0.3 s or more after the process first asked, at any ask
 * once the process has asked for {@value #LONG_RUN_NANOS} ns (a service proving one small circuit after another), or
 * when told to ({@link #warmUpNow}); a short process of small work never pays for it. The same values either way.
 */
public final class Lanes {

    /**
     * The system property that says when the vector lanes run ({@code -Dvampvm.lanes=MODE}): {@code auto} (the
     * default) once warmed up ({@link #ready}), {@code on} at once (tests and benchmarks of the lanes themselves),
     * {@code off} never (for comparisons).
     */
    public static final String PROPERTY = "vampvm.lanes";
    /**
     * The system property that holds the lanes to 256-bit vectors, four lanes ({@code -Dvampvm.lanes.bits=256}, what
     * an AVX2 CPU runs), to run and time that width on a wider CPU. Read once per JVM: see
     * {@link FieldLanes#preferredSpecies}.
     */
    public static final String BITS_PROPERTY = "vampvm.lanes.bits";
    /**
     * How long the warm-up may try before it leaves the lanes off for this JVM (a CPU whose lanes never beat its
     * scalar kernels should not lose a core to the trying for long; 1.5 s is what it takes on the development VM).
     */
    static final long WARM_UP_NANOS = 20_000_000_000L;

    private static final java.util.concurrent.atomic.AtomicBoolean STARTED =
            new java.util.concurrent.atomic.AtomicBoolean();
    /**
     * The warm-up starts at the first ask this long after the first (see {@link #ready}): on the development VM a
     * 3-row proof's command took 1.15 s this way against 1.53 s with the warm-up at the first ask (1.22 s with the
     * lanes off), where the warm-up thread and the Vector API's loading competed with a proof that never needed them.
     */
    static final long WARM_UP_AFTER_NANOS = 300_000_000L;
    /**
     * Of the asks, only one for an operation of at least this many elements starts the warm-up: a process whose
     * operations are all smaller is a second or a few of small steps, and the warm-up's core and C2's compiling cost
     * it more than the lanes give back. On the development VM, with the clock alone, a fresh `vampvm prove --mode vm`
     * of examples/vm/mix.pir's small inputs (blocks of 2^3 to 2^8 rows, a batched MSM of 4,096 terms) took 2.63 s
     * against 2.17 s with the lanes off, and with 2^14 here its medium inputs (blocks up to 2^11 rows, MSMs of 49,152
     * terms) 4.58 s against 3.65 (bench/results/20261127-004500-lanes-expect).
     */
    static final long WARM_UP_MIN_SIZE = 1 << 16;
    /**
     * Circuits of at least 2^this rows start the warm-up as soon as their proof is known to come
     * ({@link #expectProof}): on the development VM the lanes paid for themselves from 2^13 rows (a fresh static proof
     * of examples/vm/mix.pir's medium inputs, 2^13 rows: 7.73 s with the lanes from the start against 8.56 s without;
     * 8.25 s against 8.85 with this) and not below (a VM proof of the same run, its largest block proof 2^11 rows:
     * 4.61 s against 4.03 s; bench/results/20261127-004500-lanes-expect).
     */
    static final int EXPECT_FROM_K = 13;
    /**
     * A process that has asked for the lanes this long is a long-running one (a prover service, a benchmark): however
     * small its operations, the warm-up pays over the proofs still to come (on the development VM a 2^10-row static
     * proof took 190-270 ms with the lanes against 230-340 without, bench vm at d42369e against f8a4461), and a fresh
     * command of small proofs is over before this (a VM proof of blocks up to 2^11 rows: 3.3 s of proving).
     */
    static final long LONG_RUN_NANOS = 5_000_000_000L;

    private static volatile boolean warm;
    private static volatile Thread warmer;
    /** System.nanoTime of the first ask that found the lanes cold (0: none yet). */
    private static volatile long firstAsk;

    private Lanes() {
    }

    /**
     * Whether the lanes can be used for this field: the Vector API module present (bin/vampvm adds it), vectors of
     * at least four longs (AVX2; two lanes are no faster than the scalar kernels), a Pasta-shape field, and not
     * turned off.
     */
    public static boolean usable(MontgomeryField f) {
        return !"off".equals(System.getProperty(PROPERTY))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && FieldLanes.preferredSpecies().length() >= 4 && FieldLanes.takes(f);
    }

    /**
     * Whether to run the lanes now for an operation of {@code size} elements (points, scalars, field elements):
     * {@link #usable}, and warmed up (see the class comment) unless {@code -Dvampvm.lanes=on}. The first ask that
     * finds them usable and cold and {@link #startsWarmUp starts the warm-up} starts it; false until it has succeeded.
     */
    public static boolean ready(MontgomeryField f, long size) {
        String mode = System.getProperty(PROPERTY);
        if (warm || "on".equals(mode)) {
            return usable(f);
        }
        if ("off".equals(mode)) {
            return false;
        }
        // A short process of small operations is spared the warm-up (and the Vector API's loading): its work will
        // likely be done before the lanes would pay (startsWarmUp).
        long now = System.nanoTime();
        long first = firstAsk;
        if (first == 0) {
            firstAsk = now;
            return false;
        }
        if (!startsWarmUp(size, now - first) || !usable(f)) {
            return false;
        }
        startWarmUp(f);
        return warm;
    }

    private static void startWarmUp(MontgomeryField f) {
        if (STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(() -> warm = FieldLanes.warmUp(f, WARM_UP_NANOS), "vampvm-lanes-warm-up");
            t.setDaemon(true);
            warmer = t;
            t.start();
        }
    }

    /**
     * Says that a proof of a circuit of 2^k rows (a VM run: its largest block proof) is about to be made: at
     * {@link #EXPECT_FROM_K} or more, the warm-up starts now, beside the keygen before the proof, so that the
     * proof's MSMs and transforms find the lanes warm. Below, nothing: the lanes' warm-up would cost such a proof more
     * than it gave back. Nothing either unless the mode is auto and the lanes are usable.
     */
    public static void expectProof(int k) {
        if (!warm && expectStarts(k, System.getProperty(PROPERTY)) && usable(Fp.FIELD)) {
            startWarmUp(Fp.FIELD);
        }
    }

    /**
     * Starts the warm-up now (in auto mode, where the lanes are usable), whatever has been asked: for a process that
     * will prove for long, as the benchmarks' measured runs stand for.
     */
    public static void warmUpNow() {
        if (!warm && autoMode(System.getProperty(PROPERTY)) && usable(Fp.FIELD)) {
            startWarmUp(Fp.FIELD);
        }
    }

    /** Whether {@link #expectProof expectProof(k)} starts the warm-up in this mode ({@link #PROPERTY}'s value). */
    static boolean expectStarts(int k, String mode) {
        return k >= EXPECT_FROM_K && autoMode(mode);
    }

    /** Whether {@link #PROPERTY}'s value means auto (anything but on and off; unset included). */
    private static boolean autoMode(String mode) {
        return !"on".equals(mode) && !"off".equals(mode);
    }

    /**
     * Whether an ask for an operation of {@code size} elements, {@code sinceFirstAsk} ns after the process first asked,
     * is one to start the warm-up at: large enough ({@link #WARM_UP_MIN_SIZE}) and late enough
     * ({@link #WARM_UP_AFTER_NANOS}), or any ask of a long-running process ({@link #LONG_RUN_NANOS}).
     */
    static boolean startsWarmUp(long size, long sinceFirstAsk) {
        return size >= WARM_UP_MIN_SIZE && sinceFirstAsk >= WARM_UP_AFTER_NANOS || sinceFirstAsk >= LONG_RUN_NANOS;
    }

    /**
     * Waits for the warm-up this JVM started, if it started one, to end (at most {@link #WARM_UP_NANOS}): for
     * benchmarks, whose measured runs should run on what the process uses from then on, not across the switch.
     * Returns at once when no warm-up was started (lanes off, on, unusable, or not asked for yet).
     *
     * @return whether the lanes are warm
     */
    public static boolean awaitWarmUp() throws InterruptedException {
        Thread t = warmer;
        if (t != null) {
            t.join();
        }
        return warm;
    }

    /** Whether the warm-up has succeeded in this JVM. */
    public static boolean warm() {
        return warm;
    }
}
