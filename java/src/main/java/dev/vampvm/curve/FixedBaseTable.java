package dev.vampvm.curve;

/**
 * A fixed point's multiples for scalar multiplication by bytes: entry (w, d) is d·2^(8w)·P, affine, for each of a
 * scalar's 32 bytes w and each byte value d in 1..255, so that [k]P is one mixed addition per non-zero byte of k (at
 * most 32), where a GLV double-and-add pays about 130 doublings and additions. 32 × 255 affine points, 522 KB.
 *
 * <p>For the IPA's fixed bases W (every commitment adds blind·W) and U (every IPA round adds z·ip·U), which the
 * prover multiplies dozens of times a proof on the host: with a GPU doing the MSMs, those multiplications are a good
 * part of what a small proof leaves on the host. Immutable and shared; the arithmetic object is the caller's.
 */
public final class FixedBaseTable {
    private static final int WINDOWS = 32;
    private static final int DIGITS = 255;
    private static final int AFF = ShortWeierstrassCurve.AFFINE_LONGS;

    private final ShortWeierstrassCurve curve;
    /** Entry (w, d) at AFF·(w·DIGITS + d − 1). */
    private final long[] table;

    private FixedBaseTable(ShortWeierstrassCurve curve, long[] table) {
        this.curve = curve;
        this.table = table;
    }

    /** The table of an affine point (8 longs at {@code offset}) on the curve; the identity is refused. */
    public static FixedBaseTable of(ShortWeierstrassCurve curve, long[] affine, int offset) {
        if (curve.isIdentityAffine(affine, offset)) {
            throw new IllegalArgumentException("a fixed-base table of the identity");
        }
        if (!curve.isOnCurveAffine(affine, offset)) {
            throw new IllegalArgumentException("a fixed-base table of a point not on " + curve.name());
        }
        PointArithmetic ops = curve.arithmetic();
        int proj = ShortWeierstrassCurve.PROJECTIVE_LONGS;
        long[] multiples = new long[proj * WINDOWS * DIGITS];
        long[] base = new long[proj];
        curve.affineToProjective(affine, offset, base, 0);
        for (int w = 0; w < WINDOWS; w++) {
            int row = proj * w * DIGITS;
            System.arraycopy(base, 0, multiples, row, proj);
            for (int d = 2; d <= DIGITS; d++) {
                ops.add(multiples, row + proj * (d - 2), base, 0, multiples, row + proj * (d - 1));
            }
            ops.dblTimes(base, 0, 8, base, 0);
        }
        long[] table = new long[AFF * WINDOWS * DIGITS];
        curve.batchProjectiveToAffine(multiples, 0, WINDOWS * DIGITS, table, 0);
        return new FixedBaseTable(curve, table);
    }

    public ShortWeierstrassCurve curve() {
        return curve;
    }

    /**
     * r += [k]P for k canonical (4 little-endian limbs at {@code ko}, below the group order), r projective;
     * {@code ops} is the caller's arithmetic for this curve.
     */
    public void addMul(PointArithmetic ops, long[] r, int ro, long[] k, int ko) {
        if (!curve.scalarField().isCanonical(k, ko)) {
            throw new IllegalArgumentException(curve.name() + ": the scalar is not below the group order");
        }
        for (int w = 0; w < WINDOWS; w++) {
            int d = (int) (k[ko + w / 8] >>> (8 * (w % 8))) & 0xFF;
            if (d != 0) {
                ops.addMixed(r, ro, table, AFF * (w * DIGITS + d - 1), r, ro);
            }
        }
    }
}
