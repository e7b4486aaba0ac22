package dev.vampvm.plonk.examples;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.AdviceColumn;
import dev.vampvm.plonk.Assignment;
import dev.vampvm.plonk.Constraint;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Expression;
import dev.vampvm.plonk.FixedColumn;
import dev.vampvm.plonk.Selector;
import dev.vampvm.plonk.Synthesis;
import java.util.List;
import java.util.SplittableRandom;

/**
 * 16-bit range checks: w = lo + 256·hi with lo and hi each looked up in a fixed table of 0 … 255. The lookups take
 * {@code q·lo} and {@code q·hi}, so rows where the selector is off look up 0, which the table holds. Degree 5
 * (2 + input degree 2 + table degree 1). Needs k ≥ 9 for the 256 table rows.
 *
 * <p>{@link ExampleFault#LOOKUP} rewrites one row as lo + 256, hi − 1: the gate still holds, but lo is no byte.
 * {@link ExampleFault#GATE} changes one w.
 */
public final class RangeCheckCircuit extends ExampleCircuitBase<RangeCheckCircuit.Config> {
    public static final String GATE = "decompose";
    public static final String LOOKUP_LO = "lo is a byte";
    public static final String LOOKUP_HI = "hi is a byte";

    public record Config(AdviceColumn lo, AdviceColumn hi, AdviceColumn w, Selector q, FixedColumn table) {
    }

    private final long[] lo;
    private final long[] hi;
    private final long[] w;

    private RangeCheckCircuit(int k, long[] lo, long[] hi, long[] w, ExampleFault fault, int faultRow) {
        super(k, List.of(), fault, faultRow);
        this.lo = lo;
        this.hi = hi;
        this.w = w;
    }

    public static RangeCheckCircuit create(int k, long seed) {
        return create(k, seed, ExampleFault.NONE);
    }

    public static RangeCheckCircuit create(int k, long seed, ExampleFault fault) {
        if (fault == ExampleFault.COPY) {
            throw new IllegalArgumentException("the range-check circuit has no copies");
        }
        int m = Synthesis.configure(new RangeCheckCircuit(k, null, null, null, fault, -1)).usableRows(k);
        if (m < 256) {
            throw new IllegalArgumentException("the byte table needs 256 usable rows: k = " + k + " has " + m);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        long[] lo = new long[m];
        long[] hi = new long[m];
        long[] w = new long[m];
        int faultRow = fault == ExampleFault.NONE ? -1 : rng.nextInt(m);
        for (int i = 0; i < m; i++) {
            w[i] = i == faultRow ? 256 + rng.nextInt(65536 - 256) : rng.nextInt(65536);
            lo[i] = w[i] & 0xff;
            hi[i] = w[i] >>> 8;
        }
        switch (fault) {
            case LOOKUP -> {
                lo[faultRow] += 256;
                hi[faultRow] -= 1;
            }
            case GATE -> w[faultRow] += 1;
            default -> {
            }
        }
        return new RangeCheckCircuit(k, lo, hi, w, fault, faultRow);
    }

    @Override
    public Config configure(ConstraintSystem.Builder cs) {
        AdviceColumn lo = cs.adviceColumn("lo");
        AdviceColumn hi = cs.adviceColumn("hi");
        AdviceColumn w = cs.adviceColumn("w");
        Selector q = cs.selector("q");
        FixedColumn table = cs.fixedColumn("bytes");
        Expression sel = q.expr();
        cs.createGate(GATE, Constraint.of("w = lo + 256·hi", sel.mul(lo.cur().add(hi.cur().scale(256)).sub(w.cur()))));
        cs.lookup(LOOKUP_LO, sel.mul(lo.cur()), table.cur());
        cs.lookup(LOOKUP_HI, sel.mul(hi.cur()), table.cur());
        return new Config(lo, hi, w, q, table);
    }

    @Override
    public void synthesize(Config cfg, Assignment asg) {
        for (int i = 0; i < 256; i++) {
            asg.assignFixed(cfg.table(), i, Fp.of(i));
        }
        for (int i = 0; i < w.length; i++) {
            asg.enableSelector(cfg.q(), i);
            asg.assignAdvice(cfg.lo(), i, Fp.of(lo[i]));
            asg.assignAdvice(cfg.hi(), i, Fp.of(hi[i]));
            asg.assignAdvice(cfg.w(), i, Fp.of(w[i]));
        }
    }

    @Override
    public String faultName() {
        return switch (fault) {
            case LOOKUP -> LOOKUP_LO;
            case GATE -> GATE;
            default -> null;
        };
    }
}
