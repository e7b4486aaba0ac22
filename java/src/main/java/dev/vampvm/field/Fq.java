package dev.vampvm.field;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/** An element of Fq, the Vesta base field and the Pallas scalar field. */
public final class Fq extends FieldElement<Fq> {

    /** The field's arithmetic: modulus 0x40000000000000000000000000000000224698fc0994a8dd8c46eb2100000001, multiplicative generator 5. */
    public static final MontgomeryField FIELD =
            new MontgomeryField("Fq", new BigInteger("40000000000000000000000000000000224698fc0994a8dd8c46eb2100000001", 16), 5);

    public static final Fq ZERO = new Fq(new long[4]);
    public static final Fq ONE = new Fq(FIELD.one());

    private Fq(long[] montgomeryLimbs) {
        super(montgomeryLimbs);
    }

    @Override
    public MontgomeryField field() {
        return FIELD;
    }

    @Override
    protected Fq wrap(long[] montgomeryLimbs) {
        return new Fq(montgomeryLimbs);
    }

    /** The element equal to v modulo the modulus (v may be negative). */
    public static Fq of(long v) {
        return of(BigInteger.valueOf(v));
    }

    /** The element equal to v modulo the modulus (v may be negative or large). */
    public static Fq of(BigInteger v) {
        return new Fq(FIELD.fromBigInteger(v));
    }

    /** Parses a hex string with or without 0x, refusing values not below the modulus. */
    public static Fq fromHex(String hex) {
        BigInteger v = new BigInteger(hex.startsWith("0x") ? hex.substring(2) : hex, 16);
        if (v.compareTo(FIELD.modulus()) >= 0) {
            throw new NonCanonicalEncodingException("Fq: value is not below the modulus");
        }
        return of(v);
    }

    /**
     * Decodes the canonical 32-byte little-endian encoding.
     *
     * @throws NonCanonicalEncodingException if the value is not below the modulus or the length is not 32
     */
    public static Fq fromBytes(byte[] bytes) {
        if (bytes.length != MontgomeryField.BYTES) {
            throw new NonCanonicalEncodingException("Fq: an encoding is 32 bytes, got " + bytes.length);
        }
        long[] r = new long[4];
        FIELD.fromBytes(bytes, 0, r, 0);
        return new Fq(r);
    }

    /** Reduces 64 uniformly random bytes (little-endian) modulo the modulus. */
    public static Fq fromUniformBytes(byte[] bytes) {
        if (bytes.length != 2 * MontgomeryField.BYTES) {
            throw new IllegalArgumentException("Fq: need 64 bytes, got " + bytes.length);
        }
        long[] r = new long[4];
        FIELD.fromUniformBytes(bytes, 0, r, 0);
        return new Fq(r);
    }

    /** Wraps Montgomery-form limbs read from a flat vector at {@code offset} (copied). */
    public static Fq fromMontgomery(long[] vector, int offset) {
        long[] r = new long[4];
        System.arraycopy(vector, offset, r, 0, 4);
        return new Fq(r);
    }

    public static Fq random(RandomGenerator rng) {
        long[] r = new long[4];
        FIELD.random(rng, r, 0);
        return new Fq(r);
    }

    /** The primitive 2^32-th root of unity 5^t. */
    public static Fq rootOfUnity() {
        return new Fq(FIELD.rootOfUnity());
    }

    /** The multiplicative generator 5. */
    public static Fq generator() {
        return new Fq(FIELD.generator());
    }
}
