package dev.vampvm.plonk;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The identity of one {@link ConstraintSystem.Builder}: every column it creates carries it, so that a column
 * of one constraint system used in another is refused instead of silently meaning a different column there.
 * Equality is identity; the serial only makes hash codes and messages deterministic within a run.
 */
public final class SystemId {
    private static final AtomicLong NEXT = new AtomicLong();

    private final long serial;

    SystemId() {
        this.serial = NEXT.incrementAndGet();
    }

    /** A number unique within this JVM, for messages. */
    public long serial() {
        return serial;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(serial);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public String toString() {
        return "constraint system #" + serial;
    }
}
