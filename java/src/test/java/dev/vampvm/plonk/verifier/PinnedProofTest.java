package dev.vampvm.plonk.verifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.plonk.io.FileHeader;
import dev.vampvm.plonk.io.FileKind;
import dev.vampvm.plonk.io.IncompatibleFileException;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.prover.TestCircuits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A proof made with a fixed seed and its key's hash, pinned: any change to the protocol (transcript order, an
 * encoding, the VK hash, a blinding rule, the generators) changes them and fails here loudly. If the change is
 * intended, regenerate with {@code -Dvampvm.writePinned=true} (run from the repository root) and say why in the
 * commit.
 */
class PinnedProofTest {
    static final String VK_HASH =
            "9ea8a20d0009aa29db94c8b87f2f47ecc537245f7e086bc393dd322d5969f8b4"
            + "97bc8d3b69d975d766d83f33383b437b58b4269bfc5fdfe861abf3805874496b";
    static final String RESOURCE = "pinned-standard-gate-k4.proof";
    static final long SEED = 42;

    private static JavaBackend backend;
    private static IpaParams params;

    @BeforeAll
    static void setUp() {
        backend = new JavaBackend(2);
        params = IpaParams.setup(backend, 4);
    }

    @AfterAll
    static void tearDown() {
        params.close();
        backend.close();
    }

    @Test
    void pinned() throws Exception {
        TestCircuits.StandardGate c = new TestCircuits.StandardGate(3);
        try (ProvingKey pk = Keygen.keygen(params, c, 4)) {
            VerifyingKey vk = pk.verifyingKey();
            byte[] transcript = Prover.prove(params, pk, c, c.instances(), new SplittableRandom(SEED));
            byte[] file = Proof.of(vk, c.instances(), transcript).toBytes();
            if (Boolean.getBoolean("vampvm.writePinned")) {
                Path out = Path.of("java/src/test/resources/dev/vampvm/plonk/verifier", RESOURCE);
                Files.write(out, file);
                System.out.println("wrote " + out.toAbsolutePath() + "; VK hash " + vk.hashHex());
                return;
            }
            assertEquals(VK_HASH, vk.hashHex(), "the verifying-key hash changed: the protocol changed");
            byte[] pinned = read();
            assertArrayEquals(pinned, file, "the proof for a fixed seed changed: the protocol changed");
            Proof proof = Proof.fromBytes(pinned);
            assertTrue(proof.verify(params, vk, c.instances()), "the pinned proof must verify");
            String json = proof.toJson(vk);
            assertTrue(json.contains("\"vk_hash\": \"" + VK_HASH + "\""), json);
        }
    }

    @Test
    void proofFileRefusals() throws Exception {
        byte[] file = read();
        for (int len = 0; len < file.length; len++) {
            byte[] t = Arrays.copyOf(file, len);
            assertThrows(IncompatibleFileException.class, () -> Proof.fromBytes(t), "truncated to " + len);
        }
        byte[] longer = Arrays.copyOf(file, file.length + 1);
        assertThrows(IncompatibleFileException.class, () -> Proof.fromBytes(longer));
        byte[] vkKind = file.clone();
        System.arraycopy(FileHeader.current(FileKind.VERIFYING_KEY, 1).toBytes(), 0, vkKind, 0, FileHeader.BYTES);
        assertThrows(IncompatibleFileException.class, () -> Proof.fromBytes(vkKind));
        byte[] newer = file.clone();
        System.arraycopy(FileHeader.current(FileKind.PROOF, 2).toBytes(), 0, newer, 0, FileHeader.BYTES);
        IncompatibleFileException e = assertThrows(IncompatibleFileException.class, () -> Proof.fromBytes(newer));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
        // A proof file naming another key, k or instance shape is refused before the transcript is read.
        TestCircuits.StandardGate c = new TestCircuits.StandardGate(3);
        Proof proof = Proof.fromBytes(file);
        VerifyingKey other = Keygen.keygenVk(params, new TestCircuits.Fibonacci(6), 4);
        assertNotNull(proof.matches(other, c.instances()));
        VerifyingKey vk = Keygen.keygenVk(params, c, 4);
        assertNotNull(proof.matches(vk, java.util.List.of()));
        assertEquals(null, proof.matches(vk, c.instances()));
    }

    private static byte[] read() throws IOException {
        try (InputStream in = PinnedProofTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, "missing test resource " + RESOURCE + ": run with -Dvampvm.writePinned=true");
            return in.readAllBytes();
        }
    }
}
