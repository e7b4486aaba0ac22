package dev.vampvm.ir.eval;

import java.util.List;

/**
 * Where a VM block begins: in a routine (the main program, or an activation of a recursive function), possibly inside
 * arms of {@code branch}es entered along the way, after a number of block boundaries of the innermost routine.
 *
 * <p>A routine's boundaries (a {@code branch} on a circuit variable, a call of a recursive function) are numbered
 * 1, 2, ... in evaluation order; segment s runs from boundary s (or the routine's start, for s = 0) to the next one.
 * Entering the arm of the branch at boundary b starts a new routine, the arm, with its own numbering.
 *
 * @param function item index of the recursive function whose activation this is, or -1 for the main program
 * @param arms     the branch arms entered, outermost first
 * @param segment  the segment of the innermost routine
 */
public record BlockPoint(int function, List<ArmStep> arms, int segment) {

    /** The arm taken at boundary {@code boundary} of a routine ({@code y}: the arm chosen by condition 1). */
    public record ArmStep(int boundary, boolean y) {
        @Override
        public String toString() {
            return boundary + (y ? "y" : "x");
        }
    }

    public BlockPoint {
        arms = List.copyOf(arms);
        if (segment < 0) {
            throw new IllegalArgumentException("negative segment " + segment);
        }
    }

    /** The first block of the main program. */
    public static final BlockPoint ENTRY = new BlockPoint(-1, List.of(), 0);

    /** The first block of an activation of a recursive function. */
    public static BlockPoint functionEntry(int function) {
        return new BlockPoint(function, List.of(), 0);
    }

    /** The next segment of the same routine: where evaluation resumes after a boundary returns. */
    public BlockPoint next() {
        return new BlockPoint(function, arms, segment + 1);
    }

    /** The first segment of an arm of the branch that ends this block, at boundary {@code segment + 1}. */
    public BlockPoint arm(boolean y) {
        List<ArmStep> deeper = new java.util.ArrayList<>(arms);
        deeper.add(new ArmStep(segment + 1, y));
        return new BlockPoint(function, deeper, 0);
    }

    public boolean isEntry() {
        return equals(ENTRY);
    }
}
