package dev.vampvm.backend;

import dev.vampvm.field.MontgomeryField;

/** A {@link ScalarVector} of the Java engine: elements [start, start + size) of a flat heap array. */
final class HeapScalarVector implements ScalarVector {

    final long[] data;
    /** First element (not long) index into {@link #data}. */
    final int start;
    private final int size;
    private final MontgomeryField field;
    private final JavaBackend backend;
    private final Lifetime lifetime;
    /** Slices are views: only the vector that allocated the storage releases it. */
    private final boolean root;

    HeapScalarVector(JavaBackend backend, MontgomeryField field, long[] data, int start, int size, Lifetime lifetime,
            boolean root) {
        this.backend = backend;
        this.field = field;
        this.data = data;
        this.start = start;
        this.size = size;
        this.lifetime = lifetime;
        this.root = root;
    }

    /** Offset in longs of element i. */
    int offset(int i) {
        return 4 * (start + i);
    }

    void checkOpen() {
        lifetime.checkOpen("scalar vector");
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public MontgomeryField field() {
        return field;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public ScalarVector slice(int from, int to) {
        checkOpen();
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") of a vector of " + size);
        }
        return new HeapScalarVector(backend, field, data, start + from, to - from, lifetime, false);
    }

    @Override
    public void close() {
        if (root) {
            lifetime.close();
        }
    }

    @Override
    public String toString() {
        return "ScalarVector[" + field.name() + ", " + size + "]";
    }
}
