package dev.vampvm.plonk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Fp;
import dev.vampvm.testing.Seeds;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The bulk assignments from Montgomery limbs write what the cell-by-cell ones write and refuse what they refuse. */
class BulkAssignmentTest {
    private static final int K = 8;
    private final ConstraintSystem.Builder b = ConstraintSystem.builder();
    private final AdviceColumn a = b.adviceColumn("a");
    private final AdviceColumn a2 = b.adviceColumn("a2");
    private final FixedColumn f = b.fixedColumn("f");
    private final Selector q = b.selector("q");
    private final FixedColumn k = b.constantColumn("k");
    private final InstanceColumn pub = b.instanceColumn("pub");
    private final ConstraintSystem cs;

    BulkAssignmentTest() {
        b.createGate("g", q.expr().mul(a.cur().sub(f.cur())).add(a2.cur().sub(f.cur())));
        cs = b.build();
    }

    private DenseAssignment table() {
        return DenseAssignment.forWitness(cs, K, List.of(List.of()));
    }

    private static long[] limbs(Fp[] values) {
        long[] out = new long[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            values[i].copyInto(out, 4 * i);
        }
        return out;
    }

    private static void assertSameTable(DenseAssignment expected, DenseAssignment actual) {
        ConstraintSystem cs = expected.constraintSystem();
        for (int c = 0; c < cs.numAdviceColumns(); c++) {
            assertArrayEquals(expected.adviceValues(c), actual.adviceValues(c), "advice column " + c);
            for (int r = 0; r < expected.n(); r++) {
                assertEquals(expected.isAdviceAssigned(c, r), actual.isAdviceAssigned(c, r), "assigned " + c + "@" + r);
            }
        }
        for (int c = 0; c < cs.numFixedColumns(); c++) {
            assertArrayEquals(expected.fixedValues(c), actual.fixedValues(c), "fixed column " + c);
        }
        assertEquals(expected.rowsUsed(), actual.rowsUsed());
    }

    @Test
    void randomRunsWriteWhatCellByCellWrites() {
        SplittableRandom rng = Seeds.rng("BulkAssignmentTest.randomRunsWriteWhatCellByCellWrites");
        DenseAssignment bulk = table();
        DenseAssignment cells = table();
        // Through a window the interface's row-by-row default runs; it must agree as well.
        DenseAssignment windowed = table();
        Assignment window = new RowWindow(windowed, 0, windowed.usableRows());
        int usable = bulk.usableRows();
        for (int run = 0; run < 40; run++) {
            int from = rng.nextInt(usable);
            int count = rng.nextInt(usable - from + 1);
            int pad = rng.nextInt(3);
            Fp[] values = new Fp[count];
            for (int i = 0; i < count; i++) {
                values[i] = Fp.random(rng);
            }
            long[] padded = new long[4 * (pad + count)];
            System.arraycopy(limbs(values), 0, padded, 4 * pad, 4 * count);
            boolean fixed = rng.nextBoolean();
            AdviceColumn column = rng.nextBoolean() ? a : a2;
            for (int i = 0; i < count; i++) {
                if (fixed) {
                    cells.assignFixed(f, from + i, values[i]);
                } else {
                    cells.assignAdvice(column, from + i, values[i]);
                }
            }
            if (fixed) {
                bulk.assignFixed(f, from, padded, 4 * pad, count);
                window.assignFixed(f, from, padded, 4 * pad, count);
            } else {
                bulk.assignAdvice(column, from, padded, 4 * pad, count);
                window.assignAdvice(column, from, padded, 4 * pad, count);
            }
        }
        assertSameTable(cells, bulk);
        assertSameTable(cells, windowed);
    }

    @Test
    void shapeModeRecordsFixedValuesOnly() {
        DenseAssignment t = DenseAssignment.forShape(cs, K);
        long[] v = limbs(new Fp[] {Fp.of(3), Fp.of(4)});
        t.assignAdvice(a, 5, v, 0, 2);
        t.assignFixed(f, 5, v, 0, 2);
        assertEquals(Fp.of(4), t.fixed(f.index(), 6));
        assertEquals(7, t.rowsUsed());
    }

    /** Each refusal, checked on the dense override and on the interface's default (through a window). */
    private void assertRefused(Class<? extends RuntimeException> type, String message, Consumer<Assignment> bad) {
        DenseAssignment dense = table();
        RuntimeException e = assertThrows(type, () -> bad.accept(dense));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        DenseAssignment behind = table();
        RuntimeException w = assertThrows(type, () -> bad.accept(new RowWindow(behind, 0, behind.usableRows())));
        assertTrue(w.getMessage().contains(message), w.getMessage());
    }

    @Test
    void badRunsAreRefused() {
        int usable = table().usableRows();
        long[] two = limbs(new Fp[] {Fp.ONE, Fp.ONE});
        long[] notReduced = two.clone();
        Arrays.fill(notReduced, 4, 8, -1L);
        assertRefused(IllegalArgumentException.class, "column a: the value for row 11 (limbs at 4) is not below the modulus",
                t -> t.assignAdvice(a, 10, notReduced, 0, 2));
        // The modulus itself, whose top limb equals the modulus's, is not a reduced form either.
        long[] pLimbs = new long[4];
        for (int i = 0; i < 4; i++) {
            pLimbs[i] = Fp.FIELD.modulus().shiftRight(64 * i).longValue();
        }
        long[] justBelow = pLimbs.clone();
        justBelow[0]--;
        DenseAssignment ok = table();
        ok.assignFixed(f, 0, justBelow, 0, 1);
        assertArrayEquals(justBelow, Arrays.copyOf(ok.fixedValues(f.index()), 4));
        assertRefused(IllegalArgumentException.class, "is not below the modulus",
                t -> t.assignFixed(f, 0, pLimbs, 0, 1));
        assertRefused(IllegalArgumentException.class, "the count must be non-negative",
                t -> t.assignAdvice(a, 0, two, 0, -1));
        assertRefused(IndexOutOfBoundsException.class, "",
                t -> t.assignAdvice(a, 0, two, 4, 2));
        assertRefused(NullPointerException.class, "montgomeryLimbs",
                t -> t.assignFixed(f, 0, null, 0, 1));
        // Rows: the message assignAdvice/assignFixed give for the first row outside the usable ones.
        for (int[] run : new int[][] {{usable - 1, 2}, {-1, 2}, {usable, 1}, {Integer.MAX_VALUE, 2}}) {
            DenseAssignment dense = table();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> dense.assignAdvice(a, run[0], two, 0, run[1]));
            int firstBad = run[0] < 0 || run[0] >= usable ? run[0] : usable;
            assertEquals(cellMessage(table(), firstBad), e.getMessage());
            DenseAssignment behind = table();
            RowWindow window = new RowWindow(behind, 0, usable);
            e = assertThrows(IllegalArgumentException.class, () -> window.assignAdvice(a, run[0], two, 0, run[1]));
            assertEquals(cellMessage(new RowWindow(table(), 0, usable), firstBad), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> dense.assignFixed(f, run[0], two, 0, run[1]));
            assertTrue(e.getMessage().startsWith("fixed column f: row " + firstBad + " is outside"), e.getMessage());
        }
        assertRefused(IllegalArgumentException.class, "is a selector",
                t -> t.assignFixed(q.column(), 0, two, 0, 2));
        assertRefused(IllegalArgumentException.class, "holds constants",
                t -> t.assignFixed(k, 0, two, 0, 2));
        AdviceColumn foreign = ConstraintSystem.builder().adviceColumn("a");
        assertRefused(IllegalArgumentException.class, "not to " + cs.id(),
                t -> t.assignAdvice(foreign, 0, two, 0, 2));
    }

    @Test
    void aRefusedRunWritesNothingAndAnEmptyRunIsANoOp() {
        DenseAssignment t = table();
        long[] two = limbs(new Fp[] {Fp.of(5), Fp.of(6)});
        assertThrows(IllegalArgumentException.class, () -> t.assignAdvice(a, t.usableRows() - 1, two, 0, 2));
        assertEquals(0, t.rowsUsed());
        assertTrue(Arrays.stream(t.adviceValues(a.index())).allMatch(x -> x == 0));
        t.assignAdvice(a, 0, two, 0, 0);
        t.assignFixed(f, 3, new long[0], 0, 0);
        assertEquals(0, t.rowsUsed());
        t.seal();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.assignAdvice(a, 0, two, 0, 1));
        assertTrue(e.getMessage().contains("sealed"), e.getMessage());
    }

    private String cellMessage(Assignment t, int row) {
        return assertThrows(IllegalArgumentException.class, () -> t.assignAdvice(a, row, Fp.ONE)).getMessage();
    }
}
