package dev.vampvm.backend.cuda;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * MSM inputs that stress the device Pippenger's bucket accumulation (kernels/msm/pippenger.cuh, stage 4): skewed
 * scalars that pile the entries into a few buckets (the load balance), and bases that drive the incomplete XYZZ
 * formulas into their special cases (P + P, P + (−P), the identity). Shared by {@link KernelAlgorithmsTest} (the
 * serial mirror) and {@link CudaAgainstJavaSuite} (the engine, emulated and on a GPU).
 */
enum MsmCase {
    /** Random bases and scalars: every bucket of every window, ~16 entries each at the default window. */
    RANDOM,
    /** One random scalar for all points: each window's entries in a single bucket. */
    ALL_EQUAL,
    /** Every scalar 1: one bucket of window 0 holds everything. */
    ALL_ONE,
    /** Scalars below 2^8: the low windows' few buckets only. */
    ALL_SMALL,
    /** Every scalar zero: no entries at all, every bucket empty. */
    ALL_ZERO,
    /** Zeros but one random scalar in the middle: one entry per window in a sea of empty buckets. */
    ONE_NON_ZERO,
    /** One base for every point, random scalars: buckets of P + P + ..., the doubling branch. */
    EQUAL_BASES,
    /** Bases P, −P, P, ... and one scalar for all: each bucket's running sum returns to the identity. */
    P_AND_MINUS_P,
    /** Every base the identity (0, 0), random scalars: the sum is the identity. */
    IDENTITY_BASES;

    /** n bases (affine, 8 longs each) and scalars (Montgomery form, 4 longs each). */
    record Inputs(long[] bases, long[] scalars) {
    }

    Inputs inputs(ShortWeierstrassCurve c, int n, SplittableRandom rng) {
        MontgomeryField s = c.scalarField();
        MontgomeryField f = c.baseField();
        long[] bases = c.randomAffinePoints(n, rng);
        long[] scalars = new long[4 * n];
        long[] k = new long[4];
        s.random(rng, k, 0);
        for (int i = 0; i < n; i++) {
            switch (this) {
                case RANDOM, EQUAL_BASES, IDENTITY_BASES -> s.random(rng, scalars, 4 * i);
                case ALL_EQUAL, P_AND_MINUS_P -> System.arraycopy(k, 0, scalars, 4 * i, 4);
                case ALL_ONE -> s.setOne(scalars, 4 * i);
                case ALL_SMALL -> System.arraycopy(s.fromBigInteger(java.math.BigInteger.valueOf(rng.nextInt(256))), 0,
                        scalars, 4 * i, 4);
                case ALL_ZERO -> s.setZero(scalars, 4 * i);
                case ONE_NON_ZERO -> {
                    if (i == n / 2) {
                        System.arraycopy(k, 0, scalars, 4 * i, 4);
                    }
                }
            }
            switch (this) {
                case EQUAL_BASES -> System.arraycopy(bases, 0, bases, 8 * i, 8);
                case P_AND_MINUS_P -> {
                    System.arraycopy(bases, 0, bases, 8 * i, 8);
                    if (i % 2 == 1) {
                        f.neg(bases, 8 * i + 4, bases, 8 * i + 4);
                    }
                }
                case IDENTITY_BASES -> Arrays.fill(bases, 8 * i, 8 * i + 8, 0L);
                default -> { }
            }
        }
        return new Inputs(bases, scalars);
    }
}
