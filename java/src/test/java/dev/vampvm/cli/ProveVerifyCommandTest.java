package dev.vampvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.testing.Emulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vampvm prove}, {@code verify} and {@code info} in-process: round trips and every exit code. */
class ProveVerifyCommandTest {
    @TempDir
    static Path dir;
    static String savedCache;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void setUp() throws IOException {
        savedCache = System.getProperty("vampvm.cache.dir");
        System.setProperty("vampvm.cache.dir", dir.resolve("cache").toString());
        Path examples = examples();
        for (String name : new String[] {"pythagoras", "fib", "mimc"}) {
            Files.copy(examples.resolve(name + ".pir"), dir.resolve(name + ".pir"));
            Files.copy(examples.resolve(name + ".inputs.json"), dir.resolve(name + ".inputs.json"));
        }
    }

    @AfterAll
    static void tearDown() {
        if (savedCache == null) {
            System.clearProperty("vampvm.cache.dir");
        } else {
            System.setProperty("vampvm.cache.dir", savedCache);
        }
    }

    static Path examples() {
        return Stream.of(Path.of("examples"), Path.of("../examples")).filter(Files::isDirectory).findFirst()
                .orElseThrow();
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void pythagorasProvesAndVerifies() {
        Run prove = run("prove", p("pythagoras.pir"), "--out", p("pyth.proof"));
        assertEquals(0, prove.exit, prove.err);
        assertTrue(prove.out.contains("public R = 25"), prove.out);
        assertTrue(prove.err.contains("keygen"), prove.err);
        Run verify = run("verify", p("pythagoras.pir"), p("pyth.proof"));
        assertEquals(0, verify.exit, verify.err + verify.out);
        assertTrue(verify.out.contains("public R = 25") && verify.out.contains("valid"), verify.out);
        Run info = run("info", p("pyth.proof"), "--json");
        assertEquals(0, info.exit, info.err);
        assertTrue(info.out.contains("\"kind\" : \"program proof\"") && info.out.contains("\"vk_hash\""), info.out);
    }

    @Test
    void fibWithRecursionChoosesAnUnrollBoundTheVerifierRebuilds() {
        Run prove = run("prove", p("fib.pir"), "--out", p("fib.proof"), "--quiet");
        assertEquals(0, prove.exit, prove.err);
        assertEquals("", prove.err);
        assertTrue(prove.out.contains("public r = 55") && prove.out.contains("unroll 16"), prove.out);
        assertEquals(0, run("verify", p("fib.pir"), p("fib.proof")).exit);
        Run given = run("prove", p("fib.pir"), "--out", p("fib20.proof"), "--unroll", "20", "--quiet");
        assertEquals(0, given.exit, given.err);
        assertEquals(0, run("verify", p("fib.pir"), p("fib20.proof")).exit);
    }

    @Test
    void mimcProvesAndVerifiesWithJson() {
        Run prove = run("prove", p("mimc.pir"), "--out", p("mimc.proof"), "--json", "--quiet", "--threads", "1");
        assertEquals(0, prove.exit, prove.err);
        assertTrue(prove.out.contains("\"public\""), prove.out);
        Run verify = run("verify", p("mimc.pir"), p("mimc.proof"), "--json");
        assertEquals(0, verify.exit, verify.err);
        assertTrue(verify.out.contains("\"valid\" : true"), verify.out);
    }

    @Test
    void badProofsGetTheirExitCodes() throws IOException {
        assertEquals(0, run("prove", p("pythagoras.pir"), "--out", p("bad.proof"), "--quiet").exit);
        byte[] good = Files.readAllBytes(dir.resolve("bad.proof"));

        byte[] flipped = good.clone();
        flipped[flipped.length - 40] ^= 1;
        Files.write(dir.resolve("flipped.proof"), flipped);
        Run invalid = run("verify", p("pythagoras.pir"), p("flipped.proof"));
        assertEquals(1, invalid.exit, invalid.out + invalid.err);
        assertTrue(invalid.out.contains("invalid"), invalid.out);

        Run wrongProgram = run("verify", p("mimc.pir"), p("bad.proof"));
        assertEquals(1, wrongProgram.exit);
        assertTrue(wrongProgram.out.contains("another program"), wrongProgram.out);

        Files.writeString(dir.resolve("pub-wrong.json"), "{ \"R\": \"26\" }");
        Files.writeString(dir.resolve("pub-right.json"), "{ \"R\": \"25\" }");
        Run wrongPublic = run("verify", p("pythagoras.pir"), p("bad.proof"), "--public", p("pub-wrong.json"));
        assertEquals(1, wrongPublic.exit);
        assertTrue(wrongPublic.out.contains("do not match"), wrongPublic.out);
        assertEquals(0, run("verify", p("pythagoras.pir"), p("bad.proof"), "--public", p("pub-right.json")).exit);

        Files.write(dir.resolve("short.proof"), Arrays.copyOf(good, good.length - 100));
        Run truncated = run("verify", p("pythagoras.pir"), p("short.proof"));
        assertEquals(3, truncated.exit);
        assertTrue(truncated.err.contains("truncated"), truncated.err);
        assertEquals(3, run("info", p("short.proof")).exit);

        byte[] newer = good.clone();
        newer[9] = 99;
        Files.write(dir.resolve("newer.proof"), newer);
        Run newerRun = run("verify", p("pythagoras.pir"), p("newer.proof"));
        assertEquals(3, newerRun.exit);
        assertTrue(newerRun.err.contains("newer"), newerRun.err);

        assertEquals(3, run("verify", p("pythagoras.pir"), p("missing.proof")).exit);
        assertEquals(2, run("verify", p("pythagoras.pir")).exit);
    }

    @Test
    void proveRefusesWhatItCannotProve() throws IOException {
        Path lonely = dir.resolve("lonely");
        Files.createDirectories(lonely);
        Files.copy(dir.resolve("pythagoras.pir"), lonely.resolve("pyth.pir"));
        Run missing = run("prove", lonely.resolve("pyth.pir").toString());
        assertEquals(2, missing.exit);
        assertTrue(missing.err.contains("no inputs file"), missing.err);

        Files.writeString(dir.resolve("bad.inputs.json"), "{ \"x\": \"15\", \"y\": \"21\", \"R\": \"25\" }");
        Run unsat = run("prove", p("pythagoras.pir"), "--inputs", p("bad.inputs.json"), "--out", p("x.proof"));
        assertEquals(1, unsat.exit);
        assertTrue(unsat.err.contains("pythagoras.pir:3:20") && unsat.err.contains("does not hold"), unsat.err);
        assertTrue(Files.notExists(dir.resolve("x.proof")));

        Run contradiction = run("prove", p("pythagoras.pir"), "--gpu", "--engine", "java");
        assertEquals(2, contradiction.exit);
        assertTrue(contradiction.err.contains("contradict"), contradiction.err);
        Run unknown = run("prove", p("pythagoras.pir"), "--engine", "tpu");
        assertEquals(2, unknown.exit);
        assertTrue(unknown.err.contains("unknown engine 'tpu'"), unknown.err);
    }

    @Test
    void theEmulatedGpuEngineProvesWhatTheCpuVerifiesAndExitsFiveWhenItsMemoryIsTooSmall() {
        Emulator.assumeAvailable();
        Run proved = run("prove", p("pythagoras.pir"), "--engine", "cuda-emulated", "--out", p("emu.proof"), "--no-cache");
        assertEquals(0, proved.exit, proved.err);
        assertEquals(0, run("verify", p("pythagoras.pir"), p("emu.proof"), "--no-cache").exit);
        System.setProperty("vampvm.gpu.memoryLimit", "1000000");
        try {
            Run small = run("prove", p("pythagoras.pir"), "--engine", "cuda-emulated", "--out", p("small.proof"),
                    "--no-cache");
            assertEquals(5, small.exit, small.err);
            assertTrue(small.err.contains("engine memory to prove"), small.err);
            assertTrue(Files.notExists(dir.resolve("small.proof")));
        } finally {
            System.clearProperty("vampvm.gpu.memoryLimit");
        }
    }

    /**
     * A GPU fault while keys are made, and one halfway through the proof (launches 1 and 250 of the emulated engine
     * fail): exit 1 naming the failed kernel, no proof file, and the key cache left usable: the next prove succeeds
     * and its proof verifies.
     */
    @Test
    void aGpuFaultHalfwayLeavesNoProofAndAUsableKeyCache() throws IOException {
        Emulator.assumeAvailable();
        Path cache = dir.resolve("gpu-fault-cache");
        System.setProperty("vampvm.cache.dir", cache.toString());
        try {
            for (String at : new String[] {"1", "250"}) {
                System.setProperty("vampvm.emulator.failAtLaunch", at);
                Run failed = run("prove", p("pythagoras.pir"), "--engine", "cuda-emulated", "--out", p("fault.proof"));
                System.clearProperty("vampvm.emulator.failAtLaunch");
                assertEquals(1, failed.exit, failed.err);
                assertTrue(failed.err.contains("the GPU failed, no proof was written")
                        && failed.err.contains("CUDA_ERROR_LAUNCH_FAILED")
                        && failed.err.contains("failAtLaunch=" + at), failed.err);
                assertTrue(at.equals("1") || failed.err.contains("keygen"), "launch 250 is past the keys: " + failed.err);
                assertTrue(Files.notExists(dir.resolve("fault.proof")));
                try (var files = Files.list(dir)) {
                    assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("fault.proof")),
                            "no temporary file left beside the proof");
                }
                Run ok = run("prove", p("pythagoras.pir"), "--engine", "cuda-emulated", "--out", p("after.proof"));
                assertEquals(0, ok.exit, ok.err);
                assertEquals(0, run("verify", p("pythagoras.pir"), p("after.proof")).exit);
            }
        } finally {
            System.clearProperty("vampvm.emulator.failAtLaunch");
            System.clearProperty("vampvm.cache.dir");
        }
    }

    @Test
    void gpuIsUsedWhenThereIsOneAndRefusedWithTheReasonWhenNot() {
        dev.vampvm.backend.cuda.GpuProbe.Result probe = dev.vampvm.backend.cuda.GpuProbe.probe();
        Run gpu = run("prove", p("pythagoras.pir"), "--gpu", "--out", p("gpu.proof"), "--no-cache");
        if (probe.usable()) {
            assertEquals(0, gpu.exit, gpu.err);
            assertEquals(0, run("verify", p("pythagoras.pir"), p("gpu.proof"), "--no-cache").exit);
        } else {
            assertEquals(4, gpu.exit);
            assertTrue(gpu.err.contains("--gpu: " + probe.reason()), gpu.err);
            assertTrue(Files.notExists(dir.resolve("gpu.proof")));
        }
    }

    @Test
    void secondProveHitsTheKeyCacheAndACorruptEntryIsRebuilt() throws IOException {
        Path cache = dir.resolve("own-cache");
        System.setProperty("vampvm.cache.dir", cache.toString());
        try {
            assertTrue(run("prove", p("pythagoras.pir"), "--out", p("c.proof"), "--json", "--quiet").out
                    .contains("\"keyCache\" : \"miss\""));
            assertTrue(run("prove", p("pythagoras.pir"), "--out", p("c.proof"), "--json", "--quiet").out
                    .contains("\"keyCache\" : \"hit\""));
            assertTrue(run("prove", p("pythagoras.pir"), "--out", p("c.proof"), "--json", "--quiet", "--no-cache").out
                    .contains("\"keyCache\" : \"off\""));
            Path entry;
            try (Stream<Path> s = Files.list(cache.resolve("keys"))) {
                entry = s.filter(f -> f.toString().endsWith(".key")).findFirst().orElseThrow();
            }
            assertEquals(0, run("info", entry.toString()).exit);
            byte[] b = Files.readAllBytes(entry);
            b[b.length / 2] ^= 4;
            Files.write(entry, b);
            assertTrue(run("prove", p("pythagoras.pir"), "--out", p("c.proof"), "--json", "--quiet").out
                    .contains("\"keyCache\" : \"corrupt\""));
            assertTrue(run("prove", p("pythagoras.pir"), "--out", p("c.proof"), "--json", "--quiet").out
                    .contains("\"keyCache\" : \"hit\""));
            assertEquals(0, run("verify", p("pythagoras.pir"), p("c.proof")).exit);
        } finally {
            System.setProperty("vampvm.cache.dir", dir.resolve("cache").toString());
        }
    }
}
