package dev.vampvm.plonk.evaluation;

import static dev.vampvm.plonk.evaluation.ProgramBuilder.ADD;
import static dev.vampvm.plonk.evaluation.ProgramBuilder.CONST;
import static dev.vampvm.plonk.evaluation.ProgramBuilder.F;
import static dev.vampvm.plonk.evaluation.ProgramBuilder.LOAD;
import static dev.vampvm.plonk.evaluation.ProgramBuilder.MUL;
import static dev.vampvm.plonk.evaluation.ProgramBuilder.NEG;
import static dev.vampvm.plonk.evaluation.ProgramBuilder.SCALE;
import static dev.vampvm.plonk.evaluation.ProgramBuilder.SUB;

import dev.vampvm.field.FieldLanes;
import dev.vampvm.field.Lanes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A compiled constraint program ({@link ProgramBuilder}): straight-line code over registers of four Montgomery
 * limbs, run once per point. Points are split into contiguous chunks evaluated in parallel, each with one
 * register file allocated per chunk: nothing is allocated per point.
 */
public final class Program {
    /** Points per parallel chunk: large enough to amortise the register file, small enough to balance. */
    private static final int CHUNK = 1 << 11;
    /** The most lanes {@link InLanes} takes (AVX-512's eight longs): sizes it runs are multiples of it. */
    private static final int MAX_LANES = 8;

    private final int size;
    private final int mask;
    private final EvaluationSource[] sources;
    private final int[] op;
    private final int[] a;
    /** For LOAD: the point offset of the rotation; for binary nodes: the right operand. */
    private final int[] offset;
    private final int[] constIndex;
    private final long[][] scaleConstants;
    private final long[] constantRegisters;
    private final int[] outputs;
    private final int[] code;

    Program(int logSize, EvaluationSource[] sources, int[] op, int[] a, int[] offsets, int[] constIndex,
            long[][] scaleConstants, long[] constantRegisters, int[] outputs) {
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

    /** The vectors the program loads from, by source id (LOAD's operand), each of {@link #size} points. */
    public List<EvaluationSource> sources() {
        return List.of(sources);
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

    /**
     * This program for an engine ({@link dev.vampvm.backend.PointProgram}): what {@link #evaluateFolded} computes, each
     * output added with its power of y as soon as it is computed (the same sum), times the periodic {@code factors}.
     * Nodes no output depends on are dropped; registers are allocated by liveness (a register is reused once the last
     * instruction reading it has run). Returns null when that needs more than
     * {@link dev.vampvm.backend.PointProgram#MAX_SLOTS} registers at once: the caller then evaluates on the host.
     *
     * @param factors a power-of-two number of elements, multiplied into point i as factors[i mod their number]
     */
    public dev.vampvm.backend.PointProgram forEngine(long[] y, long[] factors) {
        int nodes = op.length;
        int outs = outputs.length;
        // Which nodes some output needs (operands have smaller indices than their node).
        boolean[] live = new boolean[nodes];
        for (int out : outputs) {
            live[out] = true;
        }
        for (int t = nodes - 1; t >= 0; t--) {
            if (live[t]) {
                switch (op[t]) {
                    case ADD, SUB, MUL -> {
                        live[a[t]] = true;
                        live[offset[t]] = true;
                    }
                    case NEG, SCALE -> live[a[t]] = true;
                    default -> {
                    }
                }
            }
        }
        List<List<Integer>> foldsOf = new ArrayList<>(nodes);
        for (int t = 0; t < nodes; t++) {
            foldsOf.add(new ArrayList<>());
        }
        for (int k = 0; k < outs; k++) {
            foldsOf.get(outputs[k]).add(k);
        }
        // Constants: the scale constants, then the constant nodes' values, then y^(outs − 1 − k) per output k.
        int constNodes = 0;
        int[] constSlot = new int[nodes];
        for (int t = 0; t < nodes; t++) {
            if (op[t] == CONST && live[t]) {
                constSlot[t] = scaleConstants.length + constNodes++;
            }
        }
        int powersAt = scaleConstants.length + constNodes;
        long[] constants = new long[4 * (powersAt + outs)];
        for (int i = 0; i < scaleConstants.length; i++) {
            System.arraycopy(scaleConstants[i], 0, constants, 4 * i, 4);
        }
        for (int t = 0; t < nodes; t++) {
            if (op[t] == CONST && live[t]) {
                System.arraycopy(constantRegisters, 4 * t, constants, 4 * constSlot[t], 4);
            }
        }
        long[] power = F.one();
        for (int k = outs - 1; k >= 0; k--) {
            System.arraycopy(power, 0, constants, 4 * (powersAt + k), 4);
            F.mul(power, 0, y, 0, power, 0);
        }
        // Instructions over node numbers: {op, node (dst), a, b}; node operands are rewritten to registers below.
        List<int[]> code = new ArrayList<>();
        int[] lastUse = new int[nodes];
        java.util.Arrays.fill(lastUse, -1);
        for (int t = 0; t < nodes; t++) {
            if (!live[t]) {
                continue;
            }
            int j = code.size();
            switch (op[t]) {
                case LOAD -> code.add(new int[] {dev.vampvm.backend.PointProgram.LOAD, t, a[t], offset[t]});
                case CONST -> code.add(new int[] {dev.vampvm.backend.PointProgram.CONST, t, constSlot[t], 0});
                case ADD, SUB, MUL -> {
                    int kind = op[t] == ADD ? dev.vampvm.backend.PointProgram.ADD
                            : op[t] == SUB ? dev.vampvm.backend.PointProgram.SUB : dev.vampvm.backend.PointProgram.MUL;
                    code.add(new int[] {kind, t, a[t], offset[t]});
                    lastUse[a[t]] = j;
                    lastUse[offset[t]] = j;
                }
                case NEG -> {
                    code.add(new int[] {dev.vampvm.backend.PointProgram.NEG, t, a[t], 0});
                    lastUse[a[t]] = j;
                }
                case SCALE -> {
                    code.add(new int[] {dev.vampvm.backend.PointProgram.SCALE, t, a[t], constIndex[t]});
                    lastUse[a[t]] = j;
                }
                default -> throw new IllegalStateException("opcode " + op[t]);
            }
            for (int k : foldsOf.get(t)) {
                lastUse[t] = code.size();
                code.add(new int[] {dev.vampvm.backend.PointProgram.FOLD, -1, t, powersAt + k});
            }
        }
        // Registers by liveness: operands whose last reader this is are freed before the result is placed (an
        // instruction reads its operands before it writes).
        int[] reg = new int[nodes];
        java.util.ArrayDeque<Integer> free = new java.util.ArrayDeque<>();
        int slots = 0;
        int[] flat = new int[4 * code.size()];
        for (int j = 0; j < code.size(); j++) {
            int[] ins = code.get(j);
            int kind = ins[0];
            boolean aIsNode = kind != dev.vampvm.backend.PointProgram.LOAD && kind != dev.vampvm.backend.PointProgram.CONST;
            boolean bIsNode = kind == dev.vampvm.backend.PointProgram.ADD || kind == dev.vampvm.backend.PointProgram.SUB
                    || kind == dev.vampvm.backend.PointProgram.MUL;
            int ra = aIsNode ? reg[ins[2]] : ins[2];
            int rb = bIsNode ? reg[ins[3]] : ins[3];
            if (aIsNode && lastUse[ins[2]] == j) {
                free.push(reg[ins[2]]);
            }
            if (bIsNode && ins[3] != ins[2] && lastUse[ins[3]] == j) {
                free.push(reg[ins[3]]);
            }
            int rd = 0;
            if (kind != dev.vampvm.backend.PointProgram.FOLD) {
                if (free.isEmpty()) {
                    if (slots == dev.vampvm.backend.PointProgram.MAX_SLOTS) {
                        return null;
                    }
                    free.push(slots++);
                }
                rd = free.pop();
                reg[ins[1]] = rd;
            }
            flat[4 * j] = kind;
            flat[4 * j + 1] = rd;
            flat[4 * j + 2] = ra;
            flat[4 * j + 3] = rb;
        }
        return new dev.vampvm.backend.PointProgram(flat, slots, constants, factors.clone());
    }

    private void run(long[] folded, long[][] separate, long[] y) {
        // Each source's host array once per run, held only while it runs.
        long[][] values = new long[sources.length][];
        for (int s = 0; s < sources.length; s++) {
            values[s] = sources[s].onHost();
        }
        int chunks = (size + CHUNK - 1) / CHUNK;
        boolean lanes = Lanes.ready(F, size) && size % MAX_LANES == 0;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * CHUNK;
            int to = Math.min(size, from + CHUNK);
            if (lanes) {
                InLanes.runChunk(this, values, from, to, folded, separate, y);
            } else {
                runChunk(values, from, to, folded, separate, y);
            }
        });
    }

    private void runChunk(long[][] values, int from, int to, long[] folded, long[][] separate, long[] y) {
        long[] r = constantRegisters.clone();
        int[] code = this.code;
        for (int i = from; i < to; i++) {
            for (int t : code) {
                int rt = 4 * t;
                switch (op[t]) {
                    case LOAD -> {
                        long[] s = values[a[t]];
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

    /**
     * {@link #runChunk} with {@link FieldLanes}: w points at a time, one per lane, every register a lane block (a
     * separate class, so that nothing loads the Vector API unless {@link Lanes#usable} said so). The same values as
     * the scalar run: a LOAD converts w consecutive points of its source (gathered where the rotation wraps), and the
     * outputs are converted back as they are stored.
     */
    private static final class InLanes {

        static void runChunk(Program p, long[][] values, int from, int to, long[] folded, long[][] separate,
                long[] y) {
            final FieldLanes fl = FieldLanes.preferred(F);
            final int w = fl.lanes();
            final int block = fl.blockLongs();
            final int[] op = p.op, a = p.a, offset = p.offset, code = p.code;
            long[] r = new long[op.length * block];
            for (int t = 0; t < op.length; t++) {
                if (op[t] == CONST) {
                    fl.broadcast(p.constantRegisters, 4 * t, r, t * block);
                }
            }
            long[] scales = new long[p.scaleConstants.length * block];
            for (int i = 0; i < p.scaleConstants.length; i++) {
                fl.broadcast(p.scaleConstants[i], 0, scales, i * block);
            }
            long[] zero = new long[block];
            long[] yBlock = new long[block];
            long[] acc = new long[block];
            if (y != null) {
                fl.broadcast(y, 0, yBlock, 0);
            }
            int[] wrapped = new int[w];
            for (int i = from; i < to; i += w) {
                for (int t : code) {
                    int rt = t * block;
                    switch (op[t]) {
                        case LOAD -> {
                            long[] src = values[a[t]];
                            int start = (i + offset[t]) & p.mask;
                            if (start + w <= p.size) {
                                fl.load(src, 4 * start, r, rt);
                            } else {
                                for (int l = 0; l < w; l++) {
                                    wrapped[l] = 4 * ((start + l) & p.mask);
                                }
                                fl.gather(src, 0, wrapped, 0, r, rt);
                            }
                        }
                        case ADD -> fl.add(r, a[t] * block, r, offset[t] * block, r, rt);
                        case SUB -> fl.sub(r, a[t] * block, r, offset[t] * block, r, rt);
                        case MUL -> fl.mul(r, a[t] * block, r, offset[t] * block, r, rt);
                        case NEG -> fl.sub(zero, 0, r, a[t] * block, r, rt);
                        case SCALE -> fl.mul(r, a[t] * block, scales, p.constIndex[t] * block, r, rt);
                        default -> throw new IllegalStateException("opcode " + op[t]);
                    }
                }
                if (folded != null) {
                    fl.load(folded, 4 * i, acc, 0);
                    for (int out : p.outputs) {
                        fl.mul(acc, 0, yBlock, 0, acc, 0);
                        fl.add(acc, 0, r, out * block, acc, 0);
                    }
                    fl.store(acc, 0, folded, 4 * i);
                } else {
                    for (int k = 0; k < p.outputs.length; k++) {
                        fl.store(r, p.outputs[k] * block, separate[k], 4 * i);
                    }
                }
            }
        }
    }
}
