package dev.vampvm.backend;

/**
 * What the Java engine's vectors share: elements [start, start + size) of a flat heap array with a fixed
 * number of longs per element, a {@link Lifetime} shared with every slice, and the rule that only the
 * vector that allocated the storage releases it (slices are views).
 */
abstract class HeapVector {

    final long[] data;
    /** First element (not long) index into {@link #data}. */
    final int start;
    final int size;
    final JavaBackend backend;
    final Lifetime lifetime;
    private final int stride;
    private final boolean root;

    HeapVector(JavaBackend backend, long[] data, int start, int size, int stride, Lifetime lifetime, boolean root) {
        this.backend = backend;
        this.data = data;
        this.start = start;
        this.size = size;
        this.stride = stride;
        this.lifetime = lifetime;
        this.root = root;
    }

    /** Offset in longs of element i. */
    final int offset(int i) {
        return stride * (start + i);
    }

    final void checkOpen() {
        lifetime.checkOpen("vector");
    }

    /** Checks a slice request against this vector, and that the storage is still live. */
    final void checkSlice(int from, int to) {
        checkOpen();
        Arguments.checkSlice(from, to, size);
    }

    public final int size() {
        return size;
    }

    public final Backend backend() {
        return backend;
    }

    public final void close() {
        if (root) {
            lifetime.close();
        }
    }
}
