/**
 * The constraint system: Halo2-style PLONKish circuits over {@link dev.vampvm.field.Fp}.
 *
 * <h2>Writing a circuit</h2>
 * A {@link dev.vampvm.plonk.Circuit} declares its shape on a {@link dev.vampvm.plonk.ConstraintSystem.Builder}
 * (advice, fixed and instance columns, selectors, a constant column, gates made of
 * {@link dev.vampvm.plonk.Expression}s over column queries at rotations, lookups, equality) and fills the table
 * through an {@link dev.vampvm.plonk.Assignment} (cells, selectors, copies, constants, public values). Rows are
 * absolute; there is no layouter. {@link dev.vampvm.plonk.dev.MockProver} checks the result and says what fails.
 *
 * <h2>For keygen, the prover and the verifier</h2>
 * <ul>
 *   <li>Run a circuit with {@link dev.vampvm.plonk.Synthesis}: {@code shape(circuit, k)} for keygen (fixed
 *       values and copies; advice dropped), {@code witness(circuit, k, instances)} for the prover. Each call
 *       configures afresh, so its columns belong to a new system: work by index (column index, query index,
 *       permutation position), never by comparing column objects across systems. The prover should check
 *       that {@code pinnedBytes()} of the fresh system equals the proving key's.</li>
 *   <li>Column data: {@link dev.vampvm.plonk.DenseAssignment#adviceValues}, {@code fixedValues},
 *       {@code instanceValues}: flat Montgomery {@code long[4n]}, owned by the assignment (copy before changing;
 *       the blinding rows are yours to fill).</li>
 *   <li>Rows: 0 … {@code usableRows(k)} − 1 are usable; row {@code usableRows(k)} is l_last; the last
 *       {@code blindingFactors()} rows are blinding. l_blind is 1 on the blinding rows.</li>
 *   <li>Queries and evaluations: {@code adviceQueries()}, {@code fixedQueries()}, {@code instanceQueries()} in
 *       that order, each sorted by (column, rotation); {@code queryIndex(q)} maps a gate's query to its slot.
 *       Evaluate gates with {@link dev.vampvm.plonk.Expression#evaluate} in your own value domain.</li>
 *   <li>Degree d = {@code degree()}: the quotient has d − 1 pieces; the permutation uses
 *       {@code permutationChunks()} grand products of {@code permutationChunkSize()} = d − 2 columns each, over
 *       {@code permutationColumns()} in that order; σ comes from
 *       {@link dev.vampvm.plonk.DenseAssignment#permutation()}. Lookup degrees assume halo2's permuted-column
 *       argument ({@link dev.vampvm.plonk.Lookup#requiredDegree()}); a log-derivative lookup would change that
 *       one method.</li>
 *   <li>The VK hash absorbs {@code pinnedBytes()} (format on {@link dev.vampvm.plonk.PinnedEncoding}) plus
 *       what the system does not know: k, the fixed and σ commitments, the curve.</li>
 * </ul>
 */
package dev.vampvm.plonk;
