package dev.vampvm.plonk.prover;

/**
 * Where a proof's time went, in nanoseconds, by phase (accumulated over the proofs it is passed to): witness
 * (synthesis), commitments (advice), permutation (lookup columns and every grand product), quotient (the
 * random polynomial, with, on a GPU, where it is made beside the witness, any wait for it and the IPA's s after the
 * witness; the constraint program on the extended coset, the quotient's commitments), openings
 * (evaluations and the multipoint opening with its IPA); and of the phases after the witness, the time spent waiting on
 * the engine's device.
 */
public final class ProverTimings {
    public long witness;
    public long commitments;
    public long permutation;
    public long quotient;
    public long openings;
    /**
     * Of commitments, permutation, quotient and openings, the time the prover's thread spent waiting on the engine's
     * device ({@link dev.vampvm.backend.Backend#deviceNanos}; 0 on the Java engine): the rest is the host's own work.
     */
    public long device;
    /** Of {@link #device}, each phase's: where the host's own work is ({@code commitments - commitmentsDevice}, ...). */
    public long commitmentsDevice;
    public long permutationDevice;
    public long quotientDevice;
    public long openingsDevice;

    public long total() {
        return witness + commitments + permutation + quotient + openings;
    }

    /** The time of the phases after the witness that the host spent on its own work, not waiting on a device. */
    public long host() {
        return commitments + permutation + quotient + openings - device;
    }

    @Override
    public String toString() {
        return String.format("witness %.1f ms, commitments %.1f ms, permutation %.1f ms, quotient %.1f ms, "
                + "openings %.1f ms, total %.1f ms (device %.1f ms: %.1f, %.1f, %.1f, %.1f)", witness / 1e6,
                commitments / 1e6, permutation / 1e6, quotient / 1e6, openings / 1e6, total() / 1e6, device / 1e6,
                commitmentsDevice / 1e6, permutationDevice / 1e6, quotientDevice / 1e6, openingsDevice / 1e6);
    }
}
