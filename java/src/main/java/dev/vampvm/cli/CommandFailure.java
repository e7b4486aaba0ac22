package dev.vampvm.cli;

/** A failure the user can act on, reported as one line without a stack trace (exit code 1). */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandFailure(String message) {
        super(message);
    }

    public CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
