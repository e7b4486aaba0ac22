package dev.vampvm.plonk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.plonk.examples.SboxCircuit;
import dev.vampvm.plonk.examples.StandardGateCircuit;
import dev.vampvm.testing.Seeds;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PermutationMappingTest {

    private record Setup(ConstraintSystem cs, AdviceColumn a, AdviceColumn b, InstanceColumn pub) {
    }

    private static Setup setup() {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        AdviceColumn a = b.adviceColumn("a");
        AdviceColumn bb = b.adviceColumn("b");
        b.adviceColumn("private"); // no equality: not a permutation column
        InstanceColumn pub = b.instanceColumn("pub");
        b.enableEquality(pub);
        b.enableEquality(bb);
        b.enableEquality(a);
        return new Setup(b.build(), a, bb, pub);
    }

    @Test
    void smallCyclesAreLinkedInCellOrder() {
        Setup s = setup();
        DenseAssignment t = DenseAssignment.forShape(s.cs(), 4);
        t.copy(s.a().cell(0), s.b().cell(1));
        t.copy(s.b().cell(1), s.a().cell(2));
        t.copy(s.pub().cell(0), s.a().cell(3));
        t.copy(s.a().cell(3), s.b().cell(3));
        PermutationMapping p = t.permutation();
        assertEquals(List.<Column>of(s.a(), s.b(), s.pub()), p.columns());
        assertEquals(16, p.rows());
        assertEquals(List.of(
                List.of(s.a().cell(0), s.a().cell(2), s.b().cell(1)),
                List.of(s.a().cell(3), s.b().cell(3), s.pub().cell(0))), p.cycles());
        assertEquals(s.a().cell(2), p.sigma(s.a().cell(0)));
        assertEquals(s.b().cell(1), p.sigma(s.a().cell(2)));
        assertEquals(s.a().cell(0), p.sigma(s.b().cell(1)));
        assertEquals(2, p.sigmaColumn(1, 3));
        assertEquals(0, p.sigmaRow(1, 3));
        // Untouched cells, blinding rows included, are fixed points.
        assertEquals(s.b().cell(15), p.sigma(s.b().cell(15)));
        assertEquals(s.a().cell(5), p.sigma(s.a().cell(5)));
    }

    @Test
    void sigmaDependsOnTheSetOfCopiesNotTheirOrder() {
        Setup s = setup();
        DenseAssignment t1 = DenseAssignment.forShape(s.cs(), 4);
        t1.copy(s.a().cell(0), s.b().cell(1));
        t1.copy(s.b().cell(1), s.a().cell(2));
        t1.copy(s.pub().cell(4), s.b().cell(9));
        DenseAssignment t2 = DenseAssignment.forShape(s.cs(), 4);
        t2.copy(s.b().cell(9), s.pub().cell(4));
        t2.copy(s.a().cell(2), s.a().cell(0));
        t2.copy(s.a().cell(0), s.b().cell(1));
        t2.copy(s.a().cell(0), s.a().cell(0));
        assertArrayEquals(t1.permutation().flatMapping(), t2.permutation().flatMapping());
    }

    @Test
    void randomCopiesGiveOneCycleForEachConnectedSetOfCells() {
        SplittableRandom rng = Seeds.rng("PermutationMappingTest.randomCopiesGiveOneCycleForEachConnectedSetOfCells");
        Setup s = setup();
        int k = 6;
        List<Column> cols = s.cs().permutationColumns();
        for (int round = 0; round < 20; round++) {
            DenseAssignment t = DenseAssignment.forShape(s.cs(), k);
            int n = t.n();
            int cells = cols.size() * n;
            List<List<Integer>> adjacency = new ArrayList<>();
            for (int i = 0; i < cells; i++) {
                adjacency.add(new ArrayList<>());
            }
            int copies = rng.nextInt(1, 60);
            for (int i = 0; i < copies; i++) {
                int c1 = rng.nextInt(cols.size());
                int r1 = rng.nextInt(t.usableRows());
                int c2 = rng.nextInt(cols.size());
                int r2 = rng.nextInt(t.usableRows());
                t.copy(cols.get(c1).cell(r1), cols.get(c2).cell(r2));
                adjacency.get(c1 * n + r1).add(c2 * n + r2);
                adjacency.get(c2 * n + r2).add(c1 * n + r1);
            }
            int[] sigma = t.permutation().flatMapping();
            // σ is a bijection.
            Set<Integer> image = new HashSet<>();
            for (int v : sigma) {
                image.add(v);
            }
            assertEquals(cells, image.size());
            // The orbit of every cell under σ is exactly its connected component.
            for (int start = 0; start < cells; start++) {
                Set<Integer> component = new HashSet<>();
                ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(start));
                while (!todo.isEmpty()) {
                    int x = todo.pop();
                    if (component.add(x)) {
                        todo.addAll(adjacency.get(x));
                    }
                }
                Set<Integer> orbit = new HashSet<>();
                int x = start;
                do {
                    orbit.add(x);
                    x = sigma[x];
                } while (x != start);
                assertEquals(component, orbit, "cell " + start);
            }
        }
    }

    @Test
    void exampleCircuitsHaveTheCyclesTheirWiringImplies() {
        StandardGateCircuit std = StandardGateCircuit.create(5, 7);
        DenseAssignment t = Synthesis.shape(std, 5);
        PermutationMapping p = t.permutation();
        int inCycles = p.cycles().stream().mapToInt(List::size).sum();
        assertTrue(inCycles >= 2 && inCycles <= 2 * std.wires().size());
        assertEquals(std.wires().size(), t.copyCount());

        // The S-box chain: y[i] → x[i+1] for every row, plus input and output.
        SboxCircuit sbox = SboxCircuit.create(4, 3);
        DenseAssignment ts = Synthesis.shape(sbox, 4);
        List<List<Cell>> cycles = ts.permutation().cycles();
        int m = ts.usableRows();
        assertEquals(m + 1, cycles.size(), "m − 1 links, and the two public cells");
        for (List<Cell> cycle : cycles) {
            assertEquals(2, cycle.size());
        }
    }
}
