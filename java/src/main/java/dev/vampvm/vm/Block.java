package dev.vampvm.vm;

import dev.vampvm.ir.eval.BlockPoint;
import dev.vampvm.ir.eval.BlockRun;
import dev.vampvm.ir.eval.Terminator;
import dev.vampvm.ir.layout.Layout;
import java.util.List;

/**
 * A block of a VM program: straight-line code between two boundaries, compiled ahead of time into its own circuit,
 * with its interface to the runtime.
 *
 * @param index      its number in the program (the trace names blocks by it)
 * @param name       {@code main}, {@code fib}, {@code fib/1y}, {@code main@2}: routine, arms entered, segment
 * @param shape      its evaluation without a witness: constraints, imports, exports, terminator
 * @param layout     its circuit, or null when the block makes no constraint (it needs no proof)
 * @param next       the block that runs when the boundary ending this block returns (branch, call), or -1
 * @param tail       whether {@code next} only returns what it resumes with, so the runtime skips it (no frame is
 *                   pushed, and the callee returns straight to the frame below)
 * @param arms       the blocks the two arms of an ending branch start with (x, then y), else empty
 * @param callee     the first block of the function an ending call activates, or -1
 */
public record Block(int index, String name, BlockRun shape, Layout layout, int next, boolean tail, List<Integer> arms,
        int callee) {

    public Block {
        arms = List.copyOf(arms);
    }

    public BlockPoint point() {
        return shape.point();
    }

    public Terminator terminator() {
        return shape.terminator();
    }

    public boolean hasCircuit() {
        return layout != null;
    }

    /** Rows one execution needs in a stacked circuit: its rows, and its public values' rows. */
    public int rowsPerCopy() {
        return layout.rowsWithPublic();
    }

    /** The keys the block makes public, imports first: the layout of its instance column. */
    public List<String> publicKeys() {
        return shape.flat().publicNames();
    }

    /** One line for {@code vampvm compile --mode vm}. */
    public String describeEnd() {
        return switch (terminator()) {
            case Terminator.Branch b -> "branch on " + b.condition() + (tail ? " (tail)" : "");
            case Terminator.Call c -> "call " + c.name() + (tail ? " (tail)" : "");
            case Terminator.Return r -> "return " + r.values().size() + (r.values().size() == 1 ? " value" : " values");
            case Terminator.Halt h -> "halt";
        };
    }
}
