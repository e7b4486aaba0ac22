package dev.vampvm.plonk.dev;

import java.util.List;

/** Thrown by {@link MockProver#assertSatisfied()}: the message lists the failures, {@link #failures()} holds them. */
public final class UnsatisfiedConstraintsException extends RuntimeException {
    private final transient List<VerifyFailure> failures;

    UnsatisfiedConstraintsException(List<VerifyFailure> failures, String message) {
        super(message);
        this.failures = List.copyOf(failures);
    }

    public List<VerifyFailure> failures() {
        return failures;
    }
}
