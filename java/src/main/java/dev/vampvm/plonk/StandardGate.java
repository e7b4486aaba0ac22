package dev.vampvm.plonk;

/**
 * The standard PLONK gate {@code a·sl + b·sr + a·b·sm + c·so + sc = 0} over three advice columns with five
 * fixed coefficient columns and a public output column, all four equality-enabled: the circuit the
 * proof-system benchmark and many tests use, configured in one place.
 */
public record StandardGate(AdviceColumn a, AdviceColumn b, AdviceColumn c, FixedColumn sl, FixedColumn sr,
        FixedColumn sm, FixedColumn so, FixedColumn sc, InstanceColumn out) {

    /** The gate's name in the constraint system (and in mock-prover reports). */
    public static final String NAME = "standard";
    /** The gate's one constraint, as mock-prover reports name it. */
    public static final String CONSTRAINT = "a·sl + b·sr + a·b·sm + c·so + sc";

    /** Column i in copy-wiring order: 0 a, 1 b, 2 c, 3 out. */
    public Column column(int i) {
        return switch (i) {
            case 0 -> a;
            case 1 -> b;
            case 2 -> c;
            case 3 -> out;
            default -> throw new IllegalArgumentException("the standard gate has columns 0..3, not " + i);
        };
    }

    /** Adds the columns and the gate to a constraint system. */
    public static StandardGate configure(ConstraintSystem.Builder cs) {
        AdviceColumn a = cs.adviceColumn("a");
        AdviceColumn b = cs.adviceColumn("b");
        AdviceColumn c = cs.adviceColumn("c");
        FixedColumn sl = cs.fixedColumn("sl");
        FixedColumn sr = cs.fixedColumn("sr");
        FixedColumn sm = cs.fixedColumn("sm");
        FixedColumn so = cs.fixedColumn("so");
        FixedColumn sc = cs.fixedColumn("sc");
        InstanceColumn out = cs.instanceColumn("out");
        cs.enableEquality(a);
        cs.enableEquality(b);
        cs.enableEquality(c);
        cs.enableEquality(out);
        cs.createGate(NAME, Constraint.of(CONSTRAINT, a.cur().mul(sl.cur()).add(b.cur().mul(sr.cur()))
                .add(a.cur().mul(b.cur()).mul(sm.cur())).add(c.cur().mul(so.cur())).add(sc.cur())));
        return new StandardGate(a, b, c, sl, sr, sm, so, sc, out);
    }
}
