package dev.vampvm.ir.flatten;

import dev.vampvm.field.Fp;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects variables, witness values and constraints as the evaluator produces them. Supports checkpoints so that
 * a speculatively evaluated {@code branch} arm can be thrown away.
 */
public final class FlatBuilder {
    private final List<VarInfo> vars = new ArrayList<>();
    private final List<Fp> values = new ArrayList<>();
    private final List<Instr> instrs = new ArrayList<>();
    private final boolean witness;
    private final long maxInstrs;

    /** Thrown by {@link #add} past the limit: the evaluator turns it into a diagnostic. */
    public static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    public FlatBuilder(boolean witness) {
        this(witness, Long.MAX_VALUE);
    }

    /** @param maxInstrs the most constraints {@link #add} takes before it throws {@link TooLarge} */
    public FlatBuilder(boolean witness, long maxInstrs) {
        this.witness = witness;
        this.maxInstrs = maxInstrs;
    }

    public boolean hasWitness() {
        return witness;
    }

    /** A new variable; {@code value} may be null (no witness, or not computable). */
    public Operand.Var newVar(VarInfo.Kind kind, String name, Origin origin, Fp value) {
        int id = vars.size();
        vars.add(new VarInfo(id, kind, name, origin));
        values.add(witness ? value : null);
        return new Operand.Var(id);
    }

    /** The witness value of an operand (constants are their own value); null when unknown. */
    public Fp value(Operand o) {
        return switch (o) {
            case Operand.Const c -> c.value();
            case Operand.Var v -> values.get(v.id());
        };
    }

    public void add(Instr i) {
        if (instrs.size() >= maxInstrs) {
            throw new TooLarge();
        }
        instrs.add(i);
    }

    public int varCount() {
        return vars.size();
    }

    public int instrCount() {
        return instrs.size();
    }

    /** A point to come back to: the numbers of variables and constraints so far. */
    public record Checkpoint(int vars, int instrs) {
    }

    public Checkpoint checkpoint() {
        return new Checkpoint(vars.size(), instrs.size());
    }

    /** Forgets every variable and constraint made since the checkpoint. */
    public void rollback(Checkpoint c) {
        vars.subList(c.vars(), vars.size()).clear();
        values.subList(c.vars(), values.size()).clear();
        instrs.subList(c.instrs(), instrs.size()).clear();
    }

    public FlatProgram build(List<Integer> publicVars, List<String> publicNames) {
        return build(publicVars, publicNames, 0);
    }

    /** The program of the constraints made from instruction {@code firstInstr} on (a VM block's own). */
    public FlatProgram build(List<Integer> publicVars, List<String> publicNames, int firstInstr) {
        Fp[] v = witness ? values.toArray(new Fp[0]) : null;
        return new FlatProgram(vars, instrsFrom(firstInstr), v, publicVars, publicNames);
    }

    /** The constraints made from instruction {@code first} on. */
    public List<Instr> instrsFrom(int first) {
        return instrs.subList(first, instrs.size());
    }
}
