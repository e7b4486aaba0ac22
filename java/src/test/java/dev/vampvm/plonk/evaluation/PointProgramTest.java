package dev.vampvm.plonk.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.backend.PointProgram;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.backend.cuda.CudaBackend;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.testing.Emulator;
import dev.vampvm.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A constraint program for an engine ({@link Program#forEngine}: dead nodes dropped, registers allocated by liveness,
 * outputs folded as they are computed) computes exactly what {@link Program#evaluateFolded} does, times the periodic
 * factors: on the Java engine and, emulated, on the CUDA engine's kernel.
 */
class PointProgramTest {
    private static final MontgomeryField F = Fp.FIELD;

    /** A random program over a few sources: every kind of node, shared subexpressions, rotations, repeated outputs. */
    static Program randomProgram(SplittableRandom rng, int logSize, int nodes, int outputs) {
        int size = 1 << logSize;
        ProgramBuilder pb = new ProgramBuilder();
        int sources = 1 + rng.nextInt(4);
        List<Integer> made = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            long[] v = new long[4 * size];
            for (int i = 0; i < size; i++) {
                F.random(rng, v, 4 * i);
            }
            pb.source(v);
            made.add(pb.load(s, rng.nextInt(5) - 2));
        }
        while (made.size() < nodes) {
            int x = made.get(rng.nextInt(made.size()));
            int y = made.get(rng.nextInt(made.size()));
            long[] c = new long[4];
            F.random(rng, c, 0);
            made.add(switch (rng.nextInt(8)) {
                case 0 -> pb.add(x, y);
                case 1 -> pb.sub(x, y);
                case 2, 3 -> pb.mul(x, y);
                case 4 -> pb.neg(x);
                case 5 -> pb.scale(x, c);
                case 6 -> pb.constant(c);
                default -> pb.load(rng.nextInt(sources), rng.nextInt(9) - 4);
            });
        }
        for (int k = 0; k < outputs; k++) {
            // Late nodes mostly, some early and some twice: outputs are folded in their order, not the nodes'.
            int i = rng.nextInt(4) == 0 ? rng.nextInt(made.size()) : made.size() - 1 - rng.nextInt(Math.min(8, made.size()));
            pb.output(made.get(i));
        }
        return pb.build(logSize, 1 << rng.nextInt(3));
    }

    private static long[] random(SplittableRandom rng, int n) {
        long[] v = new long[4 * n];
        for (int i = 0; i < n; i++) {
            F.random(rng, v, 4 * i);
        }
        return v;
    }

    /** Runs the engine program on a backend, with the program's sources one after another. */
    private static long[] run(Backend backend, Program p, PointProgram code) {
        int size = p.size();
        List<EvaluationSource> sources = p.sources();
        long[] all = new long[4 * size * sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            System.arraycopy(sources.get(i).onHost(), 0, all, 4 * size * i, 4 * size);
        }
        try (ScalarVector s = backend.upload(F, all, 0, size * sources.size());
                ScalarVector out = backend.allocate(F, size)) {
            backend.runPointProgram(code, s, out);
            return backend.download(out);
        }
    }

    private static long[] expected(Program p, long[] y, long[] factors) {
        long[] folded = p.evaluateFolded(y);
        int mask = factors.length / 4 - 1;
        for (int i = 0; i < p.size(); i++) {
            F.mul(folded, 4 * i, factors, 4 * (i & mask), folded, 4 * i);
        }
        return folded;
    }

    @Test
    void theEngineProgramComputesTheFoldedNumeratorOnTheJavaEngine() {
        SplittableRandom rng = Seeds.rng("PointProgramTest.java");
        try (JavaBackend java = new JavaBackend(2)) {
            for (int trial = 0; trial < 60; trial++) {
                int logSize = 1 + rng.nextInt(7);
                Program p = randomProgram(rng, logSize, 4 + rng.nextInt(60), 1 + rng.nextInt(12));
                long[] y = random(rng, 1);
                long[] factors = random(rng, 1 << rng.nextInt(Math.min(logSize, 3) + 1));
                PointProgram code = p.forEngine(y, factors);
                assertNotNull(code, "trial " + trial);
                assertTrue(code.slots() <= PointProgram.MAX_SLOTS);
                assertArrayEquals(expected(p, y, factors), run(java, p, code), "trial " + trial);
            }
        }
    }

    @Test
    void theCudaKernelComputesTheSame() {
        Emulator.assumeAvailable();
        SplittableRandom rng = Seeds.rng("PointProgramTest.cuda");
        try (CudaBackend cuda = CudaBackend.openEmulated()) {
            for (int trial = 0; trial < 15; trial++) {
                int logSize = 1 + rng.nextInt(6);
                Program p = randomProgram(rng, logSize, 4 + rng.nextInt(60), 1 + rng.nextInt(12));
                long[] y = random(rng, 1);
                long[] factors = random(rng, 1 << rng.nextInt(Math.min(logSize, 3) + 1));
                assertArrayEquals(expected(p, y, factors), run(cuda, p, p.forEngine(y, factors)), "trial " + trial);
            }
        }
    }

    /** {@code width} values computed before any is used, then multiplied together: width (+1) registers. */
    private static Program wide(SplittableRandom rng, int width) {
        ProgramBuilder pb = new ProgramBuilder();
        pb.source(random(rng, 8));
        List<Integer> vs = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            vs.add(pb.scale(pb.load(0, i % 5 - 2), random(rng, 1)));
        }
        int prod = vs.get(width - 1);
        for (int i = width - 2; i >= 0; i--) {
            prod = pb.mul(vs.get(i), prod);
        }
        pb.output(prod);
        return pb.build(3, 1);
    }

    /** Each of the kernel's register-file sizes (16, 32, 64) runs a program that needs it. */
    @Test
    void everyRegisterFileSizeOfTheKernelComputesTheSame() {
        Emulator.assumeAvailable();
        SplittableRandom rng = Seeds.rng("PointProgramTest.files");
        try (CudaBackend cuda = CudaBackend.openEmulated()) {
            for (int width : new int[] {10, 24, 50}) {
                Program p = wide(rng, width);
                long[] y = random(rng, 1);
                long[] factors = random(rng, 2);
                PointProgram code = p.forEngine(y, factors);
                assertTrue(code.slots() > width - 2 && code.slots() <= width + 2, width + ": " + code.slots());
                assertArrayEquals(expected(p, y, factors), run(cuda, p, code), "width " + width);
            }
        }
    }

    @Test
    void registersAreReusedAndAProgramNeedingTooManyIsLeftToTheHost() {
        // A chain needs as many registers at 500 links as at 50: its three loads, the running value and a temporary.
        assertTrue(chainSlots(500) <= 5 && chainSlots(500) == chainSlots(50), chainSlots(50) + ", " + chainSlots(500));
        // 100 values computed before any is used are all live at once: too many registers for a GPU thread.
        ProgramBuilder all = new ProgramBuilder();
        all.source(new long[4 * 4]);
        List<Integer> vs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            vs.add(all.scale(all.load(0, 0), Fp.of(i + 2).montgomeryLimbs()));
        }
        int prod = vs.get(99);
        for (int i = 98; i >= 0; i--) {
            prod = all.mul(vs.get(i), prod);
        }
        all.output(prod);
        assertNull(all.build(2, 1).forEngine(F.one(), F.one()));
    }

    private static int chainSlots(int links) {
        ProgramBuilder chain = new ProgramBuilder();
        chain.source(new long[4 * 4]);
        int x = chain.load(0, 0);
        for (int i = 0; i < links; i++) {
            x = chain.mul(chain.add(x, chain.load(0, i % 3)), x);
        }
        chain.output(x);
        return chain.build(2, 1).forEngine(F.one(), F.one()).slots();
    }

    @Test
    void anOutOfRangeOperandOrAnUnreducedConstantIsRefused() {
        long[] one = F.one();
        PointProgram badRegister = new PointProgram(new int[] {PointProgram.ADD, 0, 0, 5}, 2, one, one);
        PointProgram badSource = new PointProgram(new int[] {PointProgram.LOAD, 0, 3, 0}, 1, one, one);
        PointProgram badConstant = new PointProgram(new int[] {PointProgram.CONST, 0, 0, 0}, 1,
                new long[] {-1, -1, -1, -1}, one);
        try (JavaBackend java = new JavaBackend(1); ScalarVector s = java.allocate(F, 4);
                ScalarVector out = java.allocate(F, 4)) {
            for (PointProgram p : new PointProgram[] {badRegister, badSource, badConstant}) {
                assertThrows(IllegalArgumentException.class, () -> java.runPointProgram(p, s, out));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new PointProgram(new int[4], 65, one, one));
        assertThrows(IllegalArgumentException.class, () -> new PointProgram(new int[4], 1, one, new long[12]));
    }
}
