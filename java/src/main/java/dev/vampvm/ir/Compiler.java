package dev.vampvm.ir;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.eval.Evaluator;
import dev.vampvm.ir.flatten.FlatProgram;
import dev.vampvm.ir.flatten.Optimizer;
import dev.vampvm.ir.layout.Layout;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Diagnostic;
import dev.vampvm.ir.syntax.Parser;
import dev.vampvm.ir.syntax.Program;
import dev.vampvm.ir.syntax.SourceFile;
import dev.vampvm.ir.types.CheckedProgram;
import dev.vampvm.ir.types.TypeChecker;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The static-mode compiler: parse, type-check, evaluate symbolically (inlining everything, unrolling recursion),
 * flatten to three-address constraints, optimise, lay out as a circuit.
 *
 * <pre>{@code
 * CompiledProgram p = Compiler.compile(new SourceFile("pyth.pir", text), Inputs.parse("in", json), null);
 * List<Diagnostic> failures = p.checkWitness();   // empty when the inputs satisfy every constraint
 * }</pre>
 */
public final class Compiler {
    /** Stack for evaluation: inlining and recursion nest deeply. */
    private static final long STACK_BYTES = 1L << 30;

    private Compiler() {
    }

    /**
     * Compiles a program.
     *
     * @param inputs values of the inputs, or null to compile without a witness
     * @param unroll recursion bound for an input-independent circuit ({@code --unroll N}), or null to unroll along
     *               the run for the given inputs
     * @throws CompileException with diagnostics for every user error
     */
    public static CompiledProgram compile(SourceFile file, Inputs inputs, Integer unroll) {
        return compileWith(file, inputs, unroll != null ? Evaluator.Options.unroll(unroll)
                : inputs != null ? Evaluator.Options.trace() : Evaluator.Options.shape());
    }

    /**
     * Compiles a program with explicit evaluation options: {@link Evaluator.Options#shape()} or
     * {@link Evaluator.Options#unroll(int)} with inputs give the input-independent circuit together with a witness,
     * which is what a prover needs when the verifier must rebuild the circuit without the inputs.
     */
    public static CompiledProgram compileWith(SourceFile file, Inputs inputs, Evaluator.Options options) {
        return onLargeStack(() -> {
            Program program = Parser.parse(file);
            CheckedProgram checked = TypeChecker.check(program);
            Map<String, Fp> values = inputs == null ? null : inputs.resolve(checked);
            Evaluator.Result r = Evaluator.run(checked, values, options);
            FlatProgram optimized = Optimizer.optimize(r.flat());
            Layout layout = Layout.of(optimized);
            return new CompiledProgram(checked, r.flat(), optimized, layout, r.result(), options.mode());
        });
    }

    /**
     * Runs on a thread with a large stack, passing exceptions through. Interrupting the caller interrupts the work,
     * which the evaluator notices and ends with a {@link java.util.concurrent.CancellationException}: a compile given up
     * on (a test's timeout, a server's deadline) does not run on in the background.
     */
    public static <T> T onLargeStack(Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (StackOverflowError e) {
                // The parser bounds nesting (Parser.MAX_NESTING), but long left-associative chains (a + a + ...)
                // and deep inlining can still exhaust even this stack: a diagnostic, never a crash.
                failure.set(new CompileException(CompileException.Kind.EVALUATION, Diagnostic.of(
                        "the program nests too deeply to compile (it exhausted the compiler's "
                        + (STACK_BYTES >> 20) + " MiB stack): split long expressions into definitions")));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "vampir-compiler", STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            t.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling", e);
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
        return result.get();
    }
}
