package dev.vampvm.plonk.evaluation;

import dev.vampvm.backend.ScalarVector;
import java.util.Objects;

/**
 * A vector a constraint program loads from ({@link ProgramBuilder#source(EvaluationSource)}): a column's evaluations
 * over the points the program runs on, 4 Montgomery limbs per point. The host path of the quotient asks for it as a
 * host array; the engine path asks it to write itself into its slice of the one sources vector on the engine, so that a
 * committed polynomial, whose coefficients are already there, is transformed in place and never crosses to the host
 * ({@link CommittedPolynomial#onExtendedCoset}). Data that lives on the host (a proving key's fixed and σ columns, the
 * Lagrange selectors, instance columns) is a host array either way ({@link #of}).
 *
 * <p>A program shares a source by identity: one column read at several rotations must be one object.
 */
public interface EvaluationSource {

    /** The number of points. */
    int size();

    /**
     * The evaluations as a host array of {@code 4 · size()} longs, not to be modified. A source that is not a host
     * array computes it on each call and keeps nothing, so that it is held only while the program that asked runs.
     */
    long[] onHost();

    /** Writes the evaluations into {@code dst}, a vector of {@link #size} elements over Fp on the engine that runs. */
    void writeTo(ScalarVector dst);

    /** A host array of evaluations (4 longs per point), shared, not copied. */
    static EvaluationSource of(long[] values) {
        return new HostArray(values);
    }

    /** A host array as a source: uploaded on the engine path. */
    record HostArray(long[] values) implements EvaluationSource {
        public HostArray {
            Objects.requireNonNull(values, "values");
            if (values.length % 4 != 0) {
                throw new IllegalArgumentException("a vector of evaluations is 4 longs per point, got " + values.length
                        + " longs");
            }
        }

        @Override
        public int size() {
            return values.length / 4;
        }

        @Override
        public long[] onHost() {
            return values;
        }

        @Override
        public void writeTo(ScalarVector dst) {
            if (dst.size() != size()) {
                throw new IllegalArgumentException("a source of " + size() + " points written to a vector of "
                        + dst.size());
            }
            dst.backend().upload(values, 0, dst);
        }
    }
}
