/**
 * The VampIR front end, static mode: from {@code .pir} source to a circuit of our constraint system with a witness.
 *
 * <h2>Pipeline</h2>
 * <ol>
 *   <li>{@link dev.vampvm.ir.syntax}: lexer, recursive-descent parser (precedence as in language.md), AST records
 *       with a {@link dev.vampvm.ir.syntax.Span} on every node, a printer that round-trips, and
 *       {@link dev.vampvm.ir.syntax.CompileException} carrying {@link dev.vampvm.ir.syntax.Diagnostic}s
 *       ({@code file.pir:3:14: message}, the line, a caret).</li>
 *   <li>{@link dev.vampvm.ir.types}: Hindley–Milner inference with let-polymorphism; resolves each name (local,
 *       recursive call, built-in, input); the recursion rules of the VM extension.</li>
 *   <li>{@link dev.vampvm.ir.eval}: symbolic evaluation, everything inlined, constants folded in Fp, one
 *       three-address constraint per operation on variables, the witness computed alongside when there are
 *       inputs. {@code branch} on a variable compiles both arms, guards each arm's constraints by its condition
 *       and selects {@code x + c·(y − x)}; recursion is unrolled along the run ({@link dev.vampvm.ir.eval.Mode}).
 *       {@code lt} is bit decompositions (no lookup), see {@code Arithmetic}.</li>
 *   <li>{@link dev.vampvm.ir.flatten}: the three-address form with an {@link dev.vampvm.ir.flatten.Origin} (span,
 *       text, kind, call site) on every constraint; copy/constant propagation and dead-code removal; the direct
 *       witness check that words failures as {@code constraint at file.pir:12:5 `a^2 + b^2 = c^2` does not hold}.</li>
 *   <li>{@link dev.vampvm.ir.layout}: fusion of temporaries into a wide gate ({@code qm1·w0·w1 + qm2·w2·w3 +
 *       Σ qi·wi + qc + qn·w0[next]}), bit checks four to a row, copies for reuse and for equalities, public inputs
 *       through an instance column; mock-prover failures mapped back to source positions.</li>
 * </ol>
 * {@link dev.vampvm.ir.Compiler} runs it all; {@link dev.vampvm.ir.CompiledProgram} holds the result and its
 * statistics against the one-row-per-three-address-constraint baseline; {@link dev.vampvm.ir.Inputs} reads inputs.
 *
 * <h2>For the prover and the VM</h2>
 * <ul>
 *   <li>The circuit is {@link dev.vampvm.ir.layout.VampirCircuit}; its {@code k} is
 *       {@link dev.vampvm.ir.layout.Layout#k()} and its public values {@link dev.vampvm.ir.layout.Layout#instances()}
 *       (one instance column, public inputs in {@code pub} order, tuple components expanded).</li>
 *   <li>With input-dependent recursion, a circuit compiled with inputs is specialised to that run (branches that
 *       guard recursion are fixed to the arm taken); keygen must use the same compiled program as the prover, or
 *       compile with {@code --unroll N} for one circuit per program.</li>
 * </ul>
 */
package dev.vampvm.ir;
