package dev.vampvm.bench;

import dev.vampvm.api.Engine;
import dev.vampvm.api.KeyCache;
import dev.vampvm.backend.Backend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.ir.CompiledProgram;
import dev.vampvm.ir.Compiler;
import dev.vampvm.ir.Inputs;
import dev.vampvm.ir.eval.Evaluator;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.SourceFile;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.keygen.CircuitShape;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.verifier.Verifier;
import dev.vampvm.vm.Interpreter;
import dev.vampvm.vm.Trace;
import dev.vampvm.vm.VmProgram;
import dev.vampvm.vm.VmProver;
import dev.vampvm.vm.VmVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The {@code vm} suite: the VM's overhead (issue 5) over the programs of {@code examples/vm}, each at its input sizes
 * (small, medium, large: static trace circuits of k = 10, 13, 16). For the same program, inputs, backend and machine,
 * with keys cached on every side (the cold run fills the cache), three ways to prove the run:
 * <ul>
 *   <li>{@code static}: the trace-specialised circuit (static mode unrolled along this run): compile with the inputs
 *       (witness included), key, prove;</li>
 *   <li>{@code unroll}: the bounded-unroll circuit a user would otherwise write (both arms of every branch, recursion
 *       to the smallest power-of-two bound the run fits): compile, key, prove;</li>
 *   <li>{@code vm}: run the VM program (its blocks compiled ahead of time, as keys are) and prove every block's
 *       executions.</li>
 * </ul>
 * Every proof is verified, and the verification timed. Besides the measurements, {@code vm-overhead.md} in the output
 * folder holds the table of ratios (medians) with each block proof's table size.
 */
public final class VmSuite implements BenchSuite {
    static final List<String> PROGRAMS = List.of("loop_small", "loop_large", "recursion_deep", "branchy", "mix",
            "straight");
    /** Size names by the static trace circuit's k they were chosen for. */
    static final Map<Integer, String> SIZES = Map.of(10, "small", 13, "medium", 16, "large");
    private static final String PREFIX = "vm.";

    @Override
    public String name() {
        return "vm";
    }

    @Override
    public String description() {
        return "VM proving time against the trace-specialised and bounded-unroll static circuits (examples/vm)";
    }

    static List<Integer> sizes(BenchSettings settings) {
        List<Integer> sizes = settings.sizesOr(settings.quick() ? List.of(10) : List.of(10, 13));
        for (int s : sizes) {
            if (!SIZES.containsKey(s)) {
                throw new BenchUsageException("--sizes: the vm suite's programs come in sizes k = 10 (small), 13"
                        + " (medium) and 16 (large); " + s + " is none of them");
            }
        }
        return sizes;
    }

    @Override
    public List<String> benchmarks(BenchSettings settings) {
        sizes(settings);
        examplesDir();
        return PROGRAMS.stream().map(p -> PREFIX + p).toList();
    }

    @Override
    public String method(BenchSettings settings) {
        return "per program and size (k = " + sizes(settings) + "), one cold run (fills the key cache; timed apart), "
                + warmup(settings) + " discarded warm-up run(s), " + repeat(settings) + " measured run(s) of all three"
                + " modes in turn; times in ms on all " + Runtime.getRuntime().availableProcessors() + " cores. static:"
                + " trace-specialised circuit (compile with witness + key + prove); unroll: bounded-unroll circuit;"
                + " vm: run + prove of every block. Every proof is verified. Targets: vm/static ≤ 1.15 on every"
                + " program, vm/unroll < 0.5 on branchy ones.";
    }

    static int warmup(BenchSettings settings) {
        return settings.warmupOr(settings.quick() ? 0 : 1);
    }

    static int repeat(BenchSettings settings) {
        return settings.repeatOr(settings.quick() ? 1 : 3);
    }

    /** One run of all three modes, in nanoseconds, with what the cold run reports about the circuits. */
    record Rep(long staticCompile, long staticProve, long staticSetup, long staticKey, long unrollTotal, long vmRun,
            long vmProve, long staticVerify, long unrollVerify, long vmVerify, Info info) {

        long staticTotal() {
            return staticCompile + staticProve;
        }

        long vmTotal() {
            return vmRun + vmProve;
        }

        /** The VM mode's time waiting on the engine's device: the block proofs' and the shared opening's. */
        long vmDevice() {
            return vmGroups(VmProver.GroupReport::deviceNanos) + info.openingDeviceNanos();
        }

        /** A time of the VM mode's block proofs, summed over them. */
        long vmGroups(java.util.function.ToLongFunction<VmProver.GroupReport> time) {
            return info.groups().stream().mapToLong(time).sum();
        }
    }

    /** Circuit sizes, steps and proof sizes of a run. */
    record Info(int staticK, int staticRows, int unrollBound, int unrollK, int unrollRows, int blocks, int steps,
            List<VmProver.GroupReport> groups, long openingNanos, long openingDeviceNanos, int staticBytes,
            int vmBytes) {

        long vmTableRows() {
            return groups.stream().mapToLong(g -> 1L << g.k()).sum();
        }

        String vmTables() {
            StringBuilder sb = new StringBuilder();
            for (VmProver.GroupReport g : groups) {
                sb.append(sb.length() == 0 ? "" : " ").append(g.block()).append(':').append(g.k());
            }
            return sb.toString();
        }
    }

    /** A program at a size, measured: the medians of the measured runs and the cold run's info. */
    record Result(String program, String size, String engine, Rep median, Info info) {
    }

    @Override
    public void run(List<String> selected, BenchSettings settings, Context context) throws Exception {
        Path dir = examplesDir();
        Path keys = Files.createTempDirectory("vampvm-bench-vm-keys-");
        List<Result> results = new ArrayList<>();
        try {
            KeyCache cache = KeyCache.in(keys);
            for (Engine engine : settings.engines()) {
                try (Backend backend = engine.open(0)) {
                    for (int k : sizes(settings)) {
                        for (String benchmark : selected) {
                            results.add(measure(dir, benchmark.substring(PREFIX.length()), SIZES.get(k), settings,
                                    engine, backend, cache, context));
                        }
                    }
                }
            }
        } finally {
            try (Stream<Path> s = Files.walk(keys)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.writeString(context.outDir().resolve("vm-overhead.md"), overheadTable(results));
    }

    /** The programs' folder, examples/vm of the source tree ({@link BenchRun#sourceTree}, which bin/vampvm sets). */
    static Path examplesDir() {
        Path dir = BenchRun.sourceTree().resolve("examples").resolve("vm");
        if (!Files.isDirectory(dir)) {
            throw new BenchUsageException("the vm suite's programs are not at " + dir + ": run it through bin/vampvm,"
                    + " or from the repository's root");
        }
        return dir;
    }

    private static Result measure(Path dir, String name, String size, BenchSettings settings, Engine engine,
            Backend backend, KeyCache cache, Context context) throws Exception {
        Path pir = Files.exists(dir.resolve(name + ".pir")) ? dir.resolve(name + ".pir")
                : dir.resolve(name + "." + size + ".pir");
        SourceFile source = new SourceFile(pir.toString(), Files.readString(pir));
        Inputs inputs = Inputs.read(dir.resolve(name + "." + size + ".inputs.json"));
        int bound = unrollBound(source, inputs);
        VmProgram vm = VmProgram.compile(source);
        Sampler.Runs<Rep> runs = Sampler.sample(warmup(settings), repeat(settings),
                i -> once(name + " " + size, source, inputs, bound, vm, backend, cache, i));
        Info info = runs.cold().info();
        Map<String, String> params = Map.of("program", name, "size", size, "k", Integer.toString(info.staticK()),
                "engine", BenchSettings.engineLabel(engine));
        String env = context.environment().id();
        record Mode(String mode, java.util.function.ToLongFunction<Rep> prove, java.util.function.ToLongFunction<Rep>
                verify) {
        }
        List<Mode> modes = List.of(new Mode("static", Rep::staticTotal, Rep::staticVerify),
                new Mode("unroll", Rep::unrollTotal, Rep::unrollVerify), new Mode("vm", Rep::vmTotal, Rep::vmVerify));
        long[] medians = new long[3];
        for (int m = 0; m < modes.size(); m++) {
            Mode mode = modes.get(m);
            Map<String, String> p = new LinkedHashMap<>(params);
            p.put("mode", mode.mode());
            Map<String, Double> details = new LinkedHashMap<>();
            switch (mode.mode()) {
                case "static" -> {
                    details.put("rows", (double) info.staticRows());
                    details.put("compile ms", median(runs, Rep::staticCompile));
                    details.put("params setup ms", median(runs, Rep::staticSetup));
                    details.put("keygen ms", median(runs, Rep::staticKey));
                    details.put("proof bytes", (double) info.staticBytes());
                }
                case "unroll" -> {
                    details.put("unroll bound", (double) info.unrollBound());
                    details.put("unroll k", (double) info.unrollK());
                    details.put("rows", (double) info.unrollRows());
                }
                default -> {
                    details.put("blocks", (double) info.blocks());
                    details.put("steps", (double) info.steps());
                    details.put("block proofs", (double) info.groups().size());
                    details.put("table rows", (double) info.vmTableRows());
                    details.put("run ms", median(runs, Rep::vmRun));
                    details.put("proof bytes", (double) info.vmBytes());
                    // The block proofs' device calls are serialised on the engine, so their waits add up to at most
                    // the run's time; the rest is the host's own work (on the emulated engine: what a GPU keeps).
                    details.put("device wait ms", median(runs, Rep::vmDevice));
                    details.put("host work ms", median(runs, r -> r.vmTotal() - r.vmDevice()));
                    // Summed over the block proofs (which may run at once): where the time outside the device went.
                    details.put("block layouts ms", median(runs, r -> r.vmGroups(VmProver.GroupReport::witnessNanos)));
                    details.put("block keygens ms", median(runs, r -> r.vmGroups(VmProver.GroupReport::keyNanos)));
                    details.put("block proofs ms", median(runs, r -> r.vmGroups(VmProver.GroupReport::proveNanos)));
                    details.put("shared opening ms", median(runs, r -> r.info().openingNanos()));
                }
            }
            Measurement prove = Measurement.of("vm", "vm.prove", p, "ms", millis(runs, mode.prove()),
                    ProveBenchmark.millis(mode.prove().applyAsLong(runs.cold())), Map.of(), true, details, env);
            context.record(prove);
            context.record(Measurement.of("vm", "vm.verify", p, "ms", millis(runs, mode.verify()),
                    ProveBenchmark.millis(mode.verify().applyAsLong(runs.cold())), Map.of(), true, Map.of(), env));
            medians[m] = Math.round(prove.stats().median() * 1e6);
        }
        Rep median = new Rep(Math.round(median(runs, Rep::staticCompile) * 1e6), medians[0]
                - Math.round(median(runs, Rep::staticCompile) * 1e6), Math.round(median(runs, Rep::staticSetup) * 1e6),
                Math.round(median(runs, Rep::staticKey) * 1e6), medians[1], Math.round(median(runs,
                Rep::vmRun) * 1e6), medians[2] - Math.round(median(runs, Rep::vmRun) * 1e6),
                Math.round(median(runs, Rep::staticVerify) * 1e6), Math.round(median(runs, Rep::unrollVerify) * 1e6),
                Math.round(median(runs, Rep::vmVerify) * 1e6), info);
        List<String> onHost = new ArrayList<>();
        int vmK = info.groups().stream().mapToInt(VmProver.GroupReport::k).max().orElse(0);
        for (Map.Entry<String, Integer> e : List.of(Map.entry("static", info.staticK()),
                Map.entry("unroll", info.unrollK()), Map.entry("vm", vmK))) {
            if (backend.elsewhereReason(e.getValue()) != null) {
                onHost.add(e.getKey() + " (2^" + e.getValue() + ")");
            }
        }
        if (!onHost.isEmpty()) {
            context.log().printf("  proven on the host's cores, as under -Dvampvm.cuda.hostUpToK: %s%n",
                    String.join(", ", onHost));
        }
        context.log().printf(Locale.ROOT, "%-15s %-6s %-4s static %8.1f ms, unroll %8.1f ms, vm %8.1f ms: vm/static"
                + " %.2f, vm/unroll %.2f%n", name, size, BenchSettings.engineLabel(engine), medians[0] / 1e6,
                medians[1] / 1e6, medians[2] / 1e6, (double) medians[2] / medians[0],
                (double) medians[2] / medians[1]);
        return new Result(name, size, BenchSettings.engineLabel(engine), median, info);
    }

    private static List<Double> millis(Sampler.Runs<Rep> runs, java.util.function.ToLongFunction<Rep> f) {
        return runs.measured().stream().map(r -> ProveBenchmark.millis(f.applyAsLong(r))).toList();
    }

    private static double median(Sampler.Runs<Rep> runs, java.util.function.ToLongFunction<Rep> f) {
        return Statistics.of(millis(runs, f)).median();
    }

    /** One run of the three modes; every proof verified. */
    private static Rep once(String label, SourceFile source, Inputs inputs, int bound, VmProgram vm, Backend backend,
            KeyCache cache, int index) throws IOException {
        long t0 = System.nanoTime();
        CompiledProgram c = Compiler.compileWith(source, inputs, Evaluator.Options.trace());
        long t1 = System.nanoTime();
        long[] st = proveStatic(c, "bench vm static " + label, backend, cache);
        long t2 = System.nanoTime();
        CompiledProgram u = Compiler.compileWith(source, inputs, Evaluator.Options.unroll(bound));
        long[] ut = proveStatic(u, "bench vm unroll " + label, backend, cache);
        long t3 = System.nanoTime();
        Trace trace = Interpreter.run(vm, inputs, Interpreter.DEFAULT_MAX_STEPS);
        long t4 = System.nanoTime();
        VmProver.Result vr = VmProver.prove(vm, trace, backend, new VmProver.Options(cache,
                () -> new Random(index), VmProver.Options.defaultParallelBlocks()), null);
        long t5 = System.nanoTime();
        byte[] bytes = vr.proof().toBytes();
        VmVerifier.Verdict v = VmVerifier.verify(vm, bytes, null, backend, cache);
        long t6 = System.nanoTime();
        if (!v.valid()) {
            throw new BenchmarkFailure(label + ": the VM proof does not verify: " + v.reason());
        }
        Info info = new Info(c.layout().k(), c.layout().rows(), bound, u.layout().k(), u.layout().rows(),
                vm.blocks().size(), trace.steps().size(), vr.groups(), vr.openingNanos(), vr.openingDeviceNanos(),
                (int) st[2], bytes.length);
        return new Rep(t1 - t0, st[0], st[3], st[4], t3 - t2 - ut[1], t4 - t3, t5 - t4, st[1], ut[1], t6 - t5, info);
    }

    /** The smallest power-of-two recursion bound whose circuit the run satisfies. */
    static int unrollBound(SourceFile source, Inputs inputs) {
        for (int n = 1; n <= 1 << 16; n *= 2) {
            try {
                if (Compiler.compileWith(source, inputs, Evaluator.Options.unroll(n)).checkWitness().isEmpty()) {
                    return n;
                }
            } catch (CompileException e) {
                if (e.kind() != CompileException.Kind.USAGE) {
                    throw e;
                }
            }
        }
        throw new BenchmarkFailure(source.name() + ": no recursion bound up to 2^16 fits the run");
    }

    /**
     * Key (cached), prove, verify: {prove ns (setup, key and proof), verify ns, proof bytes, of the prove ns: the
     * parameters' setup ns and the key's (the verifying key from the cache, the proving key made)}.
     */
    private static long[] proveStatic(CompiledProgram c, String purpose, Backend backend, KeyCache cache) {
        long t0 = System.nanoTime();
        int k = c.layout().k();
        Circuit<?> circuit = c.circuit();
        List<List<Fp>> instances = c.layout().instances();
        // Where Program.prove would prove it: a GPU engine leaves the smallest circuits to the host (forProof).
        try (IpaParams params = IpaParams.setup(backend.forProof(k), k)) {
            long setup = System.nanoTime();
            CircuitShape shape = CircuitShape.of(circuit, k);
            VerifyingKey vk = KeyCache.verifyingKey(cache, purpose, params, shape);
            byte[] transcript;
            long keyed;
            try (ProvingKey pk = Keygen.keygen(params, shape, vk)) {
                keyed = System.nanoTime();
                transcript = Prover.prove(params, pk, circuit, instances, new Random(1));
            }
            long t1 = System.nanoTime();
            // The verifier's own key: its synthesis and digest, then the cache.
            VerifyingKey again = KeyCache.verifyingKey(cache, purpose, params, CircuitShape.of(circuit, k));
            if (!Verifier.verify(params, again, instances, transcript)) {
                throw new BenchmarkFailure(purpose + ": the proof does not verify");
            }
            long t2 = System.nanoTime();
            return new long[] {t1 - t0, t2 - t1, transcript.length, setup - t0, keyed - setup};
        }
    }

    static String overheadTable(List<Result> results) {
        StringBuilder sb = new StringBuilder("# VM overhead\n\n");
        sb.append("Medians in seconds; keys cached on every side. static = trace-specialised circuit (compile with"
                + " witness + prove); unroll = bounded-unroll circuit (bound N); vm = run + prove of every block."
                + " Targets: vm/static ≤ 1.15, vm/unroll < 0.5 on branchy programs.\n\n");
        sb.append("| program | size | engine | static k (rows) | unroll N, k (rows) | blocks / steps / proofs | VM"
                + " tables 2^k (Σ rows) | static | unroll | vm (run + prove) | vm/static | vm/unroll |"
                + " verify static / vm | bytes static / vm |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            Rep m = r.median();
            Info i = r.info();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d (%d) | %d, %d (%d) | %d / %d / %d | %s (%d) |"
                    + " %.3f | %.3f | %.3f (%.3f + %.3f) | %.2f | %.2f | %.3f / %.3f | %d / %d |%n", r.program(),
                    r.size(), r.engine(), i.staticK(), i.staticRows(), i.unrollBound(), i.unrollK(), i.unrollRows(),
                    i.blocks(), i.steps(),
                    i.groups().size(), i.vmTables(), i.vmTableRows(), m.staticTotal() / 1e9, m.unrollTotal() / 1e9,
                    m.vmTotal() / 1e9, m.vmRun() / 1e9, m.vmProve() / 1e9, (double) m.vmTotal() / m.staticTotal(),
                    (double) m.vmTotal() / m.unrollTotal(), m.staticVerify() / 1e9, m.vmVerify() / 1e9,
                    i.staticBytes(), i.vmBytes()));
        }
        return sb.toString();
    }
}
