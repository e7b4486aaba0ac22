package dev.vampvm.commit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.curve.Generators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator cache saves time and can never change a generator, whatever is in its files. */
class GeneratorCacheTest {

    private static final Generators GENS = Generators.vesta();

    @Test
    void storesReloadsAndServesPrefixes(@TempDir Path dir) throws IOException {
        GeneratorCache cache = GeneratorCache.in(dir);
        long[] expect = GENS.generatorsAffine(1 << 5);
        assertArrayEquals(expect, cache.generatorsAffine(GENS, 5));
        assertTrue(Files.isRegularFile(cache.file(GENS, 5)));
        assertArrayEquals(expect, cache.generatorsAffine(GENS, 5), "reloaded");
        long[] prefix = Arrays.copyOf(expect, 8 * 8);
        assertArrayEquals(prefix, cache.generatorsAffine(GENS, 3), "prefix of the k = 5 file");
        // The prefix gets its own file, so that the next k = 3 setup reads 8 points, not the 32 of k = 5.
        assertTrue(Files.isRegularFile(cache.file(GENS, 3)), "the prefix stored for k = 3");
        Files.delete(cache.file(GENS, 5));
        assertArrayEquals(prefix, cache.generatorsAffine(GENS, 3), "read from its own file");
        assertTrue(!Files.exists(cache.file(GENS, 5)), "nothing derived for k = 5");
        assertTrue(!Files.exists(cache.file(GENS, 4)), "no file for a k nobody asked for");
    }

    @Test
    void damagedFilesAreIgnoredAndRewritten(@TempDir Path dir) throws IOException {
        GeneratorCache cache = GeneratorCache.in(dir);
        long[] expect = GENS.generatorsAffine(1 << 4);
        cache.generatorsAffine(GENS, 4);
        Path file = cache.file(GENS, 4);
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[40] ^= 1;
        Files.write(file, flipped);
        assertArrayEquals(expect, cache.generatorsAffine(GENS, 4), "digest mismatch");
        assertArrayEquals(good, Files.readAllBytes(file), "rewritten");

        Files.write(file, Arrays.copyOf(good, good.length - 1));
        assertArrayEquals(expect, cache.generatorsAffine(GENS, 4), "truncated");

        // A point moved off the curve, with the digest recomputed: the on-curve check catches it.
        byte[] forged = good.clone();
        forged[12 + 3] ^= 1;
        Blake2bDigest d = new Blake2bDigest(512);
        d.update(forged, 0, forged.length - 64);
        d.doFinal(forged, forged.length - 64);
        Files.write(file, forged);
        assertArrayEquals(expect, cache.generatorsAffine(GENS, 4), "off-curve point");
        assertArrayEquals(good, Files.readAllBytes(file));
    }
}
