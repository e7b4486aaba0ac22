package dev.vampvm.plonk.examples;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.AdviceColumn;
import dev.vampvm.plonk.Assignment;
import dev.vampvm.plonk.Constraint;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.FixedColumn;
import dev.vampvm.plonk.InstanceColumn;
import dev.vampvm.plonk.Synthesis;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A chain of x⁵ S-box steps, as in Poseidon's full rounds: on every usable row y = (x + rc)⁵ with a random fixed
 * round constant rc, a degree-5 gate with no selector. Each row's y is copied to the next row's x; the first x is
 * the public input and the last y the public output.
 *
 * <p>{@link ExampleFault#GATE} perturbs one y and recomputes the rest of the chain (and the claimed output) from
 * it, so only that row's gate fails; {@link ExampleFault#COPY} does the same to one x, so only the copy into it
 * fails.
 */
public final class SboxCircuit extends ExampleCircuitBase<SboxCircuit.Config> {
    public static final String GATE = "sbox";

    public record Config(AdviceColumn x, AdviceColumn y, FixedColumn rc, InstanceColumn pub) {
    }

    private final Fp[] x;
    private final Fp[] y;
    private final Fp[] rc;
    private final List<Fp> pub;

    private SboxCircuit(int k, Fp[] x, Fp[] y, Fp[] rc, List<Fp> pub, ExampleFault fault, int faultRow) {
        super(k, oneColumn(pub), fault, faultRow);
        this.x = x;
        this.y = y;
        this.rc = rc;
        this.pub = pub;
    }

    public static SboxCircuit create(int k, long seed) {
        return create(k, seed, ExampleFault.NONE);
    }

    public static SboxCircuit create(int k, long seed, ExampleFault fault) {
        if (fault == ExampleFault.LOOKUP) {
            throw new IllegalArgumentException("the S-box circuit has no lookup");
        }
        int m = Synthesis.configure(new SboxCircuit(k, null, null, null, null, fault, -1)).usableRows(k);
        SplittableRandom rng = new SplittableRandom(seed);
        Fp[] x = new Fp[m];
        Fp[] y = new Fp[m];
        Fp[] rc = new Fp[m];
        for (int i = 0; i < m; i++) {
            rc[i] = Fp.random(rng);
        }
        int faultRow = fault == ExampleFault.NONE ? -1 : rng.nextInt(m - 1);
        x[0] = Fp.random(rng);
        for (int i = 0; i < m; i++) {
            if (i > 0) {
                x[i] = y[i - 1];
                if (fault == ExampleFault.COPY && i == faultRow + 1) {
                    x[i] = x[i].add(Fp.ONE);
                }
            }
            y[i] = x[i].add(rc[i]).pow(5);
            if (fault == ExampleFault.GATE && i == faultRow) {
                y[i] = y[i].add(Fp.ONE);
            }
        }
        if (fault == ExampleFault.COPY) {
            faultRow++;
        }
        return new SboxCircuit(k, x, y, rc, List.of(x[0], y[m - 1]), fault, faultRow);
    }

    @Override
    public Config configure(ConstraintSystem.Builder cs) {
        AdviceColumn x = cs.adviceColumn("x");
        AdviceColumn y = cs.adviceColumn("y");
        FixedColumn rc = cs.fixedColumn("rc");
        InstanceColumn pub = cs.instanceColumn("pub");
        cs.enableEquality(x);
        cs.enableEquality(y);
        cs.enableEquality(pub);
        cs.createGate(GATE, Constraint.of("y = (x + rc)^5", x.cur().add(rc.cur()).pow(5).sub(y.cur())));
        return new Config(x, y, rc, pub);
    }

    @Override
    public void synthesize(Config cfg, Assignment asg) {
        int m = x.length;
        for (int i = 0; i < m; i++) {
            asg.assignFixed(cfg.rc(), i, rc[i]);
            asg.assignAdvice(cfg.x(), i, x[i]);
            asg.assignAdvice(cfg.y(), i, y[i]);
            if (i > 0) {
                asg.copy(cfg.x().cell(i), cfg.y().cell(i - 1));
            }
        }
        asg.copy(cfg.x().cell(0), asg.instance(cfg.pub(), 0).cell());
        asg.copy(cfg.y().cell(m - 1), asg.instance(cfg.pub(), 1).cell());
    }

    @Override
    public String faultName() {
        return fault == ExampleFault.GATE ? GATE : null;
    }
}
