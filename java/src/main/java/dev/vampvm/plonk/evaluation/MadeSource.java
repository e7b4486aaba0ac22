package dev.vampvm.plonk.evaluation;

import dev.vampvm.backend.ScalarVector;

/**
 * The part every made source shares ({@link EvaluationSource#onExtendedCoset}, {@link EvaluationSource#overH},
 * {@link EvaluationSource#powers}, {@link EvaluationSource#firstOnes}): its size, and writing only into a vector of
 * that size.
 */
abstract class MadeSource implements EvaluationSource {
    private final int size;

    MadeSource(int size) {
        this.size = size;
    }

    @Override
    public final int size() {
        return size;
    }

    @Override
    public final void writeTo(ScalarVector dst) {
        if (dst.size() != size) {
            throw new IllegalArgumentException("a source of " + size + " points written to a vector of " + dst.size());
        }
        write(dst);
    }

    /** Writes the evaluations into dst, of {@link #size} elements. */
    abstract void write(ScalarVector dst);
}
