package dev.vampvm.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vampvm.api.KeyCache;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.ir.types.CheckedProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Coverage-guided fuzz targets (Jazzer) over the same checks as the seeded fuzz tests: what counts as a crash, and the
 * time limit per input, come from {@link ProgramFuzzTest}, {@link InputsFuzzTest}, {@link DecoderFuzzTest} and
 * {@link VerifierFuzzTest}.
 *
 * <p>In the default {@code mvn test} (JAZZER_FUZZ unset) each target runs once per file of its committed corpus,
 * {@code java/src/test/resources/dev/vampvm/fuzz/JazzerFuzzTestInputs/<target>/}: the examples, the seeded tests'
 * corpora, valid files of every binary format, and every crash found so far. {@code bin/fuzz TARGET [SECONDS]} runs
 * one target in fuzzing mode; a crash lands in that folder as {@code crash-<sha1>}, and is then replayed by every
 * build.
 *
 * <p>Each target takes the raw bytes (so that the corpus files are plain programs, JSON files and binary files):
 * program and inputs targets read them as UTF-8.
 */
class JazzerFuzzTest {
    /** The targets, in the order {@code bin/fuzz --list} prints them. */
    static final List<String> TARGETS = List.of("frontEnd", "inputs", "proof", "programProof", "vmProof",
            "verifyingKey", "provingKey", "keyCacheEntry", "staticVerifier", "vmVerifier");

    /** Parsing and type checking ({@code Vampvm.compile}): diagnostics only. */
    @FuzzTest
    void frontEnd(byte[] data) {
        ProgramFuzzTest.checkFrontEnd("frontEnd", new String(data, StandardCharsets.UTF_8));
    }

    /** {@code Inputs.parse} and {@code resolve} against each of {@link InputsFuzzTest#PROGRAMS}: diagnostics only. */
    @FuzzTest
    void inputs(byte[] data) {
        String json = new String(data, StandardCharsets.UTF_8);
        for (CheckedProgram p : InputsFuzzTest.programs()) {
            InputsFuzzTest.check("inputs", json, p);
        }
    }

    @FuzzTest
    void proof(byte[] data) {
        decode("Proof.fromBytes", data);
    }

    @FuzzTest
    void programProof(byte[] data) {
        decode("ProgramProof.fromBytes", data);
    }

    @FuzzTest
    void vmProof(byte[] data) {
        decode("VmProof.fromBytes", data);
    }

    @FuzzTest
    void verifyingKey(byte[] data) {
        decode("VerifyingKey.fromBytes", data);
    }

    /**
     * {@code ProvingKeyFile.fromBytes} on the file as given and with its digest recomputed: the file ends in a digest
     * of the rest, which almost every mutant fails, so without the second call the fuzzer would never get past it.
     */
    @FuzzTest
    void provingKey(byte[] data) {
        decode("ProvingKeyFile.fromBytes", data);
        decode("ProvingKeyFile.fromBytes", DecoderFuzzTest.withDigest(data));
    }

    /**
     * {@code KeyCache.load} on the entry as given (its digest almost always fails) and with its digest recomputed, so
     * that the contents are parsed.
     */
    @FuzzTest
    void keyCacheEntry(byte[] data) {
        Artifacts a = Artifacts.get();
        DecoderFuzzTest.loadEntry(Shared.cache(), a, data, "keyCacheEntry");
        DecoderFuzzTest.loadEntry(Shared.cache(), a, DecoderFuzzTest.withDigest(data), "keyCacheEntry with digest");
    }

    /** {@code Program.check} and {@code Program.verify} on the bytes as a proof of the Pythagoras program. */
    @FuzzTest
    void staticVerifier(byte[] data) {
        VerifierFuzzTest.checkStatic(Artifacts.get(), data, "staticVerifier");
    }

    /** {@code VmVerifier.verify} on the bytes as a VM proof of the Fibonacci program. */
    @FuzzTest
    void vmVerifier(byte[] data) {
        VerifierFuzzTest.checkVm(Artifacts.get(), Shared.backend(), data, "vmVerifier");
    }

    private static void decode(String name, byte[] data) {
        DecoderFuzzTest.decode(name, data, DecoderFuzzTest.decoder(name, Artifacts.get(), Shared.params()));
    }

    /** What the targets share for the JVM's lifetime (a fuzzing run calls a target millions of times). */
    private static final class Shared {
        private static JavaBackend backend;
        private static IpaParams params;
        private static KeyCache cache;

        static synchronized JavaBackend backend() {
            if (backend == null) {
                backend = new JavaBackend(2);
            }
            return backend;
        }

        static synchronized IpaParams params() {
            if (params == null) {
                params = IpaParams.setup(backend(), Artifacts.get().k);
            }
            return params;
        }

        static synchronized KeyCache cache() {
            if (cache == null) {
                cache = KeyCache.in(Artifacts.get().dir.resolve("jazzer-keys"));
            }
            return cache;
        }
    }

    /**
     * Rewrites the seed files of the committed corpora: the examples and the seeded tests' corpora for the text
     * targets, and the valid files {@link Artifacts} makes for the binary ones ({@code "valid"} in each folder). Run
     * after a change of a file format: {@code bin/test -Dtest=JazzerFuzzTest#writeSeeds -Dvampvm.fuzz.writeSeeds=true}.
     * Crash files ({@code crash-*}) are left alone.
     */
    @Test
    @EnabledIfSystemProperty(named = "vampvm.fuzz.writeSeeds", matches = "true")
    void writeSeeds() throws IOException {
        Path root = Fuzz.corpus("programs").getParent().resolve("../dev/vampvm/fuzz/JazzerFuzzTestInputs").normalize();
        Path examples = Fuzz.examples();
        copy(root.resolve("frontEnd"), ".pir", examples, examples.resolve("vm"), Fuzz.corpus("programs"));
        copy(root.resolve("inputs"), ".inputs.json", examples, examples.resolve("vm"), Fuzz.corpus("inputs"));
        Artifacts a = Artifacts.get();
        Map<String, byte[]> binary = Map.of("proof", a.proof, "programProof", a.programProof, "vmProof", a.vmProof,
                "verifyingKey", a.verifyingKey, "provingKey", a.provingKey, "keyCacheEntry", a.keyCacheEntry,
                "staticVerifier", a.programProof, "vmVerifier", a.vmProof);
        for (Map.Entry<String, byte[]> e : binary.entrySet()) {
            Files.createDirectories(root.resolve(e.getKey()));
            Files.write(root.resolve(e.getKey()).resolve("valid"), e.getValue());
        }
    }

    /** Copies the files named {@code *suffix} from {@code dirs} (leaving out the medium and large variants). */
    private static void copy(Path to, String suffix, Path... dirs) throws IOException {
        Files.createDirectories(to);
        for (Path d : dirs) {
            try (Stream<Path> s = Files.list(d)) {
                for (Path f : s.filter(f -> f.getFileName().toString().endsWith(suffix)
                        && !f.getFileName().toString().matches(".*\\.(medium|large)\\..*")).toList()) {
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
