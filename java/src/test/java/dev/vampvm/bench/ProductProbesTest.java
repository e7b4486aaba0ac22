package dev.vampvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field-product probes that {@code bench/gpu-run.sh probes} times on a GPU (bench/product-probes/): the FP64
 * products of {@code fp64.cuh} agree with kernels/ff/mont256.cuh's product on the host, rounding included, and
 * {@code probes.cu} and the kernels built on the FP64 product build for sm_90 with every warning an error, so that a
 * GPU session's minutes are not spent on a build error or on timing a wrong product.
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

    /** The kernels on the FP64 product, as bench/gpu-pack.sh's fp64-mul variant builds them, build without warnings. */
    @Test
    void theKernelsBuildWithTheFp64Product(@TempDir Path out) throws Exception {
        assumeTrue(onPath("nvcc"), "nvcc is not on PATH");
        Path cubin = out.resolve("kernels.cubin");
        Path kernels = PROBES.resolve("../../kernels").normalize();
        Run r = run(List.of("nvcc", "-cubin", "-std=c++17", "-O3", "-arch=sm_90", "-DVV_FP64_MUL",
                "-DVV_MSM_ACCUMULATE_MIN_BLOCKS=2", "--Werror", "all-warnings", "-Xptxas=--warning-as-error", "-o",
                cubin.toString(), kernels.resolve("vampvm.cu").toString()));
        assertEquals(0, r.exit(), r.output());
        assertTrue(Files.size(cubin) > 0, "a cubin was written");
    }
}
