package dev.vampvm.backend;

/**
 * Whether a vector's storage is still live; shared by a vector and its slices, so closing the root
 * invalidates every view of it (and a GPU engine frees the device buffer at that moment).
 */
final class Lifetime {
    private final Runnable release;
    private volatile boolean closed;

    Lifetime(Runnable release) {
        this.release = release;
    }

    void checkOpen(String what) {
        if (closed) {
            throw new IllegalStateException("the " + what + " was closed");
        }
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            release.run();
        }
    }
}
