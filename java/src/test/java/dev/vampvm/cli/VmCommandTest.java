package dev.vampvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VM mode on the command line: compile --mode vm, run --trace, prove --mode vm, verify of a VM proof. */
class VmCommandTest {
    @TempDir
    static Path dir;
    static String savedCache;

    @BeforeAll
    static void setUp() throws IOException {
        savedCache = System.getProperty("vampvm.cache.dir");
        System.setProperty("vampvm.cache.dir", dir.resolve("cache").toString());
        Path examples = ProveVerifyCommandTest.examples();
        for (String name : new String[] {"fib", "pythagoras"}) {
            Files.copy(examples.resolve(name + ".pir"), dir.resolve(name + ".pir"));
            Files.copy(examples.resolve(name + ".inputs.json"), dir.resolve(name + ".inputs.json"));
        }
        Files.writeString(dir.resolve("fib-small.json"), "{ \"n\": \"4\", \"r\": \"3\" }");
        Files.writeString(dir.resolve("fib-wrong.json"), "{ \"n\": \"4\", \"r\": \"4\" }");
    }

    @AfterAll
    static void tearDown() {
        if (savedCache == null) {
            System.clearProperty("vampvm.cache.dir");
        } else {
            System.setProperty("vampvm.cache.dir", savedCache);
        }
    }

    private static ProveVerifyCommandTest.Run run(String... args) {
        return ProveVerifyCommandTest.run(args);
    }

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void compileListsBlocksAndTheProgramId() {
        var r = run("compile", "--mode", "vm", p("fib.pir"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("VM mode, 7 blocks"), r.out());
        assertTrue(r.out().contains("fib/1x") && r.out().contains("call fib (tail)"), r.out());
        assertTrue(r.out().matches("(?s).*program id +[0-9a-f]{64}.*"), r.out());
    }

    @Test
    void runTraceShowsThePathAndCounts() {
        var r = run("run", "--trace", p("fib.pir"), "--inputs", p("fib-small.json"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("main (fib fib/1x)×4 fib fib/1y main@1"), r.out());
        assertTrue(r.out().contains("steps  12 (deepest call stack 1)"), r.out());
    }

    @Test
    void runTraceRefusesUnsatisfiedInputsAtTheSource() {
        var r = run("run", "--trace", p("fib.pir"), "--inputs", p("fib-wrong.json"));
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("fib.pir:6:1") && r.err().contains("does not hold"), r.err());
    }

    @Test
    void theStepLimitIsAUsageError() {
        var r = run("run", "--trace", "--max-steps", "5", p("fib.pir"), "--inputs", p("fib-small.json"));
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("did not halt within 5 steps (--max-steps)"), r.err());
        assertEquals(2, run("prove", "--mode", "vm", "--max-steps", "0", p("fib.pir")).exit());
        assertEquals(2, run("prove", "--mode", "vm", "--unroll", "4", p("fib.pir")).exit());
        assertEquals(2, run("prove", "--mode", "quantum", p("fib.pir")).exit());
    }

    /**
     * A GPU engine's small proofs on the host (CudaBackend#forProof), asked of the emulated engine by the property
     * that sets the threshold: the user is told, in static and VM mode, and the proofs verify; a threshold that is no
     * number is refused by name.
     */
    @Test
    void smallProofsOfAGpuEngineAreMadeOnTheHostAndSaySo() {
        dev.vampvm.testing.Emulator.assumeAvailable();
        String saved = System.getProperty("vampvm.cuda.hostUpToK");
        try {
            System.setProperty("vampvm.cuda.hostUpToK", "9");
            var vm = run("prove", "--mode", "vm", "--engine", "cuda-emulated", p("fib.pir"), "--inputs",
                    p("fib-small.json"), "--out", p("host.vmproof"), "--no-cache");
            assertEquals(0, vm.exit(), vm.err());
            assertTrue(vm.err().contains("proven on the CPU engine: the largest block proof's 2^")
                    && vm.err().contains("is at most 2^9 (-Dvampvm.cuda.hostUpToK)")
                    && vm.err().contains(", on the host's cores (1/"), vm.err());
            assertEquals(0, run("verify", p("fib.pir"), p("host.vmproof"), "--no-cache").exit());
            var st = run("prove", "--engine", "cuda-emulated", p("pythagoras.pir"), "--out", p("host.proof"),
                    "--no-cache");
            assertEquals(0, st.exit(), st.err());
            assertTrue(st.err().contains("on the java engine: 2^4 rows is at most 2^9"), st.err());
            assertEquals(0, run("verify", p("pythagoras.pir"), p("host.proof"), "--no-cache").exit());
            System.setProperty("vampvm.cuda.hostUpToK", "-1");
            var gpu = run("prove", "--mode", "vm", "--engine", "cuda-emulated", p("fib.pir"), "--inputs",
                    p("fib-small.json"), "--out", p("gpu.vmproof"), "--no-cache");
            assertEquals(0, gpu.exit(), gpu.err());
            assertTrue(!gpu.err().contains("CPU engine") && !gpu.err().contains("host's cores"), gpu.err());
            System.setProperty("vampvm.cuda.hostUpToK", "small");
            var bad = run("prove", "--engine", "cuda-emulated", p("pythagoras.pir"), "--out", p("bad.proof"),
                    "--no-cache");
            assertTrue(bad.exit() != 0 && bad.err().contains("-Dvampvm.cuda.hostUpToK must be a whole number"),
                    bad.exit() + " " + bad.err());
        } finally {
            if (saved == null) {
                System.clearProperty("vampvm.cuda.hostUpToK");
            } else {
                System.setProperty("vampvm.cuda.hostUpToK", saved);
            }
        }
    }

    @Test
    void proveVerifyRoundTripAndRefusals() throws IOException {
        Path proof = dir.resolve("fib.vmproof");
        var proved = run("prove", "--mode", "vm", "--quiet", p("fib.pir"), "--inputs", p("fib-small.json"), "--out",
                proof.toString());
        assertEquals(0, proved.exit(), proved.err());
        var loud = run("prove", "--mode", "vm", p("fib.pir"), "--inputs", p("fib-small.json"), "--out",
                dir.resolve("loud.vmproof").toString());
        assertEquals(0, loud.exit(), loud.err());
        assertTrue(loud.err().contains("  block ") && loud.err().contains("one opening for all block proofs, k ="),
                loud.err());
        assertTrue(proved.out().contains("public r = 3") && proved.out().contains("VM mode"), proved.out());
        var ok = run("verify", p("fib.pir"), proof.toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("valid:"), ok.out());
        var info = run("info", proof.toString(), "--json");
        assertEquals(0, info.exit(), info.err());
        assertTrue(info.out().contains("\"kind\" : \"VM proof\"") && info.out().contains("\"version\" : 2")
                && info.out().contains("\"block_proofs\"") && info.out().contains("one for all block proofs"),
                info.out());
        Path format1 = dir.resolve("format1.vmproof");
        try (java.io.InputStream in = getClass().getResourceAsStream("/dev/vampvm/vm/fib-n3-r2.format1.vmproof")) {
            Files.write(format1, in.readAllBytes());
        }
        var old = run("info", format1.toString());
        assertEquals(0, old.exit(), old.err());
        assertTrue(old.out().contains("one in each block proof (format 1)"), old.out());

        Files.writeString(dir.resolve("pub-right.json"), "{ \"r\": \"3\" }");
        Files.writeString(dir.resolve("pub-wrong.json"), "{ \"r\": \"5\" }");
        assertEquals(0, run("verify", p("fib.pir"), proof.toString(), "--public", p("pub-right.json")).exit());
        var wrong = run("verify", p("fib.pir"), proof.toString(), "--public", p("pub-wrong.json"));
        assertEquals(1, wrong.exit());
        assertTrue(wrong.out().contains("invalid: the public values do not match"), wrong.out());

        // Another program: its id differs.
        var other = run("verify", p("pythagoras.pir"), proof.toString());
        assertEquals(1, other.exit());
        assertTrue(other.out().contains("another program"), other.out());

        // A flipped byte in the trace, and a truncated file.
        byte[] bytes = Files.readAllBytes(proof);
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 3] ^= 1;
        Path bad = dir.resolve("flipped.vmproof");
        Files.write(bad, flipped);
        int e = run("verify", p("fib.pir"), bad.toString()).exit();
        assertTrue(e == 1 || e == 3, "exit " + e);
        Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        assertEquals(3, run("verify", p("fib.pir"), bad.toString()).exit());
    }
}
