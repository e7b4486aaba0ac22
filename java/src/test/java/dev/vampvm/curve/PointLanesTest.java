package dev.vampvm.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vampvm.field.FieldLanes;
import dev.vampvm.testing.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lane formulas give the same limbs as {@link PointArithmetic}'s, operation for operation: random points,
 * the identity on either side, P + P and P + (−P) (the formulas are complete), and skipped lanes in the mixed one.
 */
class PointLanesTest {

    static ShortWeierstrassCurve[] curves() {
        return new ShortWeierstrassCurve[] {ShortWeierstrassCurve.PALLAS, ShortWeierstrassCurve.VESTA};
    }

    private static final int PROJ = ShortWeierstrassCurve.PROJECTIVE_LONGS, AFF = ShortWeierstrassCurve.AFFINE_LONGS;

    @ParameterizedTest
    @MethodSource("curves")
    void sameLimbsAsTheScalarFormulas(ShortWeierstrassCurve c) {
        FieldLanes fl = FieldLanes.preferred(c.baseField());
        PointLanes pl = new PointLanes(c, fl);
        PointArithmetic ops = c.arithmetic();
        int w = fl.lanes(), block = fl.blockLongs();
        SplittableRandom rng = Seeds.rng("PointLanesTest." + c.name());
        for (int round = 0; round < 6; round++) {
            // Lane l: p (projective, Z random), q (projective) and a (affine), with the special cases in fixed lanes.
            long[] p = new long[PROJ * w], q = new long[PROJ * w], a = new long[AFF * w];
            boolean[] skip = new boolean[w];
            for (int l = 0; l < w; l++) {
                long[] pa = randomAffine(c, rng), qa = randomAffine(c, rng);
                toProjective(c, pa, p, PROJ * l, rng);
                toProjective(c, qa, q, PROJ * l, rng);
                System.arraycopy(qa, 0, a, AFF * l, AFF);
                switch (l) {
                    case 0 -> c.setIdentityProjective(p, 0);
                    case 1 -> c.setIdentityProjective(q, PROJ);
                    case 2 -> { // q = p, a = p
                        toProjective(c, pa, q, PROJ * l, rng);
                        System.arraycopy(pa, 0, a, AFF * l, AFF);
                    }
                    case 3 -> { // q = −p, a = −p
                        ops.negAffine(pa, 0, pa, 0);
                        toProjective(c, pa, q, PROJ * l, rng);
                        System.arraycopy(pa, 0, a, AFF * l, AFF);
                    }
                    default -> skip[l] = rng.nextBoolean();
                }
            }
            long[] lp = toLanes(fl, p, PROJ, 3), lq = toLanes(fl, q, PROJ, 3), la = toLanes(fl, a, AFF, 2);
            long[] got = new long[3 * block];
            pl.add(lp, 0, lq, 0, got, 0);
            long[] want = new long[PROJ * w];
            for (int l = 0; l < w; l++) {
                ops.add(p, PROJ * l, q, PROJ * l, want, PROJ * l);
            }
            assertArrayEquals(want, fromLanes(fl, got, PROJ, 3), "add, round " + round);
            // Mixed, into p itself (aliasing), skipped lanes keep p.
            pl.addMixed(lp, 0, la, 0, skip, 0, lp, 0);
            for (int l = 0; l < w; l++) {
                if (skip[l]) {
                    System.arraycopy(p, PROJ * l, want, PROJ * l, PROJ);
                } else {
                    ops.addMixed(p, PROJ * l, a, AFF * l, want, PROJ * l);
                }
            }
            assertArrayEquals(want, fromLanes(fl, lp, PROJ, 3), "addMixed, round " + round);
        }
    }

    private static long[] randomAffine(ShortWeierstrassCurve c, SplittableRandom rng) {
        long[] g = new long[PROJ];
        c.affineToProjective(c.generatorAffine(), 0, g, 0);
        long[] k = new long[4];
        c.scalarField().random(rng, k, 0);
        c.scalarField().toCanonical(k, 0, k, 0);
        c.arithmetic().mulDoubleAndAdd(g, 0, k, g, 0);
        long[] a = new long[AFF];
        c.projectiveToAffine(g, 0, a, 0);
        return a;
    }

    /** (x·z, y·z, z) for a random z: the formulas must not care which representative they get. */
    private static void toProjective(ShortWeierstrassCurve c, long[] a, long[] r, int ro, SplittableRandom rng) {
        var f = c.baseField();
        long[] z = new long[4];
        f.random(rng, z, 0);
        f.mul(a, 0, z, 0, r, ro);
        f.mul(a, 4, z, 0, r, ro + 4);
        System.arraycopy(z, 0, r, ro + 8, 4);
    }

    /** Points of {@code stride} longs (coordinates of 4) into lane blocks, coordinate by coordinate. */
    private static long[] toLanes(FieldLanes fl, long[] pts, int stride, int coords) {
        int w = fl.lanes();
        long[] out = new long[coords * fl.blockLongs()];
        long[] dense = new long[4 * w];
        for (int c = 0; c < coords; c++) {
            for (int l = 0; l < w; l++) {
                System.arraycopy(pts, stride * l + 4 * c, dense, 4 * l, 4);
            }
            fl.load(dense, 0, out, c * fl.blockLongs());
        }
        return out;
    }

    private static long[] fromLanes(FieldLanes fl, long[] blocks, int stride, int coords) {
        int w = fl.lanes();
        long[] out = new long[stride * w];
        long[] dense = new long[4 * w];
        for (int c = 0; c < coords; c++) {
            fl.store(blocks, c * fl.blockLongs(), dense, 0);
            for (int l = 0; l < w; l++) {
                System.arraycopy(dense, 4 * l, out, stride * l + 4 * c, 4);
            }
        }
        return out;
    }
}
