package dev.vampvm.api;

import java.util.Map;

/**
 * The outcome of {@link Program#check}: valid or not, why not, and the public values the proof was checked against.
 *
 * @param valid        whether the proof is valid for this program and these public values
 * @param reason       why it is not (null when valid)
 * @param publicValues the public values (by name, decimal) the verdict is about
 */
public record Verification(boolean valid, String reason, Map<String, String> publicValues) {
}
