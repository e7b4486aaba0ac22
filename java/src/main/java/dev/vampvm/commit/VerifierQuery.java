package dev.vampvm.commit;

/**
 * A claim the verifier checks in a multipoint opening: the committed polynomial takes value
 * {@code eval} at {@code point} (both Montgomery form).
 */
public record VerifierQuery(long[] point, VerifierCommitment commitment, long[] eval) {
}
