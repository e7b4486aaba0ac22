package dev.vampvm.plonk.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.AdviceColumn;
import dev.vampvm.plonk.Assignment;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.DenseAssignment;
import dev.vampvm.plonk.FixedColumn;
import dev.vampvm.plonk.InstanceColumn;
import dev.vampvm.plonk.Selector;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.examples.ExampleCircuit;
import dev.vampvm.plonk.examples.ExampleFault;
import dev.vampvm.plonk.examples.FibonacciCircuit;
import dev.vampvm.plonk.examples.RangeCheckCircuit;
import dev.vampvm.plonk.examples.SboxCircuit;
import dev.vampvm.plonk.examples.StandardGateCircuit;
import dev.vampvm.testing.Seeds;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MockProverTest {

    private static MockProver run(ExampleCircuit<?> c) {
        return MockProver.run(c.k(), c, c.instances());
    }

    private static long seed(String name) {
        return Seeds.rng(name).nextLong();
    }

    @Test
    void honestExamplesAreSatisfied() {
        long s = seed("MockProverTest.honestExamplesAreSatisfied");
        for (ExampleCircuit<?> c : List.<ExampleCircuit<?>>of(StandardGateCircuit.create(6, s),
                FibonacciCircuit.create(6, s), RangeCheckCircuit.create(9, s), SboxCircuit.create(6, s))) {
            MockProver p = run(c);
            assertEquals(List.of(), p.failures(), () -> c.getClass().getSimpleName() + ": " + p.report());
            p.assertSatisfied();
            assertTrue(p.isSatisfied());
        }
    }

    /** Each faulty variant yields exactly one failure, of the expected kind, name and row. */
    @Test
    void eachFaultIsReportedExactlyOnce() {
        long s = seed("MockProverTest.eachFaultIsReportedExactlyOnce");
        List<ExampleCircuit<?>> faulty = List.of(
                StandardGateCircuit.create(6, s, ExampleFault.GATE),
                StandardGateCircuit.create(6, s, ExampleFault.COPY),
                FibonacciCircuit.create(6, s, ExampleFault.GATE),
                FibonacciCircuit.create(6, s, ExampleFault.COPY),
                RangeCheckCircuit.create(9, s, ExampleFault.GATE),
                RangeCheckCircuit.create(9, s, ExampleFault.LOOKUP),
                SboxCircuit.create(6, s, ExampleFault.GATE),
                SboxCircuit.create(6, s, ExampleFault.COPY));
        for (ExampleCircuit<?> c : faulty) {
            String what = c.getClass().getSimpleName() + " " + c.fault();
            MockProver p = run(c);
            assertEquals(1, p.failures().size(), () -> what + ": " + p.report());
            VerifyFailure f = p.failures().get(0);
            switch (c.fault()) {
                case GATE -> {
                    VerifyFailure.ConstraintNotSatisfied g = assertInstanceOf(VerifyFailure.ConstraintNotSatisfied.class, f, what);
                    assertEquals(c.faultName(), g.gate(), what);
                    assertEquals(c.faultRow(), g.row(), what);
                }
                case COPY -> {
                    VerifyFailure.Permutation g = assertInstanceOf(VerifyFailure.Permutation.class, f, what);
                    assertEquals(c.faultRow(), g.row(), what);
                }
                case LOOKUP -> {
                    VerifyFailure.Lookup g = assertInstanceOf(VerifyFailure.Lookup.class, f, what);
                    assertEquals(c.faultName(), g.name(), what);
                    assertEquals(c.faultRow(), g.row(), what);
                }
                default -> throw new AssertionError(what);
            }
            assertThrows(UnsatisfiedConstraintsException.class, p::assertSatisfied);
        }
    }

    /** A table made for proving keeps no fixed values or copies to check: refused, saying what to check instead. */
    @Test
    void aTableForProvingIsRefused() {
        ExampleCircuit<?> c = StandardGateCircuit.create(6, seed("MockProverTest.aTableForProvingIsRefused"));
        DenseAssignment proving = Synthesis.witnessForProving(c, c.k(), c.instances());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MockProver.check(proving));
        assertTrue(e.getMessage().contains("run(k, circuit, instances)"), e.getMessage());
    }

    @Test
    void faultyVariantsHaveTheHonestShape() {
        long s = seed("MockProverTest.faultyVariantsHaveTheHonestShape");
        // Same fixed columns and copies: a prover test can key-generate with the honest circuit.
        for (ExampleFault fault : List.of(ExampleFault.GATE, ExampleFault.COPY)) {
            var honest = Synthesis.shape(StandardGateCircuit.create(5, s), 5);
            var broken = Synthesis.shape(StandardGateCircuit.create(5, s, fault), 5);
            assertTrue(java.util.Arrays.equals(honest.permutation().flatMapping(), broken.permutation().flatMapping()));
            assertEquals(honest.constraintSystem().permutationColumns().size(), broken.constraintSystem().permutationColumns().size());
            for (int c = 0; c < honest.constraintSystem().numFixedColumns(); c++) {
                assertTrue(java.util.Arrays.equals(honest.fixedValues(c), broken.fixedValues(c)));
            }
        }
    }

    @Test
    void theMessageNamesGateConstraintRowAndValues() {
        StandardGateCircuit c = StandardGateCircuit.create(5, 11, ExampleFault.GATE);
        MockProver p = run(c);
        UnsatisfiedConstraintsException e = assertThrows(UnsatisfiedConstraintsException.class, p::assertSatisfied);
        String m = e.getMessage();
        assertTrue(m.startsWith("1 failure:\n  - gate \"standard\" constraint 0 \"a·sl + b·sr + a·b·sm + c·so + sc\""
                + " (\"a[0]·sl[0] + b[0]·sr[0] + a[0]·b[0]·sm[0] + c[0]·so[0] + sc[0]\") is not satisfied at row "
                + c.faultRow() + ": a[0] = "), m);
        for (String cell : List.of("sl[0] = ", "b[0] = ", "sr[0] = ", "sm[0] = ", "c[0] = ", "so[0] = ", "sc[0] = ")) {
            assertTrue(m.contains(cell), m);
        }
        assertEquals(e.failures(), p.failures());
        VerifyFailure.ConstraintNotSatisfied f = (VerifyFailure.ConstraintNotSatisfied) p.failures().get(0);
        assertEquals(8, f.cells().size());
        assertEquals(c.faultRow(), f.cells().get(0).row());
    }

    @Test
    void theCopyMessageNamesBothCellsAndValues() {
        MockProver p = run(SboxCircuit.create(4, 5, ExampleFault.COPY));
        String m = p.failures().get(0).message();
        assertTrue(m.matches("copy constraint x@\\d+ = y@\\d+ is not satisfied: x@\\d+ = \\S+ but y@\\d+ = \\S+"), m);
    }

    /** A one-gate circuit configured and synthesized by lambdas, for the edge cases below. */
    private record Tiny(Function<ConstraintSystem.Builder, Cols> configure, BiConsumer<Cols, Assignment> synthesize)
            implements Circuit<Tiny.Cols> {
        record Cols(AdviceColumn a, AdviceColumn b, Selector q, FixedColumn t, InstanceColumn pub) {
        }

        static Cols columns(ConstraintSystem.Builder cs) {
            return new Cols(cs.adviceColumn("a"), cs.adviceColumn("b"), cs.selector("q"), cs.fixedColumn("t"),
                    cs.instanceColumn("pub"));
        }

        @Override
        public Cols configure(ConstraintSystem.Builder cs) {
            return configure.apply(cs);
        }

        @Override
        public void synthesize(Cols cols, Assignment a) {
            synthesize.accept(cols, a);
        }
    }

    @Test
    void anEnabledGateReadingAnUnassignedCellIsReported() {
        Tiny c = new Tiny(cs -> {
            Tiny.Cols x = Tiny.columns(cs);
            cs.createGate("eq", x.q().expr().mul(x.a().cur().sub(x.b().cur())), x.q().expr().mul(x.b().cur()));
            return x;
        }, (x, a) -> {
            a.enableSelector(x.q(), 2);
            a.assignAdvice(x.a(), 2, Fp.ZERO);
            // b is never assigned; where q is off that must not matter.
        });
        MockProver p = MockProver.run(4, c, List.of(List.of()));
        assertEquals(1, p.failures().size(), p.report());
        VerifyFailure.CellNotAssigned f = assertInstanceOf(VerifyFailure.CellNotAssigned.class, p.failures().get(0));
        assertEquals("eq", f.gate());
        assertEquals(2, f.gateRow());
        assertEquals(2, f.row());
        assertEquals("b", f.column().name());
        assertFalse(f.blindingRow());
        assertEquals("gate \"eq\" constraint 0 at row 2 reads advice cell b@2 (b[0]), which was never assigned",
                f.message());
    }

    @Test
    void aGateReachingIntoTheBlindingRowsIsReported() {
        Tiny c = new Tiny(cs -> {
            Tiny.Cols x = Tiny.columns(cs);
            cs.createGate("step", x.q().expr().mul(x.a().next().sub(x.a().cur())));
            return x;
        }, (x, a) -> {
            int last = a.usableRows() - 1;
            for (int r = 0; r <= last; r++) {
                a.assignAdvice(x.a(), r, Fp.of(7));
            }
            a.enableSelector(x.q(), last);
        });
        MockProver p = MockProver.run(4, c, List.of(List.of()));
        assertEquals(1, p.failures().size(), p.report());
        VerifyFailure.CellNotAssigned f = assertInstanceOf(VerifyFailure.CellNotAssigned.class, p.failures().get(0));
        assertTrue(f.blindingRow());
        assertEquals(10, f.row());
        assertTrue(f.message().contains("which is a blinding row"), f.message());
    }

    @Test
    void rotationsWrapAroundTheTable() {
        // a[−1] at row 0 reads row n − 1: a blinding row.
        Tiny c = new Tiny(cs -> {
            Tiny.Cols x = Tiny.columns(cs);
            cs.createGate("back", x.q().expr().mul(x.a().prev()));
            return x;
        }, (x, a) -> a.enableSelector(x.q(), 0));
        VerifyFailure.CellNotAssigned f = assertInstanceOf(VerifyFailure.CellNotAssigned.class,
                MockProver.run(4, c, List.of(List.of())).failures().get(0));
        assertEquals(15, f.row());
        assertTrue(f.blindingRow());
    }

    @Test
    void instanceCellsBeyondTheValuesAreReportedWhenRead() {
        Tiny c = new Tiny(cs -> {
            Tiny.Cols x = Tiny.columns(cs);
            cs.createGate("public", x.q().expr().mul(x.a().cur().sub(x.pub().cur())));
            return x;
        }, (x, a) -> {
            for (int r = 0; r < 3; r++) {
                a.enableSelector(x.q(), r);
                a.assignAdvice(x.a(), r, a.instance(x.pub(), r).value());
            }
        });
        assertTrue(MockProver.run(4, c, List.of(List.of(Fp.ONE, Fp.of(2), Fp.of(3)))).isSatisfied());
        MockProver p = MockProver.run(4, c, List.of(List.of(Fp.ONE, Fp.of(2))));
        assertEquals(1, p.failures().size(), p.report());
        VerifyFailure.InstanceCellNotAssigned f =
                assertInstanceOf(VerifyFailure.InstanceCellNotAssigned.class, p.failures().get(0));
        assertEquals(2, f.row());
        assertEquals("pub", f.column().name());
        assertTrue(f.message().endsWith("but only 2 public values were given for pub"), f.message());
    }

    @Test
    void theWrongNumberOrLengthOfInstanceColumnsIsReported() {
        FibonacciCircuit fib = FibonacciCircuit.create(4, 3);
        MockProver none = MockProver.run(4, fib, List.of());
        assertEquals(new VerifyFailure.InstanceColumnCount(1, 0), none.failures().get(0));
        assertEquals("the circuit has 1 instance columns but 0 were given", none.failures().get(0).message());
        MockProver extra = MockProver.run(4, fib, List.of(fib.instances().get(0), List.of()));
        assertEquals(List.of(new VerifyFailure.InstanceColumnCount(1, 2)), extra.failures());

        List<Fp> tooLong = new java.util.ArrayList<>(fib.instances().get(0));
        while (tooLong.size() < 11) {
            tooLong.add(Fp.ZERO);
        }
        MockProver longer = MockProver.run(4, fib, List.of(tooLong));
        VerifyFailure.InstanceColumnTooLong f = assertInstanceOf(VerifyFailure.InstanceColumnTooLong.class,
                longer.failures().get(0));
        assertEquals(11, f.values());
        assertEquals(10, f.usableRows());
        assertEquals(1, longer.failures().size(), longer.report());
    }

    @Test
    void aViolatedConstantIsACopyFailureNamingTheConstant() {
        Tiny c = new Tiny(cs -> {
            Tiny.Cols x = Tiny.columns(cs);
            cs.enableEquality(x.a());
            cs.constantColumn("const");
            return x;
        }, (x, a) -> {
            a.assignAdvice(x.a(), 4, Fp.of(5));
            a.constrainConstant(x.a().cell(4), Fp.of(7));
            a.annotateRow(4, "main.pir:3:9 `x = 7`");
        });
        MockProver p = MockProver.run(4, c, List.of(List.of()));
        VerifyFailure.Permutation f = assertInstanceOf(VerifyFailure.Permutation.class, p.failures().get(0));
        assertEquals("copy constraint a@4 = const@0 (a constant) is not satisfied [main.pir:3:9 `x = 7`]: a@4 = 5 but"
                + " const@0 = 7", f.message());
        assertTrue(f.otherIsConstant());
    }

    @Test
    void lookupsOfTuplesReportTheInputValues() {
        Tiny c = new Tiny(cs -> {
            Tiny.Cols x = Tiny.columns(cs);
            FixedColumn square = cs.fixedColumn("square");
            // (a, b) must be a row of (t, square): b = a² for a in 0..7.
            cs.lookup("square", List.of(x.q().expr().mul(x.a().cur()), x.q().expr().mul(x.b().cur())),
                    List.of(x.t().cur(), square.cur()));
            return x;
        }, (x, a) -> {
            FixedColumn square = a.constraintSystem().fixedColumns().get(2);
            for (int i = 0; i < 8; i++) {
                a.assignFixed(x.t(), i, Fp.of(i));
                a.assignFixed(square, i, Fp.of((long) i * i));
            }
            for (int r = 0; r < 4; r++) {
                a.enableSelector(x.q(), r);
                a.assignAdvice(x.a(), r, Fp.of(r + 3));
                a.assignAdvice(x.b(), r, Fp.of(r == 2 ? 24 : (long) (r + 3) * (r + 3)));
            }
        });
        MockProver p = MockProver.run(4, c, List.of(List.of()));
        assertEquals(1, p.failures().size(), p.report());
        VerifyFailure.Lookup f = assertInstanceOf(VerifyFailure.Lookup.class, p.failures().get(0));
        assertEquals(List.of(Fp.of(5), Fp.of(24)), f.values());
        assertEquals("lookup \"square\" is not satisfied at row 2: (q[0]·a[0], q[0]·b[0]) = (5, 24) is not in the table",
                f.message());
    }

    @Test
    void longReportsAreCappedButFailuresAreAllKept() {
        Tiny c = new Tiny(cs -> {
            Tiny.Cols x = Tiny.columns(cs);
            cs.createGate("never", dev.vampvm.plonk.Expression.constant(1));
            return x;
        }, (x, a) -> {
        });
        MockProver p = MockProver.run(11, c, List.of(List.of()));
        int usable = p.assignment().usableRows();
        assertEquals(usable, p.failures().size());
        String report = p.report();
        assertTrue(report.startsWith(usable + " failures:"), report.substring(0, 40));
        assertTrue(report.endsWith("… and " + (usable - MockProver.REPORT_LIMIT)
                + " more (MockProver.failures() has them all)"), report.substring(report.length() - 80));
    }

    @Test
    void costReportsRowsColumnsAndK() {
        StandardGateCircuit c = StandardGateCircuit.create(6, 40, 3, ExampleFault.NONE);
        CircuitCost cost = run(c).cost();
        assertEquals(40, cost.rowsUsed());
        assertEquals(6, cost.minimumK());
        assertEquals(3, cost.adviceColumns());
        assertEquals(5, cost.fixedColumns());
        assertEquals(1, cost.instanceColumns());
        assertEquals(1, cost.gates());
        assertEquals(3, cost.degree());
        assertEquals(4, cost.permutationColumns());
        assertEquals(4, cost.permutationChunks());
        assertEquals(c.wires().size(), cost.copies());
        assertEquals(5, cost.blindingFactors());
        CircuitCost shape = CircuitCost.measure(c, 6);
        assertEquals(cost, shape, "the shape alone gives the same figures");
        assertTrue(cost.render().contains("permutationChunks:   4"), cost.render());

        CircuitCost range = CircuitCost.measure(RangeCheckCircuit.create(10, 1), 10);
        assertEquals(2, range.lookups());
        assertEquals(5, range.degree());
        assertEquals(1, range.selectors());
        assertEquals(10, range.minimumK(), "it fills every usable row at k = 10");
    }
}
