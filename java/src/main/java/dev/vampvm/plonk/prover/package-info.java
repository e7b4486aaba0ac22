/**
 * The prover ({@link dev.vampvm.plonk.prover.Prover}): halo2's {@code create_proof} over IPA on Vesta, phase by
 * phase in transcript order, with the deviations from halo2 listed on the class. The argument-specific parts
 * live beside it, each split into a prover and a verifier as halo2 splits them:
 * {@link dev.vampvm.plonk.permutation}, {@link dev.vampvm.plonk.lookup}, {@link dev.vampvm.plonk.vanishing};
 * keys in {@link dev.vampvm.plonk.keygen}; the compiled constraint evaluation on the extended coset in
 * {@link dev.vampvm.plonk.evaluation}. {@link dev.vampvm.plonk.prover.ProverTimings} splits a proof's time by
 * phase (see {@code dev.vampvm.bench.ProveBenchmark}).
 */
package dev.vampvm.plonk.prover;
