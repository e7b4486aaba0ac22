package dev.vampvm.msm;

import dev.vampvm.curve.Glv;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import java.util.concurrent.ForkJoinPool;

/**
 * Variable-base multi-scalar multiplication Σ [kᵢ]Pᵢ: Pippenger's bucket method with signed (Booth)
 * digits, batch-affine bucket additions, window width from a cost model, GLV for large inputs, threads
 * over windows and point ranges.
 *
 * <p>Inputs are the layouts the rest of the prover keeps: bases flat affine (8 longs each, the identity
 * (0, 0) allowed) and scalars flat Montgomery-form elements of {@code curve.scalarField()} (4 longs each),
 * which is how polynomial coefficients are stored. The result is projective with Z = 1 (or (0, 1, 0)), the
 * same limbs whatever the number of threads.
 *
 * <p>Window widths the planner ({@link WindowPlan}) picks, and single-thread CPU time on Vesta (shared
 * 2-core AMD EPYC dev box, JDK 25, field multiplication ≈ 88 ns there; minimum of several runs):
 * <pre>
 *   n      GLV   c   buckets      time     no GLV (c, time)
 *   2^4    yes   4   projective    1.6 ms   1.98 ms
 *   2^6    yes   5   projective    4.5 ms   5.0 ms
 *   2^8    yes   7   projective   12.7 ms  14.7 ms
 *   2^10   yes  10   affine, 128  32.8 ms  (8 proj.)  43.8 ms
 *   2^12   yes  11   affine, 256  91.6 ms  (10 aff.) 106 ms
 *   2^14   yes  12   affine, 512   282 ms  (11)      315 ms
 *   2^16   yes  13   affine, 1024  939 ms  (13)      964 ms;  c = 12: 1010, c = 14: 1091 (no GLV)
 *   2^20   yes  16   affine, 2048  13.1 s CPU, 2 threads
 * </pre>
 * Batch-affine buckets beat projective ones from about 128 entries per batch (2^12, c = 10: 106 ms
 * against 144 ms). About 80% of the time is field multiplication and 13% field subtraction, so the MSM
 * speeds up with the field kernels.
 */
public final class Msm {

    /** Whether to split scalars with the curve endomorphism (2n points of half-length scalars). */
    public enum Endomorphism {
        /** GLV where the cost model says it pays (from a handful of terms on). */
        AUTO,
        OFF,
        ON
    }

    /**
     * Tuning overrides, for benchmarks and tests.
     *
     * @param windowBits window width c in [1, 20], or 0 for the cost model's choice
     * @param affine     batch-affine buckets (true) or projective (false); ignored when windowBits is 0
     */
    public record Options(int windowBits, boolean affine, Endomorphism endomorphism) {
        public static final Options DEFAULT = new Options(0, true, Endomorphism.AUTO);

        public Options {
            if (windowBits != 0 && (windowBits < WindowPlan.MIN_BITS || windowBits > WindowPlan.MAX_BITS)) {
                throw new IllegalArgumentException("window width must be 0 (automatic) or in [1, 20], got " + windowBits);
            }
            if (endomorphism == null) {
                throw new IllegalArgumentException("endomorphism mode is null");
            }
        }

        public static Options glv(Endomorphism e) {
            return new Options(0, true, e);
        }
    }

    private Msm() {
    }

    /** Σ [kᵢ]Pᵢ on the common pool (plus the calling thread). */
    public static long[] msm(ShortWeierstrassCurve curve, long[] basesAffine, int basesOffset,
                             long[] scalarsMontgomery, int scalarsOffset, int n) {
        return msm(curve, basesAffine, basesOffset, scalarsMontgomery, scalarsOffset, n, Workers.common(), Options.DEFAULT);
    }

    /** Σ [kᵢ]Pᵢ on exactly {@code threads} threads (the caller and threads − 1 started for this call). */
    public static long[] msm(ShortWeierstrassCurve curve, long[] basesAffine, int basesOffset,
                             long[] scalarsMontgomery, int scalarsOffset, int n, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be positive, got " + threads);
        }
        if (threads == 1) {
            return msm(curve, basesAffine, basesOffset, scalarsMontgomery, scalarsOffset, n, Workers.single(), Options.DEFAULT);
        }
        try (ForkJoinPool pool = new ForkJoinPool(threads - 1)) {
            return msm(curve, basesAffine, basesOffset, scalarsMontgomery, scalarsOffset, n,
                    new Workers(pool, threads), Options.DEFAULT);
        }
    }

    /** Σ [kᵢ]Pᵢ on the threads of {@code pool}. */
    public static long[] msm(ShortWeierstrassCurve curve, long[] basesAffine, int basesOffset,
                             long[] scalarsMontgomery, int scalarsOffset, int n, ForkJoinPool pool) {
        return msm(curve, basesAffine, basesOffset, scalarsMontgomery, scalarsOffset, n, Workers.of(pool), Options.DEFAULT);
    }

    /**
     * Σ [kᵢ]Pᵢ: the general form.
     *
     * @return projective (12 longs), normalised to Z = 1, or (0, 1, 0) for the identity
     * @throws IllegalArgumentException if n is negative, an array is too short for n terms from its offset,
     *                                  or a scalar is not a reduced Montgomery-form element
     */
    public static long[] msm(ShortWeierstrassCurve curve, long[] basesAffine, int basesOffset,
                             long[] scalarsMontgomery, int scalarsOffset, int n, Workers workers, Options options) {
        MsmInputs.check(curve, basesAffine, basesOffset, scalarsMontgomery, scalarsOffset, n);
        if (workers == null || options == null) {
            throw new IllegalArgumentException("workers and options must not be null");
        }
        if (n == 0) {
            long[] id = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
            curve.setIdentityProjective(id, 0);
            return id;
        }
        boolean glv = switch (options.endomorphism()) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> glvPays(n, curve.scalarField().modulus().bitLength());
        };
        Pippenger.Points points;
        Pippenger.Scalars scalars;
        int bits;
        if (glv) {
            GlvSplit split = GlvSplit.of(curve, basesAffine, basesOffset, scalarsMontgomery, scalarsOffset, n, workers);
            points = new Pippenger.Points(split.points(), 0, 2 * n);
            scalars = new Pippenger.Scalars(split.magnitudes(), 2, 2 * n, split.negate());
            bits = Glv.MAGNITUDE_BITS;
        } else {
            long[] canonical = toCanonical(curve.scalarField(), scalarsMontgomery, scalarsOffset, n, workers);
            points = new Pippenger.Points(basesAffine, basesOffset, n);
            scalars = new Pippenger.Scalars(canonical, 4, n, null);
            bits = curve.scalarField().modulus().bitLength();
        }
        WindowPlan.Choice plan = options.windowBits() == 0
                ? WindowPlan.variableBase(points.count(), bits)
                : planFor(options.windowBits(), options.affine());
        return Pippenger.run(curve, points, scalars, SignedDigits.windows(bits, plan.windowBits()), plan, workers);
    }

    /** Whether 2n half-length terms cost less than n full ones, set-up included. */
    static boolean glvPays(long n, int scalarBits) {
        double plain = WindowPlan.variableBase(n, scalarBits).cost();
        double split = WindowPlan.variableBase(2 * n, Glv.MAGNITUDE_BITS).cost() + WindowPlan.GLV_SETUP * n;
        return split < plain;
    }

    static WindowPlan.Choice planFor(int c, boolean affine) {
        WindowPlan.Choice ch = WindowPlan.of(c, affine);
        return ch != null ? ch : WindowPlan.of(c, false);
    }

    /** Montgomery → canonical limbs (already checked to be reduced), in parallel. */
    static long[] toCanonical(MontgomeryField fr, long[] scalars, int offset, int n, Workers workers) {
        long[] out = new long[4 * n];
        workers.forRange(n, 1 << 12, (from, to) -> {
            for (int i = from; i < to; i++) {
                fr.toCanonical(scalars, offset + 4 * i, out, 4 * i);
            }
        });
        return out;
    }
}
