package dev.vampvm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.eval.Evaluator;
import dev.vampvm.ir.flatten.Optimizer;
import dev.vampvm.ir.layout.Layout;
import dev.vampvm.ir.syntax.Parser;
import dev.vampvm.ir.syntax.SourceFile;
import dev.vampvm.ir.types.CheckedProgram;
import dev.vampvm.ir.types.TypeChecker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long expressions (a sum or product chain of thousands of terms, left- or right-nested, a sum of products, many
 * constraints sharing a variable, long chains of definitions) compile in near-linear time, and to circuits that
 * accept the right witness and refuse a wrong one. Fusing such chains was quadratic to cubic (an 8,000-term sum took
 * 79 s, a sum of 2,000 products 144 s), and type checking a chain of definitions quadratic (40,000 took 15 s).
 */
class LongExpressionsTest {
    private static final BigInteger P = Fp.FIELD.modulus();

    /** A program of n terms, and its result r for the inputs a_i = i + 1, b_i = 2, x = 3. */
    private record Shape(String name, IntFunction<String> text, IntFunction<BigInteger> result) {
    }

    private static final Shape[] SHAPES = {
        new Shape("sum", n -> join(n, " + ", i -> "a" + i) + " = r;\n",
                n -> BigInteger.valueOf((long) n * (n + 1) / 2)),
        new Shape("sum of products", n -> join(n, " + ", i -> "a" + i + " * b" + i) + " = r;\n",
                n -> BigInteger.valueOf((long) n * (n + 1))),
        new Shape("right-nested sum", n -> join(n, " + (", i -> "a" + i) + ")".repeat(n - 1) + " = r;\n",
                n -> BigInteger.valueOf((long) n * (n + 1) / 2)),
        new Shape("product", n -> join(n, " * ", i -> "a" + i) + " = r;\n", LongExpressionsTest::factorial),
        new Shape("shared variable", n -> join(n, "", i -> "x * a" + i + " + " + i + " = c" + i + ";\n")
                + "x = r;\n", n -> BigInteger.valueOf(3)),
        new Shape("definitions", n -> "def t0 = x;\n" + join(n - 1, "", i -> "def t" + (i + 1) + " = t" + i
                + " * a" + (i + 1) + " + " + i + ";\n") + "t" + (n - 1) + " = r;\n", LongExpressionsTest::chain),
        new Shape("block of definitions", n -> "{ def t0 = x; " + join(n - 1, "", i -> "def t" + (i + 1) + " = t"
                + i + " + a" + (i + 1) + "; ") + "t" + (n - 1) + " } = r;\n",
                n -> BigInteger.valueOf((long) n * (n + 1) / 2 + 2)),
    };

    private static String join(int n, String sep, IntFunction<String> term) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 || sep.isEmpty() ? "" : sep).append(term.apply(i));
        }
        return sb.toString();
    }

    private static BigInteger factorial(int n) {
        BigInteger f = BigInteger.ONE;
        for (int i = 1; i <= n; i++) {
            f = f.multiply(BigInteger.valueOf(i)).mod(P);
        }
        return f;
    }

    /** t0 = 3, t_{i+1} = t_i · (i + 2) + i. */
    private static BigInteger chain(int n) {
        BigInteger t = BigInteger.valueOf(3);
        for (int i = 0; i < n - 1; i++) {
            t = t.multiply(BigInteger.valueOf(i + 2)).add(BigInteger.valueOf(i)).mod(P);
        }
        return t;
    }

    private static CompiledProgram compile(Shape s, int n, BigInteger r) {
        Map<String, String> in = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            in.put("a" + i, Integer.toString(i + 1));
            in.put("b" + i, "2");
            in.put("c" + i, Integer.toString(3 * (i + 1) + i));
        }
        in.put("x", "3");
        in.put("r", r.toString());
        String text = "pub r;\n" + s.text().apply(n);
        Map<String, String> used = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\\b[abcxr][0-9]*\\b").matcher(text);
        while (m.find()) {
            used.put(m.group(), in.get(m.group()));
        }
        return Compiler.compile(new SourceFile("long.pir", text), Inputs.of(used), null);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void longExpressionsAcceptTheirWitnessAndRefuseAWrongOne(int shape) {
        Shape s = SHAPES[shape];
        int n = 1_000;
        BigInteger r = s.result().apply(n);
        CompiledProgram good = compile(s, n, r);
        assertTrue(good.checkWitness().isEmpty(), s.name() + ": " + IrTesting.render(good.checkWitness()));
        assertTrue(good.mockProve().isEmpty(), s.name() + ": " + IrTesting.render(good.mockProve()));
        if (s.name().endsWith("sum") || s.name().equals("block of definitions")) {
            assertEquals(1, good.layout().fusedConstraints(), s.name() + ": the sum is one constraint");
        }
        CompiledProgram bad = compile(s, n, r.add(BigInteger.ONE).mod(P));
        assertFalse(bad.checkWitness().isEmpty(), s.name() + ": a wrong r was accepted");
        assertFalse(bad.mockProve().isEmpty(), s.name() + ": the mock prover accepted a wrong r");
    }

    /**
     * Compile time at 8n against n, for every shape: linear time gives about 8, the quadratic fusion gave 60 and
     * more. CPU time of the compiling thread, the best of a few runs after a warm-up, measured again (up to three
     * times) before failing; the bound is generous (16) because small sizes run partly in the JIT's slower tiers.
     */
    @Test
    void compileTimeGrowsNearLinearly() {
        int n = 1_000;
        StringBuilder report = new StringBuilder();
        for (Shape s : SHAPES) {
            time("pub r;\n" + s.text().apply(8 * n), 1);
        }
        for (Shape s : SHAPES) {
            String small = "pub r;\n" + s.text().apply(n);
            String large = "pub r;\n" + s.text().apply(8 * n);
            double ratio = Double.MAX_VALUE;
            for (int attempt = 0; attempt < 3 && ratio > 16; attempt++) {
                long tn = time(small, 3);
                long t8n = time(large, 2);
                ratio = Math.min(ratio, (double) t8n / tn);
                report.append(String.format("%s: n=%d %.1f ms, 8n %.1f ms (CPU), ratio %.1f%n", s.name(), n, tn / 1e6,
                        t8n / 1e6, (double) t8n / tn));
            }
            assertTrue(ratio <= 16, "compile time grows super-linearly:\n" + report);
        }
        System.out.print(report);
    }

    /**
     * The least CPU time of {@code runs} compilations (no inputs: the circuit only; parse to layout, as
     * {@link Compiler#compileWith} does), on the compiler's thread: other processes on the machine do not count.
     */
    private static long time(String text, int runs) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Compiler.onLargeStack(() -> {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < runs; i++) {
                long t0 = threads.getCurrentThreadCpuTime();
                CheckedProgram checked = TypeChecker.check(Parser.parse(new SourceFile("long.pir", text)));
                Evaluator.Result r = Evaluator.run(checked, null, Evaluator.Options.shape());
                Layout.of(Optimizer.optimize(r.flat()));
                best = Math.min(best, threads.getCurrentThreadCpuTime() - t0);
            }
            return best;
        });
    }
}
