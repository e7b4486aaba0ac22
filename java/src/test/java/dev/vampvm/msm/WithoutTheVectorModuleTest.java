package dev.vampvm.msm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM started without {@code --add-modules jdk.incubator.vector} (plain {@code java -jar}) proves and verifies with
 * the scalar kernels: nothing on that path loads the Vector API's classes. Everything else in the suite runs with the
 * module (pom.xml's argLine), so this runs a child JVM on the same class path.
 */
class WithoutTheVectorModuleTest {

    @Test
    void provesAndVerifiesWithTheScalarKernels(@TempDir Path dir) throws IOException, InterruptedException {
        Path examples = Path.of("examples").toAbsolutePath();
        if (!Files.isDirectory(examples)) {
            examples = Path.of("..", "examples").toAbsolutePath().normalize();
        }
        // k = 13: the MSMs take the batch-affine path and the bucket sums, where the lanes would run.
        Path program = examples.resolve("vm/loop_small.pir");
        Path inputs = examples.resolve("vm/loop_small.medium.inputs.json");
        Path proof = dir.resolve("p.proof");
        Path cache = dir.resolve("cache");
        Run prove = java(cache, "prove", program.toString(), "--inputs", inputs.toString(), "--out", proof.toString());
        assertEquals(0, prove.exit(), prove.output());
        assertFalse(prove.output().contains("incubator"), prove.output());
        Run verify = java(cache, "verify", program.toString(), proof.toString());
        assertEquals(0, verify.exit(), verify.output());
        assertTrue(verify.output().contains("valid"), verify.output());
    }

    private record Run(int exit, String output) {
    }

    private static Run java(Path cache, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-Xmx1g",
                "-Dvampvm.cache.dir=" + cache, "-cp", System.getProperty("java.class.path"), "dev.vampvm.cli.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
        return new Run(p.exitValue(), out);
    }
}
