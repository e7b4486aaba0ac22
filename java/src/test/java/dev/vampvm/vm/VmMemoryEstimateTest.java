package dev.vampvm.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.api.CircuitChoice;
import dev.vampvm.api.Program;
import dev.vampvm.api.Vampvm;
import dev.vampvm.api.VampvmException;
import dev.vampvm.ir.CompiledProgram;
import dev.vampvm.ir.Inputs;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.prover.MemoryEstimate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The heap estimate in VM mode ({@link VmProver#heapForBlocksAtOnce}, {@link MemoryEstimate#vmProverBytes}): it grows
 * with everything that costs heap, it is above every peak recorded in {@code bench/memory/results.tsv} (measured by
 * {@code bench/memory/measure.sh}: running the proofs here would be too slow and too noisy for a unit test), and a run
 * that does not fit one block proof at a time is refused before any proving.
 */
class VmMemoryEstimateTest {

    private static Trace run(Program p, Path inputs) throws IOException {
        return Interpreter.run(p.vm(), Inputs.of(Inputs.read(inputs).raw()), Interpreter.DEFAULT_MAX_STEPS);
    }

    @Test
    void theEstimateGrowsWithTheTableTheTraceAndTheProofsAtOnce() throws IOException {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        b.createGate("g", b.adviceColumn().cur());
        ConstraintSystem cs = b.build();
        for (int k = 2; k < 26; k++) {
            assertTrue(MemoryEstimate.proofBytes(cs, k + 1) > MemoryEstimate.proofBytes(cs, k), "k = " + k);
        }
        List<Long> one = List.of(100L << 20);
        List<Long> two = List.of(100L << 20, 50L << 20);
        long base = MemoryEstimate.vmProverBytes(one, 0, 10, 1000, 1000);
        assertTrue(MemoryEstimate.vmProverBytes(two, 0, 10, 1000, 1000) > base, "a second proof at once");
        assertTrue(MemoryEstimate.vmProverBytes(one, 0, 11, 1000, 1000) > base, "a larger k");
        assertTrue(MemoryEstimate.vmProverBytes(one, 0, 10, 2000, 1000) > base, "more rows in the trace");
        assertTrue(MemoryEstimate.vmProverBytes(one, 0, 10, 1000, 2000) > base, "more values in the trace");
        assertTrue(MemoryEstimate.vmProverBytes(one, 1L << 20, 10, 1000, 1000) > base,
                "block proofs held for the shared opening");
        assertTrue(MemoryEstimate.unopenedBytes(cs, 11) > MemoryEstimate.unopenedBytes(cs, 10));
        assertTrue(MemoryEstimate.unopenedBytes(cs, 10) < MemoryEstimate.proofBytes(cs, 10),
                "a block proof holds much less after its end than while it runs");
        assertTrue(base > MemoryEstimate.BASELINE + (100L << 20));

        Program p = Vampvm.compile(VmTesting.examples().resolve("vm/recursion_deep.pir"));
        Trace small = run(p, VmTesting.examples().resolve("vm/recursion_deep.small.inputs.json"));
        Trace medium = run(p, VmTesting.examples().resolve("vm/recursion_deep.medium.inputs.json"));
        long previous = 0;
        for (int n = 1; n <= 6; n++) {
            long e = VmProver.heapForBlocksAtOnce(p.vm(), small, n);
            assertTrue(e >= previous, "blocks at once " + n);
            previous = e;
            assertTrue(VmProver.heapForBlocksAtOnce(p.vm(), medium, n) > e, "a longer run, " + n + " at once");
        }
        // More blocks at once than there are block proofs cost nothing more.
        assertEquals(VmProver.heapForBlocksAtOnce(p.vm(), small, 100), VmProver.heapForBlocksAtOnce(p.vm(), small, 4));
    }

    /**
     * Every measured case in {@code bench/memory/results.tsv}: today's estimate is at least the least {@code -Xmx} the
     * proof completed in, and not wildly above it (so that the estimate does not refuse what works). A change to the
     * prover that needs more heap must come with a new measurement.
     */
    @Test
    void theEstimateIsAboveEveryRecordedPeak() throws IOException {
        Path root = VmTesting.examples().getParent();
        List<String> lines = Files.readAllLines(root.resolve("bench/memory/results.tsv"));
        int checked = 0;
        List<String> report = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            String[] c = f[0].split(":");
            long measured = Long.parseLong(f[2]) << 20;
            LongSupplier estimate = switch (c[0]) {
                case "static-loop" -> () -> staticLoopEstimate(root, Integer.parseInt(c[1]));
                case "static" -> () -> staticEstimate(root.resolve(c[1]));
                case "vm" -> () -> vmEstimate(root.resolve(c[1]), root.resolve(c[2]), Integer.parseInt(c[3]));
                default -> throw new AssertionError("unknown case " + f[0]);
            };
            long e = estimate.getAsLong();
            report.add(f[0] + ": estimate " + (e >> 20) + " MiB, measured " + (measured >> 20) + " MiB");
            assertTrue(e >= measured, "the estimate is below the measured need: " + report.getLast());
            assertTrue(e <= 4 * measured, "the estimate is over 4x the measured need: " + report.getLast());
            checked++;
        }
        assertTrue(checked >= 8, "too few recorded measurements: " + checked);
        System.out.println(String.join("\n", report));
    }

    private static long staticLoopEstimate(Path root, int k) {
        try {
            Program p = Vampvm.compile(root.resolve("examples/vm/loop_small.pir"));
            CompiledProgram c = p.compile(CircuitChoice.unroll(1 << (k - 4)), null);
            assertEquals(k, c.layout().k(), "loop_small with n = 2^(k-4) has 2^k rows");
            return MemoryEstimate.proverBytes(Synthesis.configure(c.circuit()), k);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long staticEstimate(Path program) {
        try {
            CompiledProgram c = Vampvm.compile(program).compile(CircuitChoice.none(), null);
            return MemoryEstimate.proverBytes(Synthesis.configure(c.circuit()), c.layout().k());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long vmEstimate(Path program, Path inputs, int blocks) {
        try {
            Program p = Vampvm.compile(program);
            return VmProver.heapForBlocksAtOnce(p.vm(), run(p, inputs), blocks);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A heap short of one block proof at a time is refused with the -Xmx to use; each proof more at once needs more. */
    @Test
    void tooLittleHeapForOneBlockProofIsRefusedAndLessHeapMeansFewerAtOnce() throws IOException {
        Program p = Vampvm.compile(VmTesting.examples().resolve("vm/mix.pir"));
        VmProgram vm = p.vm();
        Trace t = run(p, VmTesting.examples().resolve("vm/mix.small.inputs.json"));
        Map<Integer, List<Trace.Step>> byBlock = t.byBlock();
        long one = VmProver.heapForBlocksAtOnce(vm, t, 1);
        long two = VmProver.heapForBlocksAtOnce(vm, t, 2);
        long three = VmProver.heapForBlocksAtOnce(vm, t, 3);
        String before = System.getProperty("vampvm.heapLimit");
        try {
            System.setProperty("vampvm.heapLimit", Long.toString(one - 1));
            VampvmException e = assertThrows(VampvmException.class, () -> VmProver.parallelism(vm, t, byBlock, 4));
            assertEquals(VampvmException.Kind.RESOURCES, e.kind());
            assertTrue(e.getMessage().contains("one block at a time") && e.getMessage().contains(
                    MemoryEstimate.xmx(one)), e.getMessage());
            System.setProperty("vampvm.heapLimit", Long.toString(one));
            assertEquals(1, VmProver.parallelism(vm, t, byBlock, 4));
            System.setProperty("vampvm.heapLimit", Long.toString(two));
            assertEquals(2, VmProver.parallelism(vm, t, byBlock, 4));
            System.setProperty("vampvm.heapLimit", Long.toString(three));
            assertEquals(3, VmProver.parallelism(vm, t, byBlock, 4));
            assertEquals(2, VmProver.parallelism(vm, t, byBlock, 2), "never more than asked for");
            // A limit above -Xmx is taken as given (to measure, or to force a proof the estimate refuses).
            System.setProperty("vampvm.heapLimit", Long.toString(Runtime.getRuntime().maxMemory() * 2));
            assertEquals(Runtime.getRuntime().maxMemory() * 2, MemoryEstimate.available());
        } finally {
            if (before == null) {
                System.clearProperty("vampvm.heapLimit");
            } else {
                System.setProperty("vampvm.heapLimit", before);
            }
        }
    }
}
