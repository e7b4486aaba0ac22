/**
 * Prover-side machinery shared by the arguments: constraints compiled once into a flat register program
 * ({@link dev.vampvm.plonk.evaluation.ProgramBuilder}, {@link dev.vampvm.plonk.evaluation.Program}) and run over
 * the extended coset (or H) in parallel chunks without per-point allocation, and committed polynomials
 * ({@link dev.vampvm.plonk.evaluation.CommittedPolynomial}). A package of its own so that the permutation and
 * lookup provers can add constraints to the prover's program without depending on the prover.
 */
package dev.vampvm.plonk.evaluation;
