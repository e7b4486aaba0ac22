package dev.vampvm.plonk.evaluation;

import static dev.vampvm.plonk.evaluation.ProgramBuilder.ADD;
import static dev.vampvm.plonk.evaluation.ProgramBuilder.CONST;
import static dev.vampvm.plonk.evaluation.ProgramBuilder.F;
import static dev.vampvm.plonk.evaluation.ProgramBuilder.LOAD;
import static dev.vampvm.plonk.evaluation.ProgramBuilder.MUL;
import static dev.vampvm.plonk.evaluation.ProgramBuilder.NEG;
import static dev.vampvm.plonk.evaluation.ProgramBuilder.SCALE;
import static dev.vampvm.plonk.evaluation.ProgramBuilder.SUB;

import java.util.stream.IntStream;

/**
 * A compiled constraint program ({@link ProgramBuilder}): straight-line code over registers of four Montgomery
 * limbs, run once per point. Points are split into contiguous chunks evaluated in parallel, each with one
 * register file allocated per chunk: nothing is allocated per point.
 */
public final class Program {
    /** Points per parallel chunk: large enough to amortise the register file, small enough to balance. */
    private static final int CHUNK = 1 << 11;

    private final int size;
    private final int mask;
    private final long[][] sources;
    private final int[] op;
    private final int[] a;
    /** For LOAD: the point offset of the rotation; for binary nodes: the right operand. */
    private final int[] offset;
    private final int[] constIndex;
    private final long[][] scaleConstants;
    private final long[] constantRegisters;
    private final int[] outputs;
    private final int[] code;

    Program(int logSize, long[][] sources, int[] op, int[] a, int[] offsets, int[] constIndex, long[][] scaleConstants,
            long[] constantRegisters, int[] outputs) {
        this.size = 1 << logSize;
        this.mask = size - 1;
        this.sources = sources;
        this.op = op;
        this.a = a;
        this.offset = offsets;
        this.constIndex = constIndex;
        this.scaleConstants = scaleConstants;
        this.constantRegisters = constantRegisters;
        this.outputs = outputs;
        // Constants are in the register file from the start; only the other nodes run per point.
        this.code = IntStream.range(0, op.length).filter(i -> op[i] != CONST).toArray();
    }

    /** The number of points. */
    public int size() {
        return size;
    }

    /** The number of nodes (registers). */
    public int nodes() {
        return op.length;
    }

    /** The number of outputs. */
    public int outputCount() {
        return outputs.length;
    }

    /**
     * Evaluates every output at every point and folds them with y: out = (…(o₀·y + o₁)·y + …)·y + o_last,
     * halo2's order (the first constraint gets the highest power of y).
     */
    public long[] evaluateFolded(long[] y) {
        long[] out = new long[4 * size];
        run(out, null, y);
        return out;
    }

    /** Evaluates every output at every point, one vector per output. */
    public long[][] evaluateOutputs() {
        long[][] outs = new long[outputs.length][4 * size];
        run(null, outs, null);
        return outs;
    }

    private void run(long[] folded, long[][] separate, long[] y) {
        int chunks = (size + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * CHUNK;
            int to = Math.min(size, from + CHUNK);
            runChunk(from, to, folded, separate, y);
        });
    }

    private void runChunk(int from, int to, long[] folded, long[][] separate, long[] y) {
        long[] r = constantRegisters.clone();
        int[] code = this.code;
        for (int i = from; i < to; i++) {
            for (int t : code) {
                int rt = 4 * t;
                switch (op[t]) {
                    case LOAD -> {
                        long[] s = sources[a[t]];
                        int si = 4 * ((i + offset[t]) & mask);
                        r[rt] = s[si];
                        r[rt + 1] = s[si + 1];
                        r[rt + 2] = s[si + 2];
                        r[rt + 3] = s[si + 3];
                    }
                    case ADD -> F.add(r, 4 * a[t], r, 4 * offset[t], r, rt);
                    case SUB -> F.sub(r, 4 * a[t], r, 4 * offset[t], r, rt);
                    case MUL -> F.mul(r, 4 * a[t], r, 4 * offset[t], r, rt);
                    case NEG -> F.neg(r, 4 * a[t], r, rt);
                    case SCALE -> F.mul(r, 4 * a[t], scaleConstants[constIndex[t]], 0, r, rt);
                    default -> throw new IllegalStateException("opcode " + op[t]);
                }
            }
            if (folded != null) {
                int o = 4 * i;
                for (int out : outputs) {
                    F.mul(folded, o, y, 0, folded, o);
                    F.add(folded, o, r, 4 * out, folded, o);
                }
            } else {
                for (int k = 0; k < outputs.length; k++) {
                    System.arraycopy(r, 4 * outputs[k], separate[k], 4 * i, 4);
                }
            }
        }
    }
}
