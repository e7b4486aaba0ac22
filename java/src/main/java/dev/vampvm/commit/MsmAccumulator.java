package dev.vampvm.commit;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.PointVector;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import java.util.ArrayList;
import java.util.List;

/**
 * A linear combination of Vesta points that a verifier needs to be the identity: coefficients for the
 * IPA bases G_i (shared by every proof, whatever its k), for W and U, and a list of other points
 * (commitments, L and R values) with their scalars. Deferred checks of many proofs add into one
 * accumulator, each scaled by a fresh random weight, and {@link #isIdentity} then runs a single MSM.
 * A forged proof makes its own check non-zero, and random weights make cancellation between proofs
 * happen with probability 1/p.
 */
public final class MsmAccumulator {

    private static final MontgomeryField F = ShortWeierstrassCurve.VESTA.scalarField();
    private static final int A = ShortWeierstrassCurve.AFFINE_LONGS;

    /** Coefficients of G_0 … G_{len−1}, Montgomery form; grows to the largest k added. */
    private long[] g = new long[0];
    private final long[] w = new long[4];
    private final long[] u = new long[4];
    private final List<long[]> points = new ArrayList<>();
    private final List<long[]> scalars = new ArrayList<>();

    /** The number of G bases this accumulator refers to. */
    public int gLength() {
        return g.length / 4;
    }

    /** Adds c·G_i. */
    public void addG(int i, long[] c) {
        ensureG(i + 1);
        F.add(g, 4 * i, c, 0, g, 4 * i);
    }

    /** Adds Σ coefficients[i]·G_i for the 4·m longs of a flat vector. */
    void addGVector(long[] coefficients) {
        int m = coefficients.length / 4;
        ensureG(m);
        for (int i = 0; i < m; i++) {
            F.add(g, 4 * i, coefficients, 4 * i, g, 4 * i);
        }
    }

    /** Adds c·W. */
    public void addW(long[] c) {
        F.add(w, 0, c, 0, w, 0);
    }

    /** Adds c·U. */
    public void addU(long[] c) {
        F.add(u, 0, c, 0, u, 0);
    }

    /** Adds c·P for an affine point P. */
    public void addPoint(long[] affine, long[] c) {
        points.add(affine.clone());
        scalars.add(c.clone());
    }

    private void ensureG(int m) {
        if (g.length < 4 * m) {
            long[] bigger = new long[4 * m];
            System.arraycopy(g, 0, bigger, 0, g.length);
            g = bigger;
        }
    }

    /**
     * Evaluates the combination with one MSM over the parameters' bases plus one over the other points,
     * and reports whether it is the identity.
     *
     * @throws IllegalArgumentException if the parameters have fewer bases than the accumulated checks need
     */
    public boolean isIdentity(IpaParams params) {
        Backend backend = params.backend();
        int m = gLength();
        if (m > params.size()) {
            throw new IllegalArgumentException("checks need " + m + " bases, parameters have " + params.size());
        }
        ShortWeierstrassCurve curve = params.curve();
        PointArithmetic ops = curve.arithmetic();
        long[] total = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        curve.setIdentityProjective(total, 0);
        if (m > 0) {
            try (ScalarVector coeffs = backend.upload(F, g, 0, m)) {
                long[] part = backend.msm(params.g().slice(0, m), coeffs);
                ops.add(total, 0, part, 0, total, 0);
            }
        }
        int extra = points.size() + 2;
        long[] bases = new long[A * extra];
        long[] coeffs = new long[4 * extra];
        for (int i = 0; i < points.size(); i++) {
            System.arraycopy(points.get(i), 0, bases, A * i, A);
            System.arraycopy(scalars.get(i), 0, coeffs, 4 * i, 4);
        }
        System.arraycopy(params.w(), 0, bases, A * points.size(), A);
        System.arraycopy(w, 0, coeffs, 4 * points.size(), 4);
        System.arraycopy(params.u(), 0, bases, A * (points.size() + 1), A);
        System.arraycopy(u, 0, coeffs, 4 * (points.size() + 1), 4);
        try (PointVector pv = backend.uploadPoints(curve, bases, 0, extra);
                ScalarVector sv = backend.upload(F, coeffs, 0, extra)) {
            long[] part = backend.msm(pv, sv);
            ops.add(total, 0, part, 0, total, 0);
        }
        return curve.isIdentityProjective(total, 0);
    }
}
