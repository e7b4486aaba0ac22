package dev.vampvm.commit;

import dev.vampvm.curve.Generators;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.field.NonCanonicalEncodingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * An on-disk cache of IPA generators. Hash-to-curve costs about 100 µs a point, so deriving 2^16 bases
 * takes seconds and 2^20 minutes; the cache makes that a one-time cost per machine.
 *
 * <p>A cache file holds 2^k points of one prefix as canonical affine coordinates, followed by a BLAKE2b-512
 * digest of everything before it. A file that is short, has another header, fails the digest, or holds a
 * coordinate that is not canonical or a point that is not on the curve is ignored and rewritten: the cache
 * can only save time, never change a generator. Files are written to a temporary name and renamed, so
 * concurrent runs never see half a file.
 *
 * <p>Location: the system property {@code vampvm.cache.dir}, else {@code $VAMPVM_CACHE_DIR}, else
 * {@code $XDG_CACHE_HOME/vampvm}, else {@code ~/.cache/vampvm}; {@code -Dvampvm.cache=off} disables it.
 */
public final class GeneratorCache {

    private static final Logger LOG = Logger.getLogger(GeneratorCache.class.getName());
    private static final byte[] MAGIC = "VAMPGEN\1".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER = MAGIC.length + 4;
    private static final int POINT_BYTES = 64;
    private static final int DIGEST = 64;
    private static final ShortWeierstrassCurve CURVE = ShortWeierstrassCurve.VESTA;

    private final Path dir;

    private GeneratorCache(Path dir) {
        this.dir = dir;
    }

    /** The cache in the configured location, or null when caching is off. */
    public static GeneratorCache configured() {
        if ("off".equals(System.getProperty("vampvm.cache"))) {
            return null;
        }
        String dir = System.getProperty("vampvm.cache.dir");
        if (dir == null) {
            dir = System.getenv("VAMPVM_CACHE_DIR");
        }
        if (dir == null) {
            String xdg = System.getenv("XDG_CACHE_HOME");
            dir = (xdg != null ? xdg : System.getProperty("user.home") + "/.cache") + "/vampvm";
        }
        return new GeneratorCache(Path.of(dir));
    }

    /** The directory this cache lives in (other on-disk caches, such as the key cache, share it). */
    public Path dir() {
        return dir;
    }

    /** A cache in the given directory (for tests and tools). */
    public static GeneratorCache in(Path dir) {
        return new GeneratorCache(dir);
    }

    /**
     * G_0 … G_{2^k − 1} of the given generators, from the cache when a valid file for k or a larger k is
     * there, else derived and stored. A larger file's prefix is stored as k's own file: reading a file means hashing
     * and checking every point of it, so a k = 10 setup served by a k = 20 file took ~0.6 s on a 16-core machine
     * (2^20 points) where its own file takes ~2 ms, and it would pay that in every process.
     */
    public long[] generatorsAffine(Generators generators, int k) {
        int n = 1 << k;
        for (int kk = k; kk <= IpaParams.MAX_K; kk++) {
            long[] cached = load(file(generators, kk), 1 << kk);
            if (cached != null) {
                if (kk == k) {
                    return cached;
                }
                long[] prefix = Arrays.copyOf(cached, ShortWeierstrassCurve.AFFINE_LONGS * n);
                store(file(generators, k), prefix, n);
                return prefix;
            }
        }
        long[] points = generators.generatorsAffine(n);
        store(file(generators, k), points, n);
        return points;
    }

    Path file(Generators generators, int k) {
        Blake2bDigest d = new Blake2bDigest(128);
        byte[] prefix = generators.prefix().getBytes(StandardCharsets.UTF_8);
        d.update(prefix, 0, prefix.length);
        byte[] h = new byte[16];
        d.doFinal(h, 0);
        return dir.resolve("generators").resolve(
                generators.curve().name().toLowerCase() + "-" + HexFormat.of().formatHex(h) + "-k" + k + ".bin");
    }

    private static long[] load(Path file, int n) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            LOG.warning("cannot read generator cache " + file + ": " + e.getMessage());
            return null;
        }
        if (bytes.length != HEADER + POINT_BYTES * n + DIGEST
                || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || ByteBuffer.wrap(bytes, MAGIC.length, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() != n
                || !Arrays.equals(digest(bytes, bytes.length - DIGEST), 0, DIGEST,
                        bytes, bytes.length - DIGEST, bytes.length)) {
            LOG.warning("generator cache " + file + " is damaged; deriving the generators again");
            return null;
        }
        long[] points = new long[ShortWeierstrassCurve.AFFINE_LONGS * n];
        // Decoded and checked in chunks on all cores: at 2^20 points this is ~0.2 s on one core, the digest ~0.2 s.
        String bad = IntStream.range(0, (n + CHECK_CHUNK - 1) / CHECK_CHUNK).parallel()
                .mapToObj(c -> decode(bytes, points, c * CHECK_CHUNK, Math.min(n, (c + 1) * CHECK_CHUNK)))
                .filter(Objects::nonNull).findFirst().orElse(null);
        if (bad != null) {
            LOG.warning("generator cache " + file + " holds a bad point (" + bad + "); deriving again");
            return null;
        }
        return points;
    }

    private static final int CHECK_CHUNK = 4096;

    /** Points [from, to) of a file's bytes into points; null when all are canonical curve points, else why not. */
    private static String decode(byte[] bytes, long[] points, int from, int to) {
        MontgomeryField f = CURVE.baseField();
        try {
            for (int i = from; i < to; i++) {
                int at = HEADER + POINT_BYTES * i;
                int o = ShortWeierstrassCurve.AFFINE_LONGS * i;
                f.fromBytes(bytes, at, points, o);
                f.fromBytes(bytes, at + 32, points, o + 4);
                if (CURVE.isIdentityAffine(points, o) || !CURVE.isOnCurveAffine(points, o)) {
                    return "generator " + i + " is not a curve point";
                }
            }
        } catch (NonCanonicalEncodingException e) {
            return e.getMessage();
        }
        return null;
    }

    private static void store(Path file, long[] points, int n) {
        byte[] bytes = new byte[HEADER + POINT_BYTES * n + DIGEST];
        System.arraycopy(MAGIC, 0, bytes, 0, MAGIC.length);
        ByteBuffer.wrap(bytes, MAGIC.length, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(n);
        MontgomeryField f = CURVE.baseField();
        for (int i = 0; i < n; i++) {
            int o = ShortWeierstrassCurve.AFFINE_LONGS * i;
            f.toBytes(points, o, bytes, HEADER + POINT_BYTES * i);
            f.toBytes(points, o + 4, bytes, HEADER + POINT_BYTES * i + 32);
        }
        System.arraycopy(digest(bytes, bytes.length - DIGEST), 0, bytes, bytes.length - DIGEST, DIGEST);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // A cache that cannot be written costs time, not correctness.
            LOG.warning("cannot write generator cache " + file + ": " + e.getMessage());
        }
    }

    private static byte[] digest(byte[] bytes, int len) {
        Blake2bDigest d = new Blake2bDigest(512);
        d.update(bytes, 0, len);
        byte[] out = new byte[DIGEST];
        d.doFinal(out, 0);
        return out;
    }
}
