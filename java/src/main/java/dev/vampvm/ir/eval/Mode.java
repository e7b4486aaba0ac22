package dev.vampvm.ir.eval;

/**
 * How static mode treats recursion, which the circuit cannot contain as such.
 * <ul>
 *   <li>{@link #TRACE}: with inputs; recursion is unrolled along the run for those inputs. A {@code branch} whose
 *       untaken arm would recurse is fixed to the arm the run took (a constraint on its condition), so the circuit is
 *       specialised to that execution path; every other {@code branch} compiles both arms.</li>
 *   <li>{@link #UNROLL}: input-independent; recursion is unrolled to a fixed depth and an arm that would go deeper is
 *       cut off, its condition constrained to the other arm.</li>
 *   <li>{@link #SHAPE}: without inputs and without a bound: fine for programs without input-dependent recursion;
 *       otherwise a usage error asks for one or the other.</li>
 *   <li>{@link #VM}: one block of VM mode at a time ({@link Evaluator#runBlock}): recursive calls and branches on
 *       circuit variables are block boundaries, handled by the runtime instead of the circuit.</li>
 * </ul>
 */
public enum Mode {
    TRACE, UNROLL, SHAPE, VM
}
