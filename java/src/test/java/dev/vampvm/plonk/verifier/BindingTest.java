package dev.vampvm.plonk.verifier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.DeferredIpaCheck;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.commit.MsmAccumulator;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.prover.TestCircuits;
import dev.vampvm.transcript.MalformedProofException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A proof is bound to its verifying key, its k and its public inputs: with any other it is refused. And the
 * verifier's transcript binds them: a verifier that forgets to absorb any one of them rejects honest proofs.
 */
class BindingTest {
    private static JavaBackend backend;
    private static IpaParams params;
    private static VerifyingKey vk;
    private static byte[] proof;
    private static final TestCircuits.StandardGate A = new TestCircuits.StandardGate(3);
    private static final TestCircuits.StandardGate B = new TestCircuits.StandardGate(4);

    @BeforeAll
    static void setUp() {
        backend = new JavaBackend(2);
        params = IpaParams.setup(backend, 6);
        try (ProvingKey pk = Keygen.keygen(params, A, 4)) {
            vk = pk.verifyingKey();
            proof = Prover.prove(params, pk, A, A.instances(), new SplittableRandom(21));
        }
    }

    @AfterAll
    static void tearDown() {
        params.close();
        backend.close();
    }

    @Test
    void honest() {
        assertTrue(Verifier.verify(params, vk, A.instances(), proof));
    }

    @Test
    void otherInstances() {
        assertFalse(Verifier.verify(params, vk, B.instances(), proof));
        // The same instance polynomial with a longer list (a trailing zero): only the absorbed length differs.
        assertFalse(Verifier.verify(params, vk, List.of(List.of(TestCircuits.StandardGate.output(3), Fp.ZERO)),
                proof));
        assertFalse(Verifier.verify(params, vk, List.of(List.of()), proof));
    }

    @Test
    void instancesOfTheWrongShape() {
        assertFalse(Verifier.verify(params, vk, List.of(), proof));
        assertFalse(Verifier.verify(params, vk, List.of(A.instances().get(0), A.instances().get(0)), proof));
        List<Fp> tooMany = new ArrayList<>(Collections.nCopies(vk.constraintSystem().usableRows(4) + 1, Fp.ONE));
        assertFalse(Verifier.verify(params, vk, List.of(tooMany), proof));
    }

    @Test
    void otherVerifyingKeys() {
        TestCircuits.Fibonacci fib = new TestCircuits.Fibonacci(8);
        assertFalse(Verifier.verify(params, Keygen.keygenVk(params, fib, 4), A.instances(), proof));
        TestCircuits.RangeCheck range = new TestCircuits.RangeCheck(1, 2);
        assertFalse(Verifier.verify(params, Keygen.keygenVk(params, range, 5), List.of(), proof));
        // Another k for the same circuit.
        assertFalse(Verifier.verify(params, Keygen.keygenVk(params, A, 5), A.instances(), proof));
        assertFalse(Verifier.verify(params, Keygen.keygenVk(params, A, 6), A.instances(), proof));
        // The same circuit with one fixed commitment changed (a key for other fixed values).
        List<long[]> fixed = new ArrayList<>();
        for (int i = 0; i < vk.fixedCommitmentCount(); i++) {
            fixed.add(vk.fixedCommitment(i));
        }
        fixed.set(2, ShortWeierstrassCurve.VESTA.generatorAffine());
        List<long[]> sigma = new ArrayList<>();
        for (int i = 0; i < vk.permutationCommitmentCount(); i++) {
            sigma.add(vk.permutationCommitment(i));
        }
        VerifyingKey forged = VerifyingKey.of(4, vk.constraintSystem(), fixed, sigma);
        assertFalse(Verifier.verify(params, forged, A.instances(), proof));
    }

    @Test
    void challengeInTheDomainIsRefused() throws Exception {
        var domain = vk.domain();
        for (int i : new int[] {0, 1, 5, vk.n() - 1}) {
            long[] x = domain.omegaPower(i);
            org.junit.jupiter.api.Assertions.assertThrows(MalformedProofException.class,
                    () -> Verifier.vanishingOutsideDomain(domain, x), "x = ω^" + i);
        }
        long[] xn = Verifier.vanishingOutsideDomain(domain, Fp.of(12345).montgomeryLimbs());
        assertFalse(Fp.FIELD.isZero(xn, 0));
    }

    /** Item 0 is the key's hash, then the instance column's length and its value. */
    @Test
    void verifierThatSkipsAnAbsorbedItemRejects() throws Exception {
        int items = 1 + 1 + A.instances().get(0).size();
        assertTrue(accepts(-1), "the hook without a skip must accept");
        for (int skip = 0; skip < items; skip++) {
            assertFalse(accepts(skip), "a verifier skipping absorbed item " + skip + " still accepted");
        }
    }

    private static boolean accepts(int skip) {
        DeferredIpaCheck check;
        try {
            check = Verifier.readSkipping(vk, A.instances(), proof, skip);
        } catch (MalformedProofException e) {
            return false;
        }
        MsmAccumulator acc = new MsmAccumulator();
        check.accumulateInto(acc, Fp.FIELD.one());
        return acc.isIdentity(params);
    }
}
