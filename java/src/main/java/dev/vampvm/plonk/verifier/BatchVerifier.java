package dev.vampvm.plonk.verifier;

import dev.vampvm.commit.DeferredIpaCheck;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.commit.MsmAccumulator;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.transcript.MalformedProofException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Verifies many proofs, of different circuits and different k, with one MSM: each proof is read at once
 * ({@link Verifier#read}, all the cheap work), and its deferred IPA check is kept; {@link #verify} adds every
 * check into one {@link MsmAccumulator}, each scaled by a fresh random non-zero weight, and evaluates it once.
 * The IPA bases of a smaller k are a prefix of a larger k's, so one set of parameters of the largest k serves all.
 *
 * <p>A forged proof makes its own check non-zero; the weights are drawn after every proof is fixed and are
 * unknown to the provers, so forged checks cancel each other with probability about 1/p. The weights must come
 * from a source the provers cannot predict: {@link SecureRandom} by default.
 */
public final class BatchVerifier {
    private static final MontgomeryField F = Fp.FIELD;

    private final RandomGenerator weights;
    private final List<DeferredIpaCheck> checks = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();

    public BatchVerifier() {
        this(new SecureRandom());
    }

    /** With the given source of weights (tests pass a seeded one). */
    public BatchVerifier(RandomGenerator weights) {
        this.weights = weights;
    }

    /**
     * Reads a proof into the batch. A malformed proof, or one whose public inputs do not fit the key, makes the
     * whole batch fail; this returns false for it at once.
     */
    public boolean add(VerifyingKey vk, List<List<Fp>> instances, byte[] proof) {
        try {
            checks.add(Verifier.read(vk, instances, proof));
            return true;
        } catch (MalformedProofException e) {
            refusals.add("proof " + (checks.size() + refusals.size()) + ": " + e.getMessage());
            return false;
        }
    }

    /** Adds a deferred check obtained elsewhere (for instance a VM verifier's own). */
    public void add(DeferredIpaCheck check) {
        checks.add(check);
    }

    /** The number of proofs added. */
    public int size() {
        return checks.size() + refusals.size();
    }

    /** Why proofs were refused while being read (empty if none was). */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    /**
     * Whether every proof added is valid: no refusal while reading, and the combined check holds. An empty
     * batch verifies.
     *
     * @throws IllegalArgumentException if the parameters have fewer bases than the largest proof needs
     */
    public boolean verify(IpaParams params) {
        if (!refusals.isEmpty()) {
            return false;
        }
        if (checks.isEmpty()) {
            return true;
        }
        MsmAccumulator acc = new MsmAccumulator();
        long[] weight = new long[4];
        for (DeferredIpaCheck check : checks) {
            if (check.k() > params.k()) {
                throw new IllegalArgumentException("IPA parameters of k = " + params.k() + " cannot check a proof of k = "
                        + check.k());
            }
            do {
                F.random(weights, weight, 0);
            } while (F.isZero(weight, 0));
            check.accumulateInto(acc, weight);
        }
        return acc.isIdentity(params);
    }
}
