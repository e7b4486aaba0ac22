package dev.vampvm.plonk.examples;

import dev.vampvm.field.Fp;
import java.util.List;

/** What every example circuit keeps the same way: its k, public values and fault. */
abstract class ExampleCircuitBase<C> implements ExampleCircuit<C> {

    protected final int k;
    protected final ExampleFault fault;
    protected final int faultRow;
    private final List<List<Fp>> instances;

    ExampleCircuitBase(int k, List<List<Fp>> instances, ExampleFault fault, int faultRow) {
        this.k = k;
        this.instances = instances;
        this.fault = fault;
        this.faultRow = faultRow;
    }

    /** One instance column holding {@code values}, or none while only configuring (values null). */
    static List<List<Fp>> oneColumn(List<Fp> values) {
        return values == null ? List.of() : List.of(values);
    }

    @Override
    public int k() {
        return k;
    }

    @Override
    public List<List<Fp>> instances() {
        return instances;
    }

    @Override
    public ExampleFault fault() {
        return fault;
    }

    @Override
    public int faultRow() {
        return faultRow;
    }
}
