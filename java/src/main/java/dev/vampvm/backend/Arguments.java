package dev.vampvm.backend;

import dev.vampvm.field.MontgomeryField;

/** The argument checks every engine makes the same way, so that they refuse the same calls with the same words. */
public final class Arguments {
    private Arguments() {
    }

    /** A constant must be one reduced element of the field (four limbs, Montgomery form). */
    public static void checkElement(MontgomeryField f, long[] c) {
        if (c.length != 4 || !f.isCanonical(c, 0)) {
            throw new IllegalArgumentException("not a reduced " + f.name() + " element");
        }
    }

    /** {@code count} longs at {@code offset} must fit in an array of {@code length}. */
    public static void checkRange(int length, int offset, long count, String what) {
        if (offset < 0 || offset + count > length) {
            throw new IllegalArgumentException(what + " array of " + length + " longs cannot hold " + count
                    + " longs at offset " + offset);
        }
    }
}
