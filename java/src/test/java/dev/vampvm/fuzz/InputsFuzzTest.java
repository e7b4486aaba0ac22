package dev.vampvm.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vampvm.ir.Inputs;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Parser;
import dev.vampvm.ir.syntax.SourceFile;
import dev.vampvm.ir.types.CheckedProgram;
import dev.vampvm.ir.types.TypeChecker;
import dev.vampvm.testing.Seeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The inputs reader on mutated JSON: {@link Inputs#parse} and {@link Inputs#resolve} against the examples' programs
 * may only refuse with diagnostics ({@link CompileException}).
 */
class InputsFuzzTest {
    /** Inputs tried in the default run. */
    static final int DEFAULT_ITERATIONS = 2_000;
    private static final Duration PER_INPUT = Duration.ofSeconds(10);

    @Test
    void mutatedJson() {
        run(Seeds.rng("InputsFuzzTest.mutatedJson"), DEFAULT_ITERATIONS);
    }

    @Test
    @Tag("slow")
    void mutatedJsonLong() {
        run(Seeds.rng("InputsFuzzTest.mutatedJsonLong"), Fuzz.slowIterations());
    }

    static void run(SplittableRandom r, int iterations) {
        List<String> corpus = new ArrayList<>(Fuzz.texts(".json", Fuzz.examples(), Fuzz.corpus("inputs")));
        corpus.removeIf(t -> t.length() > 64 * 1024);
        List<CheckedProgram> programs = new ArrayList<>();
        List<String> own = new ArrayList<>();
        for (String name : new String[] {"pythagoras", "range", "compare", "currying", "fib", "bigint"}) {
            String text = Fuzz.texts(name + ".pir", Fuzz.examples()).get(0);
            programs.add(TypeChecker.check(Parser.parse(new SourceFile(name, text))));
            own.add(Fuzz.texts(name + ".inputs.json", Fuzz.examples()).get(0));
        }
        int refused = 0;
        for (int i = 0; i < iterations; i++) {
            // Mostly a program's own inputs, mutated, so that resolving gets past "unknown input".
            int which = r.nextInt(programs.size());
            String base = r.nextInt(4) == 0 ? corpus.get(r.nextInt(corpus.size())) : own.get(which);
            String json = Fuzz.mutateText(r, base, corpus);
            CheckedProgram p = programs.get(which);
            String what = "input " + i;
            boolean ok = assertTimeoutPreemptively(PER_INPUT, () -> {
                try {
                    Inputs.parse("fuzz.inputs.json", json).resolve(p);
                    return true;
                } catch (CompileException expected) {
                    return false;
                } catch (Throwable e) {
                    throw new AssertionError(what + ": " + e + " on the inputs:\n"
                            + ProgramFuzzTest.abbreviate(json), e);
                }
            });
            refused += ok ? 0 : 1;
        }
        System.out.println("[fuzz] Inputs.parse+resolve: " + iterations + " inputs, " + refused + " refused");
    }
}
