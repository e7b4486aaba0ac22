package dev.vampvm.commit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.curve.Generators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameters set up again in one process take the generators it has already read, not the cache's files. */
class IpaParamsTest {
    private static final Generators GENS = Generators.vesta();

    private static long[] bases(JavaBackend backend, IpaParams params) {
        long[] out = new long[8 * params.size()];
        backend.downloadPoints(params.g(), out, 0);
        return out;
    }

    @Test
    void aSecondSetupTakesTheGeneratorsThisProcessRead(@TempDir Path dir) throws IOException {
        GeneratorCache cache = GeneratorCache.in(dir);
        long[] expect = GENS.generatorsAffine(1 << 6);
        try (JavaBackend backend = new JavaBackend(1)) {
            try (IpaParams p = IpaParams.setup(backend, 6, cache)) {
                assertArrayEquals(expect, bases(backend, p));
            }
            assertTrue(Files.isRegularFile(cache.file(GENS, 6)));
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.delete(f);
                }
            }
            // k = 6 and a prefix of it, with no file left: from what the first setup read, and nothing written.
            for (int k : new int[] {6, 4}) {
                try (IpaParams p = IpaParams.setup(backend, k, cache)) {
                    assertArrayEquals(Arrays.copyOf(expect, 8 << k), bases(backend, p), "k = " + k);
                }
                assertFalse(Files.exists(cache.file(GENS, k)), "k = " + k + " read from no file");
            }
            // More than the process has: from the cache, which derives and stores them.
            try (IpaParams p = IpaParams.setup(backend, 7, cache)) {
                assertArrayEquals(GENS.generatorsAffine(1 << 7), bases(backend, p));
            }
            assertTrue(Files.isRegularFile(cache.file(GENS, 7)));
        }
    }
}
