package dev.vampvm.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is left on disk when things go wrong: proof files and key cache entries are written to a temporary file and
 * renamed, a corrupt cache entry is detected and rebuilt, and concurrent provers sharing a cache do not corrupt it.
 */
class FailureBehaviourTest {
    static final String PYTH = "pub R;\ndef pyth a b c = { a^2 + b^2 = c^2 };\npyth x y R;\n";
    static final Map<String, String> INPUTS = Map.of("x", "3", "y", "4", "R", "5");

    @TempDir
    Path dir;

    private static ProveOptions options(KeyCache cache, long seed) {
        return ProveOptions.defaults().withKeyCache(cache).withRandom(new SplittableRandom(seed)).withThreads(1);
    }

    private List<String> files(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFailedWriteLeavesNeitherAPartialProofNorATemporaryFile() throws IOException {
        Program p = Vampvm.compile("pyth.pir", PYTH);
        ProofResult r = p.prove(INPUTS, options(null, 1));
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        // The target is a non-empty directory: the rename fails after the temporary file was written.
        Path target = out.resolve("pyth.proof");
        Files.createDirectories(target.resolve("blocker"));
        assertThrows(IOException.class, () -> Vampvm.writeProof(target, r.proof()));
        assertEquals(List.of("pyth.proof"), files(out), "only the blocking directory remains");

        // A proof already there survives a prove that fails (unsatisfied inputs) untouched.
        Path good = out.resolve("good.proof");
        Vampvm.writeProof(good, r.proof());
        byte[] before = Files.readAllBytes(good);
        assertThrows(VampvmException.class, () -> {
            ProofResult bad = p.prove(Map.of("x", "3", "y", "5", "R", "5"), options(null, 2));
            Vampvm.writeProof(good, bad.proof());
        });
        assertArrayEquals(before, Files.readAllBytes(good));
        assertEquals(List.of("good.proof", "pyth.proof"), files(out));
    }

    @Test
    void aCorruptCacheEntryIsDetectedDeletedAndRebuilt() throws IOException {
        KeyCache cache = KeyCache.in(dir.resolve("keys"));
        Program p = Vampvm.compile("pyth.pir", PYTH);
        assertEquals(KeyCache.Status.MISS, p.prove(INPUTS, options(cache, 1)).keyCache());
        assertEquals(KeyCache.Status.HIT, p.prove(INPUTS, options(cache, 2)).keyCache());
        List<String> entries = files(cache.dir());
        assertEquals(1, entries.size(), entries.toString());
        Path entry = cache.dir().resolve(entries.get(0));
        byte[] good = Files.readAllBytes(entry);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 4;
        Files.write(entry, bad);
        ProofResult rebuilt = p.prove(INPUTS, options(cache, 3));
        assertEquals(KeyCache.Status.CORRUPT, rebuilt.keyCache());
        assertTrue(p.verify(rebuilt.bytes(), Map.of("R", "5")));
        assertArrayEquals(good, Files.readAllBytes(entry), "the entry was rebuilt");
        Files.write(entry, new byte[] {1, 2, 3}); // truncated
        assertEquals(KeyCache.Status.CORRUPT, p.prove(INPUTS, options(cache, 4)).keyCache());
        assertEquals(KeyCache.Status.HIT, p.prove(INPUTS, options(cache, 5)).keyCache());
    }

    /**
     * Found by DecoderFuzzTest (slow run): an entry with a valid digest whose address length reads as 2^31 − 1 made
     * the cache allocate that array (OutOfMemoryError) instead of reporting the entry corrupt.
     */
    @Test
    void anEntryWithAHugeLengthFieldIsCorruptNotAnOutOfMemoryError() throws IOException {
        KeyCache cache = KeyCache.in(dir.resolve("keys"));
        Program p = Vampvm.compile("pyth.pir", PYTH);
        p.prove(INPUTS, options(cache, 1));
        Path entry = cache.dir().resolve(files(cache.dir()).get(0));
        byte[] bytes = Files.readAllBytes(entry);
        int at = dev.vampvm.plonk.io.FileHeader.BYTES;
        for (int v : new int[] {Integer.MAX_VALUE, -1, bytes.length}) {
            byte[] m = bytes.clone();
            java.nio.ByteBuffer.wrap(m).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(at, v);
            org.bouncycastle.crypto.digests.Blake2bDigest d = new org.bouncycastle.crypto.digests.Blake2bDigest(512);
            d.update(m, 0, m.length - 64);
            d.doFinal(m, m.length - 64);
            Files.write(entry, m);
            byte[] address = java.util.HexFormat.of().parseHex(entry.getFileName().toString().replace(".key", ""));
            KeyCache.Lookup l = cache.load(address, dev.vampvm.plonk.Synthesis.configure(
                    p.compile(CircuitChoice.none(), null).circuit()));
            assertEquals(KeyCache.Status.CORRUPT, l.status(), l.problem());
        }
    }

    @Test
    void concurrentProversSharingACacheDoNotCorruptIt() throws Exception {
        KeyCache cache = KeyCache.in(dir.resolve("keys"));
        Program pyth = Vampvm.compile("pyth.pir", PYTH);
        Program swapped = Vampvm.compile("swapped.pir", "pub R;\ndef pyth a b c = { a^2 + b^2 = c^2 };\npyth y x R;\n");
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Program p = i % 2 == 0 ? pyth : swapped;
                long seed = i;
                results.add(pool.submit(() -> {
                    ProofResult r = p.prove(INPUTS, options(cache, seed));
                    return p.check(ProgramProof.fromBytes(r.bytes()), Map.of("R", "5"), cache, 1).valid();
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get(), "every concurrent proof verifies");
            }
        } finally {
            pool.shutdown();
        }
        List<String> entries = files(cache.dir());
        assertEquals(2, entries.size(), "one entry per program, no temporary files left: " + entries);
        for (Program p : List.of(pyth, swapped)) {
            assertEquals(KeyCache.Status.HIT, p.prove(INPUTS, options(cache, 9)).keyCache());
        }
    }
}
