package dev.vampvm.field;

import java.util.stream.IntStream;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Expands a 32-byte seed into as many field elements as needed, with the ChaCha20 stream cipher of RFC 7539
 * (Bouncy Castle's {@link ChaCha7539Engine}): the seed is the key, the nonce is zero, and element i is the
 * keystream's block i (its 64 bytes, block counter i) reduced by {@link MontgomeryField#fromUniformBytes}, as
 * {@link MontgomeryField#random} reduces 64 bytes drawn from a generator.
 *
 * <p>Why: a prover needs up to 2^26 random elements at once (the polynomial that blinds the quotient's opening, and
 * the IPA's s). Drawn one by one from a {@code SecureRandom}, each is a synchronized DRBG call on one thread; here the
 * prover draws one seed from its generator and the expansion runs in parallel. For a seed with 256 bits of entropy, the output is
 * computationally indistinguishable from independent uniform elements (ChaCha20 as a pseudorandom function of its
 * key, plus the reduction's statistical distance below 2⁻²⁵⁰ per element); see SECURITY.md.
 *
 * <p>Each element depends only on the seed and its index (its own block of the keystream, reached by seeking the
 * block counter), so the result is the same whatever the split into chunks and the thread count, and equal to one
 * continuous keystream read from block 0. The block counter is 32 bits, so the 2³¹ − 1 elements an {@code int} can
 * ask for never wrap it. The nonce can stay zero because a seed is a key used for one expansion only: never expand
 * the same seed for two purposes.
 *
 * <p>Chunks run as a parallel stream, as the prover's constraint evaluation ({@code plonk.evaluation.Program}) runs
 * its chunks: on the caller's fork/join pool when it runs in one, otherwise on the common pool. The field layer sits
 * below {@code msm.Workers}, so it cannot use that.
 */
public final class SeedExpander {
    /** The seed's length: a ChaCha20 key. */
    public static final int SEED_BYTES = 32;

    /** Bytes of keystream per element: one ChaCha20 block, the 64 bytes {@code fromUniformBytes} reduces. */
    static final int BYTES_PER_ELEMENT = 64;

    /** Elements per parallel chunk: 256 KiB of keystream, large enough to amortise a cipher's setup. */
    static final int CHUNK = 1 << 12;

    private SeedExpander() {
    }

    /**
     * Writes n elements (Montgomery form, 4 limbs each) expanded from the seed to {@code out} from {@code offset}.
     *
     * @throws IllegalArgumentException if the seed is not 32 bytes, n or offset is negative, or out is too short
     */
    public static void expand(MontgomeryField field, byte[] seed, long[] out, int offset, int n) {
        checkSeed(seed);
        if (n < 0) {
            throw new IllegalArgumentException("negative element count " + n);
        }
        if (offset < 0 || (long) offset + 4L * n > out.length) {
            throw new IllegalArgumentException("need " + 4L * n + " limbs from offset " + offset + ", the array has "
                    + out.length);
        }
        int chunks = (int) ((n + (long) CHUNK - 1) / CHUNK);
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * CHUNK;
            int count = Math.min(CHUNK, n - from);
            byte[] bytes = keystream(seed, from, count * BYTES_PER_ELEMENT);
            for (int i = 0; i < count; i++) {
                field.fromUniformBytes(bytes, i * BYTES_PER_ELEMENT, out, offset + 4 * (from + i));
            }
        });
    }

    /** {@code length} bytes of the seed's ChaCha20 keystream (zero nonce) from the start of block {@code block}. */
    static byte[] keystream(byte[] seed, long block, int length) {
        checkSeed(seed);
        ChaCha7539Engine chacha = new ChaCha7539Engine();
        chacha.init(true, new ParametersWithIV(new KeyParameter(seed), new byte[12]));
        chacha.seekTo(block * BYTES_PER_ELEMENT);
        byte[] out = new byte[length];
        // Encrypting zeros yields the keystream itself.
        chacha.processBytes(out, 0, length, out, 0);
        return out;
    }

    /** Refuses a seed that is not {@value #SEED_BYTES} bytes, as every expansion does. */
    public static void checkSeed(byte[] seed) {
        if (seed == null || seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("a seed is " + SEED_BYTES + " bytes, got "
                    + (seed == null ? "none" : seed.length));
        }
    }
}
