package dev.vampvm.plonk;

/** The three kinds of column of a PLONKish table, with the tag each carries in the pinned encoding. */
public enum ColumnKind {
    /** Private values filled by the prover. */
    ADVICE(1),
    /** Values fixed at keygen: selectors, constants, lookup tables, gate coefficients. */
    FIXED(2),
    /** Public values, supplied to prover and verifier alike. */
    INSTANCE(3);

    private final int tag;

    ColumnKind(int tag) {
        this.tag = tag;
    }

    /** The byte that names this kind in {@link ConstraintSystem#pinnedBytes()}. */
    public int tag() {
        return tag;
    }
}
