package dev.vampvm.api;

import dev.vampvm.commit.GeneratorCache;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.io.FileHeader;
import dev.vampvm.plonk.io.FileKind;
import dev.vampvm.plonk.io.IncompatibleFileException;
import dev.vampvm.plonk.keygen.CircuitShape;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.VerifyingKey;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * An on-disk cache of keys, under {@code keys/} in the directory of {@link GeneratorCache#configured()}
 * ({@code vampvm.cache.dir}, {@code $VAMPVM_CACHE_DIR}, {@code $XDG_CACHE_HOME/vampvm}, {@code ~/.cache/vampvm}).
 *
 * <p><b>What is cached</b>: the verifying key, i.e. the commitments to the fixed and σ columns, which are the MSMs
 * that make up most of keygen. A hit rebuilds the proving key from the circuit with those commitments
 * ({@link Keygen#keygen(IpaParams, CircuitShape, VerifyingKey)}: interpolation and coset evaluations only, no MSM),
 * from the same synthesis that gave the address ({@link CircuitShape}). A proving-key file format
 * ({@link dev.vampvm.plonk.keygen.ProvingKeyFile}) exists but is not what the cache stores.
 *
 * <p><b>Address</b>: BLAKE2b-256 of (program SHA-256, circuit choice, k, the circuit digest of
 * {@link CircuitShape#digest}): the digest covers the constraint system and every fixed
 * and σ value, so a compiler change that alters the circuit can never pick up a stale key.
 *
 * <p><b>Entry</b>: {@link FileHeader} (key cache entry, version 1), u32 len + the address, u32 len + the verifying
 * key file, then a BLAKE2b-512 digest of everything before it. An entry that is short, fails the digest, names
 * another address or whose key does not match the circuit is reported corrupt, deleted and rebuilt. Entries are
 * written to a temporary file and renamed.
 */
public final class KeyCache {
    private static final int VERSION = 1;
    private final Path dir;

    private KeyCache(Path dir) {
        this.dir = dir;
    }

    /** The configured cache, or null when caching is off ({@code -Dvampvm.cache=off}). */
    public static KeyCache configured() {
        GeneratorCache g = GeneratorCache.configured();
        return g == null ? null : new KeyCache(g.dir().resolve("keys"));
    }

    /** A cache in {@code dir} (tests and tools). */
    public static KeyCache in(Path dir) {
        return new KeyCache(dir);
    }

    public Path dir() {
        return dir;
    }

    /** The address of a key: program, circuit choice, k and the circuit's content. */
    public static byte[] address(String programSha256, CircuitChoice choice, int k, byte[] circuitDigest) {
        return address(purpose(programSha256, choice), k, circuitDigest);
    }

    /** The purpose ({@link #address(String, int, byte[])}) of a program's circuit: the program and the choice. */
    public static String purpose(String programSha256, CircuitChoice choice) {
        return programSha256 + "\0" + choice.describe();
    }

    /** The address of a key: what the circuit is for ({@code purpose}, free text), k and the circuit's content. */
    public static byte[] address(String purpose, int k, byte[] circuitDigest) {
        Blake2bDigest d = new Blake2bDigest(256);
        byte[] text = ("vampvm-key/1\0" + purpose + "\0" + k + "\0")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        d.update(text, 0, text.length);
        d.update(circuitDigest, 0, circuitDigest.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /** The entry's file. */
    public Path file(byte[] address) {
        return dir.resolve(HexFormat.of().formatHex(address) + ".key");
    }

    /** What a lookup found. */
    public enum Status { HIT, MISS, CORRUPT }

    /** A lookup's outcome: the key on a hit. */
    public record Lookup(Status status, VerifyingKey key, String problem) {
    }

    /** Looks a key up; a corrupt entry is deleted. */
    public Lookup load(byte[] address, ConstraintSystem cs) {
        Path f = file(address);
        byte[] bytes;
        try {
            bytes = dev.vampvm.plonk.io.FileLimits.readBinary(f);
        } catch (IOException e) {
            return new Lookup(Status.MISS, null, null);
        }
        try {
            return new Lookup(Status.HIT, parse(bytes, address, cs), null);
        } catch (IncompatibleFileException e) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // rewritten below anyway
            }
            return new Lookup(Status.CORRUPT, null, e.getMessage());
        }
    }

    private static VerifyingKey parse(byte[] bytes, byte[] address, ConstraintSystem cs)
            throws IncompatibleFileException {
        if (bytes.length < FileHeader.BYTES + 64) {
            throw new IncompatibleFileException("key cache entry is truncated");
        }
        int body = bytes.length - 64;
        if (!Arrays.equals(digest(bytes, body), 0, 64, bytes, body, bytes.length)) {
            throw new IncompatibleFileException("key cache entry fails its digest");
        }
        FileHeader.read(bytes, FileKind.KEY_CACHE_ENTRY, VERSION);
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, body).order(ByteOrder.LITTLE_ENDIAN);
        b.position(FileHeader.BYTES);
        try {
            int addressLength = b.getInt();
            if (addressLength < 0 || addressLength > b.remaining()) {
                // Checked before allocating: a length near 2^31 asked the JVM for an array it cannot make.
                throw new IncompatibleFileException("key cache entry: an address of " + addressLength
                        + " bytes does not fit");
            }
            byte[] a = new byte[addressLength];
            b.get(a);
            if (!Arrays.equals(a, address)) {
                throw new IncompatibleFileException("key cache entry holds another key");
            }
            int n = b.getInt();
            if (n != b.remaining()) {
                throw new IncompatibleFileException("key cache entry has the wrong length");
            }
            byte[] vk = new byte[n];
            b.get(vk);
            return VerifyingKey.fromBytes(vk, cs);
        } catch (BufferUnderflowException e) {
            throw new IncompatibleFileException("key cache entry is truncated");
        }
    }

    /**
     * The verifying key of a circuit synthesized already, at {@code params.k()}: from the cache (addressed by
     * {@code purpose}, k and the shape's digest), or made by keygen from the shape and stored; with no cache (null),
     * always made.
     */
    public static VerifyingKey verifyingKey(KeyCache cache, String purpose, IpaParams params, CircuitShape shape) {
        int k = params.k();
        if (shape.k() != k) {
            throw new IllegalArgumentException("a circuit shape of k = " + shape.k() + " with parameters of k = " + k);
        }
        if (cache == null) {
            return Keygen.keygenVk(params, shape);
        }
        byte[] address = address(purpose, k, shape.digest());
        VerifyingKey vk = cache.load(address, shape.constraintSystem()).key();
        if (vk == null) {
            vk = Keygen.keygenVk(params, shape);
            cache.store(address, vk);
        }
        return vk;
    }

    /** Stores a key (best effort: a cache that cannot be written only costs time). */
    public void store(byte[] address, VerifyingKey vk) {
        byte[] key = vk.toBytes();
        ByteBuffer b = ByteBuffer.allocate(FileHeader.BYTES + 8 + address.length + key.length + 64)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(FileHeader.current(FileKind.KEY_CACHE_ENTRY, VERSION).toBytes());
        b.putInt(address.length).put(address).putInt(key.length).put(key);
        byte[] bytes = b.array();
        System.arraycopy(digest(bytes, bytes.length - 64), 0, bytes, bytes.length - 64, 64);
        try {
            Files.createDirectories(dir);
            Vampvm.writeAtomically(file(address), bytes);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static byte[] digest(byte[] bytes, int length) {
        Blake2bDigest d = new Blake2bDigest(512);
        d.update(bytes, 0, length);
        byte[] out = new byte[64];
        d.doFinal(out, 0);
        return out;
    }
}
