package dev.vampvm.plonk.keygen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.io.FileHeader;
import dev.vampvm.plonk.io.FileKind;
import dev.vampvm.plonk.io.IncompatibleFileException;
import dev.vampvm.plonk.prover.TestCircuits;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The verifying key's hash covers every part of the key, and its file format refuses what it must. */
class VerifyingKeyTest {
    private static JavaBackend backend;
    private static IpaParams params;
    private static VerifyingKey vk;
    private static final TestCircuits.StandardGate CIRCUIT = new TestCircuits.StandardGate(3);

    @BeforeAll
    static void setUp() {
        backend = new JavaBackend(2);
        params = IpaParams.setup(backend, 5);
        vk = Keygen.keygenVk(params, CIRCUIT, 4);
    }

    @AfterAll
    static void tearDown() {
        params.close();
        backend.close();
    }

    private static List<byte[]> encodings(int count, java.util.function.IntFunction<long[]> point) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] e = new byte[32];
            dev.vampvm.curve.ShortWeierstrassCurve.VESTA.encodeAffine(point.apply(i), 0, e, 0);
            out.add(e);
        }
        return out;
    }

    @Test
    void hashCoversEveryComponent() {
        byte[] pinned = vk.constraintSystem().pinnedBytes();
        List<byte[]> fixed = encodings(vk.fixedCommitmentCount(), vk::fixedCommitment);
        List<byte[]> sigma = encodings(vk.permutationCommitmentCount(), vk::permutationCommitment);
        byte[] base = VerifyingKey.computeHash(4, pinned, fixed, sigma);
        assertTrue(Arrays.equals(base, vk.hash()));

        Set<ByteBuffer> seen = new HashSet<>();
        seen.add(ByteBuffer.wrap(base));
        int variants = 1;
        for (int k : new int[] {3, 5, 16}) {
            assertTrue(seen.add(ByteBuffer.wrap(VerifyingKey.computeHash(k, pinned, fixed, sigma))), "k = " + k);
            variants++;
        }
        for (int i = 0; i < pinned.length; i++) {
            byte[] p = pinned.clone();
            p[i] ^= 1;
            assertTrue(seen.add(ByteBuffer.wrap(VerifyingKey.computeHash(4, p, fixed, sigma))), "pinned byte " + i);
            variants++;
        }
        byte[] longer = Arrays.copyOf(pinned, pinned.length + 1);
        assertTrue(seen.add(ByteBuffer.wrap(VerifyingKey.computeHash(4, longer, fixed, sigma))));
        variants++;
        for (List<byte[]> list : List.of(fixed, sigma)) {
            for (int i = 0; i < list.size(); i++) {
                for (int b : new int[] {0, 31}) {
                    List<byte[]> changed = new ArrayList<>(list);
                    byte[] e = list.get(i).clone();
                    e[b] ^= 1;
                    changed.set(i, e);
                    byte[] h = list == fixed ? VerifyingKey.computeHash(4, pinned, changed, sigma)
                            : VerifyingKey.computeHash(4, pinned, fixed, changed);
                    assertTrue(seen.add(ByteBuffer.wrap(h)), "commitment " + i + " byte " + b);
                    variants++;
                }
            }
            List<byte[]> dropped = new ArrayList<>(list.subList(0, list.size() - 1));
            byte[] h = list == fixed ? VerifyingKey.computeHash(4, pinned, dropped, sigma)
                    : VerifyingKey.computeHash(4, pinned, fixed, dropped);
            assertTrue(seen.add(ByteBuffer.wrap(h)), "a commitment dropped");
            variants++;
        }
        // A fixed commitment moved into the σ list: the counts are hashed, so the split matters.
        List<byte[]> moreSigma = new ArrayList<>(sigma);
        moreSigma.add(0, fixed.get(fixed.size() - 1));
        assertTrue(seen.add(ByteBuffer.wrap(VerifyingKey.computeHash(4, pinned,
                fixed.subList(0, fixed.size() - 1), moreSigma))));
        variants++;
        assertEquals(variants, seen.size());
    }

    @Test
    void otherCircuitsAndSizesHaveOtherHashes() {
        Set<String> hashes = new HashSet<>();
        hashes.add(vk.hashHex());
        assertTrue(hashes.add(Keygen.keygenVk(params, CIRCUIT, 5).hashHex()));
        assertTrue(hashes.add(Keygen.keygenVk(params, new TestCircuits.Fibonacci(8), 4).hashHex()));
        assertTrue(hashes.add(Keygen.keygenVk(params, new TestCircuits.Fibonacci(9), 4).hashHex()), "copies differ");
        // The witness does not enter the key.
        assertEquals(vk.hashHex(), Keygen.keygenVk(params, new TestCircuits.StandardGate(99), 4).hashHex());
    }

    @Test
    void fileRoundTrip() throws Exception {
        byte[] file = vk.toBytes();
        VerifyingKey read = VerifyingKey.fromBytes(file, Synthesis.configure(CIRCUIT));
        assertEquals(vk.hashHex(), read.hashHex());
        assertEquals(vk.k(), read.k());
        String json = vk.toJson();
        assertTrue(json.contains("\"hash\": \"" + vk.hashHex() + "\""), json);
        assertTrue(json.contains("\"k\": 4"), json);
    }

    @Test
    void fileRefusals() {
        byte[] file = vk.toBytes();
        var cs = Synthesis.configure(CIRCUIT);
        for (int len = 0; len < file.length; len++) {
            byte[] t = Arrays.copyOf(file, len);
            assertThrows(IncompatibleFileException.class, () -> VerifyingKey.fromBytes(t, cs), "truncated to " + len);
        }
        byte[] longer = Arrays.copyOf(file, file.length + 1);
        assertThrows(IncompatibleFileException.class, () -> VerifyingKey.fromBytes(longer, cs));
        byte[] proofKind = file.clone();
        System.arraycopy(FileHeader.current(FileKind.PROOF, 1).toBytes(), 0, proofKind, 0, FileHeader.BYTES);
        IncompatibleFileException kind = assertThrows(IncompatibleFileException.class,
                () -> VerifyingKey.fromBytes(proofKind, cs));
        assertTrue(kind.getMessage().contains("expected a verifying key file, got a proof file"), kind.getMessage());
        byte[] newer = file.clone();
        System.arraycopy(FileHeader.current(FileKind.VERIFYING_KEY, 2).toBytes(), 0, newer, 0, FileHeader.BYTES);
        IncompatibleFileException version = assertThrows(IncompatibleFileException.class,
                () -> VerifyingKey.fromBytes(newer, cs));
        assertTrue(version.getMessage().contains("newer"), version.getMessage());
        IncompatibleFileException other = assertThrows(IncompatibleFileException.class,
                () -> VerifyingKey.fromBytes(file, Synthesis.configure(new TestCircuits.Fibonacci(8))));
        assertTrue(other.getMessage().contains("fit") || other.getMessage().contains("another circuit"),
                other.getMessage());
        for (int i = FileHeader.BYTES; i < file.length; i++) {
            byte[] m = file.clone();
            m[i] ^= 1;
            assertThrows(IncompatibleFileException.class, () -> VerifyingKey.fromBytes(m, cs), "byte " + i);
        }
    }
}
