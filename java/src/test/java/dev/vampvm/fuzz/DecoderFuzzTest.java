package dev.vampvm.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vampvm.api.KeyCache;
import dev.vampvm.api.ProgramProof;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.plonk.io.IncompatibleFileException;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.keygen.ProvingKeyFile;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.plonk.verifier.Proof;
import dev.vampvm.testing.Seeds;
import dev.vampvm.vm.VmProof;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every binary decoder on mutated files (see {@link Fuzz#BYTE_MUTATIONS}): a file that is not what the decoder
 * reads may only be refused with {@link IncompatibleFileException}; a key cache entry is reported corrupt or
 * missing. Any other exception, or a hang, is a bug.
 */
class DecoderFuzzTest {
    /** Inputs tried per decoder in the default run. */
    static final int DEFAULT_ITERATIONS = 1_000;
    private static final Duration PER_INPUT = Duration.ofSeconds(10);

    interface Decoder {
        void decode(byte[] file) throws IncompatibleFileException;
    }

    @Test
    void decoders() {
        run(Seeds.rng("DecoderFuzzTest.decoders"), DEFAULT_ITERATIONS);
    }

    @Test
    @Tag("slow")
    void decodersLong() {
        run(Seeds.rng("DecoderFuzzTest.decodersLong"), Fuzz.slowIterations());
    }

    static void run(SplittableRandom r, int iterations) {
        Artifacts a = Artifacts.get();
        for (String name : List.of("Proof.fromBytes", "ProgramProof.fromBytes", "VmProof.fromBytes",
                "VerifyingKey.fromBytes")) {
            fuzz(r, iterations, name, valid(name, a), splice(name, a), decoder(name, a, null));
        }
        try (JavaBackend backend = new JavaBackend(1); IpaParams params = IpaParams.setup(backend, a.k)) {
            String name = "ProvingKeyFile.fromBytes";
            fuzz(r, iterations / 4, name, valid(name, a), splice(name, a), decoder(name, a, params));
        }
        keyCache(r, iterations / 4, a);
    }

    /** The valid file that target {@code name} (one of {@link #targets()}) mutates. */
    static byte[] valid(String name, Artifacts a) {
        return switch (name) {
            case "Proof.fromBytes" -> a.proof;
            case "ProgramProof.fromBytes" -> a.programProof;
            case "VmProof.fromBytes" -> a.vmProof;
            case "VerifyingKey.fromBytes" -> a.verifyingKey;
            case "ProvingKeyFile.fromBytes" -> a.provingKey;
            case "KeyCache.load" -> a.keyCacheEntry;
            default -> throw new IllegalArgumentException("no target " + name);
        };
    }

    /** The file that target {@code name}'s mutants take spliced ranges from. */
    private static byte[] splice(String name, Artifacts a) {
        return switch (name) {
            case "Proof.fromBytes" -> a.vmProof;
            case "ProvingKeyFile.fromBytes", "KeyCache.load" -> a.verifyingKey;
            default -> a.proof;
        };
    }

    /**
     * The decoder {@code name} (one of {@link #targets()} but {@code KeyCache.load}), reading against the artifacts'
     * constraint system; {@code params} (the IPA parameters of size {@code a.k}) only for the proving key.
     */
    static Decoder decoder(String name, Artifacts a, IpaParams params) {
        return switch (name) {
            case "Proof.fromBytes" -> Proof::fromBytes;
            case "ProgramProof.fromBytes" -> ProgramProof::fromBytes;
            case "VmProof.fromBytes" -> VmProof::fromBytes;
            case "VerifyingKey.fromBytes" -> f -> VerifyingKey.fromBytes(f, a.cs);
            case "ProvingKeyFile.fromBytes" -> f -> {
                try (ProvingKey pk = ProvingKeyFile.fromBytes(f, params, a.cs)) {
                    pk.verifyingKey();
                }
            };
            default -> throw new IllegalArgumentException("no decoder " + name);
        };
    }

    static void fuzz(SplittableRandom r, int iterations, String name, byte[] valid, byte[] other, Decoder d) {
        int refused = 0;
        for (int i = 0; i < iterations; i++) {
            byte[] m = Fuzz.mutateBytes(r, valid, other);
            if (decode(name + " input " + i, m, d)) {
                refused++;
            }
        }
        System.out.println("[fuzz] " + name + ": " + iterations + " inputs, " + refused + " refused");
    }

    /** True if the decoder refused the file. */
    static boolean decode(String what, byte[] file, Decoder d) {
        return assertTimeoutPreemptively(PER_INPUT, () -> {
            try {
                d.decode(file);
                return false;
            } catch (IncompatibleFileException expected) {
                return true;
            } catch (Throwable e) {
                throw new AssertionError(what + ": " + e + " on a " + file.length + "-byte file", e);
            }
        });
    }

    /**
     * Key cache entries: half the mutants get a fresh digest, so that the entry's contents are parsed (a digest
     * failure alone would stop every mutant at the first check).
     */
    static void keyCache(SplittableRandom r, int iterations, Artifacts a) {
        KeyCache cache = KeyCache.in(a.dir.resolve("fuzz-keys"));
        int corrupt = 0;
        for (int i = 0; i < iterations; i++) {
            byte[] m = Fuzz.mutateBytes(r, a.keyCacheEntry, splice("KeyCache.load", a));
            if (r.nextBoolean()) {
                m = withDigest(m);
            }
            if (loadEntry(cache, a, m, "KeyCache.load input " + i) == KeyCache.Status.CORRUPT) {
                corrupt++;
            }
        }
        System.out.println("[fuzz] KeyCache.load: " + iterations + " inputs, " + corrupt + " corrupt");
    }

    /**
     * {@code entry} with its last 64 bytes replaced by the BLAKE2b-512 digest of the rest (unchanged if shorter): how
     * key cache entries and proving key files end.
     */
    static byte[] withDigest(byte[] entry) {
        if (entry.length < 64) {
            return entry;
        }
        byte[] m = entry.clone();
        Blake2bDigest d = new Blake2bDigest(512);
        d.update(m, 0, m.length - 64);
        d.doFinal(m, m.length - 64);
        return m;
    }

    /**
     * Stores {@code entry} as the cache entry for the artifacts' key and loads it: any exception, a hang, or a corrupt
     * entry left on disk fails.
     */
    static KeyCache.Status loadEntry(KeyCache cache, Artifacts a, byte[] entry, String what) {
        try {
            Files.createDirectories(cache.dir());
            Files.write(cache.file(a.keyCacheAddress), entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KeyCache.Lookup l = assertTimeoutPreemptively(PER_INPUT, () -> {
            try {
                return cache.load(a.keyCacheAddress, a.cs);
            } catch (Throwable e) {
                throw new AssertionError(what + ": " + e + " on a " + entry.length + "-byte entry", e);
            }
        });
        if (l.status() == KeyCache.Status.CORRUPT && Files.exists(cache.file(a.keyCacheAddress))) {
            throw new AssertionError(what + ": a corrupt entry was not deleted");
        }
        return l.status();
    }

    static List<String> targets() {
        return List.of("Proof.fromBytes", "ProgramProof.fromBytes", "VmProof.fromBytes", "VerifyingKey.fromBytes",
                "ProvingKeyFile.fromBytes", "KeyCache.load");
    }
}
