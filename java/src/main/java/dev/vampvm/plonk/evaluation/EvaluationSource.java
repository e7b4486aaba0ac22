package dev.vampvm.plonk.evaluation;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.field.Fp;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.poly.ExtendedDomain;
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
        return new HostArray(values, Objects.requireNonNull(values, "values").length / 4);
    }

    /**
     * A host array of evaluations of which only the first {@code nonZero} points may be non-zero (an instance column,
     * its public values then zeros): on the engine path those are uploaded and the rest filled with zeros there, so
     * that a column of a few public values does not cross as 2^k points. The zeros are the caller's promise.
     */
    static EvaluationSource of(long[] values, int nonZero) {
        return new HostArray(values, nonZero);
    }

    /**
     * A polynomial's evaluations on the extended coset g·H_ext from its n coefficients on an engine (not copied: they
     * must outlive the source). The host array comes from the host for the Java engine (where the transform skips the
     * zero half) and from the engine otherwise, so that only the result crosses; on the engine path the coefficients,
     * zero-padded, are transformed in place in the destination, and nothing crosses to the host.
     */
    static EvaluationSource onExtendedCoset(ScalarVector coefficients, ExtendedDomain extended) {
        Objects.requireNonNull(coefficients, "coefficients");
        EvaluationDomain big = extended.extended();
        return new MadeSource(big.size()) {
            @Override
            public long[] onHost() {
                Backend backend = coefficients.backend();
                if (backend.hostMemory()) {
                    return extended.coeffToExtended(backend.download(coefficients));
                }
                try (ScalarVector v = backend.allocate(coefficients.field(), big.size())) {
                    writeTo(v);
                    return backend.download(v);
                }
            }

            @Override
            void write(ScalarVector dst) {
                Backend backend = coefficients.backend();
                int n = coefficients.size();
                backend.copy(coefficients, dst.slice(0, n));
                if (n < big.size()) {
                    backend.fill(dst.slice(n, big.size()), new long[4]);
                }
                backend.cosetNtt(big, dst);
            }
        };
    }

    /**
     * A polynomial's values over H (the domain of its n coefficients) from its coefficients on an engine that has its own
     * memory: written by a copy and an NTT in place, nothing crossing. Only for the engine path: as a host array it is
     * downloaded (the Java engine's callers hold the values already).
     */
    static EvaluationSource overH(ScalarVector coefficients, EvaluationDomain domain) {
        Objects.requireNonNull(coefficients, "coefficients");
        if (coefficients.size() != domain.size()) {
            throw new IllegalArgumentException(coefficients.size() + " coefficients over a domain of " + domain.size());
        }
        return new MadeSource(domain.size()) {
            @Override
            public long[] onHost() {
                Backend backend = coefficients.backend();
                try (ScalarVector v = backend.allocate(coefficients.field(), domain.size())) {
                    writeTo(v);
                    return backend.download(v);
                }
            }

            @Override
            void write(ScalarVector dst) {
                coefficients.backend().copy(coefficients, dst);
                coefficients.backend().ntt(domain, dst);
            }
        };
    }

    /**
     * Evaluations already made on an engine and kept there (a proving key's columns on the extended coset, made once
     * rather than per proof): written by a copy on the engine; not copied here, so {@code values} must outlive the
     * source and not change.
     */
    static EvaluationSource kept(ScalarVector values) {
        Objects.requireNonNull(values, "values");
        return new MadeSource(values.size()) {
            @Override
            public long[] onHost() {
                return values.backend().download(values);
            }

            @Override
            void write(ScalarVector dst) {
                values.backend().copy(values, dst);
            }
        };
    }

    /**
     * The powers start·x^i, i < size, as a source: computed on the engine ({@link Backend#powers}) on the engine path,
     * on the host when asked for a host array.
     */
    static EvaluationSource powers(long[] start, long[] x, int size) {
        long[] s = start.clone();
        long[] step = x.clone();
        return new MadeSource(size) {
            @Override
            public long[] onHost() {
                long[] out = new long[4 * size];
                if (size > 0) {
                    System.arraycopy(s, 0, out, 0, 4);
                }
                for (int i = 1; i < size; i++) {
                    Fp.FIELD.mul(out, 4 * (i - 1), step, 0, out, 4 * i);
                }
                return out;
            }

            @Override
            void write(ScalarVector dst) {
                dst.backend().powers(s, step, dst);
            }
        };
    }

    /** 1 on the first {@code ones} of {@code size} points, 0 on the rest: made by two fills on the engine path. */
    static EvaluationSource firstOnes(int size, int ones) {
        if (ones < 0 || ones > size) {
            throw new IllegalArgumentException(ones + " ones among " + size + " points");
        }
        return new MadeSource(size) {
            @Override
            public long[] onHost() {
                long[] out = new long[4 * size];
                for (int i = 0; i < ones; i++) {
                    Fp.FIELD.setOne(out, 4 * i);
                }
                return out;
            }

            @Override
            void write(ScalarVector dst) {
                dst.backend().fill(dst.slice(0, ones), Fp.FIELD.one());
                dst.backend().fill(dst.slice(ones, size), new long[4]);
            }
        };
    }

    /**
     * A host array as a source: uploaded on the engine path, its points from {@code nonZero} on (zeros) written by a
     * fill instead.
     */
    record HostArray(long[] values, int nonZero) implements EvaluationSource {
        public HostArray {
            Objects.requireNonNull(values, "values");
            if (values.length % 4 != 0) {
                throw new IllegalArgumentException("a vector of evaluations is 4 longs per point, got " + values.length
                        + " longs");
            }
            if (nonZero < 0 || nonZero > values.length / 4) {
                throw new IllegalArgumentException(nonZero + " non-zero points of " + values.length / 4);
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
            Backend backend = dst.backend();
            if (nonZero == size()) {
                backend.upload(values, 0, dst);
                return;
            }
            backend.upload(values, 0, dst.slice(0, nonZero));
            backend.fill(dst.slice(nonZero, size()), new long[4]);
        }
    }
}
