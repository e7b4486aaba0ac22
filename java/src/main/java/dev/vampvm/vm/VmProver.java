package dev.vampvm.vm;

import dev.vampvm.api.KeyCache;
import dev.vampvm.backend.Backend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.ir.flatten.Optimizer;
import dev.vampvm.ir.layout.Layout;
import dev.vampvm.ir.layout.VampirCircuit;
import dev.vampvm.plonk.StackedCircuit;
import dev.vampvm.plonk.keygen.CircuitShape;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.prover.ProverTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Proves a trace: the executions of each block are proven together, the block's circuit stacked m times (m the
 * copies that fit in the smallest table holding them all; missing copies repeat the last execution), with keys from the key cache when there. Blocks
 * without constraints need no proof. Different blocks are proven concurrently on the backend, each up to its
 * evaluations; then one multipoint opening proves them all ({@link SharedOpening}).
 */
public final class VmProver {
    private VmProver() {
    }

    /**
     * @param keyCache       the key cache, or null
     * @param random         the prover's randomness (blinding) for each block proof, asked for once per block in block
     *                       order, then once for the shared opening; generators seeded alike give the same proof
     *                       bytes
     * @param parallelBlocks how many blocks to prove at once (at least 1)
     */
    public record Options(KeyCache keyCache, Supplier<RandomGenerator> random, int parallelBlocks) {

        /**
         * Blocks proven at once by default: one per core, or {@code -Dvampvm.vm.parallelBlocks=N}. A small block's
         * proof is mostly single-threaded (the backend splits vectors only past 4,096 elements), so proving blocks
         * side by side is what fills the cores. The number changes the time and the heap needed, never the bytes.
         */
        public static int defaultParallelBlocks() {
            int n = Integer.getInteger("vampvm.vm.parallelBlocks", 0);
            return n > 0 ? n : Runtime.getRuntime().availableProcessors();
        }

        public Options {
            if (parallelBlocks < 1) {
                throw new IllegalArgumentException("parallel blocks must be at least 1, got " + parallelBlocks);
            }
        }
    }

    /**
     * What proving one block's executions cost; {@code deviceNanos} is the part of {@code proveNanos} its proof spent
     * waiting on the engine's device ({@link dev.vampvm.backend.Backend#deviceNanos}; 0 on the Java engine);
     * {@code engine} the engine that proved it ({@link Backend#name}: a GPU engine leaves small ones to the host's).
     */
    public record GroupReport(String block, int executions, int copies, int k, long witnessNanos, long keyNanos,
            long proveNanos, long deviceNanos, String engine) {
    }

    /** Progress per block group, then the shared opening, for the command line. */
    public interface Progress {
        void proved(GroupReport report, int done, int total);

        /** The block proofs' shared opening is made: at the largest block proof's k, in {@code nanos}. */
        default void opened(int k, long nanos) {
        }
    }

    /**
     * The proof, what each block proof cost, and the time of the shared opening after them ({@code openingDeviceNanos}
     * of it waiting on the engine's device; 0 on the Java engine); the engine that proved it ({@link Backend#name}),
     * and why that is not the engine asked for, or null when it is ({@link Backend#elsewhereReason}).
     */
    public record Result(VmProof proof, List<GroupReport> groups, long openingNanos, long openingDeviceNanos,
            String engine, String elsewhere) {
    }

    /**
     * The estimated heap to prove this trace with at most {@code blocksAtOnce} block proofs at the same time
     * ({@link dev.vampvm.plonk.prover.MemoryEstimate#vmProverBytes}): the baseline, the trace with every execution's
     * witness (held until the end), the IPA generators of the largest block proof (shared by all), the
     * {@code blocksAtOnce} largest block proofs' own estimates, since any of them may run side by side, and every
     * block proof's polynomials held for the shared opening, with the opening's own vectors.
     */
    public static long heapForBlocksAtOnce(VmProgram program, Trace trace, int blocksAtOnce) {
        Map<Integer, List<Trace.Step>> byBlock = trace.byBlock();
        return heapFor(proofNeeds(program, byBlock), heldForOpening(program, byBlock), maxK(program, byBlock), trace,
                blocksAtOnce);
    }

    /**
     * Each proven block's {@link dev.vampvm.plonk.prover.MemoryEstimate#proofBytes} and the layouts its proof holds
     * (one per execution, {@link dev.vampvm.plonk.prover.MemoryEstimate#stackBytes}), largest first.
     */
    private static List<Long> proofNeeds(VmProgram program, Map<Integer, List<Trace.Step>> byBlock) {
        List<Long> needs = new ArrayList<>();
        for (Map.Entry<Integer, List<Trace.Step>> e : byBlock.entrySet()) {
            Block block = program.block(e.getKey());
            if (block.hasCircuit()) {
                needs.add(proofBytes(block, e.getValue().size()));
            }
        }
        needs.sort(java.util.Comparator.reverseOrder());
        return needs;
    }

    /** The heap one block's proof of {@code executions} executions holds (and a measure of its work). */
    private static long proofBytes(Block block, int executions) {
        int m = BlockKeys.copies(block, executions);
        int k = BlockKeys.k(block, m);
        return dev.vampvm.plonk.prover.MemoryEstimate.proofBytes(block.layout().constraintSystem(), k)
                + dev.vampvm.plonk.prover.MemoryEstimate.stackBytes((long) m * block.rowsPerCopy());
    }

    /** What every block proof holds for the shared opening, added up. */
    private static long heldForOpening(VmProgram program, Map<Integer, List<Trace.Step>> byBlock) {
        long sum = 0;
        for (Map.Entry<Integer, List<Trace.Step>> e : byBlock.entrySet()) {
            Block block = program.block(e.getKey());
            if (block.hasCircuit()) {
                sum += dev.vampvm.plonk.prover.MemoryEstimate.unopenedBytes(block.layout().constraintSystem(),
                        tableK(block, e.getValue().size()));
            }
        }
        return sum;
    }

    private static int maxK(VmProgram program, Map<Integer, List<Trace.Step>> byBlock) {
        int maxK = 1;
        for (Map.Entry<Integer, List<Trace.Step>> e : byBlock.entrySet()) {
            Block block = program.block(e.getKey());
            if (block.hasCircuit()) {
                maxK = Math.max(maxK, tableK(block, e.getValue().size()));
            }
        }
        return maxK;
    }

    /** k of the table that holds a block's executions (as many copies as fit the smallest one). */
    private static int tableK(Block block, int executions) {
        return BlockKeys.k(block, BlockKeys.copies(block, executions));
    }

    private static long heapFor(List<Long> needs, long held, int maxK, Trace trace, int blocksAtOnce) {
        long stepRows = 0;
        long stepValues = 0;
        for (Trace.Step s : trace.steps()) {
            stepRows += s.block().hasCircuit() ? s.block().rowsPerCopy() : 0;
            stepValues += s.values().size();
        }
        return dev.vampvm.plonk.prover.MemoryEstimate.vmProverBytes(needs.subList(0, Math.min(Math.max(1,
                blocksAtOnce), needs.size())), held, maxK, stepRows, stepValues);
    }

    /**
     * How many blocks to prove at once: at most {@code parallel}, and no more than the heap holds
     * ({@link #heapForBlocksAtOnce}). A run that does not fit even one block proof at a time is refused (a
     * {@link dev.vampvm.api.VampvmException.Kind#RESOURCES} error: the command line exits 5) before any proving; a
     * group over the largest k is refused by BlockKeys.
     */
    static int parallelism(VmProgram program, Trace trace, Map<Integer, List<Trace.Step>> byBlock, int parallel) {
        List<Long> needs = proofNeeds(program, byBlock);
        long held = heldForOpening(program, byBlock);
        int maxK = maxK(program, byBlock);
        long have = dev.vampvm.plonk.prover.MemoryEstimate.available();
        long one = heapFor(needs, held, maxK, trace, 1);
        if (one > have) {
            throw new dev.vampvm.api.VampvmException(dev.vampvm.api.VampvmException.Kind.RESOURCES, "proving this run"
                    + " one block at a time needs about " + dev.vampvm.plonk.prover.MemoryEstimate.describe(one)
                    + " of heap (" + trace.steps().size() + " steps, the largest block proof 2^" + maxK + " rows), "
                    + "more than the " + dev.vampvm.plonk.prover.MemoryEstimate.describe(have) + " this JVM may use: "
                    + "raise it, e.g. VAMPVM_JAVA_OPTS=" + dev.vampvm.plonk.prover.MemoryEstimate.xmx(one), List.of());
        }
        int fits = 1;
        while (fits < Math.min(Math.max(1, parallel), needs.size())
                && heapFor(needs, held, maxK, trace, fits + 1) <= have) {
            fits++;
        }
        return fits;
    }

    /**
     * No more block proofs at once than the engine's memory holds ({@link Backend#memoryLimitBytes}: a GPU's free
     * memory; {@link dev.vampvm.plonk.prover.DeviceMemoryEstimate}): the largest block proofs' estimates add up, the
     * context's baseline counted once, and every block proof's polynomials held for the shared opening
     * ({@link dev.vampvm.plonk.prover.MemoryEstimate#unopenedBytes}, which stay on the engine). A run whose largest
     * block proof alone does not fit is refused (RESOURCES: the command line exits 5).
     */
    static int engineParallelism(VmProgram program, Map<Integer, List<Trace.Step>> byBlock, Backend backend,
            int parallel) {
        long limit = backend.memoryLimitBytes();
        if (limit == Long.MAX_VALUE) {
            return parallel;
        }
        long base = dev.vampvm.plonk.prover.DeviceMemoryEstimate.BASELINE;
        List<Long> needs = new ArrayList<>();
        for (Map.Entry<Integer, List<Trace.Step>> e : byBlock.entrySet()) {
            Block block = program.block(e.getKey());
            if (block.hasCircuit()) {
                needs.add(dev.vampvm.plonk.prover.DeviceMemoryEstimate.proofBytes(backend,
                        block.layout().constraintSystem(), tableK(block, e.getValue().size())) - base);
            }
        }
        if (needs.isEmpty()) {
            return parallel;
        }
        needs.sort(java.util.Comparator.reverseOrder());
        long used = base + heldForOpening(program, byBlock) + needs.get(0);
        if (used > limit) {
            throw new dev.vampvm.api.VampvmException(dev.vampvm.api.VampvmException.Kind.RESOURCES, "proving this run"
                    + " one block at a time needs about " + dev.vampvm.plonk.prover.MemoryEstimate.describe(used)
                    + " of " + backend.name() + " engine memory (the largest block proof 2^" + maxK(program, byBlock)
                    + " rows, with every block proof's polynomials held for the shared opening), more than the "
                    + dev.vampvm.plonk.prover.MemoryEstimate.describe(limit) + " free on "
                    + backend.description() + ": prove it on the CPU (without --gpu) or on a GPU with more memory",
                    List.of());
        }
        int fits = 1;
        while (fits < Math.min(Math.max(1, parallel), needs.size()) && used + needs.get(fits) <= limit) {
            used += needs.get(fits);
            fits++;
        }
        return fits;
    }

    /**
     * Proves a run: every block's executions, then one opening for all block proofs. Each block proof on the engine
     * that {@code engine}'s {@link Backend#forProof} picks for its size (a GPU engine: the host's cores for small
     * ones), the opening where the largest goes, the other block proofs' polynomials moved there for it.
     */
    public static Result prove(VmProgram program, Trace trace, Backend engine, Options options, Progress progress) {
        Map<Integer, List<Trace.Step>> byBlock = trace.byBlock();
        List<Integer> proven = new ArrayList<>();
        for (int b : byBlock.keySet()) {
            if (program.block(b).hasCircuit()) {
                proven.add(b);
            }
        }
        int maxK = maxK(program, byBlock);
        dev.vampvm.field.Lanes.expectProof(maxK);
        Backend backend = engine.forProof(maxK);
        // Which block proofs go elsewhere than the opening's engine, and the largest of them, for the parameters there.
        boolean[] elsewhere = new boolean[proven.size()];
        int elsewhereK = -1;
        for (int i = 0; i < proven.size(); i++) {
            int k = tableK(program.block(proven.get(i)), byBlock.get(proven.get(i)).size());
            elsewhere[i] = engine.forProof(k) != backend;
            if (elsewhere[i]) {
                elsewhereK = Math.max(elsewhereK, k);
            }
        }
        int parallel = engineParallelism(program, byBlock, backend,
                parallelism(program, trace, byBlock, options.parallelBlocks()));
        List<VmProof.Group> groups = new ArrayList<>();
        List<GroupReport> reports = new ArrayList<>();
        List<Prover.Unopened> unopened = new ArrayList<>();
        byte[] opening = new byte[0];
        long openingNanos = 0;
        long openingDeviceNanos = 0;
        List<Prover.Unopened> moved = new ArrayList<>();
        try (IpaParams params = IpaParams.setup(backend, maxK);
                IpaParams small = elsewhereK < 0 ? null : IpaParams.setup(engine.forProof(elsewhereK), elsewhereK)) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, Math.max(1, proven.size())));
            List<Future<Proved>> futures = new ArrayList<>(java.util.Collections.nCopies(proven.size(), null));
            try {
                // Each block's randomness is drawn here, in block order, so a seeded run is reproducible.
                List<RandomGenerator> randoms = new ArrayList<>();
                for (int i = 0; i < proven.size(); i++) {
                    randoms.add(options.random().get());
                }
                RandomGenerator openingRandom = options.random().get();
                // The largest proofs are started first (longest processing time first): with blocks proven at once,
                // a large one started last would run on alone while the other workers idle.
                long[] size = new long[proven.size()];
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < proven.size(); i++) {
                    size[i] = proofBytes(program.block(proven.get(i)), byBlock.get(proven.get(i)).size());
                    order.add(i);
                }
                order.sort(java.util.Comparator.comparingLong((Integer i) -> -size[i]));
                for (int i : order) {
                    int b = proven.get(i);
                    RandomGenerator random = randoms.get(i);
                    IpaParams all = elsewhere[i] ? small : params;
                    futures.set(i, pool.submit(() -> proveGroup(program.block(b), byBlock.get(b), all,
                            options.keyCache(), random)));
                }
                for (int i = 0; i < futures.size(); i++) {
                    Proved r = futures.get(i).get();
                    if (!elsewhere[i]) {
                        unopened.add(r.unopened());
                    } else {
                        Prover.Unopened there = r.unopened().movedTo(small.backend(), backend);
                        moved.add(there);
                        unopened.add(there);
                    }
                    groups.add(r.group());
                    reports.add(r.report());
                    if (progress != null) {
                        progress.proved(r.report(), i + 1, futures.size());
                    }
                }
                if (!unopened.isEmpty()) {
                    long t0 = System.nanoTime();
                    long device0 = backend.deviceNanos();
                    opening = SharedOpening.prove(params, unopened, openingRandom);
                    openingNanos = System.nanoTime() - t0;
                    openingDeviceNanos = backend.deviceNanos() - device0;
                    if (Boolean.getBoolean("vampvm.vm.timings")) {
                        System.err.printf("  shared opening (2^%d): %.1f ms%n", maxK, openingNanos / 1e6);
                    }
                    if (progress != null) {
                        progress.opened(maxK, openingNanos);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while proving", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
                // Every block proof's held vectors, collected or not (a failed run leaves some with the futures).
                for (Future<Proved> f : futures) {
                    closeHeld(f);
                }
                moved.forEach(Prover.Unopened::close);
            }
        }
        List<VmProof.Step> steps = new ArrayList<>();
        for (Trace.Step s : trace.steps()) {
            steps.add(new VmProof.Step(s.block().index(), s.values()));
        }
        List<Fp> pub = new ArrayList<>(trace.publicValues().values());
        return new Result(new VmProof(program.id(), pub, steps, groups, opening), reports, openingNanos,
                openingDeviceNanos, backend.name(), engine.elsewhereReason(maxK));
    }

    /** Frees what a block proof holds for the opening, once it is done (nothing when it failed or never ran). */
    private static void closeHeld(Future<Proved> f) {
        if (f == null) {
            return;
        }
        try {
            f.get().unopened().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // nothing held
        }
    }

    private record Proved(VmProof.Group group, GroupReport report, Prover.Unopened unopened) {
    }

    private static Proved proveGroup(Block block, List<Trace.Step> executions, IpaParams all, KeyCache keyCache,
            RandomGenerator random) {
        long t0 = System.nanoTime();
        int m = BlockKeys.copies(block, executions.size());
        List<VampirCircuit> copies = new ArrayList<>(m);
        List<List<Fp>> values = new ArrayList<>();
        for (Trace.Step s : executions) {
            Layout layout = Layout.of(Optimizer.optimize(s.run().flat()), true);
            if (layout.rows() != block.layout().rows()) {
                throw new IllegalStateException("block " + block.name() + " laid out in " + layout.rows()
                        + " rows for an execution, " + block.layout().rows() + " at compile time");
            }
            copies.add(layout.circuit());
            values.add(s.values());
        }
        while (copies.size() < m) {
            copies.add(copies.get(copies.size() - 1));
        }
        StackedCircuit<VampirCircuit.Config> stacked = new StackedCircuit<>(copies, block.rowsPerCopy());
        int k = BlockKeys.k(block, m);
        List<List<Fp>> instances = BlockKeys.instances(block, values, m);
        long t1 = System.nanoTime();
        IpaParams params = all.truncate(k);
        CircuitShape shape = BlockKeys.circuitShape(block, m);
        VerifyingKey vk = BlockKeys.verifyingKey(params, shape, m, keyCache);
        Prover.Unopened unopened;
        long t2;
        ProverTimings timings = new ProverTimings();
        try (ProvingKey pk = Keygen.keygen(params, shape, vk)) {
            t2 = System.nanoTime();
            unopened = Prover.proveUnopened(params, pk, stacked, instances, random, timings);
            if (Boolean.getBoolean("vampvm.vm.timings")) {
                System.err.println("  " + block.name() + " x" + m + " k=" + k + ": " + timings);
            }
        }
        long t3 = System.nanoTime();
        return new Proved(new VmProof.Group(block.index(), m, unopened.transcript()),
                new GroupReport(block.name(), executions.size(), m, k, t1 - t0, t2 - t1, t3 - t2, timings.device,
                        all.backend().name()), unopened);
    }
}
