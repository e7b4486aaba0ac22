package dev.vampvm.plonk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.plonk.examples.FibonacciCircuit;
import dev.vampvm.plonk.examples.RangeCheckCircuit;
import dev.vampvm.plonk.examples.SboxCircuit;
import dev.vampvm.plonk.examples.StandardGateCircuit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ConstraintSystemTest {

    @Test
    void queriesAreSortedByColumnThenRotationWhateverTheDeclarationOrder() {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        AdviceColumn x = b.adviceColumn("x");
        AdviceColumn y = b.adviceColumn("y");
        FixedColumn f = b.fixedColumn("f");
        InstanceColumn pub = b.instanceColumn("pub");
        b.createGate("g", y.cur().mul(x.next()).add(x.prev()).sub(f.query(2)));
        b.createGate("h", x.cur().mul(f.cur()).add(x.next()));
        b.enableEquality(pub);
        ConstraintSystem cs = b.build();
        assertEquals(List.of(x.prev(), x.cur(), x.next(), y.cur()), cs.adviceQueries());
        assertEquals(List.of(f.cur(), f.query(2)), cs.fixedQueries());
        assertEquals(List.of(pub.cur()), cs.instanceQueries(), "equality columns are queried at rotation 0");
        assertEquals(2, cs.queryIndex(x.next()));
        assertEquals(1, cs.queryIndex(f.query(2)));
        assertEquals(3, cs.numAdviceQueries(0));
        assertEquals(1, cs.numAdviceQueries(1));
        assertEquals(List.of(-1, 0, 1, 2), cs.rotations());
        assertThrows(IllegalArgumentException.class, () -> cs.queryIndex(y.next()));
    }

    @Test
    void equalityColumnsAreOrderedAdviceFixedInstanceByIndex() {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        AdviceColumn a0 = b.adviceColumn();
        AdviceColumn a1 = b.adviceColumn();
        FixedColumn f0 = b.fixedColumn();
        InstanceColumn i0 = b.instanceColumn();
        b.enableEquality(i0);
        b.enableEquality(a1);
        b.enableEquality(f0);
        b.enableEquality(a0);
        b.enableEquality(a1);
        ConstraintSystem cs = b.build();
        assertEquals(List.<Column>of(a0, a1, f0, i0), cs.permutationColumns());
        assertEquals(2, cs.permutationIndex(f0));
        assertEquals(List.of(f0.cur()), cs.fixedQueries());
    }

    @Test
    void degreeIsAtLeastThreeForThePermutation() {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        AdviceColumn a = b.adviceColumn();
        b.createGate("linear", a.cur().sub(1));
        assertEquals(3, b.build().degree());
        assertEquals(3, ConstraintSystem.builder().build().degree());
    }

    @Test
    void degreeCoversGatesLookupsAndMinimum() {
        assertEquals(3, Synthesis.configure(StandardGateCircuit.create(5, 1)).degree());
        assertEquals(3, Synthesis.configure(FibonacciCircuit.create(5, 1)).degree());
        assertEquals(5, Synthesis.configure(SboxCircuit.create(5, 1)).degree());
        // q·lo into a fixed column: 2 + 2 + 1.
        assertEquals(5, Synthesis.configure(RangeCheckCircuit.create(9, 1)).degree());

        ConstraintSystem.Builder b = ConstraintSystem.builder();
        AdviceColumn a = b.adviceColumn();
        FixedColumn t = b.fixedColumn();
        Lookup plain = b.lookup("plain", a.cur(), t.cur());
        assertEquals(4, plain.requiredDegree(), "never below 4");
        assertEquals(4, b.build().degree());

        ConstraintSystem.Builder b2 = ConstraintSystem.builder();
        AdviceColumn x = b2.adviceColumn();
        AdviceColumn y = b2.adviceColumn();
        FixedColumn t2 = b2.fixedColumn();
        b2.lookup("wide", List.of(x.cur().mul(y.cur()).mul(x.cur()), y.cur()), List.of(t2.cur().square(), t2.cur()));
        assertEquals(2 + 3 + 2, b2.build().degree());

        ConstraintSystem.Builder b3 = ConstraintSystem.builder();
        b3.setMinimumDegree(9);
        assertEquals(9, b3.build().degree());
    }

    @Test
    void permutationIsChunkedToFitTheDegree() {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        for (int i = 0; i < 7; i++) {
            b.enableEquality(b.adviceColumn());
        }
        ConstraintSystem cs3 = b.build();
        assertEquals(1, cs3.permutationChunkSize());
        assertEquals(7, cs3.permutationChunks());

        ConstraintSystem.Builder b5 = ConstraintSystem.builder();
        for (int i = 0; i < 7; i++) {
            b5.enableEquality(b5.adviceColumn());
        }
        b5.setMinimumDegree(5);
        ConstraintSystem cs5 = b5.build();
        assertEquals(3, cs5.permutationChunkSize());
        assertEquals(3, cs5.permutationChunks());
        assertEquals(0, ConstraintSystem.builder().build().permutationChunks());
    }

    @Test
    void blindingFactorsFollowTheMostQueriedAdviceColumn() {
        assertEquals(5, ConstraintSystem.builder().build().blindingFactors(), "no advice: max(3, 1) + 2");
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        AdviceColumn a = b.adviceColumn();
        b.createGate("three", a.prev().add(a.cur()).sub(a.next()));
        assertEquals(5, b.build().blindingFactors(), "three rotations: max(3, 3) + 2");

        ConstraintSystem.Builder b4 = ConstraintSystem.builder();
        AdviceColumn x = b4.adviceColumn();
        FixedColumn f = b4.fixedColumn();
        b4.createGate("four", x.query(-2).add(x.prev()).add(x.cur()).add(x.next()).add(f.query(5)).add(f.query(-5)));
        ConstraintSystem cs = b4.build();
        assertEquals(6, cs.blindingFactors(), "four rotations: 4 + 2; fixed queries do not count");
        assertEquals(9, cs.minimumRows());
        assertEquals(16 - 7, cs.usableRows(4));
        assertEquals(4, cs.minimumK(1));
        assertEquals(4, cs.minimumK(9));
        assertEquals(5, cs.minimumK(10));
    }

    @Test
    void kTooSmallOrTooLargeIsRefused() {
        ConstraintSystem cs = ConstraintSystem.builder().build();
        assertEquals(8, cs.minimumRows());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cs.usableRows(2));
        assertTrue(e.getMessage().contains("k = 2 gives 4 rows"), e.getMessage());
        assertTrue(e.getMessage().contains("at least 8"), e.getMessage());
        assertEquals(8 - 6, cs.usableRows(3));
        assertThrows(IllegalArgumentException.class, () -> cs.usableRows(ConstraintSystem.MAX_K + 1));
        assertThrows(IllegalArgumentException.class, () -> cs.usableRows(0));
    }

    @Test
    void selectorsAndConstantColumnsAreFlaggedFixedColumns() {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        FixedColumn plain = b.fixedColumn("plain");
        Selector q = b.selector("q");
        FixedColumn k = b.constantColumn("k");
        ConstraintSystem cs = b.build();
        assertEquals(List.of(plain, q.column(), k), cs.fixedColumns());
        assertTrue(cs.isSelector(q.column()));
        assertFalse(cs.isSelector(plain));
        assertTrue(cs.isConstantColumn(k));
        assertTrue(cs.isEqualityEnabled(k), "constants are copied, so their column takes part in the permutation");
        assertEquals(List.of(q), cs.selectors());
        assertEquals(q.column().cur(), q.expr());
    }

    @Test
    void aGateWithoutConstraintsIsRefused() {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.createGate("empty", List.of()));
        assertEquals("gate \"empty\" has no constraints: give it at least one polynomial", e.getMessage());
    }

    @Test
    void aLookupWithMismatchedTuplesIsRefused() {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        AdviceColumn a = b.adviceColumn("a");
        FixedColumn t = b.fixedColumn("t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.lookup("pair", List.of(a.cur(), a.next()), List.of(t.cur())));
        assertTrue(e.getMessage().contains("lookup \"pair\" has 2 input expressions but 1 table expressions"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.lookup("none", List.of(), List.of()));
    }

    @Test
    void aColumnOfAnotherSystemIsRefusedEverywhere() {
        ConstraintSystem.Builder mine = ConstraintSystem.builder();
        AdviceColumn a = mine.adviceColumn("a");
        FixedColumn t = mine.fixedColumn("t");
        AdviceColumn foreign = ConstraintSystem.builder().adviceColumn("a");
        List<Executable> uses = List.of(
                () -> mine.createGate("g", a.cur().sub(foreign.cur())),
                () -> mine.lookup("l", foreign.cur(), t.cur()),
                () -> mine.lookup("l", a.cur(), foreign.cur()),
                () -> mine.enableEquality(foreign));
        for (Executable use : uses) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, use);
            assertTrue(e.getMessage().contains("column a belongs to constraint system #"), e.getMessage());
            assertTrue(e.getMessage().contains("cannot be shared"), e.getMessage());
        }
        AdviceColumn forged = new AdviceColumn(0, "renamed", mine.id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mine.enableEquality(forged));
        assertTrue(e.getMessage().contains("was not created by this builder"), e.getMessage());
        ConstraintSystem cs = mine.build();
        assertTrue(cs.owns(a));
        assertFalse(cs.owns(foreign));
        assertFalse(cs.owns(forged));
        assertFalse(cs.owns(new AdviceColumn(5, "a5", mine.id())));
    }

    @Test
    void aBuiltSystemCannotChange() {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        AdviceColumn a = b.adviceColumn();
        ConstraintSystem cs = b.build();
        assertSame(cs, b.build());
        IllegalStateException e = assertThrows(IllegalStateException.class, b::adviceColumn);
        assertTrue(e.getMessage().contains("already built"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> b.createGate("g", a.cur()));
        assertThrows(IllegalStateException.class, () -> b.enableEquality(a));
        assertThrows(IllegalStateException.class, () -> b.setMinimumDegree(4));
        assertThrows(UnsupportedOperationException.class, () -> cs.gates().add(null));
    }

    @Test
    void columnNamesMustBeUniqueAndNonBlank() {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        b.adviceColumn("x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.fixedColumn("x"));
        assertTrue(e.getMessage().contains("a column named \"x\" already exists"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.instanceColumn(" "));
        assertEquals("A1", b.adviceColumn().name());
    }

    @Test
    void describeListsTheSystem() {
        String d = Synthesis.configure(FibonacciCircuit.create(5, 1)).describe();
        assertTrue(d.contains("gate \"fibonacci\" (degree 3)"), d);
        assertTrue(d.contains("0: sum: q[0]·(f[-1] + f[0] - f[1])"), d);
        assertTrue(d.contains("selectors [q]"), d);
    }
}
