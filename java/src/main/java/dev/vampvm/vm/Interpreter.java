package dev.vampvm.vm;

import dev.vampvm.api.VampvmException;
import dev.vampvm.field.Fp;
import dev.vampvm.ir.Compiler;
import dev.vampvm.ir.Inputs;
import dev.vampvm.ir.eval.BlockRun;
import dev.vampvm.ir.eval.Evaluator;
import dev.vampvm.ir.flatten.WitnessCheck;
import dev.vampvm.ir.syntax.Diagnostic;
import dev.vampvm.ir.types.InputInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a VM program on inputs and records the trace: from the entry block, each block is evaluated with the values
 * the runtime holds ({@link Machine}), its constraints are checked on the witness, and its terminator picks the next
 * block, until the main program halts.
 */
public final class Interpreter {
    /** The default step limit ({@code --max-steps}). */
    public static final int DEFAULT_MAX_STEPS = 1_000_000;

    private Interpreter() {
    }

    /**
     * Runs the program.
     *
     * @throws dev.vampvm.ir.syntax.CompileException for unknown, missing or malformed inputs
     * @throws VampvmException when a block's constraints do not hold (diagnostics at the source), or the run takes
     *     more than {@code maxSteps} steps
     */
    public static Trace run(VmProgram program, Inputs inputs, int maxSteps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("the step limit must be at least 1, got " + maxSteps);
        }
        Map<String, Fp> values = inputs.resolve(program.checked());
        return Compiler.onLargeStack(() -> {
            Machine machine = new Machine(program);
            List<Trace.Step> steps = new ArrayList<>();
            String result = null;
            int maxDepth = 0;
            while (!machine.halted()) {
                if (steps.size() == maxSteps) {
                    throw new VampvmException(VampvmException.Kind.USAGE, "the run did not halt within " + maxSteps
                            + " steps (--max-steps); it was in block " + program.block(machine.expected()).name()
                            + " at call depth " + machine.depth(), List.of());
                }
                Block block = program.block(machine.expected());
                BlockRun run = Evaluator.runBlock(program.checked(), block.point(), values, machine::value,
                        new HashSet<>(block.shape().exportKeys()));
                if (!run.flat().publicNames().equals(block.publicKeys())) {
                    throw new IllegalStateException("block " + block.name() + " evaluated to another interface: "
                            + run.flat().publicNames() + " instead of " + block.publicKeys());
                }
                List<Diagnostic> failures = WitnessCheck.check(run.flat());
                if (!failures.isEmpty()) {
                    throw new VampvmException(VampvmException.Kind.UNSATISFIED, "the inputs do not satisfy "
                            + program.source().name() + " (step " + steps.size() + ", block " + block.name() + ": "
                            + failures.size() + " failing " + (failures.size() == 1 ? "constraint" : "constraints")
                            + ")", failures);
                }
                List<Fp> publicValues = run.flat().publicValues();
                try {
                    machine.step(block, publicValues);
                } catch (Machine.Refused e) {
                    throw new IllegalStateException("the interpreter broke the runtime's rules: " + e.getMessage(), e);
                }
                steps.add(new Trace.Step(block, publicValues, run));
                maxDepth = Math.max(maxDepth, machine.depth());
                if (run.result() != null) {
                    result = run.result();
                }
            }
            Map<String, Fp> pub = new LinkedHashMap<>();
            for (String p : program.checked().publicInputs()) {
                InputInfo info = program.checked().input(p);
                for (String comp : info.components()) {
                    pub.put(comp, values.get(comp));
                }
            }
            return new Trace(steps, pub, result, maxDepth);
        });
    }
}
