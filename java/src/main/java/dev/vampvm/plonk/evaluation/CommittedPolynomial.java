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
import java.util.ArrayList;
import java.util.List;
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
        return fromLagrange(params, domain, List.of(values), List.of(blind)).get(0);
    }

    /**
     * Interpolates each column's evaluations over H (4n longs each, not modified) and commits each with its blind,
     * in one batched MSM.
     */
    public static List<CommittedPolynomial> fromLagrange(IpaParams params, EvaluationDomain domain,
            List<long[]> values, List<long[]> blinds) {
        Backend backend = params.backend();
        List<ScalarVector> coeffs = new ArrayList<>();
        try {
            for (long[] v : values) {
                ScalarVector c = backend.upload(Fp.FIELD, v, 0, domain.size());
                coeffs.add(c);
                backend.intt(domain, c);
            }
            return fromCoefficients(params, coeffs, blinds);
        } catch (RuntimeException e) {
            coeffs.forEach(ScalarVector::close);
            throw e;
        }
    }

    /**
     * Interpolates evaluations over H already on the backend, in place, and commits with the given blind (taking
     * ownership of the vector, which then holds the coefficients).
     */
    public static CommittedPolynomial fromLagrange(IpaParams params, EvaluationDomain domain, ScalarVector values,
            long[] blind) {
        params.backend().intt(domain, values);
        return fromCoefficients(params, values, blind);
    }

    /** Commits to coefficients already on the backend (taking ownership of them). */
    public static CommittedPolynomial fromCoefficients(IpaParams params, ScalarVector coeffs, long[] blind) {
        return fromCoefficients(params, List.of(coeffs), List.of(blind)).get(0);
    }

    /**
     * Commits to each polynomial's coefficients, already on the backend and of one size, with its blind, in one
     * batched MSM (taking ownership of the coefficients).
     */
    public static List<CommittedPolynomial> fromCoefficients(IpaParams params, List<ScalarVector> coeffs,
            List<long[]> blinds) {
        long[][] projective = IpaProver.commit(params, coeffs, blinds);
        List<CommittedPolynomial> out = new ArrayList<>();
        for (int i = 0; i < projective.length; i++) {
            long[] affine = new long[ShortWeierstrassCurve.AFFINE_LONGS];
            CURVE.projectiveToAffine(projective[i], 0, affine, 0);
            out.add(new CommittedPolynomial(coeffs.get(i), blinds.get(i).clone(), affine, encode(affine)));
        }
        return out;
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
     * The polynomial's evaluations on the extended coset g·H_ext (a fresh host array of n·2^j elements):
     * {@link EvaluationSource#onExtendedCoset}'s host array.
     */
    public long[] extendedEvaluations(ExtendedDomain extended) {
        return onExtendedCoset(extended).onHost();
    }

    /**
     * The polynomial's evaluations on the extended coset as a constraint program's source
     * ({@link EvaluationSource#onExtendedCoset}): computed when the program asks, on the host or straight into the
     * engine's sources vector. Creating it computes nothing; a program shares it by identity, so make one per
     * polynomial and proof.
     */
    public EvaluationSource onExtendedCoset(ExtendedDomain extended) {
        return EvaluationSource.onExtendedCoset(coefficients, extended);
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
