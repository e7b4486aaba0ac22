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

    /** The examples whose inputs files are mutated, type-checked once. */
    static final String[] PROGRAMS = {"pythagoras", "range", "compare", "currying", "fib", "bigint"};

    static void run(SplittableRandom r, int iterations) {
        List<String> corpus = new ArrayList<>(Fuzz.texts(".json", Fuzz.examples(), Fuzz.corpus("inputs")));
        corpus.removeIf(t -> t.length() > 64 * 1024);
        List<CheckedProgram> programs = programs();
        List<String> own = new ArrayList<>();
        for (String name : PROGRAMS) {
            own.add(Fuzz.texts(name + ".inputs.json", Fuzz.examples()).get(0));
        }
        int refused = 0;
        for (int i = 0; i < iterations; i++) {
            // Mostly a program's own inputs, mutated, so that resolving gets past "unknown input".
            int which = r.nextInt(programs.size());
            String base = r.nextInt(4) == 0 ? corpus.get(r.nextInt(corpus.size())) : own.get(which);
            String json = Fuzz.mutateText(r, base, corpus);
            refused += check("input " + i, json, programs.get(which)) ? 0 : 1;
        }
        System.out.println("[fuzz] Inputs.parse+resolve: " + iterations + " inputs, " + refused + " refused");
    }

    private static List<CheckedProgram> programs;

    /** {@link #PROGRAMS}, parsed and type-checked (once per JVM). */
    static synchronized List<CheckedProgram> programs() {
        if (programs == null) {
            List<CheckedProgram> out = new ArrayList<>();
            for (String name : PROGRAMS) {
                String text = Fuzz.texts(name + ".pir", Fuzz.examples()).get(0);
                out.add(TypeChecker.check(Parser.parse(new SourceFile(name, text))));
            }
            programs = List.copyOf(out);
        }
        return programs;
    }

    /**
     * Reads {@code json} as an inputs file and resolves it against {@code p}: true if accepted, false if refused
     * with diagnostics; any other exception, or no answer within the time limit, fails.
     */
    static boolean check(String what, String json, CheckedProgram p) {
        return assertTimeoutPreemptively(PER_INPUT, () -> {
            try {
                Inputs.parse("fuzz.inputs.json", json).resolve(p);
                return true;
            } catch (CompileException expected) {
                return false;
            } catch (Throwable e) {
                throw new AssertionError(what + ": " + e + " on the inputs:\n" + ProgramFuzzTest.abbreviate(json), e);
            }
        }, () -> what + ": no answer within " + PER_INPUT + " on the inputs:\n" + ProgramFuzzTest.abbreviate(json));
    }
}
