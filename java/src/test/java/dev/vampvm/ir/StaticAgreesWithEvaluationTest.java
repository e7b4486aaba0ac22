package dev.vampvm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Fp;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Static mode against direct evaluation on random inputs: a program compiled with its inputs as circuit variables
 * (every operation a constraint, the witness computed alongside) must compute what the same program computes when
 * the inputs are constants (everything folded at compile time), and its witness must satisfy its constraints.
 */
class StaticAgreesWithEvaluationTest {
    private static final long SEED = Long.getLong("vampvm.test.seed", 0x5eed_1dL);
    private static final int TRIALS = 12;

    @ParameterizedTest
    @ValueSource(strings = {
        "def f a b = (a + b) * (a - b) / (b + 1) + a^3; (f x y, x | y, (-x) * 3, x^5 - y);",
        "(lt x y, lt y x, lt x 3, lt 4 y, lt x x, branch (lt x y) x y);",
        "def sq a = a * a; fold (x : y : (x * y) : []) (fun e acc { acc * 7 + sq e }) (iter 3 (fun t { t * x + y }) 1);",
        "def g (a, b) = (b, a + b); iter 10 g (x, y);",
        "def fib k a b = branch (lt k 1) (fib (k - 1) b (a + b)) a; fib n x y;",
        "def pick c = branch c (x, y : []) (y * 2, x : []); (pick (lt x y), pick (lt n 5));",
        "{ def (a, b) = (x + 1, y + 2); def h:t = a : b : []; def s as w = h * b; (w, t) };",
    })
    void staticModeComputesWhatEvaluationComputes(String program) {
        SplittableRandom rng = new SplittableRandom(SEED ^ program.hashCode());
        for (int trial = 0; trial < TRIALS; trial++) {
            Map<String, String> in = new LinkedHashMap<>();
            in.put("x", value(rng));
            in.put("y", value(rng));
            in.put("n", Integer.toString(rng.nextInt(12)));
            String needed = program;
            Map<String, String> used = new LinkedHashMap<>();
            StringBuilder constants = new StringBuilder();
            for (Map.Entry<String, String> e : in.entrySet()) {
                if (needed.matches("(?s).*\\b" + e.getKey() + "\\b.*")) {
                    used.put(e.getKey(), e.getValue());
                    constants.append("def ").append(e.getKey()).append(" = ").append(e.getValue()).append(";\n");
                }
            }
            String context = "seed " + SEED + ", trial " + trial + ", inputs " + used + ": " + program;
            CompiledProgram symbolic = IrTesting.compile(program, used);
            assertTrue(symbolic.checkWitness().isEmpty(), context + "\n" + IrTesting.render(symbolic.checkWitness()));
            CompiledProgram folded = IrTesting.compile(constants + program, Map.of());
            assertEquals(0, folded.optimized().instrs().size(), "constants should fold away: " + context);
            assertEquals(folded.result(), symbolic.result(), context);
            if (trial < 2) {
                assertTrue(symbolic.mockProve().isEmpty(), context + "\n" + IrTesting.render(symbolic.mockProve()));
            }
        }
    }

    /** Small numbers, field edges and random field elements, as canonical decimal literals. */
    private static String value(SplittableRandom rng) {
        BigInteger p = Fp.FIELD.modulus();
        return switch (rng.nextInt(4)) {
            case 0 -> Integer.toString(rng.nextInt(20));
            case 1 -> p.subtract(BigInteger.valueOf(1 + rng.nextInt(3))).toString();
            case 2 -> BigInteger.ONE.shiftLeft(100 + rng.nextInt(150)).add(BigInteger.valueOf(rng.nextInt(5))).toString();
            default -> Fp.random(rng).toBigInteger().toString();
        };
    }
}
