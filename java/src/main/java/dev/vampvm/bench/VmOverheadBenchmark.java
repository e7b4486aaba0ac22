package dev.vampvm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vampvm.api.KeyCache;
import dev.vampvm.backend.Backend;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.ir.CompiledProgram;
import dev.vampvm.ir.Compiler;
import dev.vampvm.ir.Inputs;
import dev.vampvm.ir.eval.Evaluator;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.SourceFile;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.Synthesis;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The VM overhead benchmark (issue 5), over the programs of {@code examples/vm} at their input sizes. For the same
 * program, inputs, backend and machine, with keys cached on every side (an untimed warm-up run fills the cache and
 * warms the JIT), each timing the minimum over the repetitions:
 * <ul>
 *   <li><b>static</b>: the trace-specialised circuit (static mode unrolled along this run): compile with the inputs
 *       (witness included), key from the cache, prove;</li>
 *   <li><b>unroll</b>: the bounded-unroll circuit a user would otherwise write (both arms of every branch,
 *       recursion to the smallest power-of-two bound the run fits): compile, key, prove;</li>
 *   <li><b>vm</b>: run the VM program (blocks compiled ahead of time) and prove every block's executions.</li>
 * </ul>
 * Every proof timed is also verified (and the verification timed). Results: JSON lines and a Markdown table under
 * the output folder.
 *
 * <p>Arguments: [sizes, default small,medium] [repetitions, default 2] [output folder, default
 * bench/results/STAMP-COMMIT-vm].
 */
public final class VmOverheadBenchmark {
    private static final String[] PROGRAMS = {"loop_small", "loop_large", "recursion_deep", "branchy", "mix",
        "straight"};

    private VmOverheadBenchmark() {
    }

    /** One program at one size. All times in nanoseconds, minimum over the repetitions. */
    public record Row(String program, String size, int staticK, int staticRows, int unrollBound, int unrollK,
            int unrollRows, int blocks, int steps, int blockProofs, long staticCompile, long staticProve,
            long unrollTotal, long vmRun, long vmProve, long staticVerify, long unrollVerify, long vmVerify,
            int staticBytes, int vmBytes) {

        long staticTotal() {
            return staticCompile + staticProve;
        }

        long vmTotal() {
            return vmRun + vmProve;
        }

        double vmOverStatic() {
            return (double) vmTotal() / staticTotal();
        }

        double vmOverUnroll() {
            return (double) vmTotal() / unrollTotal;
        }
    }

    public static void main(String[] args) throws IOException {
        List<String> sizes = List.of((args.length > 0 ? args[0] : "small,medium").split(","));
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Environment env = Environment.capture(Path.of("."));
        Path out = args.length > 2 ? Path.of(args[2]) : Path.of("bench", "results",
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(env.time()) + "-"
                        + env.gitCommit() + (env.gitDirty() ? "-dirty" : "") + "-vm");
        Files.createDirectories(out);
        Files.writeString(out.resolve("environment.json"), env.toJson());
        Path cacheDir = Files.createTempDirectory("vampvm-vm-bench-keys");
        KeyCache cache = KeyCache.in(cacheDir);
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-15s %-6s %9s %9s %9s %7s %7s%n", "program", "size", "static s", "unroll s",
                "vm s", "vm/st", "vm/unr");
        try (JavaBackend backend = new JavaBackend()) {
            for (String size : sizes) {
                for (String name : PROGRAMS) {
                    Row r = measure(Path.of("examples", "vm"), name, size, reps, backend, cache);
                    rows.add(r);
                    Files.writeString(out.resolve("results.jsonl"), json.writeValueAsString(r) + "\n",
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    System.out.printf(Locale.ROOT, "%-15s %-6s %9.3f %9.3f %9.3f %7.2f %7.2f%n", name, size,
                            r.staticTotal() / 1e9, r.unrollTotal() / 1e9, r.vmTotal() / 1e9, r.vmOverStatic(),
                            r.vmOverUnroll());
                }
            }
        }
        Files.writeString(out.resolve("summary.md"), summary(rows, env, reps));
        System.out.println("results in " + out);
    }

    public static Row measureForProfile(Path dir, String name, String size, int reps, Backend backend, KeyCache cache)
            throws IOException {
        return measure(dir, name, size, reps, backend, cache);
    }

    static Row measure(Path dir, String name, String size, int reps, Backend backend, KeyCache cache)
            throws IOException {
        Path pir = Files.exists(dir.resolve(name + ".pir")) ? dir.resolve(name + ".pir")
                : dir.resolve(name + "." + size + ".pir");
        SourceFile source = new SourceFile(pir.toString(), Files.readString(pir));
        Inputs inputs = Inputs.read(dir.resolve(name + "." + size + ".inputs.json"));
        int bound = unrollBound(source, inputs);
        VmProgram vm = VmProgram.compile(source);
        long[] best = new long[9];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        int staticK = 0;
        int staticRows = 0;
        int unrollK = 0;
        int unrollRows = 0;
        int steps = 0;
        int proofs = 0;
        int staticBytes = 0;
        int vmBytes = 0;
        for (int rep = 0; rep <= reps; rep++) { // rep 0: warm-up, fills the key cache
            long t0 = System.nanoTime();
            CompiledProgram c = Compiler.compileWith(source, inputs, Evaluator.Options.trace());
            long t1 = System.nanoTime();
            long[] st = proveStatic(c, "vm-bench static " + name + " " + size, backend, cache);
            long t2 = System.nanoTime();
            CompiledProgram u = Compiler.compileWith(source, inputs, Evaluator.Options.unroll(bound));
            long[] ut = proveStatic(u, "vm-bench unroll " + name + " " + size, backend, cache);
            long t3 = System.nanoTime();
            long t4 = System.nanoTime();
            Trace trace = Interpreter.run(vm, inputs, Interpreter.DEFAULT_MAX_STEPS);
            long t5 = System.nanoTime();
            long seed = rep;
            VmProver.Result vr = VmProver.prove(vm, trace, backend, new VmProver.Options(cache, () -> new Random(seed),
                    Math.max(1, Runtime.getRuntime().availableProcessors() / 2)), null);
            long t6 = System.nanoTime();
            byte[] bytes = vr.proof().toBytes();
            VmVerifier.Verdict v = VmVerifier.verify(vm, bytes, null, backend, cache);
            long t7 = System.nanoTime();
            if (!v.valid()) {
                throw new IllegalStateException(name + " " + size + ": the VM proof does not verify: " + v.reason());
            }
            if (rep == 0) {
                staticK = c.layout().k();
                staticRows = c.layout().rows();
                unrollK = u.layout().k();
                unrollRows = u.layout().rows();
                steps = trace.steps().size();
                proofs = vr.groups().size();
                staticBytes = (int) st[2];
                vmBytes = bytes.length;
                continue;
            }
            long[] now = {t1 - t0, st[0], t3 - t2, t5 - t4, t6 - t5, st[1], ut[1], t7 - t6};
            for (int i = 0; i < now.length; i++) {
                best[i] = Math.min(best[i], now[i]);
            }
        }
        return new Row(name, size, staticK, staticRows, bound, unrollK, unrollRows, vm.blocks().size(), steps, proofs,
                best[0], best[1], best[2], best[3], best[4], best[5], best[6], best[7], staticBytes, vmBytes);
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
        throw new IllegalStateException(source.name() + ": no recursion bound up to 2^16 fits the run");
    }

    /** Key (cached), prove, verify: {prove ns (setup, key and proof), verify ns, proof bytes}. */
    private static long[] proveStatic(CompiledProgram c, String purpose, Backend backend, KeyCache cache) {
        long t0 = System.nanoTime();
        int k = c.layout().k();
        Circuit<?> circuit = c.circuit();
        List<List<Fp>> instances = c.layout().instances();
        try (IpaParams params = IpaParams.setup(backend, k)) {
            VerifyingKey vk = cachedKey(params, circuit, k, purpose, cache);
            byte[] transcript;
            try (ProvingKey pk = Keygen.keygen(params, circuit, k, vk)) {
                transcript = Prover.prove(params, pk, circuit, instances, new Random(1));
            }
            long t1 = System.nanoTime();
            VerifyingKey again = cachedKey(params, circuit, k, purpose, cache);
            if (!Verifier.verify(params, again, instances, transcript)) {
                throw new IllegalStateException(purpose + ": the proof does not verify");
            }
            long t2 = System.nanoTime();
            return new long[] {t1 - t0, t2 - t1, transcript.length};
        }
    }

    private static VerifyingKey cachedKey(IpaParams params, Circuit<?> circuit, int k, String purpose,
            KeyCache cache) {
        byte[] address = KeyCache.address(purpose, k, Keygen.circuitDigest(circuit, k));
        KeyCache.Lookup hit = cache.load(address, Synthesis.configure(circuit));
        if (hit.key() != null) {
            return hit.key();
        }
        VerifyingKey vk = Keygen.keygenVk(params, circuit, k);
        cache.store(address, vk);
        return vk;
    }

    static String summary(List<Row> rows, Environment env, int reps) {
        StringBuilder sb = new StringBuilder("# VM overhead benchmark\n\n");
        sb.append("`java -cp target/vampvm.jar dev.vampvm.bench.VmOverheadBenchmark` — minimum of ").append(reps)
                .append(" runs after a warm-up; keys cached on every side; times in seconds.\n")
                .append("static = trace-specialised circuit (compile with witness + prove); unroll = bounded-unroll"
                        + " circuit; vm = run + prove of every block. Targets: vm/static ≤ 1.15, vm/unroll < 0.5 on"
                        + " branchy programs.\n\n");
        sb.append("| program | size | static k (rows) | unroll N, k (rows) | blocks / steps / proofs | static | unroll"
                + " | vm (run + prove) | vm/static | vm/unroll | verify static / vm | bytes static / vm |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d (%d) | %d, %d (%d) | %d / %d / %d | %.3f | %.3f |"
                    + " %.3f (%.3f + %.3f) | %.2f | %.2f | %.3f / %.3f | %d / %d |%n", r.program(), r.size(),
                    r.staticK(), r.staticRows(), r.unrollBound(), r.unrollK(), r.unrollRows(), r.blocks(), r.steps(),
                    r.blockProofs(), r.staticTotal() / 1e9, r.unrollTotal() / 1e9, r.vmTotal() / 1e9, r.vmRun() / 1e9,
                    r.vmProve() / 1e9, r.vmOverStatic(), r.vmOverUnroll(), r.staticVerify() / 1e9,
                    r.vmVerify() / 1e9, r.staticBytes(), r.vmBytes()));
        }
        sb.append("\n## Environment\n\n");
        env.describe().forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }
}
