package dev.vampvm.api;

import dev.vampvm.plonk.io.IncompatibleFileException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The entry point of vampvm's Java API: compile a VampIR program, prove it with inputs, verify proofs, read and
 * write proof files.
 *
 * <pre>{@code
 * Program p = Vampvm.compile(Path.of("examples/pythagoras.pir"));
 * ProofResult r = p.prove(Map.of("x", "15", "y", "20", "R", "25"), ProveOptions.defaults());
 * Vampvm.writeProof(Path.of("pythagoras.proof"), r.proof());
 * ProgramProof proof = Vampvm.readProof(Path.of("pythagoras.proof"));
 * Verification v = p.check(proof, Map.of("R", "25"), KeyCache.configured(), 0);   // v.valid()
 * }</pre>
 */
public final class Vampvm {
    private Vampvm() {
    }

    /**
     * Reads, parses and type-checks a program.
     *
     * @throws IOException if it cannot be read
     * @throws dev.vampvm.ir.syntax.CompileException for syntax and type errors
     */
    public static Program compile(Path file) throws IOException {
        return new Program(file.toString(), dev.vampvm.plonk.io.FileLimits.readText(file));
    }

    /** A program from its text; {@code name} appears in diagnostics. */
    public static Program compile(String name, String text) {
        return new Program(name, text);
    }

    /** Reads a proof file. @throws IncompatibleFileException if it is not a program proof this build reads */
    public static ProgramProof readProof(Path file) throws IOException, IncompatibleFileException {
        return ProgramProof.fromBytes(dev.vampvm.plonk.io.FileLimits.readBinary(file));
    }

    /** Writes a proof file atomically (a temporary file beside it, then a rename). */
    public static void writeProof(Path file, ProgramProof proof) throws IOException {
        writeAtomically(file, proof.toBytes());
    }

    /** Writes to a temporary file in the same directory and renames it over {@code file}. */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
