package dev.vampvm.ir.flatten;

import dev.vampvm.field.Fp;
import java.util.ArrayList;
import java.util.List;

/**
 * A program flattened to three-address constraints over numbered variables, with the witness (one value per
 * variable, or none when compiled without inputs) and the public inputs in instance order.
 *
 * @param values        per variable; null when there is no witness
 * @param publicVars    variable ids of the public input components, in instance-column order
 * @param publicNames   their dotted names, same order
 */
public record FlatProgram(List<VarInfo> vars, List<Instr> instrs, Fp[] values, List<Integer> publicVars,
        List<String> publicNames) {

    public FlatProgram {
        vars = List.copyOf(vars);
        instrs = List.copyOf(instrs);
        publicVars = List.copyOf(publicVars);
        publicNames = List.copyOf(publicNames);
    }

    public boolean hasWitness() {
        return values != null;
    }

    /** The same variables and witness with other constraints. */
    public FlatProgram withInstrs(List<Instr> newInstrs) {
        return new FlatProgram(vars, newInstrs, values, publicVars, publicNames);
    }

    /** The public values, in instance order (requires a witness). */
    public List<Fp> publicValues() {
        List<Fp> out = new ArrayList<>();
        for (int id : publicVars) {
            out.add(values[id]);
        }
        return out;
    }

    /** One constraint per line, for debugging and {@code --listing}. */
    public String listing() {
        StringBuilder sb = new StringBuilder();
        for (Instr i : instrs) {
            sb.append(i.render()).append("    // ").append(i.origin().label()).append('\n');
        }
        return sb.toString();
    }
}
