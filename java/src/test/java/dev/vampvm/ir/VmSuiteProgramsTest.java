package dev.vampvm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.syntax.Diagnostic;
import dev.vampvm.ir.syntax.SourceFile;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The VM benchmark suite in examples/vm/ (issue 5): every program's public outputs, for every size, agree with a
 * reimplementation in Java (independent of examples/vm/gen.py, which wrote them); for the small size the program
 * compiles in static trace mode, its witness holds, the public values are the reimplementation's, and a wrong
 * output is refused.
 */
class VmSuiteProgramsTest {
    private static final BigInteger P = Fp.FIELD.modulus();
    private static final String[] PROGRAMS = {"loop_small", "loop_large", "straight", "recursion_deep", "branchy", "mix"};

    @ParameterizedTest
    @ValueSource(strings = {"small", "medium", "large"})
    void everyInputsFileHoldsTheOutputsOfTheReimplementation(String size) throws IOException {
        for (String name : PROGRAMS) {
            Map<String, String> raw = inputs(name, size).raw();
            Map<String, BigInteger> expected = expected(name, size, raw);
            for (Map.Entry<String, BigInteger> e : expected.entrySet()) {
                assertEquals(e.getValue(), value(raw, e.getKey()), name + "." + size + ": " + e.getKey());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"loop_small, r", "loop_large, r1", "straight, r2", "recursion_deep, r", "branchy, r", "mix, r"})
    void smallSizeCompilesInTraceModeWithTheExpectedOutputsAndRefusesAWrongOne(String name, String output)
            throws IOException {
        SourceFile src = source(name, "small");
        Inputs good = inputs(name, "small");
        Map<String, BigInteger> expected = expected(name, "small", good.raw());

        CompiledProgram p = Compiler.compile(src, good, null);
        assertTrue(p.checkWitness().isEmpty(), IrTesting.render(p.checkWitness()));
        Map<String, Fp> pub = p.publicValues();
        assertEquals(expected.keySet(), pub.keySet());
        for (Map.Entry<String, BigInteger> e : expected.entrySet()) {
            assertEquals(Fp.of(e.getValue()), pub.get(e.getKey()), name + ": " + e.getKey());
        }
        assertTrue(p.stats().k() <= 10, "small should fit k = 10: " + p.stats());

        Map<String, String> bad = new LinkedHashMap<>(good.raw());
        bad.put(output, expected.get(output).add(BigInteger.ONE).mod(P).toString());
        List<Diagnostic> failures = Compiler.compile(src, Inputs.of(bad), null).checkWitness();
        assertFalse(failures.isEmpty(), name + ": a wrong " + output + " was accepted");
    }

    // ---- the files ------------------------------------------------------------------------------

    private static Path dir() {
        return IrTesting.examples().resolve("vm");
    }

    /** NAME.SIZE.pir where the size is part of the program (straight), else NAME.pir. */
    private static SourceFile source(String name, String size) throws IOException {
        Path sized = dir().resolve(name + "." + size + ".pir");
        Path file = Files.exists(sized) ? sized : dir().resolve(name + ".pir");
        return new SourceFile(file.getFileName().toString(), Files.readString(file));
    }

    private static Inputs inputs(String name, String size) throws IOException {
        return Inputs.read(dir().resolve(name + "." + size + ".inputs.json"));
    }

    private static BigInteger value(Map<String, String> raw, String key) {
        return Inputs.parseNumber(raw.get(key)).toBigInteger();
    }

    // ---- the reimplementation -------------------------------------------------------------------

    /** The public outputs that the program computes from its other inputs. */
    private static Map<String, BigInteger> expected(String name, String size, Map<String, String> in)
            throws IOException {
        Map<String, BigInteger> out = new LinkedHashMap<>();
        switch (name) {
            case "loop_small" -> out.put("r", loopSmall(value(in, "n").intValueExact(), value(in, "a")));
            case "loop_large", "straight" -> {
                int n = name.equals("straight") ? straightTripCount(size) : value(in, "n").intValueExact();
                BigInteger[] s = {value(in, "x0"), value(in, "x1"), value(in, "x2")};
                for (int m = n; m > 0; m--) {
                    s = perm(m, s);
                }
                out.put("r0", s[0]);
                out.put("r1", s[1]);
                out.put("r2", s[2]);
            }
            case "recursion_deep" -> out.put("r", deep(value(in, "n").intValueExact(), value(in, "x")));
            case "branchy" -> {
                BigInteger acc = value(in, "s");
                BigInteger k = value(in, "k");
                for (int w = 0; w < 4; w++) {
                    BigInteger e = value(in, "e" + w);
                    assertTrue(e.bitLength() <= 253, "the bit split is sound only below 2^253");
                    for (int i = 0; i < e.bitLength(); i++) {
                        acc = e.testBit(i) ? heavy(acc, k) : acc.add(k).mod(P);
                    }
                }
                out.put("r", acc);
            }
            case "mix" -> {
                BigInteger s = value(in, "s");
                int d = value(in, "d").intValueExact();
                assertTrue(s.bitLength() <= 253, "the bit split is sound only below 2^253");
                BigInteger acc = value(in, "a");
                for (int i = 0; i < s.bitLength(); i++) {
                    acc = s.testBit(i) ? acc.add(poly(d, acc)).mod(P) : acc.multiply(acc).add(BigInteger.ONE).mod(P);
                }
                out.put("r", acc);
            }
            default -> throw new IllegalArgumentException(name);
        }
        return out;
    }

    /** straight.SIZE.pir's trip count, read from the program: {@code iter N step (N, ...)}. */
    private static int straightTripCount(String size) throws IOException {
        Matcher m = Pattern.compile("iter (\\d+) step \\((\\d+),").matcher(source("straight", size).text());
        assertTrue(m.find(), "straight." + size + ".pir: no `iter N step (N, ...)`");
        assertEquals(m.group(1), m.group(2));
        return Integer.parseInt(m.group(1));
    }

    private static BigInteger loopSmall(int n, BigInteger acc) {
        for (; n > 0; n--) {
            acc = acc.multiply(acc).add(BigInteger.valueOf(n)).mod(P);
        }
        return acc;
    }

    private static BigInteger pow5(BigInteger x) {
        return x.modPow(BigInteger.valueOf(5), P);
    }

    /** 8 full rounds: round constants (n in the first lane), x^5 on every lane, the mix [[2,1,1],[1,2,1],[1,1,2]]. */
    private static BigInteger[] perm(int n, BigInteger[] s) {
        BigInteger a = s[0];
        BigInteger b = s[1];
        BigInteger c = s[2];
        for (long r = 0; r < 8; r++) {
            BigInteger sa = pow5(a.add(BigInteger.valueOf(n + r * r * r + 7)));
            BigInteger sb = pow5(b.add(BigInteger.valueOf(r * r + 3 * r + 11)));
            BigInteger sc = pow5(c.add(BigInteger.valueOf(5 * r + 13)));
            BigInteger sum = sa.add(sb).add(sc);
            a = sum.add(sa).mod(P);
            b = sum.add(sb).mod(P);
            c = sum.add(sc).mod(P);
        }
        return new BigInteger[] {a, b, c};
    }

    /** deep n x = x for n = 0, else deep (n - 1) (x^2 + n) * x + n; iteratively, with an explicit stack. */
    private static BigInteger deep(int n, BigInteger x) {
        BigInteger[] xs = new BigInteger[n + 1];
        for (int m = n; m > 0; m--) {
            xs[m] = x;
            x = x.multiply(x).add(BigInteger.valueOf(m)).mod(P);
        }
        BigInteger r = x;
        for (int m = 1; m <= n; m++) {
            r = r.multiply(xs[m]).add(BigInteger.valueOf(m)).mod(P);
        }
        return r;
    }

    /** 8 MiMC-style rounds x -> (x + k + i^3 + 42)^5. */
    private static BigInteger heavy(BigInteger x, BigInteger k) {
        for (long i = 0; i < 8; i++) {
            x = pow5(x.add(k).add(BigInteger.valueOf(i * i * i + 42)));
        }
        return x;
    }

    /** poly d x = poly (d - 1) x * x + d, poly 0 x = 1 (Horner: the coefficients 1, 1, 2, ..., d). */
    private static BigInteger poly(int d, BigInteger x) {
        BigInteger r = BigInteger.ONE;
        for (int i = 1; i <= d; i++) {
            r = r.multiply(x).add(BigInteger.valueOf(i)).mod(P);
        }
        return r;
    }
}
