package dev.vampvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The field-product probes that {@code bench/gpu-run.sh probes} times on a GPU (bench/product-probes/): the FP64
 * products of {@code fp64.cuh} agree with kernels/ff/mont256.cuh's product on the host, rounding included, and
 * {@code probes.cu} and the kit's kernel variants (the kernels on the FP64 product among them) build for sm_90 with
 * every warning an error, so that a GPU session's minutes are not spent on a build error or on timing a wrong
 * product.
 */
class ProductProbesTest {
    private static final Path PROBES = Path.of("bench", "product-probes").toAbsolutePath();

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished: " + command);
        return new Run(p.exitValue(), out);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    @Test
    void theFp64ProductsAgreeWithTheKernelsProductOnTheHost() throws Exception {
        assumeTrue(onPath("g++"), "g++ is not on PATH");
        Run r = run(List.of("bash", PROBES.resolve("host_check.sh").toString()));
        assertEquals(0, r.exit(), r.output());
        for (String field : new String[] {"Fp", "Fq"}) {
            assertTrue(r.output().contains(field + ": fp52 and fp48 agree with mont256.cuh's product"), r.output());
            assertTrue(r.output().contains(field + ": fp52_core agrees"), r.output());
            assertTrue(r.output().contains(field + ": fp48_core agrees"), r.output());
        }
    }

    @Test
    void theProbesBuildForSm90WithoutWarnings(@TempDir Path out) throws Exception {
        assumeTrue(onPath("nvcc"), "nvcc is not on PATH");
        Path cubin = out.resolve("probes.cubin");
        Run r = run(List.of("nvcc", "-cubin", "-std=c++17", "-O3", "-arch=sm_90", "--Werror", "all-warnings",
                "-I" + PROBES.resolve("../../kernels").normalize(), "-o", cubin.toString(),
                PROBES.resolve("probes.cu").toString()));
        assertEquals(0, r.exit(), r.output());
        assertTrue(Files.size(cubin) > 0, "a cubin was written");
    }

    /**
     * The kit's default kernel variants (bench/gpu-pack.sh's VARIANTS: NAME=FLAG,FLAG ...), read from the script, so
     * that a variant added there is built here.
     */
    static List<String> kitVariants() throws IOException {
        String pack = Files.readString(PROBES.resolve("../gpu-pack.sh").normalize());
        Matcher m = Pattern.compile("variants=\\$\\{VARIANTS-([^}]*)\\}").matcher(pack);
        assertTrue(m.find(), "bench/gpu-pack.sh sets no default VARIANTS");
        return List.of(m.group(1).trim().split("\\s+"));
    }

    /** Each kernel variant of the kit builds for sm_90, as bench/gpu-pack.sh builds it, with every warning an error. */
    @ParameterizedTest
    @MethodSource("kitVariants")
    void theKitsKernelVariantsBuildWithoutWarnings(String variant, @TempDir Path out) throws Exception {
        assumeTrue(onPath("nvcc"), "nvcc is not on PATH");
        assertTrue(variant.matches("[a-z0-9-]+=-D\\w+(=\\w+)?(,-D\\w+(=\\w+)?)*"), variant);
        Path cubin = out.resolve("kernels.cubin");
        Path kernels = PROBES.resolve("../../kernels").normalize();
        List<String> command = new ArrayList<>(List.of("nvcc", "-cubin", "-std=c++17", "-O3", "-arch=sm_90"));
        command.addAll(List.of(variant.substring(variant.indexOf('=') + 1).split(",")));
        command.addAll(List.of("--Werror", "all-warnings", "-Xptxas=--warning-as-error", "-o", cubin.toString(),
                kernels.resolve("vampvm.cu").toString()));
        Run r = run(command);
        assertEquals(0, r.exit(), r.output());
        assertTrue(Files.size(cubin) > 0, "a cubin was written");
    }
}
