package dev.vampvm.backend;

import java.util.Objects;

/**
 * Straight-line code run once per point of a vector by {@link Backend#runPointProgram}: how the prover's quotient
 * numerator (every constraint at every point of the extended coset, folded with powers of y) is computed on an
 * engine. Built by {@code plonk.evaluation.Program#forEngine}, which allocates the registers.
 *
 * <p>Each instruction is four ints {@code op, dst, a, b} in {@code code}; registers {@code r[0..slots)}, an
 * accumulator {@code acc} starting at zero; point i of 2^logSize, sources {@code s} each of 2^logSize points:
 * <pre>
 *   LOAD  (0): r[dst] = s[a][(i + b) mod 2^logSize]     CONST (1): r[dst] = constants[a]
 *   ADD   (2): r[dst] = r[a] + r[b]                       SUB   (3): r[dst] = r[a] − r[b]
 *   MUL   (4): r[dst] = r[a] · r[b]                       NEG   (5): r[dst] = −r[a]
 *   SCALE (6): r[dst] = r[a] · constants[b]               FOLD  (7): acc = acc + r[a] · constants[b]
 * </pre>
 * and then {@code out[i] = acc · factors[i mod (factors.length / 4)]} (the quotient: 1 / Z_H on the coset, periodic).
 *
 * @param code      4 ints per instruction
 * @param slots     registers used, at most {@link #MAX_SLOTS}
 * @param constants Montgomery-form field elements, 4 longs each
 * @param factors   a power-of-two number of Montgomery-form elements, 4 longs each
 */
public record PointProgram(int[] code, int slots, long[] constants, long[] factors) {
    public static final int LOAD = 0;
    public static final int CONST = 1;
    public static final int ADD = 2;
    public static final int SUB = 3;
    public static final int MUL = 4;
    public static final int NEG = 5;
    public static final int SCALE = 6;
    public static final int FOLD = 7;
    /** The register file of one point on a GPU thread (kernels/eval/program.cuh's EVAL_MAX_SLOTS). */
    public static final int MAX_SLOTS = 64;

    public PointProgram {
        Objects.requireNonNull(code, "code");
        if (code.length % 4 != 0 || slots < 0 || slots > MAX_SLOTS || constants.length % 4 != 0) {
            throw new IllegalArgumentException("a point program of " + code.length + " code ints, " + slots
                    + " registers, " + constants.length + " constant longs");
        }
        int f = factors.length / 4;
        if (factors.length % 4 != 0 || f == 0 || Integer.bitCount(f) != 1) {
            throw new IllegalArgumentException("a point program needs a power-of-two number of factors, got "
                    + factors.length / 4.0);
        }
    }

    /** The number of instructions. */
    public int instructions() {
        return code.length / 4;
    }

    /**
     * Checks every instruction's operands against the registers, the constants and {@code sources} sources of
     * {@code size} points, so that an engine can run the code without bounds checks.
     */
    public void check(int sources, int size) {
        int nConst = constants.length / 4;
        for (int k = 0; k < code.length; k += 4) {
            int op = code[k];
            int dst = code[k + 1];
            int a = code[k + 2];
            int b = code[k + 3];
            boolean ok = switch (op) {
                case LOAD -> reg(dst) && a >= 0 && a < sources && b >= 0 && b < size;
                case CONST -> reg(dst) && a >= 0 && a < nConst;
                case ADD, SUB, MUL -> reg(dst) && reg(a) && reg(b);
                case NEG -> reg(dst) && reg(a);
                case SCALE, FOLD -> (op == FOLD || reg(dst)) && reg(a) && b >= 0 && b < nConst;
                default -> false;
            };
            if (!ok) {
                throw new IllegalArgumentException("instruction " + k / 4 + " (" + op + ", " + dst + ", " + a + ", " + b
                        + ") is out of range");
            }
        }
    }

    private boolean reg(int r) {
        return r >= 0 && r < slots;
    }
}
