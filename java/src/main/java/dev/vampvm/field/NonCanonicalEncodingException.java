package dev.vampvm.field;

/**
 * An encoding that does not name exactly one value: a field element at or above the modulus, a point
 * that is not on its curve, bytes of the wrong length. Decoders throw it so that a proof or key carrying
 * such a value is refused rather than silently reduced (a non-canonical value would give two encodings
 * of one proof, the malleability that canonical checks exist to prevent).
 */
public class NonCanonicalEncodingException extends IllegalArgumentException {
    public NonCanonicalEncodingException(String message) {
        super(message);
    }
}
