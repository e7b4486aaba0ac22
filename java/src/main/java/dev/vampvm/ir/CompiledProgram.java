package dev.vampvm.ir;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.eval.Mode;
import dev.vampvm.ir.flatten.FlatProgram;
import dev.vampvm.ir.flatten.WitnessCheck;
import dev.vampvm.ir.layout.Layout;
import dev.vampvm.ir.layout.VampirCircuit;
import dev.vampvm.ir.syntax.Diagnostic;
import dev.vampvm.ir.types.CheckedProgram;
import dev.vampvm.ir.types.InputInfo;
import dev.vampvm.plonk.dev.MockProver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A program compiled in static mode: the three-address constraints (as evaluated, and after copy propagation and
 * dead-code removal), the circuit layout, and the witness when compiled with inputs.
 */
public final class CompiledProgram {
    private final CheckedProgram checked;
    private final FlatProgram flat;
    private final FlatProgram optimized;
    private final Layout layout;
    private final String result;
    private final Mode mode;

    CompiledProgram(CheckedProgram checked, FlatProgram flat, FlatProgram optimized, Layout layout, String result,
            Mode mode) {
        this.checked = checked;
        this.flat = flat;
        this.optimized = optimized;
        this.layout = layout;
        this.result = result;
        this.mode = mode;
    }

    public CheckedProgram checked() {
        return checked;
    }

    /** The constraints as the evaluator made them (before copy propagation), with the witness. */
    public FlatProgram flat() {
        return flat;
    }

    public FlatProgram optimized() {
        return optimized;
    }

    public Layout layout() {
        return layout;
    }

    public VampirCircuit circuit() {
        return layout.circuit();
    }

    public Mode mode() {
        return mode;
    }

    public boolean hasWitness() {
        return flat.hasWitness();
    }

    /** The value of the last top-level expression, as the program computes it for the inputs. */
    public String result() {
        return result;
    }

    /** Public input values by dotted name, in instance order. */
    public Map<String, Fp> publicValues() {
        Map<String, Fp> out = new LinkedHashMap<>();
        List<Fp> values = flat.publicValues();
        for (int i = 0; i < values.size(); i++) {
            out.put(flat.publicNames().get(i), values.get(i));
        }
        return out;
    }

    /**
     * Evaluates every three-address constraint on the witness, before any circuit is built: empty when all hold,
     * otherwise one diagnostic per failing source constraint.
     */
    public List<Diagnostic> checkWitness() {
        return WitnessCheck.check(flat);
    }

    /** Runs the mock prover on the circuit with the witness; failures are mapped back to source positions. */
    public List<Diagnostic> mockProve() {
        MockProver mp = MockProver.run(layout.k(), circuit(), layout.instances());
        return layout.explain(mp.failures());
    }

    /** Names of all input components, in order. */
    public List<String> inputNames() {
        List<String> out = new ArrayList<>();
        for (InputInfo i : checked.inputs()) {
            out.addAll(i.components());
        }
        return out;
    }

    /** The figures {@code vampvm compile} reports. */
    public Stats stats() {
        var cs = layout.constraintSystem();
        return new Stats(inputNames().size(), flat.publicVars().size(), flat.instrs().size(), optimized.instrs().size(),
                layout.fusedConstraints(), layout.rows(), layout.bitRows(), optimized.instrs().size(),
                cs.numAdviceColumns(), cs.numFixedColumns(), cs.numInstanceColumns(), cs.gates().size(),
                layout.copies(), layout.k(), cs.degree());
    }

    /**
     * Compilation statistics.
     *
     * @param constraints          three-address constraints as evaluated
     * @param optimizedConstraints after copy propagation and dead-code removal
     * @param fusedConstraints     polynomial constraints after fusing temporaries into their use
     * @param rows                 rows of our layout
     * @param baselineRows         rows of a one-row-per-three-address-constraint layout (VampIR's halo2 backend)
     */
    public record Stats(int inputs, int publicInputs, int constraints, int optimizedConstraints, int fusedConstraints,
            int rows, int bitRows, int baselineRows, int adviceColumns, int fixedColumns, int instanceColumns, int gates,
            int copies, int k, int degree) {

        /** Rows saved against the baseline, in percent. */
        public double savedPercent() {
            return baselineRows == 0 ? 0 : 100.0 * (baselineRows - rows) / baselineRows;
        }

        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("inputs", inputs);
            m.put("publicInputs", publicInputs);
            m.put("constraints", constraints);
            m.put("optimizedConstraints", optimizedConstraints);
            m.put("fusedConstraints", fusedConstraints);
            m.put("rows", rows);
            m.put("bitRows", bitRows);
            m.put("baselineRows", baselineRows);
            m.put("savedPercent", Math.round(savedPercent() * 10) / 10.0);
            m.put("adviceColumns", adviceColumns);
            m.put("fixedColumns", fixedColumns);
            m.put("instanceColumns", instanceColumns);
            m.put("gates", gates);
            m.put("copies", copies);
            m.put("k", k);
            m.put("degree", degree);
            return m;
        }
    }
}
