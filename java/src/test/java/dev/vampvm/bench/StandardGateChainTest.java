package dev.vampvm.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vampvm.bench.ProveBenchmark.StandardGateChain;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.AssignedCell;
import dev.vampvm.plonk.Assignment;
import dev.vampvm.plonk.Cell;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.DenseAssignment;
import dev.vampvm.plonk.StandardGate;
import dev.vampvm.plonk.Synthesis;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark chain, written in blocks through the bulk assignments, fills the table the cell-by-cell chain did. */
class StandardGateChainTest {

    /** The chain as it was first written: one cell, one Fp and one copy at a time. */
    private record CellByCellChain(int rows, long x) implements Circuit<StandardGate> {
        @Override
        public StandardGate configure(ConstraintSystem.Builder cs) {
            return StandardGate.configure(cs);
        }

        @Override
        public void synthesize(StandardGate k, Assignment t) {
            Fp vx = Fp.of(x);
            Fp minusOne = Fp.ONE.neg();
            Fp acc = vx;
            AssignedCell first = null;
            AssignedCell previous = null;
            for (int i = 0; i < rows; i++) {
                boolean mul = i % 2 == 0;
                AssignedCell a = t.assignAdvice(k.a(), i, acc);
                AssignedCell b = t.assignAdvice(k.b(), i, vx);
                acc = mul ? acc.mul(vx) : acc.add(vx);
                AssignedCell c = t.assignAdvice(k.c(), i, acc);
                t.assignFixed(k.sl(), i, mul ? Fp.ZERO : Fp.ONE);
                t.assignFixed(k.sr(), i, mul ? Fp.ZERO : Fp.ONE);
                t.assignFixed(k.sm(), i, mul ? Fp.ONE : Fp.ZERO);
                t.assignFixed(k.so(), i, minusOne);
                if (first == null) {
                    first = a;
                    t.copy(a.cell(), b.cell());
                } else {
                    t.copy(previous.cell(), a.cell());
                    t.copy(first.cell(), b.cell());
                }
                previous = c;
            }
            t.copy(previous.cell(), t.instance(k.out(), 0).cell());
        }
    }

    private static void assertSameTable(DenseAssignment expected, DenseAssignment actual, boolean witness) {
        ConstraintSystem cs = expected.constraintSystem();
        if (witness) {
            for (int c = 0; c < cs.numAdviceColumns(); c++) {
                assertArrayEquals(expected.adviceValues(c), actual.adviceValues(c), "advice column " + c);
                for (int r = 0; r < expected.n(); r++) {
                    assertEquals(expected.isAdviceAssigned(c, r), actual.isAdviceAssigned(c, r));
                }
            }
        }
        for (int c = 0; c < cs.numFixedColumns(); c++) {
            assertArrayEquals(expected.fixedValues(c), actual.fixedValues(c), "fixed column " + c);
        }
        assertEquals(expected.copyCount(), actual.copyCount());
        for (int i = 0; i < expected.copyCount(); i++) {
            assertEquals(name(expected.copyLeft(i)), name(actual.copyLeft(i)), "copy " + i);
            assertEquals(name(expected.copyRight(i)), name(actual.copyRight(i)), "copy " + i);
        }
        assertEquals(expected.rowsUsed(), actual.rowsUsed());
        assertArrayEquals(expected.permutation().flatMapping(), actual.permutation().flatMapping());
    }

    /** A cell by kind, index and row: the two tables come from two configure runs, so their columns differ. */
    private static String name(Cell cell) {
        return cell.column().kind() + " " + cell.column().index() + " " + cell + "@" + cell.row();
    }

    @Test
    void blocksFillTheTableTheCellByCellChainFilled() {
        // k = 13 has more usable rows than one block (4096), and an odd number of them.
        for (int k : new int[] {4, 13}) {
            int usable = Synthesis.configure(new StandardGateChain(1, 1)).usableRows(k);
            for (int rows : new int[] {1, 2, 7, usable}) {
                StandardGateChain chain = new StandardGateChain(rows, 3);
                CellByCellChain reference = new CellByCellChain(rows, 3);
                List<List<Fp>> instances = List.of(List.of(chain.output()));
                assertSameTable(Synthesis.witness(reference, k, instances), Synthesis.witness(chain, k, instances), true);
                assertSameTable(Synthesis.shape(reference, k), Synthesis.shape(chain, k), false);
            }
        }
    }

    @Test
    void tooManyRowsAreRefusedAsCellByCell() {
        int usable = Synthesis.configure(new StandardGateChain(1, 1)).usableRows(4);
        List<List<Fp>> instances = List.of(List.of(Fp.ONE));
        IllegalArgumentException expected = assertThrows(IllegalArgumentException.class,
                () -> Synthesis.witness(new CellByCellChain(usable + 1, 3), 4, instances));
        IllegalArgumentException actual = assertThrows(IllegalArgumentException.class,
                () -> Synthesis.witness(new StandardGateChain(usable + 1, 3), 4, instances));
        assertEquals(expected.getMessage(), actual.getMessage());
    }
}
