package dev.vampvm.bench;

/** A benchmark that could not produce a valid result, e.g. a timed proof that did not verify: exit 1. */
public final class BenchmarkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BenchmarkFailure(String message) {
        super(message);
    }

    public BenchmarkFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
