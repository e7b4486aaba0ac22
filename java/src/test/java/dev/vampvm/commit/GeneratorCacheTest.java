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
        assertArrayEquals(Arrays.copyOf(expect, 8 * 8), cache.generatorsAffine(GENS, 3), "prefix of the k = 5 file");
        assertTrue(!Files.exists(cache.file(GENS, 3)), "a larger file served the smaller k");
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
