package dev.vampvm.curve;

import dev.vampvm.field.FieldLanes;

/**
 * {@link PointArithmetic}'s complete projective formulas (Renes–Costello–Batina, a = 0) on several points at once,
 * one per lane of {@link FieldLanes}: the same sequence of field operations, each on a block. A projective lane
 * point is three consecutive blocks (X, Y, Z), an affine one two (x, y). One instance per thread (it owns its
 * scratch); the Vector API rules of {@link FieldLanes} apply.
 */
public final class PointLanes {

    private final FieldLanes f;
    private final int block;
    /** 3b, in every lane. */
    private final long[] b3;
    /** Scratch: T0, T1, T2, T3, T4, X3, Y3, Z3, a block each. */
    private final long[] s;
    private final int t0, t1, t2, t3, t4, x3, y3, z3;

    public PointLanes(ShortWeierstrassCurve curve, FieldLanes f) {
        if (f.field() != curve.baseField()) {
            throw new IllegalArgumentException("the lanes are over " + f.field().name() + ", the curve over "
                    + curve.baseField().name());
        }
        this.f = f;
        this.block = f.blockLongs();
        this.b3 = new long[block];
        long[] dense = new long[4 * f.lanes()];
        for (int l = 0; l < f.lanes(); l++) {
            System.arraycopy(curve.b3, 0, dense, 4 * l, 4);
        }
        f.load(dense, 0, b3, 0);
        this.s = new long[8 * block];
        t0 = 0;
        t1 = block;
        t2 = 2 * block;
        t3 = 3 * block;
        t4 = 4 * block;
        x3 = 5 * block;
        y3 = 6 * block;
        z3 = 7 * block;
    }

    public FieldLanes field() {
        return f;
    }

    /** Longs of a projective lane point (three blocks). */
    public int projectiveLongs() {
        return 3 * block;
    }

    /** r = p + q, all projective (complete: any inputs, the identity (0, 1, 0) included). r may alias p or q. */
    public void add(long[] p, int po, long[] q, int qo, long[] r, int ro) {
        final FieldLanes f = this.f;
        final long[] s = this.s;
        final int x1 = po, y1 = po + block, z1 = po + 2 * block, x2 = qo, y2 = qo + block, z2 = qo + 2 * block;
        f.mul(p, x1, q, x2, s, t0);
        f.mul(p, y1, q, y2, s, t1);
        f.mul(p, z1, q, z2, s, t2);
        f.add(p, x1, p, y1, s, t3);
        f.add(q, x2, q, y2, s, t4);
        f.mul(s, t3, s, t4, s, t3);
        f.add(s, t0, s, t1, s, t4);
        f.sub(s, t3, s, t4, s, t3);
        f.add(p, y1, p, z1, s, t4);
        f.add(q, y2, q, z2, s, x3);
        f.mul(s, t4, s, x3, s, t4);
        f.add(s, t1, s, t2, s, x3);
        f.sub(s, t4, s, x3, s, t4);
        f.add(p, x1, p, z1, s, x3);
        f.add(q, x2, q, z2, s, y3);
        f.mul(s, x3, s, y3, s, x3);
        f.add(s, t0, s, t2, s, y3);
        f.sub(s, x3, s, y3, s, y3);
        f.add(s, t0, s, t0, s, x3);
        f.add(s, x3, s, t0, s, t0);
        f.mul(b3, 0, s, t2, s, t2);
        f.add(s, t1, s, t2, s, z3);
        f.sub(s, t1, s, t2, s, t1);
        f.mul(b3, 0, s, y3, s, y3);
        finish(r, ro);
    }

    /**
     * r = p + q with p projective and q affine, in the lanes where {@code skip[so + l]} is false; the others keep
     * p (for an affine identity (0, 0), which the formula does not take). r may alias p.
     */
    public void addMixed(long[] p, int po, long[] q, int qo, boolean[] skip, int so, long[] r, int ro) {
        final FieldLanes f = this.f;
        final long[] s = this.s;
        final int x1 = po, y1 = po + block, z1 = po + 2 * block, x2 = qo, y2 = qo + block;
        f.mul(p, x1, q, x2, s, t0);
        f.mul(p, y1, q, y2, s, t1);
        f.add(q, x2, q, y2, s, t3);
        f.add(p, x1, p, y1, s, t4);
        f.mul(s, t3, s, t4, s, t3);
        f.add(s, t0, s, t1, s, t4);
        f.sub(s, t3, s, t4, s, t3);
        f.mul(q, y2, p, z1, s, t4);
        f.add(s, t4, p, y1, s, t4);
        f.mul(q, x2, p, z1, s, y3);
        f.add(s, y3, p, x1, s, y3);
        f.add(s, t0, s, t0, s, x3);
        f.add(s, x3, s, t0, s, t0);
        f.mul(b3, 0, p, z1, s, t2);
        f.add(s, t1, s, t2, s, z3);
        f.sub(s, t1, s, t2, s, t1);
        f.mul(b3, 0, s, y3, s, y3);
        // Into the scratch's (X3, Y3, Z3), then p kept where skipped.
        finish(s, x3);
        for (int c = 0; c < 3; c++) {
            f.select(s, x3 + c * block, p, po + c * block, skip, so, r, ro + c * block);
        }
    }

    /** The common tail: from T0 = 3·X1X2, T1, T3, T4, Y3 and Z3 the result into r (r may be the scratch's X3). */
    private void finish(long[] r, int ro) {
        final FieldLanes f = this.f;
        final long[] s = this.s;
        f.mul(s, t4, s, y3, s, x3);
        f.mul(s, t3, s, t1, s, t2);
        f.sub(s, t2, s, x3, s, x3);
        f.mul(s, y3, s, t0, s, y3);
        f.mul(s, t1, s, z3, s, t1);
        f.add(s, t1, s, y3, s, y3);
        f.mul(s, t0, s, t3, s, t0);
        f.mul(s, z3, s, t4, s, z3);
        f.add(s, z3, s, t0, s, z3);
        if (r != s || ro != x3) {
            System.arraycopy(s, x3, r, ro, 3 * block);
        }
    }
}
