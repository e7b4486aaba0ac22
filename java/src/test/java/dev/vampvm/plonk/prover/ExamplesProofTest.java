package dev.vampvm.plonk.prover;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.plonk.dev.UnsatisfiedConstraintsException;
import dev.vampvm.plonk.examples.ExampleCircuit;
import dev.vampvm.plonk.examples.ExampleFault;
import dev.vampvm.plonk.examples.FibonacciCircuit;
import dev.vampvm.plonk.examples.RangeCheckCircuit;
import dev.vampvm.plonk.examples.SboxCircuit;
import dev.vampvm.plonk.examples.StandardGateCircuit;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.verifier.Verifier;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The constraint-system engineer's example circuits (standard gate, Fibonacci with rotations and constants, the
 * byte range check, the selector-free x⁵ S-box chain): each honest witness proves and verifies; each single-fault
 * variant is refused by the prover with a report naming the gate or lookup and the row, and a cheating prover's
 * proof of it is refused by the verifier.
 */
class ExamplesProofTest {
    private static JavaBackend backend;
    private static IpaParams params;

    @BeforeAll
    static void setUp() {
        backend = new JavaBackend(2);
        params = IpaParams.setup(backend, 9);
    }

    @AfterAll
    static void tearDown() {
        params.close();
        backend.close();
    }

    private static void check(BiFunction<Long, ExampleFault, ExampleCircuit<?>> make, List<ExampleFault> faults) {
        long seed = 7;
        ExampleCircuit<?> honest = make.apply(seed, ExampleFault.NONE);
        int k = honest.k();
        try (ProvingKey pk = Keygen.keygen(params, honest, k)) {
            byte[] proof = Prover.prove(params, pk, honest, honest.instances(), new SplittableRandom(1));
            assertTrue(Verifier.verify(params, pk.verifyingKey(), honest.instances(), proof), "honest " + honest);
            for (ExampleFault fault : faults) {
                ExampleCircuit<?> broken = make.apply(seed, fault);
                UnsatisfiedConstraintsException e = assertThrows(UnsatisfiedConstraintsException.class,
                        () -> Prover.prove(params, pk, broken, broken.instances(), new SplittableRandom(2)), "" + fault);
                String report = e.getMessage();
                if (broken.faultName() != null) {
                    assertTrue(report.contains("\"" + broken.faultName() + "\""), report);
                }
                assertTrue(report.contains("row " + broken.faultRow()) || report.contains("@" + broken.faultRow()),
                        report);
                byte[] cheat = Prover.proveWithoutChecks(params, pk, broken, broken.instances(), new SplittableRandom(3));
                assertFalse(Verifier.verify(params, pk.verifyingKey(), broken.instances(), cheat), "" + fault);
            }
        }
    }

    @Test
    void standardGate() {
        check((seed, fault) -> StandardGateCircuit.create(6, seed, fault), List.of(ExampleFault.GATE, ExampleFault.COPY));
    }

    @Test
    void fibonacci() {
        check((seed, fault) -> FibonacciCircuit.create(6, seed, fault), List.of(ExampleFault.GATE, ExampleFault.COPY));
    }

    @Test
    void selectorFreeSboxChain() {
        check((seed, fault) -> SboxCircuit.create(5, seed, fault), List.of(ExampleFault.GATE, ExampleFault.COPY));
    }

    @Test
    @Tag("slow")
    void byteRangeCheck() {
        check((seed, fault) -> RangeCheckCircuit.create(9, seed, fault),
                List.of(ExampleFault.GATE, ExampleFault.LOOKUP));
    }
}
