package dev.vampvm.plonk.evaluation;

import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.plonk.Expression;
import dev.vampvm.plonk.Expression.Query;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Compiles polynomial constraints into a flat {@link Program}: a list of nodes (load a vector at a rotation,
 * a constant, +, −, ×, negation, scaling by a constant), each computed once per point into its own register.
 * Structurally equal nodes are shared (common subexpressions are computed once), so the gate constraints,
 * the permutation and lookup constraints and the y-fold over all of them become one straight-line program
 * that touches every point once and allocates nothing per point.
 *
 * <p>This is the role of halo2's {@code plonk/evaluation.rs} ({@code GraphEvaluator}): rotations on an
 * extended domain of n·2^j points become index shifts by r·2^j, which {@link #build} fixes once.
 *
 * <p>It lives in its own package because the permutation and lookup provers add their constraints to the
 * same program that the prover's gates go into, and neither should depend on the other.
 */
public final class ProgramBuilder {
    static final MontgomeryField F = Fp.FIELD;

    static final int LOAD = 0;
    static final int CONST = 1;
    static final int ADD = 2;
    static final int SUB = 3;
    static final int MUL = 4;
    static final int NEG = 5;
    static final int SCALE = 6;

    private final List<EvaluationSource> sources = new ArrayList<>();
    /** Source ids by identity: of the array for a host array, of the source otherwise. */
    private final Map<Object, Integer> sourceIds = new IdentityHashMap<>();
    private int[] op = new int[64];
    private int[] a = new int[64];
    private int[] b = new int[64];
    private int count;
    private final List<long[]> constants = new ArrayList<>();
    private final Map<Key, Integer> dedupe = new HashMap<>();
    private final List<Integer> outputs = new ArrayList<>();

    /** A node's identity for sharing: its operation and operands (constants by value). */
    private record Key(int op, int a, int b, List<Long> constant) {
    }

    /**
     * Registers a host array of evaluations (4 longs per point, Montgomery form) and returns its id. The same array
     * always gets the same id.
     */
    public int source(long[] values) {
        Integer id = sourceIds.get(values);
        return id != null ? id : register(values, EvaluationSource.of(values));
    }

    /** Registers a source and returns its id. The same source object always gets the same id. */
    public int source(EvaluationSource source) {
        // A host array is keyed by its array, as the array overload keys it.
        Object identity = source instanceof EvaluationSource.HostArray host ? host.values() : source;
        Integer id = sourceIds.get(identity);
        return id != null ? id : register(identity, source);
    }

    private int register(Object identity, EvaluationSource source) {
        sources.add(source);
        sourceIds.put(identity, sources.size() - 1);
        return sources.size() - 1;
    }

    /** The node reading source {@code source} at {@code rotation} rows from the current one. */
    public int load(int source, int rotation) {
        if (source < 0 || source >= sources.size()) {
            throw new IllegalArgumentException("unknown source " + source);
        }
        return node(LOAD, source, rotation, null);
    }

    /** The node reading the array (registered on first use) at a rotation. */
    public int load(long[] values, int rotation) {
        return load(source(values), rotation);
    }

    /** The node reading the source (registered on first use) at a rotation. */
    public int load(EvaluationSource source, int rotation) {
        return load(source(source), rotation);
    }

    /** A constant node (Montgomery limbs). */
    public int constant(long[] value) {
        if (value.length != 4) {
            throw new IllegalArgumentException("a constant is 4 limbs");
        }
        return node(CONST, 0, 0, value);
    }

    public int constant(Fp value) {
        return constant(value.montgomeryLimbs());
    }

    public int add(int x, int y) {
        return node(ADD, Math.min(x, y), Math.max(x, y), null);
    }

    public int sub(int x, int y) {
        return node(SUB, x, y, null);
    }

    public int mul(int x, int y) {
        return node(MUL, Math.min(x, y), Math.max(x, y), null);
    }

    public int neg(int x) {
        return node(NEG, x, 0, null);
    }

    /** x · c for a constant c (Montgomery limbs). */
    public int scale(int x, long[] c) {
        return node(SCALE, x, 0, c);
    }

    /** c + x for a constant c. */
    public int addConstant(int x, long[] c) {
        return add(x, constant(c));
    }

    /** Compiles an expression; each query becomes the node {@code queries} returns for it. */
    public int expression(Expression e, ToIntFunction<Query> queries) {
        return e.evaluate(this::constant, queries::applyAsInt, this::add, this::mul, this::neg,
                (x, c) -> scale(x, c.montgomeryLimbs()));
    }

    /** Marks a node as an output: outputs are returned separately, or folded with powers of y, in this order. */
    public void output(int node) {
        checkNode(node);
        outputs.add(node);
    }

    /** The number of outputs declared so far. */
    public int outputs() {
        return outputs.size();
    }

    /**
     * Freezes the program for vectors of 2^logSize points on which one row is {@code rowStride} points apart
     * (1 on the base domain, 2^j on an extended domain of n·2^j points).
     */
    public Program build(int logSize, int rowStride) {
        int size = 1 << logSize;
        for (EvaluationSource s : sources) {
            if (s.size() != size) {
                throw new IllegalArgumentException("a source has " + s.size() + " points, the program " + size);
            }
        }
        // Second operand per node: the point offset of a rotation for LOAD, the right operand otherwise.
        int[] second = new int[count];
        for (int i = 0; i < count; i++) {
            if (op[i] == LOAD) {
                long shift = (long) b[i] * rowStride;
                second[i] = (int) Math.floorMod(shift, (long) size);
            } else {
                second[i] = b[i];
            }
        }
        long[] constantValues = new long[4 * count];
        int[] constIndex = new int[count];
        for (int i = 0; i < count; i++) {
            if (op[i] == CONST) {
                System.arraycopy(constants.get(b[i]), 0, constantValues, 4 * i, 4);
            } else if (op[i] == SCALE) {
                constIndex[i] = b[i];
            }
        }
        long[][] scaleConstants = constants.toArray(new long[0][]);
        int[] outs = outputs.stream().mapToInt(Integer::intValue).toArray();
        return new Program(logSize, sources.toArray(new EvaluationSource[0]), Arrays.copyOf(op, count),
                Arrays.copyOf(a, count), second, constIndex, scaleConstants, constantValues, outs);
    }

    private int node(int kind, int x, int y, long[] c) {
        if (kind != LOAD && kind != CONST) {
            checkNode(x);
            if (kind == ADD || kind == SUB || kind == MUL) {
                checkNode(y);
            }
        }
        List<Long> cKey = c == null ? null : List.of(c[0], c[1], c[2], c[3]);
        Key key = new Key(kind, x, y, cKey);
        Integer existing = dedupe.get(key);
        if (existing != null) {
            return existing;
        }
        if (count == op.length) {
            op = Arrays.copyOf(op, 2 * count);
            a = Arrays.copyOf(a, 2 * count);
            b = Arrays.copyOf(b, 2 * count);
        }
        op[count] = kind;
        a[count] = x;
        b[count] = y;
        if (c != null) {
            constants.add(c.clone());
            b[count] = constants.size() - 1;
        }
        dedupe.put(key, count);
        return count++;
    }

    private void checkNode(int node) {
        if (node < 0 || node >= count) {
            throw new IllegalArgumentException("unknown node " + node);
        }
    }
}
