package dev.vampvm.plonk.io;

/**
 * A file that is not what the reader expects: not a vampvm file, another kind, a newer format version,
 * other curves. Distinct from a malformed proof, so that the command line can exit with "malformed or
 * incompatible file" (3) rather than "invalid proof" (1).
 */
public class IncompatibleFileException extends Exception {
    public IncompatibleFileException(String message) {
        super(message);
    }
}
