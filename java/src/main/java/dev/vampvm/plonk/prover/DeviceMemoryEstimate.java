package dev.vampvm.plonk.prover;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.cuda.CudaBackend;
import dev.vampvm.backend.cuda.DeviceGeneratorFolding;
import dev.vampvm.backend.cuda.DevicePippenger;
import dev.vampvm.plonk.ConstraintSystem;

/**
 * A conservative estimate of the engine memory (GPU memory on the CUDA engine) one proof holds at its peak, checked
 * before proving so that a circuit too large for the GPU is refused with a message (the command line exits 5) instead
 * of failing with CUDA_ERROR_OUT_OF_MEMORY halfway through.
 *
 * <p>With n = 2^k, what lives on the engine during a proof: every committed polynomial's n coefficients (advice, fixed
 * and σ columns from the proving key, permutation products, five per lookup, the quotient's pieces, the random
 * polynomial; instance columns are not committed; the proving key's three Lagrange selectors), 32 bytes each; the IPA generators (64 bytes per affine point) and
 * the folded copies of the opening (at most as many again, and the first fold's projective sums, 96 bytes each for
 * n/2 points, or a fold in parts' six for n/4 up to DeviceGeneratorFolding.FOLD_PARTS_MOST); the opening's scratch
 * (s, a, b and one combined polynomial per point set: at most seven vectors of n), and the powers of the points the proof evaluates at, kept by
 * the engine for the polynomials after the first (four vectors of n, CudaBackend.POWERS_KEPT); on the extended coset (e·n elements, e the power of two at
 * least the degree minus one) the quotient's constraint program's sources, one vector of every column's evaluations
 * (advice, fixed, instance, σ, the permutation's products, three per lookup: A′, S′ and their product; and the proving
 * key's l_0, l_last, l_active and coset points), the committed ones transformed in place from their coefficients and
 * the host's uploaded into their slices, and the quotient itself; the MSM's scratch (per scalar
 * one signed digit, its rank in its bucket and one bucket entry per window, 4 bytes each, at most 64 windows; buckets of projective points,
 * 96 bytes each, at most 2^20, and half as much again for the window sums' first level; the bucket accumulation's partial sums, a 4-byte bucket and a 128-byte XYZZ point
 * per slot, 2 slots per thread of the first level (up to 32 entries a thread, fewer for small MSMs) and 2 per 128
 * of those for the second, DevicePippenger.msmPartialSlots; all
 * of it times the MSMs a batch runs at once, with their scalars copied side by side);
 * twiddle tables (as many elements as the domain, for the domains of n and e·n; 40 bytes each, as the fp52n form's
 * take); the NTT's scratch vector (e·n elements, for a transform on
 * the extended coset); the fixed-base MSM table of the IPA's generators (Backend.fixedBasesBytes: about 13
 * points per generator, when the engine makes one). The MSM's part assumes the default window cap
 * (DevicePippenger.chooseWindow). The sum gets a quarter on top for allocator rounding and transfers, plus {@link #BASELINE} for the context and the kernels.
 */
public final class DeviceMemoryEstimate {
    /** The CUDA context, the module and the driver's own reservations. */
    public static final long BASELINE = 512L << 20;

    private DeviceMemoryEstimate() {
    }

    /** The estimated memory of {@code backend}, in bytes, to prove one circuit of this shape with 2^k rows. */
    public static long proofBytes(Backend backend, ConstraintSystem cs, int k) {
        return proofBytes(cs, k, backend.fixedBasesBytes(1 << k));
    }

    /**
     * The estimated engine memory, in bytes, to prove one circuit of this shape with 2^k rows on an engine whose
     * fixed-base table for the 2^k generators takes {@code fixedTableBytes}.
     */
    public static long proofBytes(ConstraintSystem cs, int k, long fixedTableBytes) {
        long n = 1L << k;
        int d = Math.max(2, cs.degree());
        long polys = (long) cs.numAdviceColumns() + cs.numFixedColumns() + cs.permutationColumns().size()
                + cs.permutationChunks() + 5L * cs.lookups().size() + (d - 1) + 1 + 3;
        long e = MemoryEstimate.extension(cs);
        long sources = (long) cs.numAdviceColumns() + cs.numFixedColumns() + cs.numInstanceColumns()
                + cs.permutationColumns().size() + cs.permutationChunks() + 3L * cs.lookups().size() + 4;
        long extendedVectors = sources + 1;
        long scalars = 32L * n * (polys + 7 + CudaBackend.POWERS_KEPT + e * extendedVectors);
        // and the fold's projective sums, n/2 at the first round; or a fold in parts' (six a point for two rounds at
        // once, n/4 points; at most DeviceGeneratorFolding.FOLD_PARTS_MOST of them)
        long generators = 2 * 64L * n
                + 96L * Math.max(n / 2, Math.min(6 * n / 4, DeviceGeneratorFolding.FOLD_PARTS_MOST));
        int window = Math.max(4, Math.min(16, k - 3));
        long windows = (256 + window - 1) / window;
        long bucketsEach = windows << (window - 1);
        // A batched MSM (the advice columns, the quotient's pieces, keygen's fixed and σ columns) takes as many MSMs
        // at once as fit in a group of 2^20 scalars and 2^20 buckets (DevicePippenger.MSM_GROUP_POINTS).
        long batch = Math.max(1, Math.min(Math.max(Math.max(cs.numAdviceColumns(), cs.numFixedColumns()),
                Math.max(cs.permutationColumns().size(), d - 1)), Math.min((1L << 20) / n, (1L << 20) / bucketsEach)));
        long entries = windows * n * batch;
        long partialSlots = DevicePippenger.msmPartialSlots(entries);
        long msm = 12L * entries + 96L * bucketsEach * batch * 3 / 2 + (4 + 128) * partialSlots + (batch > 1 ? 32L * n * batch : 0);
        long twiddles = 40L * n * (1 + e);
        long nttScratch = 32L * n * e;
        return BASELINE + (scalars + generators + msm + twiddles + nttScratch + fixedTableBytes) * 5 / 4;
    }
}
