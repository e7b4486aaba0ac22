package dev.vampvm.plonk;

/**
 * A circuit: a shape ({@link #configure}) and a way to fill the table ({@link #synthesize}).
 *
 * <p>{@code configure} must be deterministic: keygen, the prover and the mock prover each call it on a fresh
 * builder and rely on getting the same system (the prover can check that by comparing
 * {@link ConstraintSystem#pinnedBytes()} with the key's). {@code synthesize} must write the same fixed values,
 * selectors, constants and copies whether or not a witness is present; only advice values may depend on it.
 *
 * @param <C> the configuration: whatever {@code synthesize} needs to know about the columns (usually a record)
 */
public interface Circuit<C> {

    /** Declares columns, gates, lookups and equality on the builder, returning what synthesis needs. */
    C configure(ConstraintSystem.Builder cs);

    /**
     * Fills the table. In shape-only mode ({@link Assignment#hasWitness()} false, as in keygen) advice values
     * are dropped and instance values read as zero; everything else must be written exactly as with a witness.
     */
    void synthesize(C config, Assignment assignment);
}
