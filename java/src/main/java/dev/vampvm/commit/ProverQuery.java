package dev.vampvm.commit;

import dev.vampvm.backend.ScalarVector;

/**
 * A polynomial the prover opens at a point in a multipoint opening: its coefficients, the blinding
 * factor of its commitment, and the point (Montgomery form). Queries on the same polynomial object are
 * grouped, so pass the same {@link ScalarVector} for every query of one polynomial.
 */
public record ProverQuery(long[] point, ScalarVector polynomial, long[] blind) {
}
