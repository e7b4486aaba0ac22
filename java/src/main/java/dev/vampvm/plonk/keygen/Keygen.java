package dev.vampvm.plonk.keygen;

import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.DenseAssignment;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.evaluation.CommittedPolynomial;
import dev.vampvm.plonk.permutation.PermutationKeygen;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.poly.ExtendedDomain;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Key generation (halo2's {@code keygen_vk}/{@code keygen_pk}): synthesizes the circuit in shape-only mode,
 * commits to its fixed columns and to the permutation's σ columns (unblinded: they are public), and for the
 * proving key precomputes their coefficients and extended-coset evaluations.
 */
public final class Keygen {
    private static final MontgomeryField F = Fp.FIELD;

    private Keygen() {
    }

    /** The verifying key of the circuit at 2^k rows. */
    public static VerifyingKey keygenVk(IpaParams params, Circuit<?> circuit, int k) {
        try (ProvingKey pk = build(params, circuit, k, false)) {
            return pk.verifyingKey();
        }
    }

    /** The proving key (which holds the verifying key) of the circuit at 2^k rows. */
    public static ProvingKey keygen(IpaParams params, Circuit<?> circuit, int k) {
        return build(params, circuit, k, true);
    }

    private static ProvingKey build(IpaParams params, Circuit<?> circuit, int k, boolean extendedToo) {
        if (params.k() < k) {
            throw new IllegalArgumentException("IPA parameters of k = " + params.k() + " cannot commit to 2^" + k
                    + " rows");
        }
        IpaParams p = params.k() == k ? params : params.truncate(k);
        DenseAssignment shape = Synthesis.shape(circuit, k);
        ConstraintSystem cs = shape.constraintSystem();
        EvaluationDomain domain = EvaluationDomain.of(F, k);
        ExtendedDomain extended =
                ExtendedDomain.of(domain, ActiveRows.quotientDegree(cs, ActiveRows.gatedConstraints(cs)));
        int n = domain.size();
        long[] zero = new long[4];
        Map<ByteBuffer, CommittedPolynomial> byCommitment = new HashMap<>();

        int nf = cs.numFixedColumns();
        long[][] fixedValues = new long[nf][];
        CommittedPolynomial[] fixed = new CommittedPolynomial[nf];
        for (int i = 0; i < nf; i++) {
            fixedValues[i] = shape.fixedValues(i);
            fixed[i] = dedupe(byCommitment, CommittedPolynomial.fromLagrange(p, domain, fixedValues[i], zero));
        }
        long[][] sigmaValues = PermutationKeygen.sigmaValues(shape.permutation(), domain);
        CommittedPolynomial[] sigma = new CommittedPolynomial[sigmaValues.length];
        for (int i = 0; i < sigma.length; i++) {
            sigma[i] = dedupe(byCommitment, CommittedPolynomial.fromLagrange(p, domain, sigmaValues[i], zero));
        }
        List<long[]> fixedPoints = new ArrayList<>();
        for (CommittedPolynomial c : fixed) {
            fixedPoints.add(c.affine());
        }
        List<long[]> sigmaPoints = new ArrayList<>();
        for (CommittedPolynomial c : sigma) {
            sigmaPoints.add(c.affine());
        }
        VerifyingKey vk = VerifyingKey.of(k, cs, fixedPoints, sigmaPoints);
        if (!extendedToo) {
            return new ProvingKey(vk, extended, fixedValues, fixed, null, sigmaValues, sigma, null, null, null, null,
                    null);
        }

        long[][] fixedExtended = new long[nf][];
        for (int i = 0; i < nf; i++) {
            fixedExtended[i] = extended.coeffToExtended(fixed[i].coefficientsOnHost());
        }
        long[][] sigmaExtended = new long[sigma.length][];
        for (int i = 0; i < sigma.length; i++) {
            sigmaExtended[i] = extended.coeffToExtended(sigma[i].coefficientsOnHost());
        }
        int usable = cs.usableRows(k);
        long[] l0 = new long[4 * n];
        F.setOne(l0, 0);
        long[] lLast = new long[4 * n];
        F.setOne(lLast, 4 * usable);
        long[] lActive = new long[4 * n];
        for (int r = 0; r < usable; r++) {
            F.setOne(lActive, 4 * r);
        }
        long[] cosetPoints = new long[4 * extended.extended().size()];
        long[] step = extended.extended().omega();
        System.arraycopy(domain.cosetGenerator(), 0, cosetPoints, 0, 4);
        for (int i = 1; i < extended.extended().size(); i++) {
            F.mul(cosetPoints, 4 * (i - 1), step, 0, cosetPoints, 4 * i);
        }
        return new ProvingKey(vk, extended, fixedValues, fixed, fixedExtended, sigmaValues, sigma, sigmaExtended,
                lagrangeToExtended(domain, extended, l0), lagrangeToExtended(domain, extended, lLast),
                lagrangeToExtended(domain, extended, lActive), cosetPoints);
    }

    private static long[] lagrangeToExtended(EvaluationDomain domain, ExtendedDomain extended, long[] values) {
        domain.intt(values);
        return extended.coeffToExtended(values);
    }

    /**
     * Equal commitments mean equal polynomials (the commitment is binding); the verifier cannot tell them apart
     * and groups their openings together, so the prover must use one coefficient vector for both.
     */
    private static CommittedPolynomial dedupe(Map<ByteBuffer, CommittedPolynomial> seen, CommittedPolynomial c) {
        CommittedPolynomial earlier = seen.putIfAbsent(ByteBuffer.wrap(c.encoding()), c);
        if (earlier != null) {
            c.close();
            return earlier;
        }
        return c;
    }
}
