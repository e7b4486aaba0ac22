package dev.vampvm.vm;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.eval.BlockRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run of a VM program: the blocks executed in order, each with its public values and its witness.
 *
 * @param steps        in execution order
 * @param publicValues the program's public inputs by component name
 * @param result       the main program's result, rendered
 * @param maxDepth     the deepest the call stack went
 */
public record Trace(List<Step> steps, Map<String, Fp> publicValues, String result, int maxDepth) {

    /** One block execution. {@code run} holds its constraints with the witness. */
    public record Step(Block block, List<Fp> values, BlockRun run) {
        public Step {
            values = List.copyOf(values);
        }
    }

    public Trace {
        steps = List.copyOf(steps);
        publicValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(publicValues));
    }

    /** Executions per block, by block index (blocks never run are absent), in block order. */
    public Map<Integer, List<Step>> byBlock() {
        Map<Integer, List<Step>> out = new java.util.TreeMap<>();
        for (Step s : steps) {
            out.computeIfAbsent(s.block().index(), i -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** The block path, names in order. */
    public List<String> path() {
        List<String> out = new ArrayList<>();
        for (Step s : steps) {
            out.add(s.block().name());
        }
        return out;
    }
}
