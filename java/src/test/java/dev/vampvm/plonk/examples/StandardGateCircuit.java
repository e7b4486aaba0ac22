package dev.vampvm.plonk.examples;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.AdviceColumn;
import dev.vampvm.plonk.Assignment;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.FixedColumn;
import dev.vampvm.plonk.StandardGate;
import dev.vampvm.plonk.Synthesis;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The standard PLONK gate {@code a·sl + b·sr + a·b·sm + c·so + sc = 0} over three advice columns, with random
 * satisfying rows (additions, multiplications, constants, random linear combinations) wired together by random
 * copies, and public inputs copied from an instance column into column a. This is the benchmark circuit of the
 * proof-system issue.
 *
 * <p>Layout: rows 0 … m − 1 take the m public inputs (a = pub, c = a + b); the last used row is a copy-check row
 * (all coefficients zero, a copied from an earlier cell) where {@link ExampleFault#COPY} changes a; one random row
 * takes part in no copy, and there {@link ExampleFault#GATE} changes c.
 */
public final class StandardGateCircuit extends ExampleCircuitBase<StandardGate> {
    public static final String GATE = StandardGate.NAME;

    /** Copy column numbers in {@link #wires} are {@link StandardGate#column}'s: 0 a, 1 b, 2 c, 3 the public output. */

    private final int rows;
    private final Fp[][] advice; // a, b, c
    private final Fp[][] fixed; // sl, sr, sm, so, sc
    private final List<int[]> wires; // {column, row, column, row}
    private final List<Fp> pub;

    private StandardGateCircuit(int k, int rows, Fp[][] advice, Fp[][] fixed, List<int[]> wires, List<Fp> pub,
            ExampleFault fault, int faultRow) {
        super(k, oneColumn(pub), fault, faultRow);
        this.rows = rows;
        this.advice = advice;
        this.fixed = fixed;
        this.wires = wires;
        this.pub = pub;
    }

    /** Fills every usable row at k. */
    public static StandardGateCircuit create(int k, long seed) {
        return create(k, seed, ExampleFault.NONE);
    }

    public static StandardGateCircuit create(int k, long seed, ExampleFault fault) {
        return create(k, -1, seed, fault);
    }

    /**
     * @param rows how many rows to fill (at least 8), or −1 for all usable rows
     */
    public static StandardGateCircuit create(int k, int rows, long seed, ExampleFault fault) {
        if (fault == ExampleFault.LOOKUP) {
            throw new IllegalArgumentException("the standard-gate circuit has no lookup");
        }
        int usable = Synthesis.configure(new StandardGateCircuit(k, 0, null, null, null, null, fault, -1)).usableRows(k);
        int m = rows < 0 ? usable : rows;
        if (m < 8 || m > usable) {
            throw new IllegalArgumentException("rows must be between 8 and " + usable + ", got " + m);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Fp[][] adv = new Fp[3][m];
        Fp[][] fix = new Fp[5][m];
        for (Fp[] col : fix) {
            java.util.Arrays.fill(col, Fp.ZERO);
        }
        List<int[]> wires = new ArrayList<>();
        int publicCount = Math.min(4, m / 4);
        List<Fp> pub = new ArrayList<>();
        int last = m - 1;
        int isolated = publicCount + rng.nextInt(last - publicCount);
        for (int r = 0; r < last; r++) {
            Fp a;
            Fp b;
            if (r < publicCount) {
                a = Fp.random(rng);
                pub.add(a);
                wires.add(new int[] {0, r, 3, r});
                b = Fp.random(rng);
                set(fix, r, Fp.ONE, Fp.ONE, Fp.ZERO, Fp.ONE.neg(), Fp.ZERO);
            } else {
                a = r != isolated && rng.nextBoolean() ? wireFrom(rng, adv, r, isolated, wires, 0) : Fp.random(rng);
                b = r != isolated && rng.nextBoolean() ? wireFrom(rng, adv, r, isolated, wires, 1) : Fp.random(rng);
                // The isolated row is where GATE changes c, so its gate must depend on c (so ≠ 0).
                switch (r == isolated ? 0 : rng.nextInt(4)) {
                    case 0 -> set(fix, r, Fp.ONE, Fp.ONE, Fp.ZERO, Fp.ONE.neg(), Fp.ZERO); // c = a + b
                    case 1 -> set(fix, r, Fp.ZERO, Fp.ZERO, Fp.ONE, Fp.ONE.neg(), Fp.ZERO); // c = a·b
                    case 2 -> set(fix, r, Fp.ONE, Fp.ZERO, Fp.ZERO, Fp.ZERO, a.neg()); // a is the constant a
                    default -> set(fix, r, Fp.random(rng), Fp.random(rng), Fp.random(rng), nonZero(rng), Fp.random(rng));
                }
            }
            adv[0][r] = a;
            adv[1][r] = b;
            adv[2][r] = solveC(fix, r, a, b);
        }
        // The copy-check row: no gate, a copied from an earlier cell.
        adv[0][last] = wireFrom(rng, adv, last, isolated, wires, 0);
        adv[1][last] = Fp.random(rng);
        adv[2][last] = Fp.random(rng);
        int faultRow = -1;
        switch (fault) {
            case GATE -> {
                adv[2][isolated] = adv[2][isolated].add(Fp.ONE);
                faultRow = isolated;
            }
            case COPY -> {
                adv[0][last] = adv[0][last].add(Fp.ONE);
                faultRow = last;
            }
            default -> {
            }
        }
        return new StandardGateCircuit(k, m, adv, fix, List.copyOf(wires), List.copyOf(pub), fault, faultRow);
    }

    /** Copies a cell of an earlier row (not the isolated row) into column {@code column} at {@code row}. */
    private static Fp wireFrom(SplittableRandom rng, Fp[][] adv, int row, int isolated, List<int[]> wires, int column) {
        int from;
        do {
            from = rng.nextInt(row);
        } while (from == isolated);
        int fromColumn = rng.nextInt(3);
        // The copy's first cell is the target, so that a copy failure is reported at the target's row.
        wires.add(new int[] {column, row, fromColumn, from});
        return adv[fromColumn][from];
    }

    private static void set(Fp[][] fix, int r, Fp sl, Fp sr, Fp sm, Fp so, Fp sc) {
        fix[0][r] = sl;
        fix[1][r] = sr;
        fix[2][r] = sm;
        fix[3][r] = so;
        fix[4][r] = sc;
    }

    private static Fp nonZero(SplittableRandom rng) {
        Fp v;
        do {
            v = Fp.random(rng);
        } while (v.isZero());
        return v;
    }

    /** c such that a·sl + b·sr + a·b·sm + c·so + sc = 0; a random c where so = 0 (then any c satisfies). */
    private static Fp solveC(Fp[][] fix, int r, Fp a, Fp b) {
        Fp rest = a.mul(fix[0][r]).add(b.mul(fix[1][r])).add(a.mul(b).mul(fix[2][r])).add(fix[4][r]);
        if (fix[3][r].isZero()) {
            return a.add(b);
        }
        return rest.neg().div(fix[3][r]);
    }

    @Override
    public StandardGate configure(ConstraintSystem.Builder cs) {
        return StandardGate.configure(cs);
    }

    @Override
    public void synthesize(StandardGate cfg, Assignment asg) {
        AdviceColumn[] adv = {cfg.a(), cfg.b(), cfg.c()};
        FixedColumn[] fix = {cfg.sl(), cfg.sr(), cfg.sm(), cfg.so(), cfg.sc()};
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < 3; i++) {
                asg.assignAdvice(adv[i], r, advice[i][r]);
            }
            for (int i = 0; i < 5; i++) {
                if (!fixed[i][r].isZero()) {
                    asg.assignFixed(fix[i], r, fixed[i][r]);
                }
            }
        }
        for (int[] w : wires) {
            asg.copy(cfg.column(w[0]).cell(w[1]), cfg.column(w[2]).cell(w[3]));
        }
    }

    /** How many rows the witness fills. */
    public int rows() {
        return rows;
    }

    /** The copy constraints as {column, row, column, row} with columns 0 a, 1 b, 2 c, 3 pub. */
    public List<int[]> wires() {
        return wires;
    }

    @Override
    public String faultName() {
        return fault == ExampleFault.GATE ? GATE : null;
    }
}
