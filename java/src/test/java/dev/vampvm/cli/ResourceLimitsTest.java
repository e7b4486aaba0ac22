package dev.vampvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.api.Program;
import dev.vampvm.api.Vampvm;
import dev.vampvm.api.VampvmException;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.ir.Inputs;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.io.FileLimits;
import dev.vampvm.plonk.prover.MemoryEstimate;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented limits: largest k, heap estimate before proving (exit 5), file sizes (exit 3). */
class ResourceLimitsTest {
    @TempDir
    Path dir;

    private static ConstraintSystem standardGate() {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        b.createGate("g", b.adviceColumn().cur());
        return b.build();
    }

    @Test
    void aCircuitOverTheLargestKIsAUsageError() {
        VampvmException e = assertThrows(VampvmException.class,
                () -> Program.checkResources(standardGate(), IpaParams.MAX_K + 1, "big.pir"));
        assertEquals(VampvmException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("at most 2^" + IpaParams.MAX_K), e.getMessage());
    }

    @Test
    void theEstimateGrowsWithKAndRefusesWhatTheHeapCannotHold() {
        ConstraintSystem cs = standardGate();
        long small = MemoryEstimate.proverBytes(cs, 10);
        long large = MemoryEstimate.proverBytes(cs, 20);
        assertTrue(large > 512 * (small - (256L << 20)), small + " " + large);
        // A k = 26 circuit cannot be proven in this test JVM's 8 GiB.
        VampvmException e = assertThrows(VampvmException.class,
                () -> Program.checkResources(cs, IpaParams.MAX_K, "big.pir"));
        assertEquals(VampvmException.Kind.RESOURCES, e.kind());
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
    }

    @Test
    void proveExitsFiveWhenTheHeapIsTooSmall() throws IOException {
        Path examples = ProveVerifyCommandTest.examples();
        Files.copy(examples.resolve("pythagoras.pir"), dir.resolve("p.pir"));
        Files.copy(examples.resolve("pythagoras.inputs.json"), dir.resolve("p.inputs.json"));
        System.setProperty("vampvm.heapLimit", Long.toString(100L << 20));
        try {
            ProveVerifyCommandTest.Run r = ProveVerifyCommandTest.run("prove", dir.resolve("p.pir").toString(),
                    "--no-cache", "--quiet");
            assertEquals(5, r.exit(), r.err());
            assertTrue(r.err().contains("of heap to prove"), r.err());
            assertFalse(Files.exists(dir.resolve("p.proof")), "no proof file after a refused prove");
            r = ProveVerifyCommandTest.run("prove", dir.resolve("p.pir").toString(), "--mode", "vm", "--no-cache",
                    "--quiet");
            assertEquals(5, r.exit(), r.err());
            assertTrue(r.err().contains("one block at a time") && r.err().contains("VAMPVM_JAVA_OPTS=-Xmx1g"), r.err());
            assertFalse(Files.exists(dir.resolve("p.proof")), "no proof file after a refused VM prove");
        } finally {
            System.clearProperty("vampvm.heapLimit");
        }
        assertTrue(ProveVerifyCommandTest.run("prove", "--help").out().contains("5 not enough memory"));
    }

    @Test
    void filesOverTheirLimitAreRefusedBeforeReading() throws IOException {
        Path program = dir.resolve("huge.pir");
        Path proof = dir.resolve("huge.proof");
        Path inputs = dir.resolve("huge.inputs.json");
        try (RandomAccessFile f = new RandomAccessFile(program.toFile(), "rw")) {
            f.setLength(FileLimits.MAX_TEXT_BYTES + 1); // sparse: costs no disk
        }
        try (RandomAccessFile f = new RandomAccessFile(inputs.toFile(), "rw")) {
            f.setLength(FileLimits.MAX_TEXT_BYTES + 1);
        }
        try (RandomAccessFile f = new RandomAccessFile(proof.toFile(), "rw")) {
            f.setLength(FileLimits.MAX_BINARY_BYTES + 1);
        }
        assertThrows(FileLimits.FileTooLargeException.class, () -> Vampvm.compile(program));
        assertThrows(FileLimits.FileTooLargeException.class, () -> Inputs.read(inputs));
        assertThrows(FileLimits.FileTooLargeException.class, () -> Vampvm.readProof(proof));
        Path pyth = dir.resolve("p.pir");
        Files.copy(ProveVerifyCommandTest.examples().resolve("pythagoras.pir"), pyth);
        ProveVerifyCommandTest.Run r = ProveVerifyCommandTest.run("verify", pyth.toString(), proof.toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains("larger than 1024 MiB"), r.err());
        r = ProveVerifyCommandTest.run("prove", program.toString(), "--inputs", inputs.toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains("larger than 64 MiB"), r.err());
        r = ProveVerifyCommandTest.run("info", proof.toString());
        assertTrue(r.exit() != 0 && r.err().contains("larger than"), r.err());
    }
}
