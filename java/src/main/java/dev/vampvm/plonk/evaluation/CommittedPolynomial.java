package dev.vampvm.plonk.evaluation;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.commit.IpaProver;
import dev.vampvm.commit.ProverQuery;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.poly.ExtendedDomain;
import java.util.Objects;

/**
 * A polynomial the prover has committed to: its coefficients on the backend (what openings need), the blinding
 * factor of the commitment, and the commitment as an affine point and as its 32-byte encoding.
 *
 * @param coefficients n coefficients on the backend (owned by whoever made this; close it with {@link #close})
 * @param blind        the factor r of C = ⟨coefficients, G⟩ + r·W (Montgomery form)
 * @param affine       C, affine (8 longs; the identity is (0, 0))
 * @param encoding     C's compressed encoding
 */
public record CommittedPolynomial(ScalarVector coefficients, long[] blind, long[] affine, byte[] encoding)
        implements AutoCloseable {

    public static final ShortWeierstrassCurve CURVE = ShortWeierstrassCurve.VESTA;

    public CommittedPolynomial {
        Objects.requireNonNull(coefficients, "coefficients");
    }

    /** Interpolates evaluations over H (4n longs, not modified) and commits with the given blind. */
    public static CommittedPolynomial fromLagrange(IpaParams params, EvaluationDomain domain, long[] values,
            long[] blind) {
        Backend backend = params.backend();
        ScalarVector coeffs = backend.upload(Fp.FIELD, values, 0, domain.size());
        backend.intt(domain, coeffs);
        return fromCoefficients(params, coeffs, blind);
    }

    /** Commits to coefficients already on the backend (taking ownership of them). */
    public static CommittedPolynomial fromCoefficients(IpaParams params, ScalarVector coeffs, long[] blind) {
        long[] projective = IpaProver.commit(params, coeffs, blind);
        long[] affine = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        CURVE.projectiveToAffine(projective, 0, affine, 0);
        return new CommittedPolynomial(coeffs, blind.clone(), affine, encode(affine));
    }

    /** The compressed encoding of an affine Vesta point (the identity encodes as 32 zero bytes). */
    public static byte[] encode(long[] affine) {
        byte[] out = new byte[ShortWeierstrassCurve.ENCODED_BYTES];
        CURVE.encodeAffine(affine, 0, out, 0);
        return out;
    }

    /** The coefficients as a host array (a copy). */
    public long[] coefficientsOnHost() {
        return coefficients.backend().download(coefficients);
    }

    /**
     * The polynomial's evaluations on the extended coset g·H_ext (a fresh host array of n·2^j elements): on the host
     * for the Java engine (where the transform skips the zero half), on the engine that holds the coefficients
     * otherwise, so that only the result crosses to the host.
     */
    public long[] extendedEvaluations(ExtendedDomain extended) {
        Backend backend = coefficients.backend();
        if (backend.hostMemory()) {
            return extended.coeffToExtended(coefficientsOnHost());
        }
        try (ScalarVector v = backend.allocate(coefficients.field(), extended.extended().size())) {
            writeExtendedEvaluations(extended, v);
            return backend.download(v);
        }
    }

    /**
     * Writes the evaluations on the extended coset into {@code dst} (n·2^j elements on this polynomial's engine,
     * whatever it held): the coefficients, zero-padded to the extended size, transformed in place, with nothing
     * crossing to the host.
     */
    public void writeExtendedEvaluations(ExtendedDomain extended, ScalarVector dst) {
        EvaluationDomain big = extended.extended();
        if (dst.size() != big.size()) {
            throw new IllegalArgumentException("the extended coset has " + big.size() + " points, the vector "
                    + dst.size());
        }
        Backend backend = coefficients.backend();
        int n = coefficients.size();
        backend.copy(coefficients, dst.slice(0, n));
        if (n < big.size()) {
            backend.fill(dst.slice(n, big.size()), new long[4]);
        }
        backend.cosetNtt(big, dst);
    }

    /**
     * The polynomial's evaluations on the extended coset as a constraint program's source: computed when the program
     * asks, on the host ({@link #extendedEvaluations}) or straight into the engine's sources vector
     * ({@link #writeExtendedEvaluations}). Creating it computes nothing; a program shares it by identity, so make one
     * per polynomial and proof.
     */
    public EvaluationSource onExtendedCoset(ExtendedDomain extended) {
        Objects.requireNonNull(extended, "extended");
        return new EvaluationSource() {
            @Override
            public int size() {
                return extended.extended().size();
            }

            @Override
            public long[] onHost() {
                return extendedEvaluations(extended);
            }

            @Override
            public void writeTo(ScalarVector dst) {
                writeExtendedEvaluations(extended, dst);
            }
        };
    }

    /** p(point), Montgomery form. */
    public long[] evaluate(long[] point) {
        return coefficients.backend().evaluate(coefficients, point);
    }

    /** The opening query for this polynomial at a point. */
    public ProverQuery query(long[] point) {
        return new ProverQuery(point, coefficients, blind);
    }

    @Override
    public void close() {
        coefficients.close();
    }
}
