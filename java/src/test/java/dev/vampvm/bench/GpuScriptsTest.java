package dev.vampvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script finished");
        return new Run(p.exitValue(), out);
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
        assertTrue(r.output().contains("unknown stage 'kernal' (checks, kernels, prove, vm, variants, options, probes)"), r.output());
    }

    @Test
    void withoutAKitOrAJarItSaysHowToMakeOne(@TempDir Path out) throws Exception {
        boolean kit = Files.exists(BENCH.resolveSibling(".gpu-kit"))
                || Files.exists(BENCH.resolveSibling(".gpu-kit.tar.gz"));
        assumeFalse(kit, "this checkout has a kit (bench/gpu-pack.sh made one): the script takes it instead");
        Path noJar = out.resolve("missing.jar");
        Run r = bash(Map.of("OUT", out.toString(), "JAR", noJar.toString(), "JAVA", "/bin/true"),
                BENCH.resolve("gpu-run.sh").toString(), "kernels");
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("no jar at " + noJar + " (make a kit with bench/gpu-pack.sh)"), r.output());
    }

    @Test
    void aVariantListNamingAVariantTheKitLacksSaysSo(@TempDir Path out) throws Exception {
        boolean kit = Files.exists(BENCH.resolveSibling(".gpu-kit"))
                || Files.exists(BENCH.resolveSibling(".gpu-kit.tar.gz"));
        assumeFalse(kit, "this checkout has a kit (bench/gpu-pack.sh made one): its variants would run");
        Path jar = Files.writeString(out.resolve("stand-in.jar"), "");
        Run r = bash(Map.of("OUT", out.resolve("res").toString(), "JAR", jar.toString(), "JAVA", "/bin/true",
                "VARIANT_LIST", "ghost"), BENCH.resolve("gpu-run.sh").toString(), "variants");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("gpu-run: variants: the kit has no variant ghost"), r.output());
        assertTrue(Files.readString(out.resolve("res/skipped.txt")).contains("no variant ghost"));
    }

    @Test
    void thePlansCallsAreGpuRunLinesAndAnUnknownCallIsRefused(@TempDir Path out) throws Exception {
        Run two = bash(Map.of(), BENCH.resolve("gpu-plan.sh").toString(), "--dry-run", "2");
        assertEquals(0, two.exit(), two.output());
        List<String> lines = two.output().lines().toList();
        assertEquals(4, lines.size(), two.output());
        assertTrue(lines.stream().allMatch(l -> l.startsWith("OUT=/tmp/res/") && l.contains(" bench/gpu-run.sh ")),
                two.output());
        assertTrue(lines.get(1).contains("-Dvampvm.cuda.fp52=all") && lines.get(1).endsWith("bench/gpu-run.sh prove"),
                two.output());
        Run five = bash(Map.of("OUT", out.toString()), BENCH.resolve("gpu-plan.sh").toString(), "5");
        assertEquals(2, five.exit(), five.output());
        assertTrue(five.output().contains("CALL must be 1, 2, 3 or 4, got '5'"), five.output());
        Run nowhere = bash(Map.of("OUT", ""), BENCH.resolve("gpu-plan.sh").toString(), "1");
        assertEquals(2, nowhere.exit(), nowhere.output());
        assertTrue(nowhere.output().contains("no DEST and no $OUT"), nowhere.output());
    }
}
