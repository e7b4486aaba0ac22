package dev.vampvm.curve;

import dev.vampvm.field.NonCanonicalEncodingException;

/**
 * Bytes that are not the compressed encoding of exactly one point: wrong length, an x-coordinate at or above
 * the modulus, an x with no point over it, the sign bit set on the identity's x = 0, or the identity where the
 * caller does not accept it. A subclass of {@link NonCanonicalEncodingException}, so that callers refusing
 * malformed proofs catch one type for field elements and points alike.
 */
public class InvalidPointEncodingException extends NonCanonicalEncodingException {
    public InvalidPointEncodingException(String message) {
        super(message);
    }
}
