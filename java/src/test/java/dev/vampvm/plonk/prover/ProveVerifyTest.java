package dev.vampvm.plonk.prover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.dev.MockProver;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.verifier.ProofLayout;
import dev.vampvm.plonk.verifier.Verifier;
import dev.vampvm.testing.Seeds;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Completeness: honest proofs of each example circuit verify; the same proof with other public inputs does not. */
class ProveVerifyTest {
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

    static void proveAndVerify(Circuit<?> circuit, int k, List<List<Fp>> instances) {
        MockProver.run(k, circuit, instances).assertSatisfied();
        try (ProvingKey pk = Keygen.keygen(params, circuit, k)) {
            ProverTimings timings = new ProverTimings();
            byte[] proof = Prover.prove(params, pk, circuit, instances, new SplittableRandom(1), timings);
            assertTrue(Verifier.verify(params, pk.verifyingKey(), instances, proof), "honest proof must verify");
            assertEquals(ProofLayout.of(pk.verifyingKey()).bytes(), proof.length, "proof size formula");
        }
    }

    @Test
    void standardGateWithCopiesAndInstance() {
        TestCircuits.StandardGate c = new TestCircuits.StandardGate(3);
        proveAndVerify(c, 4, c.instances());
    }

    @Test
    void standardGateRefusesOtherPublicOutput() {
        TestCircuits.StandardGate c = new TestCircuits.StandardGate(3);
        try (ProvingKey pk = Keygen.keygen(params, c, 4)) {
            byte[] proof = Prover.prove(params, pk, c, c.instances(), new SplittableRandom(2));
            assertFalse(Verifier.verify(params, pk.verifyingKey(), List.of(List.of(Fp.of(36))), proof));
        }
    }

    @Test
    void fibonacciWithRotations() {
        TestCircuits.Fibonacci c = new TestCircuits.Fibonacci(20);
        proveAndVerify(c, 5, c.instances());
    }

    @Test
    void lookups() {
        TestCircuits.RangeCheck c = new TestCircuits.RangeCheck(new long[] {0, 3, 3, 15, 7, 1, 1, 1, 9});
        proveAndVerify(c, 5, List.of());
    }

    /**
     * Two selectors with the same rows commit to the same point, which the verifier's multipoint opening groups
     * as one polynomial (so the prover must too); an all-zero fixed column commits to the identity.
     */
    record DuplicateFixedColumns() implements Circuit<Object[]> {
        @Override
        public Object[] configure(dev.vampvm.plonk.ConstraintSystem.Builder cs) {
            var a = cs.adviceColumn("a");
            var b = cs.adviceColumn("b");
            var s1 = cs.selector("s1");
            var s2 = cs.selector("s2");
            var zero = cs.fixedColumn("zero");
            cs.enableEquality(a);
            cs.enableEquality(zero);
            cs.createGate("one", s1.expr().mul(a.cur().sub(b.cur())));
            cs.createGate("two", s2.expr().mul(a.next().sub(b.next())), zero.cur().mul(a.prev()));
            return new Object[] {a, b, s1, s2};
        }

        @Override
        public void synthesize(Object[] c, dev.vampvm.plonk.Assignment t) {
            var a = (dev.vampvm.plonk.AdviceColumn) c[0];
            var b = (dev.vampvm.plonk.AdviceColumn) c[1];
            for (int r = 0; r < 6; r++) {
                long v = r == 5 ? 1 : r * r + 1; // a@5 is a copy of a@0
                t.assignAdvice(a, r, Fp.of(v));
                t.assignAdvice(b, r, Fp.of(v));
            }
            for (int r = 1; r < 4; r++) {
                t.enableSelector((dev.vampvm.plonk.Selector) c[2], r);
                t.enableSelector((dev.vampvm.plonk.Selector) c[3], r);
            }
            t.copy(a.cell(0), a.cell(5));
        }
    }

    @Test
    void equalAndIdentityFixedCommitments() {
        DuplicateFixedColumns c = new DuplicateFixedColumns();
        try (ProvingKey pk = Keygen.keygen(params, c, 4)) {
            var vk = pk.verifyingKey();
            org.junit.jupiter.api.Assertions.assertArrayEquals(vk.fixedCommitment(0), vk.fixedCommitment(1));
            assertTrue(dev.vampvm.curve.ShortWeierstrassCurve.VESTA.isIdentityAffine(vk.fixedCommitment(2), 0));
        }
        proveAndVerify(c, 4, List.of());
    }

    @Test
    void randomShapes() {
        SplittableRandom seeds = Seeds.rng("ProveVerifyTest.randomShapes");
        int count = Integer.getInteger("vampvm.randomCircuits", 10);
        for (int i = 0; i < count; i++) {
            long seed = seeds.nextLong();
            int k = 4 + i % 5;
            RandomCircuit c = new RandomCircuit(seed);
            if (Boolean.getBoolean("vampvm.verbose")) {
                System.out.println("random circuit " + seed + " at k = " + k + ": "
                        + dev.vampvm.plonk.Synthesis.configure(c));
            }
            try {
                proveAndVerify(c, k, c.instances(k));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("random circuit " + seed + " at k = " + k + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void degreeFiveGateAndInstanceRotation() {
        TestCircuits.Degree5 c = new TestCircuits.Degree5(10);
        proveAndVerify(c, 5, c.instances());
    }

    /** Two fixed columns with equal values: keygen keeps one polynomial, the verifier one commitment, as they must. */
    record TwinFixedColumns() implements Circuit<TwinFixedColumns.Config> {
        record Config(dev.vampvm.plonk.AdviceColumn a, dev.vampvm.plonk.FixedColumn f, dev.vampvm.plonk.FixedColumn g) {
        }

        @Override
        public Config configure(dev.vampvm.plonk.ConstraintSystem.Builder cs) {
            dev.vampvm.plonk.AdviceColumn a = cs.adviceColumn("a");
            dev.vampvm.plonk.FixedColumn f = cs.fixedColumn("f");
            dev.vampvm.plonk.FixedColumn g = cs.fixedColumn("g");
            cs.createGate("f", f.cur().mul(a.cur().sub(a.next())));
            cs.createGate("g", g.cur().mul(a.cur().sub(a.next())));
            return new Config(a, f, g);
        }

        @Override
        public void synthesize(Config c, dev.vampvm.plonk.Assignment t) {
            for (int i = 0; i < 5; i++) {
                if (i < 4) {
                    t.assignFixed(c.f(), i, Fp.of(i + 1));
                    t.assignFixed(c.g(), i, Fp.of(i + 1));
                }
                t.assignAdvice(c.a(), i, Fp.of(7));
            }
        }
    }

    @Test
    void equalFixedColumnsAreOnePolynomial() {
        proveAndVerify(new TwinFixedColumns(), 4, List.of());
    }
}
