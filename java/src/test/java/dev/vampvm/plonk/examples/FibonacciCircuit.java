package dev.vampvm.plonk.examples;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.AdviceColumn;
import dev.vampvm.plonk.Assignment;
import dev.vampvm.plonk.Constraint;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Expression;
import dev.vampvm.plonk.InstanceColumn;
import dev.vampvm.plonk.Selector;
import dev.vampvm.plonk.Synthesis;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A Fibonacci sequence down one column, using the previous, current and next rows: f[0] = 1 (a constant, via the
 * constant column), f[1] = the public input, f[i + 1] = f[i] + f[i − 1], and the last value copied to the public
 * output. A second constraint of degree 3 keeps p[i] = f[i − 1]·f[i] beside it. Both are switched on by a selector
 * on rows 1 … m − 2.
 *
 * <p>{@link ExampleFault#GATE} changes one p (the "product" constraint fails at that row);
 * {@link ExampleFault#COPY} claims a wrong public output (the copy f@(m − 1) = out@1 fails).
 */
public final class FibonacciCircuit extends ExampleCircuitBase<FibonacciCircuit.Config> {
    public static final String GATE = "fibonacci";

    public record Config(AdviceColumn f, AdviceColumn p, Selector q, InstanceColumn pub) {
    }

    private final Fp[] f;
    private final Fp[] p;
    private final List<Fp> pub;

    private FibonacciCircuit(int k, Fp[] f, Fp[] p, List<Fp> pub, ExampleFault fault, int faultRow) {
        super(k, oneColumn(pub), fault, faultRow);
        this.f = f;
        this.p = p;
        this.pub = pub;
    }

    public static FibonacciCircuit create(int k, long seed) {
        return create(k, seed, ExampleFault.NONE);
    }

    public static FibonacciCircuit create(int k, long seed, ExampleFault fault) {
        if (fault == ExampleFault.LOOKUP) {
            throw new IllegalArgumentException("the Fibonacci circuit has no lookup");
        }
        int m = Synthesis.configure(new FibonacciCircuit(k, null, null, null, fault, -1)).usableRows(k);
        SplittableRandom rng = new SplittableRandom(seed);
        Fp[] f = new Fp[m];
        Fp[] p = new Fp[m];
        f[0] = Fp.ONE;
        f[1] = Fp.random(rng);
        for (int i = 1; i < m - 1; i++) {
            f[i + 1] = f[i].add(f[i - 1]);
            p[i] = f[i - 1].mul(f[i]);
        }
        Fp out = f[m - 1];
        int faultRow = -1;
        switch (fault) {
            case GATE -> {
                faultRow = 1 + rng.nextInt(m - 2);
                p[faultRow] = p[faultRow].add(Fp.ONE);
            }
            case COPY -> {
                out = out.add(Fp.ONE);
                faultRow = m - 1;
            }
            default -> {
            }
        }
        return new FibonacciCircuit(k, f, p, List.of(f[1], out), fault, faultRow);
    }

    @Override
    public Config configure(ConstraintSystem.Builder cs) {
        AdviceColumn f = cs.adviceColumn("f");
        AdviceColumn p = cs.adviceColumn("p");
        Selector q = cs.selector("q");
        InstanceColumn pub = cs.instanceColumn("pub");
        cs.constantColumn("const");
        cs.enableEquality(f);
        cs.enableEquality(pub);
        Expression sel = q.expr();
        cs.createGate(GATE,
                Constraint.of("sum", sel.mul(f.prev().add(f.cur()).sub(f.next()))),
                Constraint.of("product", sel.mul(f.prev().mul(f.cur()).sub(p.cur()))));
        return new Config(f, p, q, pub);
    }

    @Override
    public void synthesize(Config cfg, Assignment asg) {
        int m = f.length;
        asg.assignConstant(cfg.f(), 0, Fp.ONE);
        asg.assignAdvice(cfg.f(), 1, f[1]);
        asg.copy(cfg.f().cell(1), asg.instance(cfg.pub(), 0).cell());
        for (int i = 1; i < m - 1; i++) {
            asg.enableSelector(cfg.q(), i);
            asg.assignAdvice(cfg.f(), i + 1, f[i + 1]);
            asg.assignAdvice(cfg.p(), i, p[i]);
        }
        asg.copy(cfg.f().cell(m - 1), asg.instance(cfg.pub(), 1).cell());
    }

    /** The rows of the sequence. */
    public int length() {
        return f.length;
    }

    @Override
    public String faultName() {
        return fault == ExampleFault.GATE ? GATE : null;
    }
}
