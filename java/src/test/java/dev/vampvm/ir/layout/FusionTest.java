package dev.vampvm.ir.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.ir.Compiler;
import dev.vampvm.ir.flatten.FlatProgram;
import dev.vampvm.ir.flatten.Instr;
import dev.vampvm.ir.flatten.Operand;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Fusion} (near-linear) makes the same constraints as {@link FusionReference} (the fusion it replaced), term
 * for term, in the same order, with the same origins, on random programs built to fuse a lot (shared temporaries,
 * sums and products of them, squares, cancelling terms). The examples are covered by
 * {@code dev.vampvm.ir.CircuitDigestsTest}. More programs: {@code -Dvampvm.fusion.programs=N}; replay:
 * {@code -Dvampvm.seed=S}.
 */
class FusionTest {

    @Test
    void randomProgramsFuseAsBefore() {
        long seed = Long.getLong("vampvm.seed", System.nanoTime());
        System.out.println("FusionTest seed " + seed);
        SplittableRandom r = new SplittableRandom(seed);
        int programs = Integer.getInteger("vampvm.fusion.programs", 400);
        int compared = 0;
        for (int i = 0; i < programs; i++) {
            String text = program(r);
            FlatProgram p;
            try {
                p = Compiler.compile(new SourceFile("r.pir", text), null, null).optimized();
            } catch (CompileException e) {
                continue;
            }
            assertSame("seed " + seed + ", program " + i + ":\n" + text, p);
            compared++;
        }
        assertTrue(compared > programs * 3 / 4, "only " + compared + " programs compiled");
    }

    /**
     * A program the random test found (seed 39979443682086, program 236): the final constraint already held two
     * products (z² and y²) when the temporary for y·x was tried, so it was rejected; a later fusion cancelled y² (t4 is
     * 2·y², and the sum takes −4·y² through t2), which left room for y·x, but Fusion did not try that temporary again.
     */
    @Test
    void aTemporaryRejectedForSizeIsTriedAgainAfterACancellation() throws CompileException {
        String text = """
                pub r;
                def t0 = y;
                def t1 = (z)^2 + t0 + 0 - (t0)^2 + (y) * (x);
                def t2 = (t0 + t1 + 3 - 3 - t0 - y - 2);
                def t3 = (t2 - t2 + t2);
                def t4 = ((t0)^2) * (2);
                (t2 + t4 + t4 + t3 + t3 + t2) = r;
                """;
        assertSame(text, Compiler.compile(new SourceFile("r.pir", text), null, null).optimized());
    }

    /**
     * A program the random test found (seed 66645269664024, program 268): the temporary for (t13)^2 was rejected while
     * its use (t18's sum) held two other products, and a later fusion gave that use the product t13·t13 itself, so the
     * definition's product would now merge into it, not make a third; Fusion did not try that temporary again, as
     * no term or product had cancelled.
     */
    @Test
    void aTemporaryRejectedForItsProductIsTriedAgainWhenTheUseGainsThatProduct() throws CompileException {
        String text = """
                pub r;
                def t0 = ((y) * (z)) * (y + z) + (0 - 1 + y - y - z + z + z - x);
                def t1 = y - z + z - (y) * (2);
                def t2 = t1 + (y)^2 + t1;
                def t3 = ((z) * (2 + t2))^2;
                (0 + t2) * ((1) * (t3)) = (t2)^2;
                def t4 = (t2 + t2 - t1 - t2);
                ((t4)^2) * (t4) = t3;
                def t5 = (t3 - t3 + 1);
                def t6 = t3;
                def t7 = t6;
                def t8 = (t2) * (t3);
                def t9 = 3 - (t8 - t5) * ((t5)^2);
                def t10 = ((t9 + t9 - t9 - t9 - t4 - t6 - t8 - t9 + t8) + (t9 - t6)) * (((t7)^2) * ((t7) * (t6)));
                def t11 = t10;
                def t12 = (t9 - 1) + ((t10 - t7 + t11 + t11 - t10 + t7 + t11 + 2 + t10)) * ((t11 - t6 + t10 - t11 - t7 + 2 + t11 + t10 - t8));
                t12 = 3 + t12 + t12 + t9;
                def t13 = (((t10) * (1)) * ((t12 + 0 + t12 - 2 + t12 + t8))) * (t10 - t12 - t9);
                def t14 = t13;
                def t15 = (1) * ((t14) * (t14)) + t14 + 0 - (t13)^2;
                def t16 = t12 + (3) * (t13) - t12;
                def t17 = (t15) * (t16) + (t15) * (t13) + (t13)^2;
                def t18 = (t14 + t17 - t16 + t17 + t13 + t15 - t16 - t17 + t17);
                t13 + ((t16)^2) * ((t18)^2) = r;
                """;
        assertSame(text, Compiler.compile(new SourceFile("r.pir", text), null, null).optimized());
    }

    private static void assertSame(String what, FlatProgram p) {
        List<Poly> polys = new ArrayList<>();
        Set<Integer> keep = new HashSet<>(p.publicVars());
        for (Instr i : p.instrs()) {
            if (i instanceof Instr.Eq eq && eq.a() instanceof Operand.Var a && eq.b() instanceof Operand.Var b) {
                keep.add(a.id());
                keep.add(b.id());
            } else {
                polys.add(Poly.of(i));
            }
        }
        List<Poly> expected = FusionReference.fuse(polys, p.vars(), keep);
        List<Poly> actual = Fusion.fuse(polys, p.vars(), keep);
        assertEquals(render(expected), render(actual), what);
    }

    private static List<String> render(List<Poly> polys) {
        List<String> out = new ArrayList<>();
        for (Poly p : polys) {
            out.add(p.linear.entrySet() + " " + p.products + " " + p.constant + " defines " + p.defines + " from "
                    + p.origins);
        }
        return out;
    }

    /** Definitions over a few inputs that reuse earlier ones (1 to 4 times), sums and products of them, checks. */
    static String program(SplittableRandom r) {
        StringBuilder sb = new StringBuilder("pub r;\n");
        List<String> names = new ArrayList<>(List.of("x", "y", "z"));
        int defs = 2 + r.nextInt(25);
        for (int i = 0; i < defs; i++) {
            String t = "t" + i;
            sb.append("def ").append(t).append(" = ").append(expr(r, names, 3)).append(";\n");
            names.add(t);
            if (r.nextInt(5) == 0) {
                sb.append(expr(r, names, 2)).append(" = ").append(expr(r, names, 2)).append(";\n");
            }
        }
        sb.append(expr(r, names, 3)).append(" = r;\n");
        return sb.toString();
    }

    private static String expr(SplittableRandom r, List<String> names, int depth) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return r.nextInt(6) == 0 ? Integer.toString(r.nextInt(4)) : names.get(names.size() - 1 - r.nextInt(
                    Math.min(names.size(), 1 + r.nextInt(6))));
        }
        return switch (r.nextInt(7)) {
            case 0, 1 -> expr(r, names, depth - 1) + " + " + expr(r, names, depth - 1);
            case 2 -> expr(r, names, depth - 1) + " - " + expr(r, names, depth - 1);
            case 3, 4 -> "(" + expr(r, names, depth - 1) + ") * (" + expr(r, names, depth - 1) + ")";
            case 5 -> "(" + expr(r, names, depth - 1) + ")^2";
            default -> {
                int n = 2 + r.nextInt(8);
                StringBuilder sb = new StringBuilder("(");
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : r.nextBoolean() ? " + " : " - ").append(expr(r, names, 0));
                }
                yield sb.append(")").toString();
            }
        };
    }
}
