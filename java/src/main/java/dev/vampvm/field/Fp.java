package dev.vampvm.field;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/** An element of Fp, the Pallas base field and the Vesta scalar field: circuits are over Fp. */
public final class Fp extends FieldElement<Fp> {

    /** The field's arithmetic: modulus 0x40000000000000000000000000000000224698fc094cf91b992d30ed00000001, multiplicative generator 5. */
    public static final MontgomeryField FIELD =
            new MontgomeryField("Fp", new BigInteger("40000000000000000000000000000000224698fc094cf91b992d30ed00000001", 16), 5);

    public static final Fp ZERO = new Fp(new long[4]);
    public static final Fp ONE = new Fp(FIELD.one());

    private Fp(long[] montgomeryLimbs) {
        super(montgomeryLimbs);
    }

    @Override
    public MontgomeryField field() {
        return FIELD;
    }

    @Override
    protected Fp wrap(long[] montgomeryLimbs) {
        return new Fp(montgomeryLimbs);
    }

    /** The element equal to v modulo the modulus (v may be negative). */
    public static Fp of(long v) {
        return of(BigInteger.valueOf(v));
    }

    /** The element equal to v modulo the modulus (v may be negative or large). */
    public static Fp of(BigInteger v) {
        return new Fp(FIELD.fromBigInteger(v));
    }

    /** Parses a hex string with or without 0x, refusing values not below the modulus. */
    public static Fp fromHex(String hex) {
        BigInteger v = new BigInteger(hex.startsWith("0x") ? hex.substring(2) : hex, 16);
        if (v.compareTo(FIELD.modulus()) >= 0) {
            throw new NonCanonicalEncodingException("Fp: value is not below the modulus");
        }
        return of(v);
    }

    /**
     * Decodes the canonical 32-byte little-endian encoding.
     *
     * @throws NonCanonicalEncodingException if the value is not below the modulus or the length is not 32
     */
    public static Fp fromBytes(byte[] bytes) {
        if (bytes.length != MontgomeryField.BYTES) {
            throw new NonCanonicalEncodingException("Fp: an encoding is 32 bytes, got " + bytes.length);
        }
        long[] r = new long[4];
        FIELD.fromBytes(bytes, 0, r, 0);
        return new Fp(r);
    }

    /** Reduces 64 uniformly random bytes (little-endian) modulo the modulus. */
    public static Fp fromUniformBytes(byte[] bytes) {
        if (bytes.length != 2 * MontgomeryField.BYTES) {
            throw new IllegalArgumentException("Fp: need 64 bytes, got " + bytes.length);
        }
        long[] r = new long[4];
        FIELD.fromUniformBytes(bytes, 0, r, 0);
        return new Fp(r);
    }

    /** Wraps Montgomery-form limbs read from a flat vector at {@code offset} (copied). */
    public static Fp fromMontgomery(long[] vector, int offset) {
        long[] r = new long[4];
        System.arraycopy(vector, offset, r, 0, 4);
        return new Fp(r);
    }

    public static Fp random(RandomGenerator rng) {
        long[] r = new long[4];
        FIELD.random(rng, r, 0);
        return new Fp(r);
    }

    /** The primitive 2^32-th root of unity 5^t. */
    public static Fp rootOfUnity() {
        return new Fp(FIELD.rootOfUnity());
    }

    /** The multiplicative generator 5. */
    public static Fp generator() {
        return new Fp(FIELD.generator());
    }
}
