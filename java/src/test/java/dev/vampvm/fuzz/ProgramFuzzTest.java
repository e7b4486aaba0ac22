package dev.vampvm.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vampvm.api.Vampvm;
import dev.vampvm.ir.Compiler;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.SourceFile;
import dev.vampvm.testing.Seeds;
import dev.vampvm.vm.VmProgram;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The front end on random and mutated programs: parsing, type checking ({@link Vampvm#compile(String, String)}),
 * static compilation without inputs and, for some, VM compilation. A user's program, however broken, may only be
 * refused with diagnostics ({@link CompileException}); any other exception, a stack overflow or a hang is a bug.
 */
class ProgramFuzzTest {
    /** Inputs tried in the default run. */
    static final int DEFAULT_ITERATIONS = 200;
    private static final Duration PER_INPUT = Duration.ofSeconds(20);
    /** Programs longer than this (characters) are only parsed and type-checked: their compilation is slow. */
    private static final int HEAVY = 4_000;

    @Test
    void corpusAndMutations() {
        run(Seeds.rng("ProgramFuzzTest.corpusAndMutations"), DEFAULT_ITERATIONS);
    }

    @Test
    @Tag("slow")
    void corpusAndMutationsLong() {
        run(Seeds.rng("ProgramFuzzTest.corpusAndMutationsLong"), Fuzz.slowIterations());
    }

    /** The cases the brief names, always: deep nesting, huge literals, long identifiers and chains. */
    @Test
    void extremes() {
        String deepParens = "(".repeat(10_000) + "1" + ")".repeat(10_000);
        String deepBraces = "{".repeat(10_000) + "1" + "}".repeat(10_000);
        List<String> cases = List.of(
                "pub r;\n" + deepParens + " = r;\n",
                "pub r;\n" + deepBraces + " = r;\n",
                "pub r;\n" + "(".repeat(200_000) + "\n",
                "pub r;\ndef f = " + "fun x {".repeat(5_000) + "1" + "}".repeat(5_000) + ";\n",
                "pub r;\n" + "-".repeat(100_000) + "1 = r;\n",
                "pub r;\n" + "2 ^ ".repeat(50_000) + "2 = r;\n",
                "pub r;\n" + "1 : ".repeat(50_000) + "[] = r;\n",
                "pub r;\n" + "1, ".repeat(50_000) + "1 = r;\n",
                "pub r;\n" + "x + ".repeat(5_000) + "x = r;\n",
                "pub r;\nf " + "x ".repeat(200_000) + "= r;\n",
                "pub r;\n" + "9".repeat(1_000_000) + " = r;\n",
                "pub r;\n0x" + "f".repeat(1_000_000) + " = r;\n",
                "pub " + "y".repeat(1_000_000) + ";\n",
                "def " + "g".repeat(100_000) + " a = a;\npub r;\n" + "g".repeat(100_000) + " 1 = r;\n",
                "def f n = f (n + 1);\npub r;\nf 0 = r;\n",
                "def f n = branch (lt n 1) (f (n - 1)) 0;\npub r;\nf 1000000 = r;\n",
                "def f n = branch (lt n 1) (1 + f (n - 1)) 0;\npub r;\nf 99999 = r;\n");
        for (String c : cases) {
            check("extreme", c, false);
        }
    }

    static void run(SplittableRandom r, int iterations) {
        List<String> corpus = new ArrayList<>(Fuzz.texts(".pir", Fuzz.examples(), Fuzz.examples().resolve("vm"),
                Fuzz.corpus("programs")));
        // sha256.pir and blake2s.pir take seconds each to compile: their mutants are parsed and type-checked only.
        corpus.removeIf(t -> t.length() > HEAVY);
        List<String> heavy = new ArrayList<>(Fuzz.texts(".pir", Fuzz.examples()));
        heavy.removeIf(t -> t.length() <= HEAVY);
        int mutated = 0;
        int generated = 0;
        for (int i = 0; i < iterations; i++) {
            String text;
            if (r.nextInt(10) == 0) {
                text = Fuzz.mutateText(r, heavy.get(r.nextInt(heavy.size())), corpus);
                checkFrontEnd("input " + i, text);
                mutated++;
                continue;
            }
            if (r.nextInt(4) == 0) {
                text = RandomPrograms.program(r);
                generated++;
            } else {
                text = Fuzz.mutateText(r, corpus.get(r.nextInt(corpus.size())), corpus);
                mutated++;
            }
            check("input " + i, text, r.nextInt(8) == 0);
        }
        System.out.println("[fuzz] programs: " + iterations + " inputs (" + mutated + " mutated, " + generated
                + " generated)");
    }

    static void check(String what, String text, boolean vm) {
        assertTimeoutPreemptively(PER_INPUT, () -> {
            try {
                Vampvm.compile("fuzz.pir", text);
                Compiler.compile(new SourceFile("fuzz.pir", text), null, null);
                if (vm) {
                    VmProgram.compile(new SourceFile("fuzz.pir", text));
                }
            } catch (CompileException expected) {
                if (expected.diagnostics().isEmpty()) {
                    fail(what + ": a compile error without diagnostics");
                }
            } catch (Throwable e) {
                throw new AssertionError(what + ": " + e + " on the program:\n" + abbreviate(text), e);
            }
        }, () -> what + ": no answer within " + PER_INPUT + " on the program:\n" + abbreviate(text));
    }

    static void checkFrontEnd(String what, String text) {
        assertTimeoutPreemptively(PER_INPUT, () -> {
            try {
                Vampvm.compile("fuzz.pir", text);
            } catch (CompileException expected) {
                if (expected.diagnostics().isEmpty()) {
                    fail(what + ": a compile error without diagnostics");
                }
            } catch (Throwable e) {
                throw new AssertionError(what + ": " + e + " on the program:\n" + abbreviate(text), e);
            }
        }, () -> what + ": no answer within " + PER_INPUT + " on the program:\n" + abbreviate(text));
    }

    static String abbreviate(String s) {
        return s.length() <= 2_000 ? s : s.substring(0, 1_000) + "\n…(" + s.length() + " chars)…\n"
                + s.substring(s.length() - 1_000);
    }
}
