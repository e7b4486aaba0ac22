package dev.vampvm.plonk.keygen;

import dev.vampvm.backend.ScalarVector;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.evaluation.CommittedPolynomial;
import dev.vampvm.plonk.evaluation.EvaluationSource;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.poly.ExtendedDomain;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

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
        return keygenVk(params, CircuitShape.of(circuit, k));
    }

    /** The verifying key of a circuit synthesized already (its {@link CircuitShape}). */
    public static VerifyingKey keygenVk(IpaParams params, CircuitShape shape) {
        try (ProvingKey pk = build(params, shape, false, null)) {
            return pk.verifyingKey();
        }
    }

    /** The proving key (which holds the verifying key) of the circuit at 2^k rows. */
    public static ProvingKey keygen(IpaParams params, Circuit<?> circuit, int k) {
        return keygen(params, CircuitShape.of(circuit, k));
    }

    /** The proving key of a circuit synthesized already (its {@link CircuitShape}). */
    public static ProvingKey keygen(IpaParams params, CircuitShape shape) {
        return build(params, shape, true, null);
    }

    /**
     * The proving key, reusing the commitments of a verifying key made earlier for the same circuit (a key cache,
     * whose caller has the shape from computing the address, {@link CircuitShape#digest}): everything but the fixed
     * and σ commitments is recomputed, so the MSMs, the bulk of keygen, are skipped. The caller must know that
     * {@code known} was made for a circuit with the same digest (the constraint system, k and the column counts are
     * checked here; the column contents are what the digest covers).
     *
     * @throws IllegalArgumentException if {@code known} is for another k or constraint system
     */
    public static ProvingKey keygen(IpaParams params, CircuitShape shape, VerifyingKey known) {
        return build(params, shape, true, known);
    }

    /**
     * BLAKE2b-512 over what a key is computed from: k, the constraint system's pinned bytes, the fixed columns'
     * values and the permutation's σ values ({@link CircuitShape#digest}). Equal digests mean equal keys (for the
     * same IPA generators), so a key cache can be addressed by it.
     */
    public static byte[] circuitDigest(Circuit<?> circuit, int k) {
        return CircuitShape.of(circuit, k).digest();
    }

    private static ProvingKey build(IpaParams params, CircuitShape shape, boolean extendedToo, VerifyingKey known) {
        return fromValues(params, shape.constraintSystem(), shape.k(), shape.fixedValues(), shape.sigmaValues(),
                extendedToo, known);
    }

    /**
     * The proving key from the fixed and σ columns' values (over H) rather than from a synthesis: what a
     * proving-key file holds. With {@code known}, its commitments are reused and checked through the key hash.
     */
    static ProvingKey fromValues(IpaParams params, ConstraintSystem cs, int k, long[][] fixedValues,
            long[][] sigmaValues, boolean extendedToo, VerifyingKey known) {
        if (params.k() < k) {
            throw new IllegalArgumentException("IPA parameters of k = " + params.k() + " cannot commit to 2^" + k
                    + " rows");
        }
        IpaParams p = params.k() == k ? params : params.truncate(k);
        EvaluationDomain domain = EvaluationDomain.of(F, k);
        ExtendedDomain extended =
                ExtendedDomain.of(domain, ActiveRows.quotientDegree(cs, ActiveRows.gatedConstraints(cs)));
        int n = domain.size();
        Map<ByteBuffer, CommittedPolynomial> byCommitment = new HashMap<>();

        int nf = cs.numFixedColumns();
        if (fixedValues.length != nf) {
            throw new IllegalArgumentException(fixedValues.length + " fixed columns for a system of " + nf);
        }
        if (known != null && (known.k() != k || known.fixedCommitmentCount() != nf)) {
            throw new IllegalArgumentException("the known verifying key was made for another circuit");
        }
        CommittedPolynomial[] fixed = commitColumns(p, domain, fixedValues,
                known == null ? null : known::fixedCommitment, byCommitment);
        if (known != null && known.permutationCommitmentCount() != sigmaValues.length) {
            throw new IllegalArgumentException("the known verifying key was made for another circuit");
        }
        CommittedPolynomial[] sigma = commitColumns(p, domain, sigmaValues,
                known == null ? null : known::permutationCommitment, byCommitment);
        List<long[]> fixedPoints = new ArrayList<>();
        for (CommittedPolynomial c : fixed) {
            fixedPoints.add(c.affine());
        }
        List<long[]> sigmaPoints = new ArrayList<>();
        for (CommittedPolynomial c : sigma) {
            sigmaPoints.add(c.affine());
        }
        VerifyingKey vk = VerifyingKey.of(k, cs, fixedPoints, sigmaPoints);
        if (known != null && !java.util.Arrays.equals(vk.hash(), known.hash())) {
            throw new IllegalArgumentException("the known verifying key was made for another circuit");
        }
        if (!extendedToo) {
            return new ProvingKey(vk, extended, fixedValues, fixed, null, sigmaValues, sigma, null, null, null, null,
                    null, List.of());
        }

        boolean onHost = p.backend().hostMemory();
        EvaluationSource[] fixedExtended = new EvaluationSource[nf];
        for (int i = 0; i < nf; i++) {
            fixedExtended[i] = extendedSource(fixed[i], extended, onHost);
        }
        EvaluationSource[] sigmaExtended = new EvaluationSource[sigma.length];
        for (int i = 0; i < sigma.length; i++) {
            sigmaExtended[i] = extendedSource(sigma[i], extended, onHost);
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
        EvaluationSource cosetPoints =
                EvaluationSource.powers(domain.cosetGenerator(), extended.extended().omega(), extended.extended().size());
        if (onHost) {
            return new ProvingKey(vk, extended, fixedValues, fixed, fixedExtended, sigmaValues, sigma, sigmaExtended,
                    EvaluationSource.of(lagrangeToExtended(domain, extended, l0)),
                    EvaluationSource.of(lagrangeToExtended(domain, extended, lLast)),
                    EvaluationSource.of(lagrangeToExtended(domain, extended, lActive)),
                    EvaluationSource.of(cosetPoints.onHost()), List.of());
        }
        // On the engine: the selectors' coefficients stay there (n elements each, not e·n), transformed per proof.
        List<ScalarVector> selectors = new ArrayList<>();
        try {
            for (long[] values : new long[][] {l0, lLast, lActive}) {
                ScalarVector c = p.backend().upload(F, values, 0, n);
                selectors.add(c);
                p.backend().intt(domain, c);
            }
        } catch (RuntimeException e) {
            selectors.forEach(ScalarVector::close);
            throw e;
        }
        return new ProvingKey(vk, extended, fixedValues, fixed, fixedExtended, sigmaValues, sigma, sigmaExtended,
                EvaluationSource.onExtendedCoset(selectors.get(0), extended),
                EvaluationSource.onExtendedCoset(selectors.get(1), extended),
                EvaluationSource.onExtendedCoset(selectors.get(2), extended), cosetPoints, selectors);
    }

    /**
     * A fixed or σ column on the extended coset: computed once here as a host array for the Java engine, left on the
     * engine otherwise (its coefficients are there; each proof transforms them in place).
     */
    private static EvaluationSource extendedSource(CommittedPolynomial column, ExtendedDomain extended, boolean onHost) {
        EvaluationSource source = column.onExtendedCoset(extended);
        return onHost ? EvaluationSource.of(source.onHost()) : source;
    }

    /** Interpolates values over H and pairs them with a commitment computed earlier (no MSM). */
    /**
     * The columns' polynomials with their commitments: computed in one batched MSM (blind zero: fixed columns are
     * public), or, with {@code knownCommitment}, taken from the verifying key already known.
     */
    private static CommittedPolynomial[] commitColumns(IpaParams params, EvaluationDomain domain, long[][] values,
            IntFunction<long[]> knownCommitment, Map<ByteBuffer, CommittedPolynomial> byCommitment) {
        List<CommittedPolynomial> committed;
        if (knownCommitment == null) {
            committed = CommittedPolynomial.fromLagrange(params, domain, List.of(values),
                    Collections.nCopies(values.length, new long[4]));
        } else {
            committed = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                committed.add(withCommitment(params, domain, values[i], knownCommitment.apply(i)));
            }
        }
        CommittedPolynomial[] out = new CommittedPolynomial[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = dedupe(byCommitment, committed.get(i));
        }
        return out;
    }

    private static CommittedPolynomial withCommitment(IpaParams params, EvaluationDomain domain, long[] values,
            long[] affine) {
        var backend = params.backend();
        var coeffs = backend.upload(F, values, 0, domain.size());
        backend.intt(domain, coeffs);
        return new CommittedPolynomial(coeffs, new long[4], affine.clone(), CommittedPolynomial.encode(affine));
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
