package dev.vampvm.vm;

import dev.vampvm.api.KeyCache;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.ir.layout.Layout;
import dev.vampvm.ir.layout.VampirCircuit;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.StackedCircuit;
import dev.vampvm.plonk.keygen.CircuitShape;
import dev.vampvm.plonk.keygen.VerifyingKey;
import java.util.Collections;
import java.util.List;

/**
 * The circuit that proves m executions of a block at once (its circuit stacked m times, see {@link #copies}), and its
 * keys, from the key cache when they are there.
 */
final class BlockKeys {
    private BlockKeys() {
    }

    /**
     * The stack size for n executions: as many copies as fit in the smallest table that holds n (the rest repeat the
     * last execution). The table's size, not the count, is what proving costs, and this way a block has one key per
     * table size rather than one per count; rounding the count up to a power of two instead could double the table.
     */
    static int copies(Block block, int executions) {
        ConstraintSystem cs = block.layout().constraintSystem();
        int rows = block.rowsPerCopy();
        if (!fits(block, executions)) {
            throw new IllegalArgumentException("block " + block.name() + " ran " + executions + " times: more than one"
                    + " proof of k = " + IpaParams.MAX_K + " holds");
        }
        return Math.max(executions, cs.usableRows(cs.minimumK(executions * rows)) / rows);
    }

    /** Whether one proof (of at most {@link IpaParams#MAX_K}) holds this many executions of the block. */
    static boolean fits(Block block, long executions) {
        ConstraintSystem cs = block.layout().constraintSystem();
        return executions * block.rowsPerCopy() <= cs.usableRows(IpaParams.MAX_K);
    }

    /** m copies of the block's circuit, as keygen sees them (no witness). */
    static StackedCircuit<VampirCircuit.Config> shape(Block block, int m) {
        return new StackedCircuit<>(Collections.nCopies(m, block.layout().circuit()), block.rowsPerCopy());
    }

    /** The k of m stacked copies (the stack has the block's constraint system). */
    static int k(Block block, int m) {
        return block.layout().constraintSystem().minimumK(m * block.rowsPerCopy());
    }

    /** What the keys of m stacked copies are made from (one synthesis: the key cache's address and the keys). */
    static CircuitShape circuitShape(Block block, int m) {
        return CircuitShape.of(shape(block, m), k(block, m));
    }

    /** The verifying key of m stacked copies, from their shape: from the cache, or made (and stored). */
    static VerifyingKey verifyingKey(IpaParams params, CircuitShape shape, int m, KeyCache cache) {
        return KeyCache.verifyingKey(cache, "vm block x" + m, params, shape);
    }

    /** The instance column of m copies: each execution's values, the last repeated up to m. */
    static List<List<dev.vampvm.field.Fp>> instances(Block block, List<List<dev.vampvm.field.Fp>> executions, int m) {
        List<List<List<dev.vampvm.field.Fp>>> perCopy = new java.util.ArrayList<>();
        for (int i = 0; i < m; i++) {
            perCopy.add(Layout.spread(executions.get(Math.min(i, executions.size() - 1)),
                    block.layout().instanceColumns()));
        }
        return shape(block, m).instances(perCopy);
    }
}
