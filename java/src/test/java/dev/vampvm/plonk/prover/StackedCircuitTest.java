package dev.vampvm.plonk.prover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.bench.ProveBenchmark.StandardGateChain;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.StackedCircuit;
import dev.vampvm.plonk.StandardGate;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.dev.MockProver;
import dev.vampvm.plonk.dev.VerifyFailure;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.verifier.Verifier;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many instances of one circuit in one proof: each copy keeps its own rows, public values and copies. */
class StackedCircuitTest {

    private static final int ROWS = 12;
    private static JavaBackend backend;
    private static IpaParams params;

    @BeforeAll
    static void setUp() {
        backend = new JavaBackend(2);
        params = IpaParams.setup(backend, 8);
    }

    @AfterAll
    static void tearDown() {
        params.close();
        backend.close();
    }

    private static List<StandardGateChain> chains(int m) {
        List<StandardGateChain> copies = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            copies.add(new StandardGateChain(ROWS, 3 + i));
        }
        return copies;
    }

    private static List<List<List<Fp>>> outputs(List<StandardGateChain> copies) {
        List<List<List<Fp>>> perCopy = new ArrayList<>();
        for (StandardGateChain c : copies) {
            perCopy.add(List.of(List.of(c.output())));
        }
        return perCopy;
    }

    @Test
    void stackedCopiesProveAndVerifyAsOneProof() {
        List<StandardGateChain> copies = chains(5);
        StackedCircuit<StandardGate> stacked = new StackedCircuit<>(copies, ROWS);
        int k = stacked.minimumK(Synthesis.configure(stacked));
        List<List<Fp>> instances = stacked.instances(outputs(copies));
        assertEquals(4 * ROWS + 1, instances.get(0).size(), "copy i's output sits at row i·R");
        assertEquals(copies.get(2).output(), instances.get(0).get(2 * ROWS));
        MockProver.run(k, stacked, instances).assertSatisfied();
        try (ProvingKey pk = Keygen.keygen(params, stacked, k)) {
            byte[] proof = Prover.prove(params, pk, stacked, instances, new SplittableRandom(5));
            assertTrue(Verifier.verify(params, pk.verifyingKey(), instances, proof));
            // Another copy's output in copy 3's place is refused.
            List<List<Fp>> swapped = new ArrayList<>(List.of(new ArrayList<>(instances.get(0))));
            swapped.get(0).set(3 * ROWS, copies.get(1).output());
            assertFalse(Verifier.verify(params, pk.verifyingKey(), swapped, proof));
        }
    }

    @Test
    void aWrongCopyIsReportedAtItsOwnRows() {
        List<StandardGateChain> copies = chains(3);
        StackedCircuit<StandardGate> stacked = new StackedCircuit<>(copies, ROWS);
        int k = stacked.minimumK(Synthesis.configure(stacked));
        List<List<List<Fp>>> perCopy = outputs(copies);
        perCopy.set(2, List.of(List.of(copies.get(2).output().add(Fp.ONE))));
        List<VerifyFailure> failures = MockProver.run(k, stacked, stacked.instances(perCopy)).failures();
        assertEquals(1, failures.size(), failures.toString());
        VerifyFailure.Permutation f = assertInstanceOf(VerifyFailure.Permutation.class, failures.get(0));
        assertTrue(f.row() >= 2 * ROWS, "the failure is in copy 2's rows: " + f);
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StackedCircuit<>(List.of(), ROWS));
        assertThrows(IllegalArgumentException.class, () -> new StackedCircuit<>(chains(2), 0));
        StackedCircuit<StandardGate> tooMany = new StackedCircuit<>(chains(40), ROWS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Synthesis.witness(tooMany, 6, List.of(List.of())));
        assertTrue(e.getMessage().contains("usable rows"), e.getMessage());
        // A copy that writes past its R rows.
        StackedCircuit<StandardGate> overflow = new StackedCircuit<>(List.of(new StandardGateChain(ROWS + 1, 3)), ROWS);
        e = assertThrows(IllegalArgumentException.class, () -> Synthesis.witness(overflow, 6, List.of(List.of())));
        assertTrue(e.getMessage().contains("outside this copy's rows"), e.getMessage());
        StackedCircuit<StandardGate> two = new StackedCircuit<>(chains(2), ROWS);
        assertThrows(IllegalArgumentException.class, () -> two.instances(outputs(chains(3))));
    }
}
