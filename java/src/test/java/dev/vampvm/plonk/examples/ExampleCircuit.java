package dev.vampvm.plonk.examples;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.Circuit;
import java.util.List;

/**
 * A reusable test circuit with its witness: built for one k and seed, honest or with one {@link ExampleFault}.
 *
 * @param <C> the configuration type
 */
public interface ExampleCircuit<C> extends Circuit<C> {

    /** The k the witness was generated for (it fills the usable rows, or as many as it needs). */
    int k();

    /** The public values, one list per instance column. */
    List<List<Fp>> instances();

    ExampleFault fault();

    /** The row the mock prover reports for the fault, or −1 for {@link ExampleFault#NONE}. */
    int faultRow();

    /** The gate or lookup named in the fault's failure; null for NONE and COPY. */
    String faultName();
}
