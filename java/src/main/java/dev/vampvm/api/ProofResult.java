package dev.vampvm.api;

import java.util.Map;

/**
 * What {@link Program#prove} returns.
 *
 * @param proof        the proof (write it with {@link Vampvm#writeProof} or {@link ProgramProof#toBytes})
 * @param publicValues the public values by name, decimal, in instance order
 * @param keyCache     HIT when keygen was skipped, MISS or CORRUPT when it ran (and stored the key), null without
 *                     a cache
 * @param phaseNanos   time per phase: compile, setup, keygen, prove
 * @param rows         rows the layout uses; the circuit has 2^k
 */
public record ProofResult(ProgramProof proof, Map<String, String> publicValues, KeyCache.Status keyCache,
        Map<String, Long> phaseNanos, int rows) {

    public byte[] bytes() {
        return proof.toBytes();
    }
}
