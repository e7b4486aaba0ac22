package dev.vampvm.fuzz;

import dev.vampvm.api.KeyCache;
import dev.vampvm.api.Program;
import dev.vampvm.api.ProofResult;
import dev.vampvm.api.ProveOptions;
import dev.vampvm.api.Vampvm;
import dev.vampvm.api.VmProofResult;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.ir.CompiledProgram;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.keygen.ProvingKeyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Valid files of every binary format, made once per test JVM from small programs: the fuzzers mutate them. Proofs are
 * seeded (reproducible bytes), keys live in a temporary key cache.
 */
final class Artifacts {
    static final String PYTH = "pub R;\ndef pyth a b c = { a^2 + b^2 = c^2 };\npyth x y R;\n";
    static final Map<String, String> PYTH_INPUTS = Map.of("x", "3", "y", "4", "R", "5");
    static final String FIB = """
            def fib n a b = branch (lt n 1) (fib (n - 1) b (a + b)) a;
            pub r;
            fib n 0 1 = r;
            """;

    final Path dir;
    final KeyCache cache;
    final Program pyth;
    final Program fib;
    /** A program proof (static mode) and the PLONK proof inside it. */
    final byte[] programProof;
    final byte[] proof;
    final byte[] verifyingKey;
    final ConstraintSystem cs;
    final byte[] provingKey;
    final byte[] keyCacheEntry;
    final byte[] keyCacheAddress;
    final byte[] vmProof;
    final int k;

    private static Artifacts instance;

    static synchronized Artifacts get() {
        if (instance == null) {
            instance = new Artifacts();
        }
        return instance;
    }

    private Artifacts() {
        try {
            dir = Files.createTempDirectory("vampvm-fuzz");
            dir.toFile().deleteOnExit();
            cache = KeyCache.in(dir.resolve("keys"));
            pyth = Vampvm.compile("pyth.pir", PYTH);
            ProveOptions options = ProveOptions.defaults().withKeyCache(cache).withRandom(new SplittableRandom(7))
                    .withThreads(2);
            ProofResult r = pyth.prove(PYTH_INPUTS, options);
            programProof = r.bytes();
            proof = r.proof().proof().toBytes();
            k = r.proof().k();
            try (Stream<Path> s = Files.list(cache.dir())) {
                Path entry = s.filter(p -> p.toString().endsWith(".key")).findFirst().orElseThrow();
                keyCacheEntry = Files.readAllBytes(entry);
                keyCacheAddress = java.util.HexFormat.of().parseHex(entry.getFileName().toString().replace(".key", ""));
            }
            CompiledProgram compiled = pyth.compile(r.proof().circuit(), null);
            cs = Synthesis.configure(compiled.circuit());
            try (JavaBackend backend = new JavaBackend(2); IpaParams params = IpaParams.setup(backend, k);
                    ProvingKey pk = Keygen.keygen(params, compiled.circuit(), k)) {
                verifyingKey = pk.verifyingKey().toBytes();
                provingKey = ProvingKeyFile.toBytes(pk);
            }
            fib = Vampvm.compile("fib.pir", FIB);
            VmProofResult vr = fib.proveVm(Map.of("n", "3", "r", "2"), options, 1_000, null);
            vmProof = vr.bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
