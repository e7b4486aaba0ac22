package dev.vampvm.backend.cuda;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What an object holding native resources has acquired, released in the reverse order: by its {@code close()}, or by
 * its constructor when a later step fails, so that a device that could not be opened (a fatbin the GPU cannot load,
 * a pinned allocation refused) does not keep its context retained for the rest of the process. Every release is
 * attempted even when one before it fails.
 */
final class Releases {

    private final Deque<Runnable> pending = new ArrayDeque<>();

    /** Records what releases a resource just acquired. */
    void add(Runnable release) {
        pending.push(release);
    }

    /** Releases everything, newest first; throws the first failure with the later ones suppressed in it. */
    void releaseAll() {
        RuntimeException first = null;
        while (!pending.isEmpty()) {
            try {
                pending.pop().run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Releases everything after {@code cause} made acquisition stop; failures are suppressed in it. */
    void releaseAfter(Throwable cause) {
        try {
            releaseAll();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
