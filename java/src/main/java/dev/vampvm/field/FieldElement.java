package dev.vampvm.field;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * An immutable element of a Pasta field, for readable code outside hot loops (hot loops use the
 * {@code long[]} kernels of {@link MontgomeryField} directly). {@link Fp} and {@link Fq} are the two
 * concrete types, so that a Pallas base-field value cannot be passed where a Vesta one is expected.
 *
 * @param <E> the concrete element type
 */
public abstract class FieldElement<E extends FieldElement<E>> implements Comparable<E> {

    /** Montgomery-form limbs; never mutated, never handed out. */
    final long[] limbs;

    protected FieldElement(long[] montgomeryLimbs) {
        if (montgomeryLimbs.length != MontgomeryField.LIMBS) {
            throw new IllegalArgumentException("an element has 4 limbs");
        }
        this.limbs = montgomeryLimbs;
    }

    /** The field this element belongs to. */
    public abstract MontgomeryField field();

    /** Wraps fresh Montgomery limbs (ownership passes to the element). */
    protected abstract E wrap(long[] montgomeryLimbs);

    public E add(E other) {
        long[] r = new long[4];
        field().add(limbs, 0, other.limbs, 0, r, 0);
        return wrap(r);
    }

    public E sub(E other) {
        long[] r = new long[4];
        field().sub(limbs, 0, other.limbs, 0, r, 0);
        return wrap(r);
    }

    public E mul(E other) {
        long[] r = new long[4];
        field().mul(limbs, 0, other.limbs, 0, r, 0);
        return wrap(r);
    }

    public E neg() {
        long[] r = new long[4];
        field().neg(limbs, 0, r, 0);
        return wrap(r);
    }

    public E square() {
        long[] r = new long[4];
        field().square(limbs, 0, r, 0);
        return wrap(r);
    }

    public E dbl() {
        long[] r = new long[4];
        field().dbl(limbs, 0, r, 0);
        return wrap(r);
    }

    /** The multiplicative inverse. @throws ArithmeticException for zero */
    public E inverse() {
        long[] r = new long[4];
        field().inv(limbs, 0, r, 0);
        return wrap(r);
    }

    /** this / other. @throws ArithmeticException when other is zero */
    public E div(E other) {
        return mul(other.inverse());
    }

    /** this^e for a non-negative exponent. */
    public E pow(BigInteger e) {
        if (e.signum() < 0) {
            throw new IllegalArgumentException("negative exponent");
        }
        long[] exp = new long[Math.max(1, (e.bitLength() + 63) / 64)];
        for (int i = 0; i < exp.length; i++) {
            exp[i] = e.shiftRight(64 * i).longValue();
        }
        long[] r = new long[4];
        field().pow(limbs, 0, exp, r, 0);
        return wrap(r);
    }

    public E pow(long e) {
        return pow(BigInteger.valueOf(e));
    }

    /** A square root, or empty when this is not a square. */
    public Optional<E> sqrt() {
        long[] r = new long[4];
        return field().sqrt(limbs, 0, r, 0) ? Optional.of(wrap(r)) : Optional.empty();
    }

    /** 0 for zero, 1 for a non-zero square, −1 for a non-square. */
    public int legendre() {
        return field().legendre(limbs, 0);
    }

    public boolean isZero() {
        return field().isZero(limbs, 0);
    }

    public boolean isOne() {
        return field().isOne(limbs, 0);
    }

    /** The canonical 32-byte little-endian encoding. */
    public byte[] toBytes() {
        byte[] out = new byte[MontgomeryField.BYTES];
        field().toBytes(limbs, 0, out, 0);
        return out;
    }

    /** The canonical integer value in [0, p). */
    public BigInteger toBigInteger() {
        return field().toBigInteger(limbs, 0);
    }

    /** Whether the canonical value is odd (the "sign" used by point compression). */
    public boolean isOdd() {
        return toBigInteger().testBit(0);
    }

    /** Copies the Montgomery limbs into a flat vector at {@code offset}. */
    public void copyInto(long[] dst, int offset) {
        System.arraycopy(limbs, 0, dst, offset, 4);
    }

    /** A copy of the Montgomery-form limbs. */
    public long[] montgomeryLimbs() {
        return limbs.clone();
    }

    @Override
    public int compareTo(E o) {
        return toBigInteger().compareTo(o.toBigInteger());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldElement<?> e && e.field() == field() && Arrays.equals(limbs, e.limbs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(limbs);
    }

    /** Canonical big-endian hex, as pasta.md writes values. */
    @Override
    public String toString() {
        return String.format("0x%064x", toBigInteger());
    }
}
