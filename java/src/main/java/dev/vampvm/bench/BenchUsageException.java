package dev.vampvm.bench;

/** A request the harness cannot carry out as asked (a bad option value, a suite that is not built): exit 2. */
public final class BenchUsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BenchUsageException(String message) {
        super(message);
    }
}
