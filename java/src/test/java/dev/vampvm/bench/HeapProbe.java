package dev.vampvm.bench;

import dev.vampvm.api.Program;
import dev.vampvm.api.ProofResult;
import dev.vampvm.api.ProveOptions;
import dev.vampvm.api.Vampvm;
import dev.vampvm.field.Fp;
import dev.vampvm.ir.CompiledProgram;
import dev.vampvm.ir.Inputs;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.prover.MemoryEstimate;
import dev.vampvm.vm.Interpreter;
import dev.vampvm.vm.Trace;
import dev.vampvm.vm.VmProgram;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One proof in this JVM, for {@code bench/memory/measure.sh}, which runs it in fresh JVMs with smaller and smaller
 * {@code -Xmx} (and {@code -XX:+ExitOnOutOfMemoryError}) to find the least heap a proof completes in, and compares
 * that with {@link MemoryEstimate}. Run it with {@code -Dvampvm.heapLimit} far above {@code -Xmx}, so that the
 * estimate does not refuse the proof before the heap does.
 *
 * <pre>
 * HeapProbe estimate|prove static PROGRAM INPUTS
 * HeapProbe estimate|prove static-loop K          (examples/vm/loop_small.pir with n = 2^(K-4): a circuit of 2^K rows)
 * HeapProbe estimate|prove vm PROGRAM INPUTS BLOCKS_AT_ONCE
 * HeapProbe estimate witness PROGRAM INPUTS       (the layouts each block proof holds, per block)
 * </pre>
 *
 * {@code estimate} prints {@code estimate=BYTES k=K ms=MILLIS} (and for VM mode {@code traceBytes=}: the heap the
 * trace holds, measured after full collections); {@code prove} prints {@code ms=MILLIS}. Keys are never cached.
 */
public final class HeapProbe {
    private HeapProbe() {
    }

    public static void main(String[] args) throws IOException {
        boolean estimate = args[0].equals("estimate");
        String mode = args[1];
        Map<String, String> inputs;
        Program p;
        if (mode.equals("static-loop")) {
            p = Vampvm.compile(Path.of("examples/vm/loop_small.pir"));
            inputs = loopInputs(Integer.parseInt(args[2]));
        } else {
            p = Vampvm.compile(Path.of(args[2]));
            inputs = Inputs.read(Path.of(args[3])).raw();
        }
        ProveOptions options = ProveOptions.defaults().withKeyCache(null).withRandom(new SplittableRandom(1));
        long t0 = System.nanoTime();
        if (mode.equals("witness")) {
            // What proveGroup holds besides the proof's vectors: one layout (a circuit with its witness) per execution.
            VmProgram vm = p.vm();
            Trace trace = Interpreter.run(vm, Inputs.of(inputs), Interpreter.DEFAULT_MAX_STEPS);
            for (Map.Entry<Integer, java.util.List<Trace.Step>> e : trace.byBlock().entrySet()) {
                dev.vampvm.vm.Block block = vm.block(e.getKey());
                if (!block.hasCircuit()) {
                    continue;
                }
                long before = used();
                java.util.List<Object> kept = new java.util.ArrayList<>();
                for (Trace.Step s : e.getValue()) {
                    kept.add(dev.vampvm.ir.layout.Layout.of(dev.vampvm.ir.flatten.Optimizer.optimize(s.run().flat()),
                            true).circuit());
                }
                long bytes = used() - before;
                long rows = (long) e.getValue().size() * block.rowsPerCopy();
                System.out.println(block.name() + " executions=" + e.getValue().size() + " rows=" + rows + " bytes="
                        + bytes + " perExecution=" + bytes / e.getValue().size() + " perRow=" + bytes / rows
                        + " kept=" + kept.size());
            }
            return;
        }
        if (mode.equals("vm")) {
            int blocks = Integer.parseInt(args[4]);
            System.setProperty("vampvm.vm.parallelBlocks", Integer.toString(blocks));
            if (estimate) {
                VmProgram vm = p.vm();
                long before = used();
                Trace trace = Interpreter.run(vm, Inputs.of(inputs), Interpreter.DEFAULT_MAX_STEPS);
                long traceBytes = used() - before;
                long need = dev.vampvm.vm.VmProver.heapForBlocksAtOnce(vm, trace, blocks);
                int steps = trace.steps().size();
                long rows = 0;
                for (Trace.Step s : trace.steps()) {
                    rows += s.block().hasCircuit() ? s.block().rowsPerCopy() : 0;
                }
                t0 = System.nanoTime();
                p.proveVm(inputs, options, Interpreter.DEFAULT_MAX_STEPS, null);
                System.out.println("estimate=" + need + " steps=" + steps + " stepRows=" + rows + " traceBytes="
                        + traceBytes + " ms=" + (System.nanoTime() - t0) / 1_000_000);
            } else {
                p.proveVm(inputs, options, Interpreter.DEFAULT_MAX_STEPS, null);
                System.out.println("ms=" + (System.nanoTime() - t0) / 1_000_000);
            }
            return;
        }
        ProofResult r = p.prove(inputs, options);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (estimate) {
            CompiledProgram c = p.compile(r.proof().circuit(), null);
            int k = r.proof().k();
            System.out.println("estimate=" + MemoryEstimate.proverBytes(Synthesis.configure(c.circuit()), k) + " k=" + k
                    + " ms=" + ms);
        } else {
            System.out.println("ms=" + ms);
        }
    }

    /** Heap in use after full collections (settled: two in a row). */
    private static long used() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** loop_small's inputs for n = 2^(k-4) (about 10 rows an iteration: a circuit of 2^k rows). */
    static Map<String, String> loopInputs(int k) {
        long n = 1L << (k - 4);
        Fp a = Fp.of(3);
        Fp acc = a;
        for (long i = n; i > 0; i--) {
            acc = acc.mul(acc).add(Fp.of(i));
        }
        Map<String, String> in = new LinkedHashMap<>();
        in.put("n", Long.toString(n));
        in.put("a", "3");
        in.put("r", acc.toBigInteger().toString());
        return in;
    }
}
