package dev.vampvm.plonk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.examples.FibonacciCircuit;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenseAssignmentTest {
    private final ConstraintSystem.Builder b = ConstraintSystem.builder();
    private final AdviceColumn a = b.adviceColumn("a");
    private final AdviceColumn hidden = b.adviceColumn("hidden");
    private final FixedColumn f = b.fixedColumn("f");
    private final Selector q = b.selector("q");
    private final FixedColumn k = b.constantColumn("k");
    private final InstanceColumn pub = b.instanceColumn("pub");
    private final ConstraintSystem cs;

    DenseAssignmentTest() {
        b.enableEquality(a);
        b.enableEquality(pub);
        b.createGate("g", q.expr().mul(a.cur().sub(f.cur())));
        cs = b.build();
    }

    @Test
    void rowsOutsideTheUsableRangeAreRefusedWithTheRange() {
        DenseAssignment t = DenseAssignment.forWitness(cs, 4, List.of(List.of()));
        assertEquals(10, t.usableRows());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.assignAdvice(a, 10, Fp.ONE));
        assertEquals("advice column a: row 10 is outside the usable rows 0..9 (k = 4: 16 rows, of which the last 6 are"
                + " l_last and blinding rows)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.assignAdvice(a, -1, Fp.ONE));
        assertThrows(IllegalArgumentException.class, () -> t.assignFixed(f, 15, Fp.ONE));
        assertThrows(IllegalArgumentException.class, () -> t.enableSelector(q, 12));
        assertThrows(IllegalArgumentException.class, () -> t.instance(pub, 10));
        assertThrows(IllegalArgumentException.class, () -> t.copy(a.cell(0), a.cell(11)));
    }

    /**
     * A table made for proving keeps the witness, checks fixed assignments and copies as a witness table does, keeps
     * no fixed values, copies or record of assigned cells (the proving key has the first two; the mock prover, which
     * reads them, runs on a witness table) and says so when asked for them.
     */
    @Test
    void aTableForProvingKeepsTheWitnessButNoFixedValuesOrCopies() {
        DenseAssignment t = DenseAssignment.forProving(cs, 4, List.of(List.of(Fp.of(42))));
        assertTrue(t.isForProving());
        assertTrue(t.hasWitness());
        assertFalse(DenseAssignment.forWitness(cs, 4, List.of(List.of())).isForProving());
        assertFalse(DenseAssignment.forShape(cs, 4).isForProving());
        t.assignAdvice(a, 3, Fp.of(7));
        t.assignFixed(f, 2, Fp.of(9));
        t.assignFixed(f, 0, new long[] {1, 0, 0, 0, 2, 0, 0, 0}, 0, 2);
        t.enableSelector(q, 3);
        t.constrainConstant(a.cell(3), Fp.of(7));
        assertEquals(Fp.of(7), t.advice(0, 3));
        assertEquals(Fp.of(42), t.instanceValue(0, 0));
        t.copy(a.cell(3), pub.cell(0));
        assertEquals(4, t.rowsUsed(), "copies still count towards the rows used");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.fixedValues(0));
        assertTrue(e.getMessage().contains("forWitness"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> t.fixed(0, 2));
        assertThrows(IllegalStateException.class, () -> t.value(f.cell(2)));
        e = assertThrows(IllegalStateException.class, t::copyCount);
        assertTrue(e.getMessage().contains("copies"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> t.copyLeft(0));
        assertThrows(IllegalStateException.class, () -> t.copyRight(0));
        assertThrows(IllegalStateException.class, t::permutation);
        assertThrows(IllegalStateException.class, () -> t.isAdviceAssigned(0, 3));
        // The checks a witness table makes still hold.
        assertThrows(IllegalArgumentException.class, () -> t.assignFixed(f, 15, Fp.ONE));
        assertThrows(IllegalArgumentException.class, () -> t.assignFixed(q.column(), 1, Fp.ONE), "a selector column");
        assertThrows(IllegalArgumentException.class,
                () -> t.assignFixed(f, 4, new long[] {-1, -1, -1, -1}, 0, 1), "a non-canonical value");
        assertThrows(IllegalArgumentException.class, () -> t.copy(hidden.cell(0), a.cell(1)), "no equality");
        assertThrows(IllegalArgumentException.class, () -> t.copy(a.cell(0), a.cell(12)), "a blinding row");
        assertThrows(IllegalArgumentException.class, () -> t.constrainConstant(hidden.cell(0), Fp.ONE), "no equality");
    }

    @Test
    void valuesLandInFlatMontgomeryColumns() {
        DenseAssignment t = DenseAssignment.forWitness(cs, 4, List.of(List.of(Fp.of(42))));
        t.assignAdvice(a, 3, Fp.of(7));
        t.assignFixed(f, 2, Fp.of(9));
        t.enableSelector(q, 3);
        assertEquals(Fp.of(7), Fp.fromMontgomery(t.adviceValues(0), 12));
        assertEquals(Fp.of(9), t.fixed(0, 2));
        assertEquals(Fp.ONE, t.fixed(q.column().index(), 3));
        assertEquals(4 * 16, t.adviceValues(0).length);
        assertTrue(t.isAdviceAssigned(0, 3));
        assertFalse(t.isAdviceAssigned(0, 2));
        assertEquals(Fp.ZERO, t.advice(0, 2));
        AssignedCell p = t.instance(pub, 0);
        assertEquals(Fp.of(42), p.value());
        assertEquals(pub.cell(0), p.cell());
        assertEquals(Fp.ZERO, t.instance(pub, 1).value(), "instance cells beyond the values are zero");
        assertEquals(1, t.instanceLength(0));
        assertEquals(4, t.rowsUsed());
    }

    @Test
    void copiesNeedEqualityOnBothColumns() {
        DenseAssignment t = DenseAssignment.forWitness(cs, 4, List.of(List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.copy(a.cell(0), hidden.cell(1)));
        assertTrue(e.getMessage().contains("advice column hidden has no equality enabled (call enableEquality(hidden)"),
                e.getMessage());
        t.copy(a.cell(0), pub.cell(0));
        t.copy(a.cell(1), a.cell(1));
        assertEquals(1, t.copyCount(), "a copy of a cell to itself is dropped");
        assertEquals(a.cell(0), t.copyLeft(0));
        assertEquals(pub.cell(0), t.copyRight(0));
    }

    @Test
    void selectorAndConstantColumnsAreManaged() {
        DenseAssignment t = DenseAssignment.forWitness(cs, 4, List.of(List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.assignFixed(q.column(), 0, Fp.ONE));
        assertTrue(e.getMessage().contains("is a selector: set it with enableSelector"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.assignFixed(k, 0, Fp.ONE));
        assertTrue(e.getMessage().contains("holds constants"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.enableSelector(new Selector(f), 0));
    }

    @Test
    void constantsArePlacedOnceAndCopied() {
        DenseAssignment t = DenseAssignment.forWitness(cs, 4, List.of(List.of()));
        t.assignConstant(a, 0, Fp.of(5));
        t.assignConstant(a, 1, Fp.of(6));
        t.assignConstant(a, 2, Fp.of(5));
        t.assignAdvice(a, 3, Fp.of(6));
        t.constrainConstant(a.cell(3), Fp.of(6));
        assertEquals(2, t.constantCount());
        assertEquals(4, t.copyCount());
        assertEquals(Fp.of(5), t.fixed(k.index(), 0));
        assertEquals(Fp.of(6), t.fixed(k.index(), 1));
        assertEquals(List.of(List.of(a.cell(0), a.cell(2), k.cell(0)), List.of(a.cell(1), a.cell(3), k.cell(1))),
                t.permutation().cycles());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.assignConstant(hidden, 0, Fp.ONE));
        assertTrue(e.getMessage().contains("column hidden has no equality enabled"), e.getMessage());
    }

    @Test
    void constantsNeedAConstantColumn() {
        ConstraintSystem.Builder nb = ConstraintSystem.builder();
        AdviceColumn x = nb.adviceColumn("x");
        nb.enableEquality(x);
        DenseAssignment t = DenseAssignment.forWitness(nb.build(), 4, List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.assignConstant(x, 0, Fp.ONE));
        assertEquals("constants need a constant column: call constantColumn() in configure", e.getMessage());
    }

    @Test
    void constantColumnsFillUp() {
        DenseAssignment t = DenseAssignment.forShape(cs, 4);
        for (int i = 0; i < 10; i++) {
            t.constrainConstant(a.cell(i), Fp.of(100 + i));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.constrainConstant(a.cell(0), Fp.of(1)));
        assertTrue(e.getMessage().contains("the constant columns are full"), e.getMessage());
        t.constrainConstant(a.cell(0), Fp.of(100));
    }

    @Test
    void shapeModeKeepsFixedValuesAndCopiesOnly() {
        DenseAssignment t = DenseAssignment.forShape(cs, 4);
        assertFalse(t.hasWitness());
        t.assignAdvice(a, 1, Fp.of(3));
        t.assignFixed(f, 1, Fp.of(4));
        t.copy(a.cell(1), t.instance(pub, 0).cell());
        assertEquals(Fp.ZERO, t.instance(pub, 0).value());
        assertEquals(Fp.of(4), t.fixed(0, 1));
        assertEquals(1, t.copyCount());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.adviceValues(0));
        assertEquals("a shape-only assignment has no advice values", e.getMessage());
        assertThrows(IllegalStateException.class, () -> t.instanceValues(0));
    }

    @Test
    void instancesAreCheckedAgainstTheSystem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenseAssignment.forWitness(cs, 4, List.of()));
        assertEquals("the circuit has 1 instance columns but 0 were given", e.getMessage());
        List<Fp> tooMany = java.util.Collections.nCopies(11, Fp.ONE);
        e = assertThrows(IllegalArgumentException.class, () -> DenseAssignment.forWitness(cs, 4, List.of(tooMany)));
        assertEquals("instance column pub has 11 values but only 10 usable rows at k = 4", e.getMessage());
    }

    @Test
    void aColumnOfAnotherSystemIsRefused() {
        AdviceColumn foreign = ConstraintSystem.builder().adviceColumn("a");
        DenseAssignment t = DenseAssignment.forWitness(cs, 4, List.of(List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.assignAdvice(foreign, 0, Fp.ONE));
        assertTrue(e.getMessage().contains("not to " + cs.id()), e.getMessage());
    }

    @Test
    void anEqualCopyOfAnOwnColumnIsStillOwnedAndForeignOnesAreRefusedEverywhere() {
        // The assignment recognises its columns by identity first; an equal record must still count as owned.
        DenseAssignment t = DenseAssignment.forWitness(cs, 4, List.of(List.of(Fp.ONE)));
        AdviceColumn sameA = new AdviceColumn(a.index(), a.name(), a.system());
        FixedColumn sameF = new FixedColumn(f.index(), f.name(), f.system());
        InstanceColumn samePub = new InstanceColumn(pub.index(), pub.name(), pub.system());
        t.assignAdvice(sameA, 1, Fp.of(7));
        t.assignFixed(sameF, 1, Fp.of(8));
        t.enableSelector(new Selector(new FixedColumn(q.column().index(), q.name(), q.column().system())), 1);
        t.copy(sameA.cell(1), t.instance(samePub, 0).cell());
        assertEquals(Fp.of(7), t.advice(a.index(), 1));
        assertEquals(Fp.of(8), t.fixed(f.index(), 1));
        assertEquals(Fp.ONE, t.fixed(q.column().index(), 1));
        assertEquals(a.cell(1), t.copyLeft(0));
        assertEquals(pub.cell(0), t.copyRight(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.assignFixed(new FixedColumn(q.column().index(), q.name(), q.column().system()), 0, Fp.ONE));
        assertTrue(e.getMessage().contains("is a selector"), e.getMessage());

        ConstraintSystem.Builder other = ConstraintSystem.builder();
        AdviceColumn foreignA = other.adviceColumn("a");
        FixedColumn foreignF = other.fixedColumn("f");
        InstanceColumn foreignPub = other.instanceColumn("pub");
        String notOurs = "not to " + cs.id();
        for (org.junit.jupiter.api.function.Executable bad : List.<org.junit.jupiter.api.function.Executable>of(
                () -> t.assignFixed(foreignF, 0, Fp.ONE),
                () -> t.enableSelector(new Selector(foreignF), 0),
                () -> t.instance(foreignPub, 0),
                () -> t.copy(foreignA.cell(0), a.cell(0)),
                () -> t.copy(a.cell(0), foreignPub.cell(0)),
                () -> t.constrainConstant(foreignA.cell(0), Fp.ONE),
                () -> t.assignConstant(foreignA, 0, Fp.ONE))) {
            e = assertThrows(IllegalArgumentException.class, bad);
            assertTrue(e.getMessage().contains(notOurs), e.getMessage());
        }
        // A column of a larger system whose index is past this system's columns.
        ConstraintSystem.Builder wide = ConstraintSystem.builder();
        wide.adviceColumn("x");
        wide.adviceColumn("y");
        AdviceColumn third = wide.adviceColumn("z");
        e = assertThrows(IllegalArgumentException.class, () -> t.assignAdvice(third, 0, Fp.ONE));
        assertTrue(e.getMessage().contains(notOurs), e.getMessage());
    }

    @Test
    void synthesisSealsTheTable() {
        FibonacciCircuit fib = FibonacciCircuit.create(4, 1);
        DenseAssignment t = Synthesis.witness(fib, 4, fib.instances());
        assertTrue(t.isSealed());
        AdviceColumn f0 = t.constraintSystem().adviceColumns().get(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.assignAdvice(f0, 0, Fp.ONE));
        assertTrue(e.getMessage().contains("sealed"), e.getMessage());
        assertEquals(t.usableRows(), t.rowsUsed());
    }

    @Test
    void annotationsAreKeptPerRow() {
        DenseAssignment t = DenseAssignment.forWitness(cs, 4, List.of(List.of()));
        t.annotateRow(3, "x.pir:1:1");
        t.annotateRow(3, "x.pir:2:2");
        assertEquals("x.pir:2:2", t.rowAnnotation(3));
        assertEquals(null, t.rowAnnotation(4));
    }
}
