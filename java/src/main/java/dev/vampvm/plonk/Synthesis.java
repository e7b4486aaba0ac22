package dev.vampvm.plonk;

import dev.vampvm.field.Fp;
import java.util.List;

/**
 * Runs a circuit: configures it on a fresh builder, freezes the constraint system, and synthesizes the table
 * into a {@link DenseAssignment} for that system (which {@link DenseAssignment#constraintSystem()} returns).
 */
public final class Synthesis {
    private Synthesis() {
    }

    /** The circuit's constraint system alone. */
    public static ConstraintSystem configure(Circuit<?> circuit) {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        circuit.configure(b);
        return b.build();
    }

    /** The full table with a witness, as the prover and mock prover need it. */
    public static DenseAssignment witness(Circuit<?> circuit, int k, List<List<Fp>> instances) {
        return run(circuit, cs -> DenseAssignment.forWitness(cs, k, instances));
    }

    /** The witness without the fixed values, for the prover's own use ({@link DenseAssignment#forProving}). */
    public static DenseAssignment witnessForProving(Circuit<?> circuit, int k, List<List<Fp>> instances) {
        return run(circuit, cs -> DenseAssignment.forProving(cs, k, instances));
    }

    /** Fixed values and copies only, as keygen needs them. */
    public static DenseAssignment shape(Circuit<?> circuit, int k) {
        return run(circuit, cs -> DenseAssignment.forShape(cs, k));
    }

    private static <C> DenseAssignment run(Circuit<C> circuit,
            java.util.function.Function<ConstraintSystem, DenseAssignment> table) {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        C config = circuit.configure(b);
        DenseAssignment a = table.apply(b.build());
        circuit.synthesize(config, a);
        a.seal();
        return a;
    }
}
