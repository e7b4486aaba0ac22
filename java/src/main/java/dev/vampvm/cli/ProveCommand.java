package dev.vampvm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vampvm.api.KeyCache;
import dev.vampvm.api.Program;
import dev.vampvm.api.ProofResult;
import dev.vampvm.api.ProveOptions;
import dev.vampvm.api.Vampvm;
import dev.vampvm.api.VampvmException;
import dev.vampvm.api.VmProofResult;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vampvm prove PROGRAM.pir}: proves a program with its inputs and writes the proof file. */
@Command(name = "prove",
        mixinStandardHelpOptions = true,
        description = {
            "Prove a VampIR program with its inputs and write the proof (default PROGRAM.proof, written atomically).",
            "Inputs default to PROGRAM.inputs.json or PROGRAM.inputs beside the program. The circuit never depends on",
            "the private inputs: a program that recurses on its inputs is unrolled to --unroll N, by default the",
            "smallest power of two the run fits (the bound is public: it is recorded in the proof).",
            "--mode static (the default) proves one circuit for the whole program; --mode vm cuts the program at its",
            "branches and recursive calls into blocks, runs it, and proves each block's executions together: only",
            "the path taken is paid for, but every value that crosses a block boundary is public in the proof.",
            "Keys are cached (see --no-cache). Progress goes to stderr; the public values to stdout.",
            "Exit codes: 0 proved, 1 the inputs do not satisfy the program or the proof cannot be written,",
            "2 usage (also: a circuit over 2^26 rows), 3 unreadable or malformed file, 4 GPU requested but not",
            "available, 5 not enough memory: the estimated heap for the proof (from k and the circuit's columns; in VM",
            "mode for the block proofs proven at a time) exceeds what the JVM may use (raise it with VAMPVM_JAVA_OPTS,",
            "e.g. -Xmx16g). Programs and inputs files over 64 MiB are refused (exit 3)."})
final class ProveCommand implements Callable<Integer> {
    static final int EXIT_NO_GPU = 4;
    static final int EXIT_NO_MEMORY = 5;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Parameters(index = "0", paramLabel = "PROGRAM.pir", description = "The program.")
    Path program;

    @Option(names = "--inputs", paramLabel = "FILE", description = "Inputs as JSON: { \"x\": \"15\" }.")
    Path inputs;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the proof (default PROGRAM.proof).")
    Path out;

    @Option(names = "--unroll", paramLabel = "N", description = "Unroll recursion to at most N levels.")
    Integer unroll;

    @Option(names = "--mode", paramLabel = "MODE", description = "static (default) or vm.")
    Mode mode = Mode.STATIC;

    @Option(names = "--max-steps", paramLabel = "N", description = "VM mode: stop a run after N block executions "
            + "(default ${DEFAULT-VALUE}).")
    int maxSteps = dev.vampvm.vm.Interpreter.DEFAULT_MAX_STEPS;

    /** How a program is proven. */
    enum Mode {
        STATIC, VM;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Option(names = "--gpu", description = "Prove on the GPU (the CUDA engine; same as --engine cuda). Without a usable "
            + "GPU, exits 4 and says why: never a silent fall-back to the CPU.")
    boolean gpu;

    @Option(names = "--engine", paramLabel = "ENGINE", converter = EngineConverter.class,
            description = "Where the heavy work runs: java (default, the CPU's cores), cuda (the GPU), cuda-emulated (the "
                    + "GPU engine's kernels run on the host, slowly: for checking them without a GPU). The proof's bytes "
                    + "do not depend on it.")
    dev.vampvm.api.Engine engine;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (gpu && engine != null && engine != dev.vampvm.api.Engine.CUDA) {
            err.println("vampvm prove: --gpu and --engine " + engine.cliName() + " contradict each other");
            err.flush();
            return ProgramFiles.EXIT_USAGE;
        }
        dev.vampvm.api.Engine chosen = gpu ? dev.vampvm.api.Engine.CUDA
                : engine != null ? engine : dev.vampvm.api.Engine.JAVA;
        if ((unroll != null && unroll < 0) || common.threads < 0 || maxSteps < 1) {
            err.println("vampvm prove: --unroll and --threads must be at least 0, --max-steps at least 1");
            err.flush();
            return ProgramFiles.EXIT_USAGE;
        }
        if (mode == Mode.VM && unroll != null) {
            err.println("vampvm prove: --unroll is for static mode; VM mode runs recursion as calls");
            err.flush();
            return ProgramFiles.EXIT_USAGE;
        }
        try {
            ProgramFiles.read(program);
            Path file = inputs != null ? inputs : ProgramFiles.defaultInputs(program);
            if (file == null) {
                err.println("vampvm prove: no inputs file: give --inputs FILE, or write " + Cli.base(program)
                        + ".inputs.json beside the program");
                err.flush();
                return ProgramFiles.EXIT_USAGE;
            }
            Map<String, String> values = ProgramFiles.readInputs(file).raw();
            Program p = Vampvm.compile(program);
            KeyCache cache = common.noCache ? null : KeyCache.configured();
            if (common.verbose && !common.quiet) {
                err.println("key cache: " + (cache == null ? "off" : cache.dir()));
            }
            Path target = out != null ? out : program.resolveSibling(Cli.base(program) + ".proof");
            ProveOptions options = ProveOptions.defaults().withUnroll(unroll).withThreads(common.threads)
                    .withKeyCache(cache).withProgress(common.quiet ? null : Cli.progress(err)).withEngine(chosen);
            if (mode == Mode.VM) {
                return proveVm(p, values, options, target, stdout, err);
            }
            ProofResult r = p.prove(values, options);
            try {
                Vampvm.writeProof(target, r.proof());
            } catch (IOException e) {
                err.println("vampvm prove: cannot write " + target + ": " + e.getMessage());
                err.flush();
                return Main.EXIT_FAILURE;
            }
            if (common.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("program", program.toString());
                m.put("proof", target.toString());
                m.put("public", r.publicValues());
                m.put("circuit", r.proof().circuit().describe());
                m.put("k", r.proof().k());
                m.put("rows", r.rows());
                m.put("bytes", r.bytes().length);
                m.put("keyCache", r.keyCache() == null ? "off" : r.keyCache().name().toLowerCase(java.util.Locale.ROOT));
                Map<String, Double> ms = new LinkedHashMap<>();
                r.phaseNanos().forEach((k, v) -> ms.put(k, v / 1e6));
                m.put("phaseMillis", ms);
                stdout.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
            } else {
                r.publicValues().forEach((k, v) -> stdout.println("public " + k + " = " + v));
                stdout.println("proof " + target + " (" + r.bytes().length + " bytes, k = " + r.proof().k() + ", "
                        + r.proof().circuit().describe() + ")");
            }
            stdout.flush();
            err.flush();
            return Main.EXIT_OK;
        } catch (ProgramFiles.Failure f) {
            err.println("vampvm prove: " + f.getMessage());
            err.flush();
            return f.exit;
        } catch (CompileException e) {
            return ProgramFiles.report(e, err);
        } catch (VampvmException e) {
            for (Diagnostic d : e.diagnostics()) {
                err.println("error: " + d.render());
            }
            err.println("vampvm prove: " + (e.kind() == VampvmException.Kind.NO_GPU
                    ? "--" + (gpu ? "gpu" : "engine " + chosen.cliName()) + ": " + e.getMessage()
                            + "; run without it to prove on the CPU" : e.getMessage()));
            err.flush();
            return switch (e.kind()) {
                case UNSATISFIED -> ProgramFiles.EXIT_UNSATISFIED;
                case USAGE -> ProgramFiles.EXIT_USAGE;
                case RESOURCES -> EXIT_NO_MEMORY;
                case NO_GPU -> EXIT_NO_GPU;
            };
        } catch (dev.vampvm.backend.cuda.CudaException e) {
            err.println("vampvm prove: the GPU failed, no proof was written: " + e.getMessage());
            err.flush();
            return Main.EXIT_FAILURE;
        } catch (IOException e) {
            err.println("vampvm prove: cannot read " + program + ": " + e.getMessage());
            err.flush();
            return ProgramFiles.EXIT_MALFORMED;
        }
    }

    private int proveVm(Program p, Map<String, String> values, ProveOptions options, Path target, PrintWriter stdout,
            PrintWriter err) throws IOException {
        dev.vampvm.vm.VmProver.Progress progress = common.quiet ? null : new dev.vampvm.vm.VmProver.Progress() {
            @Override
            public void proved(dev.vampvm.vm.VmProver.GroupReport g, int done, int total) {
                // A GPU engine's small block proofs are made on the host's (CudaBackend#forProof): said where so.
                boolean onHost = options.engine() != dev.vampvm.api.Engine.JAVA
                        && g.engine().equals(dev.vampvm.backend.JavaBackend.NAME);
                String where = onHost ? ", on the host's cores" : "";
                err.printf("  block %-16s %5d executions in %d copies, k = %2d: witness %.0f ms, keys %.0f ms, prove"
                        + " %.0f ms%s (%d/%d)%n", g.block(), g.executions(), g.copies(), g.k(), g.witnessNanos() / 1e6,
                        g.keyNanos() / 1e6, g.proveNanos() / 1e6, where, done, total);
                err.flush();
            }

            @Override
            public void opened(int k, long nanos) {
                err.printf("  one opening for all block proofs, k = %2d: %.0f ms%n", k, nanos / 1e6);
                err.flush();
            }
        };
        VmProofResult r = p.proveVm(values, options, maxSteps, progress);
        if (r.elsewhere() != null && !common.quiet) {
            err.println("  proven on the CPU engine: the largest block proof's " + r.elsewhere());
            err.flush();
        }
        byte[] bytes = r.bytes();
        try {
            Vampvm.writeAtomically(target, bytes);
        } catch (IOException e) {
            err.println("vampvm prove: cannot write " + target + ": " + e.getMessage());
            err.flush();
            return Main.EXIT_FAILURE;
        }
        Map<String, String> pub = new LinkedHashMap<>();
        r.trace().publicValues().forEach((k, v) -> pub.put(k, v.toBigInteger().toString()));
        String id = p.vm().idHex();
        if (common.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("program", program.toString());
            m.put("mode", "vm");
            m.put("programId", id);
            m.put("proof", target.toString());
            m.put("public", pub);
            m.put("steps", r.trace().steps().size());
            m.put("blocks", p.vm().blocks().size());
            m.put("blockProofs", r.groups().size());
            m.put("bytes", bytes.length);
            Map<String, Double> ms = new LinkedHashMap<>();
            r.phaseNanos().forEach((k, v) -> ms.put(k, v / 1e6));
            m.put("phaseMillis", ms);
            stdout.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } else {
            pub.forEach((k, v) -> stdout.println("public " + k + " = " + v));
            stdout.println("program id " + id);
            stdout.println("proof " + target + " (" + bytes.length + " bytes, VM mode: " + r.trace().steps().size()
                    + " steps, " + r.groups().size() + " block proofs)");
        }
        stdout.flush();
        err.flush();
        return Main.EXIT_OK;
    }
}
