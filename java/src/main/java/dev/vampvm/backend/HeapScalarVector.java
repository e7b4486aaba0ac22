package dev.vampvm.backend;

import dev.vampvm.field.MontgomeryField;

/** A {@link ScalarVector} of the Java engine: four Montgomery-form limbs per element. */
final class HeapScalarVector extends HeapVector implements ScalarVector {

    private final MontgomeryField field;

    HeapScalarVector(JavaBackend backend, MontgomeryField field, long[] data, int start, int size, Lifetime lifetime,
            boolean root) {
        super(backend, data, start, size, 4, lifetime, root);
        this.field = field;
    }

    @Override
    public MontgomeryField field() {
        return field;
    }

    @Override
    public ScalarVector slice(int from, int to) {
        checkSlice(from, to);
        return new HeapScalarVector(backend, field, data, start + from, to - from, lifetime, false);
    }

    @Override
    public String toString() {
        return "ScalarVector[" + field.name() + ", " + size + "]";
    }
}
