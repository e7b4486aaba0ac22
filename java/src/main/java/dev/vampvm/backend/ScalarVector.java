package dev.vampvm.backend;

import dev.vampvm.field.MontgomeryField;

/**
 * A handle to a vector of field elements owned by a {@link Backend}: on the Java engine a slice of a
 * heap array, on a GPU engine device memory. Code above the backend passes handles, never assumes where
 * the data is; {@link Backend#download} brings values to the host when they are really needed.
 *
 * <p>A slice shares storage with its parent, so that the IPA's lo/hi halves and the quotient's pieces
 * need no copies. Closing a root vector releases its storage (a no-op on the heap); using a closed
 * vector is an error.
 */
public interface ScalarVector extends AutoCloseable {

    /** Number of elements. */
    int size();

    /** The field of the elements. */
    MontgomeryField field();

    /** The backend that owns the storage. */
    Backend backend();

    /** A view of elements [from, to) sharing this vector's storage. */
    ScalarVector slice(int from, int to);

    @Override
    void close();
}
