package dev.vampvm.commit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A commitment as the verifier sees it: a small linear combination Σ cᵢ·Pᵢ of points it read or knows
 * (a single commitment, or for instance the quotient pieces combined with powers of xⁿ), kept unevaluated
 * so that it can go into the final MSM. Two commitments are equal when their terms are; queries on equal
 * commitments are grouped in a multipoint opening.
 */
public final class VerifierCommitment {
    private final List<long[]> points = new ArrayList<>();
    private final List<long[]> scalars = new ArrayList<>();

    /** The commitment P itself (affine). */
    public static VerifierCommitment of(long[] affine) {
        return new VerifierCommitment().plus(affine, VestaPoints.SCALARS.one());
    }

    /** This combination plus c·P (affine P, Montgomery c). */
    public VerifierCommitment plus(long[] affine, long[] c) {
        points.add(affine.clone());
        scalars.add(c.clone());
        return this;
    }

    int terms() {
        return points.size();
    }

    long[] point(int i) {
        return points.get(i);
    }

    long[] scalar(int i) {
        return scalars.get(i);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VerifierCommitment other) || other.terms() != terms()) {
            return false;
        }
        for (int i = 0; i < terms(); i++) {
            if (!Arrays.equals(points.get(i), other.points.get(i)) || !Arrays.equals(scalars.get(i), other.scalars.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < terms(); i++) {
            h = 31 * h + Arrays.hashCode(points.get(i));
            h = 31 * h + Arrays.hashCode(scalars.get(i));
        }
        return h;
    }
}
