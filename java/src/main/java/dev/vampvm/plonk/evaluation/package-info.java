/**
 * Prover-side machinery shared by the arguments: constraints compiled once into a flat register program
 * ({@link dev.vampvm.plonk.evaluation.ProgramBuilder}, {@link dev.vampvm.plonk.evaluation.Program}) and run over
 * the extended coset (or H) in parallel chunks without per-point allocation, over its sources
 * ({@link dev.vampvm.plonk.evaluation.EvaluationSource}: host arrays, or committed polynomials whose coset evaluations
 * an engine computes in place), and committed polynomials ({@link dev.vampvm.plonk.evaluation.CommittedPolynomial}).
 * A package of its own so that the permutation and
 * lookup provers can add constraints to the prover's program without depending on the prover.
 */
package dev.vampvm.plonk.evaluation;
