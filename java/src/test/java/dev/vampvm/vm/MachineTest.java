package dev.vampvm.vm;

import static dev.vampvm.vm.VmTesting.fp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.eval.BlockRun;
import dev.vampvm.ir.eval.Slot;
import dev.vampvm.ir.eval.Terminator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime's rules in isolation, on honest traces and on steps made up to break one rule each. */
class MachineTest {
    private static final VmProgram FIB = VmTesting.compile(VmTesting.FIB);
    private static final VmProgram SUM = VmTesting.compile(VmTesting.SUM);

    /** Runs the trace's steps through a fresh machine. */
    private static Machine replay(VmProgram p, Trace t, int steps) throws Machine.Refused {
        Machine m = new Machine(p);
        for (int i = 0; i < steps; i++) {
            m.step(t.steps().get(i).block(), t.steps().get(i).values());
        }
        return m;
    }

    private static String refusal(Machine m, Block b, List<Fp> values) {
        return assertThrows(Machine.Refused.class, () -> m.step(b, values)).getMessage();
    }

    /** A block of the program presented under another index (the machine trusts the Block it is given). */
    private static Block as(Block b, int index) {
        return new Block(index, b.name() + "(as " + index + ")", b.shape(), b.layout(), b.next(), b.tail(), b.arms(),
                b.callee());
    }

    /** A block with the shape of {@code b} and another terminator. */
    private static Block ending(Block b, int index, Terminator t) {
        BlockRun r = b.shape();
        BlockRun run = new BlockRun(r.point(), r.flat(), r.importKeys(), r.exportKeys(), r.liveKeys(), r.resumeKeys(),
                r.paramKeys(), r.publicKeys(), t, null);
        // A call needs a callee, a branch its arms, like every block the compiler makes.
        int callee = t instanceof Terminator.Call c ? SUM.blocks().stream().filter(x -> x.point().function()
                == c.function() && x.point().arms().isEmpty() && x.point().segment() == 0).findFirst().orElseThrow()
                .index() : b.callee();
        List<Integer> arms = t instanceof Terminator.Branch ? List.of(0, 0) : b.arms();
        return new Block(index, b.name() + "(forged)", run, b.layout(), b.next(), b.tail(), arms, callee);
    }

    @Test
    void honestTraceFollowsTheExpectedBlocksAndStack() throws Exception {
        Trace t = VmTesting.run(SUM, Map.of("n", "3", "r", "6"));
        Machine m = new Machine(SUM);
        assertEquals(0, m.expected());
        List<Integer> depths = new ArrayList<>();
        for (Trace.Step s : t.steps()) {
            assertEquals(s.block().index(), m.expected());
            assertFalse(m.halted());
            m.step(s.block(), s.values());
            depths.add(m.depth());
        }
        assertTrue(m.halted());
        assertEquals(-1, m.expected());
        m.finish();
        // main calls (1), each sum/1x calls (2, 3, 4), each continuation returns (3, 2, 1), sum/1y returns to the
        // innermost continuation, the last continuation returns to main (0).
        assertEquals(List.of(1, 1, 2, 2, 3, 3, 4, 4, 3, 2, 1, 0, 0), depths);
        assertEquals(t.maxDepth(), depths.stream().mapToInt(Integer::intValue).max().orElseThrow());
        assertEquals(fp(6), m.value(SUM.publicKeys().get(0)));
        assertNull(m.value("M:999"));
    }

    @Test
    void stepsAfterTheHaltAreRefused() throws Exception {
        Trace t = VmTesting.run(FIB, Map.of("n", "1", "r", "1"));
        Machine m = replay(FIB, t, t.steps().size());
        assertTrue(m.halted());
        for (Trace.Step s : t.steps()) {
            String why = refusal(m, s.block(), s.values());
            assertTrue(why.contains("after the program halted"), why);
        }
    }

    @Test
    void aTraceThatStopsEarlyDoesNotFinish() throws Exception {
        Trace t = VmTesting.run(FIB, Map.of("n", "2", "r", "1"));
        for (int k = 0; k < t.steps().size(); k++) {
            Machine m = replay(FIB, t, k);
            String why = assertThrows(Machine.Refused.class, m::finish).getMessage();
            assertTrue(why.contains("does not halt") && why.contains(t.steps().get(k).block().name()), why);
        }
    }

    @Test
    void onlyTheExpectedBlockMayRun() throws Exception {
        Trace t = VmTesting.run(FIB, Map.of("n", "2", "r", "1"));
        for (int k = 0; k < t.steps().size(); k++) {
            Machine m = replay(FIB, t, k);
            for (Block b : FIB.blocks()) {
                if (b.index() != t.steps().get(k).block().index()) {
                    List<Fp> values = new ArrayList<>();
                    for (int i = 0; i < b.publicKeys().size(); i++) {
                        values.add(Fp.ZERO);
                    }
                    String why = refusal(m, b, values);
                    assertTrue(why.contains("runtime's next block is " + t.steps().get(k).block().name()), why);
                }
            }
        }
    }

    @Test
    void valuesMustMatchTheBlocksInterface() throws Exception {
        Trace t = VmTesting.run(FIB, Map.of("n", "2", "r", "1"));
        for (int k = 0; k < t.steps().size(); k++) {
            Trace.Step s = t.steps().get(k);
            List<Fp> more = new ArrayList<>(s.values());
            more.add(Fp.ZERO);
            assertTrue(refusal(replay(FIB, t, k), s.block(), more).contains("values"));
            if (!s.values().isEmpty()) {
                List<Fp> fewer = s.values().subList(0, s.values().size() - 1);
                assertTrue(refusal(replay(FIB, t, k), s.block(), fewer).contains("values"));
            }
        }
    }

    @Test
    void importsMustBeTheValuesMade() throws Exception {
        Trace t = VmTesting.run(FIB, Map.of("n", "2", "r", "1"));
        int tried = 0;
        for (int k = 0; k < t.steps().size(); k++) {
            Trace.Step s = t.steps().get(k);
            for (int i = 0; i < s.block().shape().importKeys().size(); i++) {
                List<Fp> values = new ArrayList<>(s.values());
                values.set(i, values.get(i).add(Fp.ONE));
                String why = refusal(replay(FIB, t, k), s.block(), values);
                assertTrue(why.contains("reads " + s.block().publicKeys().get(i)) && why.contains("made as"), why);
                tried++;
            }
        }
        assertTrue(tried >= 8);
    }

    @Test
    void anImportNoStepMadeIsRefused() throws Exception {
        // After main, fib's turn: main@1's code (which reads main's call result, not made yet) in its place.
        Trace t = VmTesting.run(FIB, Map.of("n", "2", "r", "1"));
        Machine m = replay(FIB, t, 1);
        Block end = FIB.block(VmTesting.blockNamed(FIB, "main@1"));
        String why = refusal(m, as(end, m.expected()), List.of(fp(1), fp(1)));
        assertTrue(why.contains("which no earlier step made"), why);
    }

    @Test
    void aKeyMadeTwiceIsRefused() throws Exception {
        // main's code run again in fib's place: it makes n and r a second time.
        Trace t = VmTesting.run(FIB, Map.of("n", "2", "r", "1"));
        Machine m = replay(FIB, t, 1);
        String why = refusal(m, as(FIB.entry(), m.expected()), t.steps().get(0).values());
        assertTrue(why.contains("which an earlier step made"), why);
    }

    @Test
    void aTerminatorHandingOnAKeyNoStepMadeIsRefused() throws Exception {
        Trace t = VmTesting.run(SUM, Map.of("n", "1", "r", "1"));
        Block base = SUM.block(VmTesting.blockNamed(SUM, "sum/1y"));
        int at = t.path().indexOf("sum/1y");
        for (Terminator forged : List.<Terminator>of(new Terminator.Return(List.of(new Slot.Key("A:12345"))),
                new Terminator.Branch(new Slot.Key("A:12345")),
                new Terminator.Call(0, "sum", List.of(new Slot.Key("A/1x:999"))))) {
            Machine m = replay(SUM, t, at);
            String why = refusal(m, ending(base, m.expected(), forged), List.of());
            assertTrue(why.contains("which no step made"), forged + ": " + why);
        }
    }

    @Test
    void aReturnWithNoFrameAndAHaltWithFramesAreRefused() throws Exception {
        Block base = SUM.block(VmTesting.blockNamed(SUM, "sum/1y"));
        String why = refusal(new Machine(SUM), as(base, 0), List.of());
        assertTrue(why.contains("no frame is waiting"), why);
        Trace t = VmTesting.run(SUM, Map.of("n", "1", "r", "1"));
        for (int k = 1; k < t.steps().size() - 1; k++) {
            Machine m = replay(SUM, t, k);
            assertTrue(m.depth() > 0);
            String halt = refusal(m, ending(base, m.expected(), new Terminator.Halt()), List.of());
            assertTrue(halt.contains("frames waiting"), halt);
        }
    }

    @Test
    void aBranchConditionThatIsNotABitIsRefused() throws Exception {
        Trace t = VmTesting.run(FIB, Map.of("n", "2", "r", "1"));
        Trace.Step fib = t.steps().get(1);
        assertEquals("fib", fib.block().name());
        String cond = ((Slot.Key) ((Terminator.Branch) fib.block().terminator()).condition()).key();
        int ci = fib.block().publicKeys().indexOf(cond);
        assertTrue(ci >= fib.block().shape().importKeys().size(), "fib makes its condition");
        BigInteger p = Fp.FIELD.modulus();
        for (Fp c : List.of(fp(2), fp(3), Fp.ZERO.sub(Fp.ONE), Fp.of(BigInteger.ONE.shiftLeft(64)),
                Fp.of(p.subtract(BigInteger.TWO)))) {
            List<Fp> values = new ArrayList<>(fib.values());
            values.set(ci, c);
            String why = refusal(replay(FIB, t, 1), fib.block(), values);
            assertTrue(why.contains("not boolean"), why);
        }
        // 0 and 1 pick the arms.
        for (int bit = 0; bit < 2; bit++) {
            List<Fp> values = new ArrayList<>(fib.values());
            values.set(ci, fp(bit));
            Machine m = replay(FIB, t, 1);
            m.step(fib.block(), values);
            assertEquals(fib.block().arms().get(bit), m.expected());
        }
    }

    @Test
    void callsBindParametersAndReturnsBindResults() throws Exception {
        Trace t = VmTesting.run(FIB, Map.of("n", "2", "r", "1"));
        Machine m = replay(FIB, t, 1);
        // After main's call: fib's parameters n, a, b are 2, 0, 1.
        List<String> params = FIB.block(1).shape().paramKeys();
        assertEquals(List.of(fp(2), fp(0), fp(1)), params.stream().map(m::value).toList());
        assertEquals(1, m.depth());
        m = replay(FIB, t, t.steps().size() - 1);
        // fib/1y returned a straight into main's frame (the tail frames were never pushed).
        String result = FIB.block(VmTesting.blockNamed(FIB, "main@1")).shape().resumeKeys().get(0);
        assertEquals(fp(1), m.value(result));
        assertEquals(0, m.depth());
        assertEquals(FIB.publicKeys().get(0).startsWith("M"), true);
    }
}
