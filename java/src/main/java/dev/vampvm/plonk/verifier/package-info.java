/**
 * The verifier ({@link dev.vampvm.plonk.verifier.Verifier}: one proof, or its deferred check), batch
 * verification of many proofs with one MSM ({@link dev.vampvm.plonk.verifier.BatchVerifier}), the proof file
 * ({@link dev.vampvm.plonk.verifier.Proof}) and the proof's size and element layout
 * ({@link dev.vampvm.plonk.verifier.ProofLayout}).
 */
package dev.vampvm.plonk.verifier;
