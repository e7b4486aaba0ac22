package dev.vampvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts a GPU session runs (bench/gpu-pack.sh here, bench/gpu-run.sh on the lent machine) parse, and refuse what
 * they cannot run with a clear line and exit 2 before touching anything: a session has 15 device minutes, and a typo
 * found there costs a call.
 */
class GpuScriptsTest {
    private static final Path BENCH = Path.of("bench").toAbsolutePath();

    private record Run(int exit, String output) {
    }

    private static Run bash(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run("bash", env, args);
    }

    private static Run python(String... args) throws IOException, InterruptedException {
        return run("python3", Map.of(), args);
    }

    private static Run run(String program, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script finished");
        return new Run(p.exitValue(), out);
    }

    /** Skips the test where this checkout has a kit (bench/gpu-pack.sh made one), which the script would take. */
    private static void assumeNoKit(String because) {
        boolean kit = Files.exists(BENCH.resolveSibling(".gpu-kit"))
                || Files.exists(BENCH.resolveSibling(".gpu-kit.tar.gz"));
        assumeFalse(kit, "this checkout has a kit (bench/gpu-pack.sh made one): " + because);
    }

    @Test
    void theScriptsParse() throws Exception {
        for (String script : new String[] {"gpu-run.sh", "gpu-pack.sh", "gpu-plan.sh"}) {
            Run r = bash(Map.of(), "-n", BENCH.resolve(script).toString());
            assertEquals(0, r.exit(), script + ": " + r.output());
        }
    }

    @Test
    void anUnknownStageIsRefusedBeforeAnythingRuns(@TempDir Path out) throws Exception {
        Run r = bash(Map.of("OUT", out.toString()), BENCH.resolve("gpu-run.sh").toString(), "checks", "kernal");
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("unknown stage 'kernal' (checks, kernels, prove, vm, variants, options, probes, ncu)"), r.output());
    }

    @Test
    void withoutAKitOrAJarItSaysHowToMakeOne(@TempDir Path out) throws Exception {
        assumeNoKit("the script takes it instead");
        Path noJar = out.resolve("missing.jar");
        Run r = bash(Map.of("OUT", out.toString(), "JAR", noJar.toString(), "JAVA", "/bin/true"),
                BENCH.resolve("gpu-run.sh").toString(), "kernels");
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("no jar at " + noJar + " (make a kit with bench/gpu-pack.sh)"), r.output());
    }

    @Test
    void aVariantListNamingAVariantTheKitLacksSaysSo(@TempDir Path out) throws Exception {
        assumeNoKit("its variants would run");
        Path jar = Files.writeString(out.resolve("stand-in.jar"), "");
        Run r = bash(Map.of("OUT", out.resolve("res").toString(), "JAR", jar.toString(), "JAVA", "/bin/true",
                "VARIANT_LIST", "ghost"), BENCH.resolve("gpu-run.sh").toString(), "variants");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("gpu-run: variants: the kit has no variant ghost"), r.output());
        assertTrue(Files.readString(out.resolve("res/skipped.txt")).contains("no variant ghost"));
    }

    @Test
    void theNcuStageWithoutNsightComputeSaysSoAndRunsNothing(@TempDir Path out) throws Exception {
        assumeNoKit("the kit's jar would be profiled");
        assumeFalse(new ProcessBuilder("bash", "-c", "command -v ncu || ls /opt/nvidia/nsight-compute/*/ncu "
                + "/usr/local/cuda/bin/ncu").start().waitFor() == 0, "this machine has Nsight Compute");
        Path jar = Files.writeString(out.resolve("stand-in.jar"), "");
        Run r = bash(Map.of("OUT", out.resolve("res").toString(), "JAR", jar.toString(), "JAVA", "/bin/true"),
                BENCH.resolve("gpu-run.sh").toString(), "ncu");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("gpu-run: ncu: no Nsight Compute here"), r.output());
        assertTrue(Files.readString(out.resolve("res/skipped.txt")).contains("no Nsight Compute"));
        assertFalse(Files.exists(out.resolve("res/ncu-run.txt")));
    }

    @Test
    void aHostProfileNeedsTheGpuEngineAloneAndTheKitsProfiler(@TempDir Path out) throws Exception {
        assumeNoKit("its profiler would run");
        Path jar = Files.writeString(out.resolve("stand-in.jar"), "");
        Run both = bash(Map.of("OUT", out.resolve("both").toString(), "JAR", jar.toString(), "JAVA", "/bin/true",
                "HOST_PROFILE", "1", "PROVE_ENGINES", "java,cuda"), BENCH.resolve("gpu-run.sh").toString(), "prove");
        assertEquals(0, both.exit(), both.output());
        assertTrue(both.output().contains("HOST_PROFILE=1 profiles the GPU engine's proofs alone: set PROVE_ENGINES=cuda"),
                both.output());
        Run noKit = bash(Map.of("OUT", out.resolve("nokit").toString(), "JAR", jar.toString(), "JAVA", "/bin/true",
                "HOST_PROFILE", "1", "PROVE_ENGINES", "cuda"), BENCH.resolve("gpu-run.sh").toString(), "prove");
        assertEquals(0, noKit.exit(), noKit.output());
        assertTrue(noKit.output().contains("HOST_PROFILE=1 but no usable profiler at"), noKit.output());
        assertTrue(Files.readString(out.resolve("nokit/skipped.txt")).contains("proving unprofiled"));
        assertFalse(Files.exists(out.resolve("nokit/prove-host-profile.txt")));
    }

    /**
     * bench/host-profile.py on a made-up wall-clock profile: the main thread's samples in the prover split into the
     * witness, the device waits by call site (the wait for the helper that makes the random polynomials among them)
     * and the host's work, per proof; other threads and samples outside the prover do not count, and a profile without
     * any is refused.
     */
    @Test
    void theHostProfileSummarySplitsTheMainThreadsProverTime(@TempDir Path out) throws Exception {
        assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor() == 0, "no python3 here");
        String main = "[main tid=1];dev/vampvm/cli/Main.main;dev/vampvm/plonk/prover/Prover.prove;";
        Path profile = Files.writeString(out.resolve("p.collapsed"), String.join("\n",
                main + "dev/vampvm/plonk/prover/Prover.witness;dev/vampvm/plonk/Synthesis.run 40",
                main + "dev/vampvm/commit/IpaProver.round;dev/vampvm/backend/cuda/CudaBackend.msm;"
                        + "dev/vampvm/backend/cuda/CudaBackend.download;dev/vampvm/backend/cuda/TimedDevice.copyDtoH;"
                        + "cuMemcpyDtoH_v2 100",
                main + "dev/vampvm/plonk/prover/Prover$Ahead.whileSynthesizing;"
                        + "dev/vampvm/plonk/prover/Prover$Ahead.awaitFailure;java/util/concurrent/FutureTask.get;"
                        + "__futex_abstimed_wait_common 30",
                main + "dev/vampvm/commit/IpaProver.finishRound;dev/vampvm/curve/PointArithmetic.dbl;"
                        + "dev/vampvm/field/MontgomeryField.mul 20",
                "[main tid=1];dev/vampvm/cli/Main.main;dev/vampvm/plonk/keygen/Keygen.keygen 500",
                "[C2 CompilerThre tid=2];" + main + "dev/vampvm/field/MontgomeryField.mul 300") + "\n");
        Run summary = python(BENCH.resolve("host-profile.py").toString(), profile.toString(), "--proofs", "2");
        String text = summary.output();
        assertEquals(0, summary.exit(), text);
        assertTrue(text.contains("95.0 ms a proof in the prover (2 proof(s), 1 ms samples)"), text);
        assertTrue(text.contains("witness           20.0 ms"), text);
        assertTrue(text.contains("device wait       65.0 ms"), text);
        assertTrue(text.contains("host              10.0 ms"), text);
        assertTrue(text.contains("50.00  commit.IpaProver.round > backend.cuda.CudaBackend.msm > copyDtoH"), text);
        assertTrue(text.contains("15.00  plonk.prover.Prover$Ahead.whileSynthesizing > the helper's random polynomials"),
                text);
        assertTrue(text.contains("10.00  commit.IpaProver.finishRound > field.MontgomeryField.mul"), text);
        Path noSamples = Files.writeString(out.resolve("e.collapsed"), "[main tid=1];dev/vampvm/cli/Main.main 5\n");
        Run refusal = python(BENCH.resolve("host-profile.py").toString(), noSamples.toString());
        String refused = refusal.output();
        assertEquals(1, refusal.exit(), refused);
        assertTrue(refused.contains("no samples of a thread '[main...' inside the prover"), refused);
    }

    /** One results.jsonl line of bench's format: a kernels measurement with these samples. */
    private static String measurement(String name, double... samples) {
        StringBuilder list = new StringBuilder();
        for (double v : samples) {
            list.append(list.length() == 0 ? "" : ",").append(v);
        }
        return "{\"suite\":\"kernels\",\"name\":\"" + name + "\",\"params\":{\"engine\":\"gpu\",\"logN\":\"20\"},"
                + "\"unit\":\"ms\",\"samples\":[" + list + "]}";
    }

    /**
     * bench/compare.py: each measurement two runs share, with a verdict only where both have a spread: faster or
     * slower where the ranges do not overlap, within spread where they do; a folder is searched for its results, a
     * run with none is refused.
     */
    @Test
    void theComparisonGivesAVerdictOnlyWhereTheRangesSaySo(@TempDir Path out) throws Exception {
        assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor() == 0, "no python3 here");
        Path base = Files.createDirectories(out.resolve("base/kernels"));
        Path other = Files.createDirectories(out.resolve("other"));
        Files.writeString(base.resolve("results.jsonl"), String.join("\n", measurement("msm", 6.5, 6.6, 6.7),
                measurement("ntt", 0.35, 0.36), measurement("fold", 26, 27), measurement("transfer", 10),
                measurement("only-here", 1, 2)) + "\n");
        Files.writeString(other.resolve("results.jsonl"), String.join("\n", measurement("msm", 6.0, 6.1, 6.2),
                measurement("ntt", 0.37, 0.38), measurement("fold", 26.5, 28), measurement("transfer", 9)) + "\n");
        Run r = python(BENCH.resolve("compare.py").toString(), out.resolve("base").toString(), other.toString());
        String text = r.output();
        assertEquals(0, r.exit(), text);
        assertTrue(text.contains("other against base"), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("msm ") && l.endsWith(", faster")), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("ntt ") && l.endsWith(", slower")), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("fold ") && l.endsWith(", within spread")), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("transfer ") && l.endsWith(", one sample")), text);
        assertFalse(text.contains("only-here"), text);
        Path empty = Files.createDirectories(out.resolve("empty"));
        Run none = python(BENCH.resolve("compare.py").toString(), out.resolve("base").toString(), empty.toString());
        assertEquals(2, none.exit(), none.output());
        assertTrue(none.output().contains("no results.jsonl at or under " + empty), none.output());
    }

    /**
     * bench/compare.py --pool: a build's rounds (bench/ab.sh's run-1, run-2, ..., under one folder or named one by one
     * with commas) taken together, where without it the last file read stands for the build; bench/ab.sh refuses to run without its variants or with a jar missing.
     */
    @Test
    void poolingTakesEveryRoundsSamples(@TempDir Path out) throws Exception {
        assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor() == 0, "no python3 here");
        Path before = out.resolve("before");
        Files.createDirectories(before.resolve("run-1"));
        Files.createDirectories(before.resolve("run-2"));
        Files.writeString(before.resolve("run-1/results.jsonl"), measurement("msm", 6.5, 6.6) + "\n");
        Files.writeString(before.resolve("run-2/results.jsonl"), measurement("msm", 6.0, 6.05) + "\n");
        Path after = Files.createDirectories(out.resolve("after/run-1"));
        Files.writeString(after.resolve("results.jsonl"), measurement("msm", 6.1, 6.2) + "\n");
        String script = BENCH.resolve("compare.py").toString();
        Run last = python(script, before.toString(), out.resolve("after").toString());
        assertEquals(0, last.exit(), last.output());
        assertTrue(last.output().lines().anyMatch(l -> l.contains("6.025 (6-6.05)") && l.endsWith(", slower")),
                last.output());
        Run pooled = python(script, "--pool", before.toString(), out.resolve("after").toString());
        assertEquals(0, pooled.exit(), pooled.output());
        assertTrue(pooled.output().lines().anyMatch(l -> l.contains("6.275 (6-6.6)") && l.endsWith(", within spread")),
                pooled.output());
        Run joined = python(script, "--pool", before.resolve("run-1") + "," + before.resolve("run-2"),
                out.resolve("after").toString());
        assertEquals(0, joined.exit(), joined.output());
        assertTrue(joined.output().contains("after against run-1+run-2"), joined.output());
        assertTrue(joined.output().lines().anyMatch(l -> l.contains("6.275 (6-6.6)") && l.endsWith(", within spread")),
                joined.output());
        Run none = bash(Map.of("VARIANTS", ""), BENCH.resolve("ab.sh").toString(), out.toString(), "vm");
        assertEquals(2, none.exit(), none.output());
        assertTrue(none.output().contains("usage: VARIANTS="), none.output());
        Run noJar = bash(Map.of("VARIANTS", "a=" + out.resolve("missing.jar")), BENCH.resolve("ab.sh").toString(),
                out.toString(), "vm");
        assertEquals(2, noJar.exit(), noJar.output());
        assertTrue(noJar.output().contains("variant 'a=" + out.resolve("missing.jar") + "' is not NAME=JAR"),
                noJar.output());
    }

    /** bench/msm-batch/Batches.java runs against this build and says what it timed, both orders. */
    @Test
    void theMsmBatchProbeRunsBothOrders() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String side : new String[] {"false", "true"}) {
            Run r = run(java, Map.of(), "--add-modules", "jdk.incubator.vector", "-Dvampvm.java.msmSideBySide=" + side,
                    "-cp", System.getProperty("java.class.path"), BENCH.resolve("msm-batch/Batches.java").toString(),
                    "64", "2", "2", "1");
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("2 MSMs of 64 terms, 2 workers, side by side " + side + ": wall "), r.output());
        }
    }

    @Test
    void theWindowProbeTimesEachWidthGiven() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Run r = run(java, Map.of(), "--add-modules", "jdk.incubator.vector", "-Drounds=1", "-cp",
                System.getProperty("java.class.path"), BENCH.resolve("msm-batch/Windows.java").toString(), "64", "0", "6");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("64 terms, c = ") && r.output().contains(" (the planner's), one thread: "),
                r.output());
        assertTrue(r.output().contains("64 terms, c = 6, one thread: "), r.output());
    }

    /** bench/lanes/Product.java times the lanes' product against the scalar kernel's and checks that they agree. */
    @Test
    void theLaneProductProbeChecksItsProducts() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Run r = run(java, Map.of(), "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                BENCH.resolve("lanes/Product.java").toString(), "2", "3");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("round 1: lanes ") && r.output().contains(" ns, scalar "), r.output());
        assertTrue(r.output().contains("lanes and scalar kernel agree on "), r.output());
    }

    @Test
    void thePlansCallsAreGpuRunLinesAndAnUnknownCallIsRefused(@TempDir Path out) throws Exception {
        Run one = bash(Map.of(), BENCH.resolve("gpu-plan.sh").toString(), "--dry-run", "1");
        assertEquals(0, one.exit(), one.output());
        List<String> lines = one.output().lines().toList();
        assertEquals(3, lines.size(), one.output());
        assertTrue(lines.stream().allMatch(l -> l.startsWith("OUT=/tmp/res/") && l.contains(" bench/gpu-run.sh ")),
                one.output());
        assertTrue(lines.get(0).startsWith("OUT=/tmp/res/1 ") && lines.get(0).endsWith("bench/gpu-run.sh checks"),
                one.output());
        assertTrue(lines.get(1).contains("PROOF_SIZES=22 ") && lines.get(1).endsWith("bench/gpu-run.sh prove"),
                one.output());
        // each option twice, under names of their own, for compare.py --pool
        assertTrue(lines.get(2).contains("\\ int=-Dvampvm.cuda.fp52=none\\ ")
                && lines.get(2).contains("\\ int-2=-Dvampvm.cuda.fp52=none\\ ")
                && lines.get(2).endsWith("bench/gpu-run.sh options"), one.output());
        Run three = bash(Map.of(), BENCH.resolve("gpu-plan.sh").toString(), "--dry-run", "3");
        assertEquals(0, three.exit(), three.output());
        List<String> later = three.output().lines().toList();
        assertEquals(8, later.size(), three.output());
        assertTrue(later.get(1).startsWith("OUT=/tmp/res/12 ") && later.get(1).contains("VARIANT=fp64-mul ")
                && later.get(1).endsWith("bench/gpu-run.sh checks"), three.output());
        Run four = bash(Map.of("OUT", out.toString()), BENCH.resolve("gpu-plan.sh").toString(), "4");
        assertEquals(2, four.exit(), four.output());
        assertTrue(four.output().contains("CALL must be 1, 2 or 3, got '4'"), four.output());
        Run nowhere = bash(Map.of("OUT", ""), BENCH.resolve("gpu-plan.sh").toString(), "1");
        assertEquals(2, nowhere.exit(), nowhere.output());
        assertTrue(nowhere.output().contains("no DEST and no $OUT"), nowhere.output());
    }
}
