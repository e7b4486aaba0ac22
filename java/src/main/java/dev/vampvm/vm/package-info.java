/**
 * VM mode: a program cut at its branch points into straight-line blocks, each proven against its own circuit, with
 * the control flow checked outside the circuits.
 *
 * <h2>Blocks</h2>
 * A block boundary is a {@code branch} whose condition is a circuit variable and every call of a recursive function
 * (from anywhere, main included). A block is the code between two boundaries of one routine: the main program, an
 * activation of a recursive function, or an arm of a branch (a routine of its own, entered from its branch). Blocks
 * are found by following every boundary from the entry ({@link dev.vampvm.vm.VmProgram#compile}); each is evaluated
 * by the ordinary evaluator, which replays its routine silently up to the block's start and stops at its end
 * ({@link dev.vampvm.ir.eval.Evaluator#runBlock}). Calls of non-recursive functions, {@code iter}, {@code fold},
 * tuples, lists and closures are inlined inside a block as in static mode. A block's circuit holds only its own
 * arithmetic: no decoding, no program counter, no register file.
 *
 * <h2>Interface and linking</h2>
 * Variables are named across blocks by key ({@code M:12}: main program; {@code A:40}, {@code A/3y:52}: the current
 * function activation, inside the y arm of its boundary 3). A block's public values are its imports (what it reads
 * that earlier blocks made) followed by its exports (what it makes that later blocks, or its terminator, need).
 * {@link dev.vampvm.vm.Machine} holds the runtime's rules, applied identically by the interpreter and the verifier:
 * the entry block first; each next block the one the terminator selects (the arm the boolean condition picks, the
 * called function's entry, the frame a return resumes); every import equal to the value an earlier block of the same
 * activation (or of main) exported; returns matched to calls through a stack of frames; the trace ends with main's
 * halt and no frame left. A continuation that only returns what it resumes with is skipped (a tail boundary).
 *
 * <p><b>What is public</b> (first version, as ARCHITECTURE.md decides): every value crossing a block boundary travels
 * in the proof, including private inputs that a later block reads. Values inside a block stay private. Static mode
 * remains the default for that reason.
 *
 * <h2>Proving and verifying</h2>
 * All executions of one block are proven in one proof: its circuit stacked as many times as fit in the smallest table
 * holding them ({@link dev.vampvm.plonk.StackedCircuit}), keys cached per block and table size. Blocks without
 * constraints need no proof. Each block proof stops after its evaluations, and one multipoint opening proves all of
 * them ({@link dev.vampvm.vm.SharedOpening}): one IPA per run, of the largest block proof's size. The
 * {@link dev.vampvm.vm.VmProof} holds the program id, the public inputs, the trace (each step's block and public
 * values), one proof per block that ran and the shared opening. The verifier checks the id, the trace by the
 * machine's rules, the public inputs against the entry block's exports, every block proof against keys derived from
 * the program and instances taken from the trace, and the opening against all of them, with one final MSM
 * ({@link dev.vampvm.plonk.verifier.BatchVerifier}).
 *
 * <h2>Program id</h2>
 * BLAKE2b-256 over every block's augmented verifying key: its circuit digest (what its verifying keys are derived
 * from), its interface (import, export, resume and parameter keys), its terminator and its successors.
 */
package dev.vampvm.vm;
