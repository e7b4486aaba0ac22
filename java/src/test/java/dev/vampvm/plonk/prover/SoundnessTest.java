package dev.vampvm.plonk.prover;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.DenseAssignment;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.dev.MockProver;
import dev.vampvm.plonk.dev.UnsatisfiedConstraintsException;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.prover.TestCircuits.Tamper;
import dev.vampvm.plonk.verifier.Verifier;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A witness that violates one gate, one copy or one lookup: the prover refuses it with the mock prover's report
 * naming that constraint, and a cheating prover that skips its checks makes a proof the verifier refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SoundnessTest {
    private Backend backend;
    private IpaParams params;

    /** The engine the proofs run on; {@code EmulatedCudaSoundnessTest} runs the same refusals on the CUDA engine. */
    Backend newBackend() {
        return new JavaBackend(2);
    }

    @BeforeAll
    void setUp() {
        backend = newBackend();
        params = IpaParams.setup(backend, 6);
    }

    @AfterAll
    void tearDown() {
        if (params != null) {
            params.close();
        }
        if (backend != null) { // null when newBackend() skipped the tests
            backend.close();
        }
    }

    /** Keys come from the honest circuit (the shape does not depend on the witness). */
    private void refused(Circuit<?> honest, Circuit<?> broken, int k, List<List<Fp>> instances,
            String expectedInReport) {
        refused(honest, broken, k, instances, instances, expectedInReport);
    }

    private void refused(Circuit<?> honest, Circuit<?> broken, int k, List<List<Fp>> honestInstances,
            List<List<Fp>> instances, String expectedInReport) {
        assertFalse(MockProver.run(k, broken, instances).isSatisfied());
        try (ProvingKey pk = Keygen.keygen(params, honest, k)) {
            UnsatisfiedConstraintsException e = assertThrows(UnsatisfiedConstraintsException.class,
                    () -> Prover.prove(params, pk, broken, instances, new SplittableRandom(3)));
            assertTrue(e.getMessage().contains(expectedInReport), e.getMessage());
            // A synthesized table: a witness table's refusal is the mock prover's report on it; a table made for
            // proving keeps no copies or fixed values for one, and its refusal says where to look instead.
            DenseAssignment witness = Synthesis.witness(broken, k, instances);
            e = assertThrows(UnsatisfiedConstraintsException.class,
                    () -> Prover.prove(params, pk, witness, new SplittableRandom(3), null));
            assertTrue(e.getMessage().contains(expectedInReport), e.getMessage());
            DenseAssignment forProving = Synthesis.witnessForProving(broken, k, instances);
            IllegalArgumentException bare = assertThrows(IllegalArgumentException.class,
                    () -> Prover.prove(params, pk, forProving, new SplittableRandom(3), null));
            assertTrue(bare.getMessage().contains("MockProver.run"), bare.getMessage());
            byte[] cheat = Prover.proveWithoutChecks(params, pk, broken, instances, new SplittableRandom(4));
            assertFalse(Verifier.verify(params, pk.verifyingKey(), instances, cheat),
                    "a proof of a bad witness must not verify");
            // Sanity: the cheating prover's proofs of a good witness do verify, so the refusal above is the
            // verifier's doing.
            byte[] fair = Prover.proveWithoutChecks(params, pk, honest, honestInstances, new SplittableRandom(5));
            assertTrue(Verifier.verify(params, pk.verifyingKey(), honestInstances, fair));
        }
    }

    @Test
    void violatedGate() {
        TestCircuits.StandardGate honest = new TestCircuits.StandardGate(5);
        refused(honest, new TestCircuits.StandardGate(5, Tamper.GATE), 4, honest.instances(),
                "gate \"standard\" constraint 0");
    }

    @Test
    void violatedCopy() {
        TestCircuits.StandardGate honest = new TestCircuits.StandardGate(5);
        refused(honest, new TestCircuits.StandardGate(5, Tamper.COPY), 4, honest.instances(), "copy constraint");
    }

    @Test
    void violatedCopyToInstance() {
        TestCircuits.Fibonacci honest = new TestCircuits.Fibonacci(12);
        TestCircuits.Fibonacci broken = new TestCircuits.Fibonacci(12, Tamper.COPY);
        refused(honest, honest, 5, honest.instances(), broken.instances(), "copy constraint");
    }

    @Test
    void violatedGateWithRotations() {
        TestCircuits.Fibonacci honest = new TestCircuits.Fibonacci(12);
        refused(honest, new TestCircuits.Fibonacci(12, Tamper.GATE), 5, honest.instances(), "gate \"fibonacci\"");
    }

    @Test
    void violatedLookup() {
        long[] values = {1, 2, 3, 4, 5};
        refused(new TestCircuits.RangeCheck(values), new TestCircuits.RangeCheck(values, Tamper.LOOKUP), 5, List.of(),
                "lookup \"range\"");
    }

    @Test
    void violatedDegreeFiveGate() {
        TestCircuits.Degree5 honest = new TestCircuits.Degree5(6);
        refused(honest, new TestCircuits.Degree5(6, Tamper.GATE), 5, honest.instances(), "gate \"fourth power\"");
    }
}
