package dev.vampvm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vampvm.field.Fp;
import dev.vampvm.ir.CompiledProgram;
import dev.vampvm.ir.Inputs;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Diagnostic;
import dev.vampvm.ir.syntax.SourceFile;
import dev.vampvm.plonk.FpFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vampvm run PROGRAM.pir}: evaluates with inputs, checks every constraint, and runs the mock prover on the
 * generated circuit. No proof is made.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate a VampIR program with inputs without proving: print the public values and the result, check",
            "every constraint against the source, and run the mock prover on the circuit static mode generates.",
            "Inputs default to PROGRAM.inputs.json or PROGRAM.inputs beside the program.",
            "--trace runs the program in VM mode instead: block by block, printing the path of blocks taken, how",
            "often each ran, and the deepest call stack.",
            "Exit codes: 0 ok, 1 a constraint does not hold, 2 usage, 3 unreadable or malformed file."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROGRAM.pir", description = "The program.")
    Path program;

    @Option(names = "--inputs", paramLabel = "FILE", description = "Inputs as JSON: { \"x\": \"15\" }.")
    Path inputs;

    @Option(names = "--unroll", paramLabel = "N", description = "Use the input-independent circuit that unrolls recursion to N levels.")
    Integer unroll;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    boolean json;

    @Option(names = "--trace", description = "Run in VM mode and show the block path and counts.")
    boolean trace;

    @Option(names = "--max-steps", paramLabel = "N", description = "With --trace: stop after N block executions "
            + "(default ${DEFAULT-VALUE}).")
    int maxSteps = dev.vampvm.vm.Interpreter.DEFAULT_MAX_STEPS;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            SourceFile source = ProgramFiles.read(program);
            Path file = inputs != null ? inputs : ProgramFiles.defaultInputs(program);
            Inputs in = file != null ? ProgramFiles.readInputs(file) : Inputs.of(Map.of());
            if (trace) {
                return runVm(source, in, out, err);
            }
            CompiledProgram p;
            try {
                p = ProgramFiles.compile(source, in, unroll);
            } catch (CompileException e) {
                if (file == null && e.kind() == CompileException.Kind.INPUTS) {
                    err.println("vampvm run: no inputs file: give --inputs FILE, or write " + defaultName()
                            + " beside the program");
                    for (Diagnostic d : e.diagnostics()) {
                        err.println("error: " + d.render());
                    }
                    err.flush();
                    return ProgramFiles.EXIT_USAGE;
                }
                throw e;
            }
            List<Diagnostic> failures = p.checkWitness();
            boolean mockOk = false;
            List<Diagnostic> mock = List.of();
            if (failures.isEmpty()) {
                mock = p.mockProve();
                mockOk = mock.isEmpty();
            }
            if (json) {
                printJson(p, failures, mock, out);
            } else {
                for (Map.Entry<String, Fp> e : p.publicValues().entrySet()) {
                    out.println("public " + e.getKey() + " = " + FpFormat.format(e.getValue()));
                }
                out.println("result " + p.result());
            }
            out.flush();
            if (!failures.isEmpty()) {
                for (Diagnostic d : failures) {
                    err.println("error: " + d.render());
                }
                err.println("vampvm run: the inputs do not satisfy the program (" + failures.size() + " failing "
                        + (failures.size() == 1 ? "constraint" : "constraints") + ")");
                err.flush();
                return ProgramFiles.EXIT_UNSATISFIED;
            }
            if (!mockOk) {
                for (Diagnostic d : mock) {
                    err.println("error: mock prover: " + d.render());
                }
                err.flush();
                return ProgramFiles.EXIT_UNSATISFIED;
            }
            if (!json) {
                CompiledProgram.Stats s = p.stats();
                out.println("mock prover: all constraints satisfied (" + s.rows() + " rows, k = " + s.k() + ")");
            }
            out.flush();
            return Main.EXIT_OK;
        } catch (ProgramFiles.Failure f) {
            err.println("vampvm run: " + f.getMessage());
            err.flush();
            return f.exit;
        } catch (CompileException e) {
            return ProgramFiles.report(e, err);
        }
    }

    private int runVm(SourceFile source, Inputs in, PrintWriter out, PrintWriter err) {
        if (maxSteps < 1 || unroll != null) {
            err.println("vampvm run: --max-steps must be at least 1, and --unroll is for static mode");
            err.flush();
            return ProgramFiles.EXIT_USAGE;
        }
        dev.vampvm.vm.VmProgram vm = dev.vampvm.vm.VmProgram.compile(source);
        dev.vampvm.vm.Trace t;
        try {
            t = dev.vampvm.vm.Interpreter.run(vm, in, maxSteps);
        } catch (dev.vampvm.api.VampvmException e) {
            for (Diagnostic d : e.diagnostics()) {
                err.println("error: " + d.render());
            }
            err.println("vampvm run: " + e.getMessage());
            err.flush();
            return e.kind() == dev.vampvm.api.VampvmException.Kind.UNSATISFIED ? ProgramFiles.EXIT_UNSATISFIED
                    : ProgramFiles.EXIT_USAGE;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (dev.vampvm.vm.Block b : vm.blocks()) {
            counts.put(b.name(), 0);
        }
        t.steps().forEach(s -> counts.merge(s.block().name(), 1, Integer::sum));
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("program", program.toString());
            m.put("programId", vm.idHex());
            Map<String, String> pub = new LinkedHashMap<>();
            t.publicValues().forEach((k, v) -> pub.put(k, v.toBigInteger().toString()));
            m.put("public", pub);
            m.put("steps", t.steps().size());
            m.put("maxCallDepth", t.maxDepth());
            m.put("counts", counts);
            m.put("path", t.path());
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            t.publicValues().forEach((k, v) -> out.println("public " + k + " = " + FpFormat.format(v)));
            out.println("path   " + compress(t.path()));
            out.println("steps  " + t.steps().size() + " (deepest call stack " + t.maxDepth() + ")");
            counts.forEach((name, n) -> out.printf("  %-20s %8d%n", name, n));
            out.println("every block's constraints hold on the witness");
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** The path with immediate repetitions of a short cycle folded: {@code main (fib fib/1x)×5 fib/1y main@1}. */
    static String compress(List<String> path) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < path.size()) {
            int bestLen = 1;
            int bestReps = 1;
            for (int len = 1; len <= 4 && i + len <= path.size(); len++) {
                int reps = 1;
                while (i + (reps + 1) * len <= path.size()
                        && path.subList(i, i + len).equals(path.subList(i + reps * len, i + (reps + 1) * len))) {
                    reps++;
                }
                if (reps > 1 && reps * len > bestReps * bestLen) {
                    bestLen = len;
                    bestReps = reps;
                }
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            List<String> unit = path.subList(i, i + bestLen);
            if (bestReps > 1) {
                sb.append(bestLen > 1 ? "(" + String.join(" ", unit) + ")" : unit.get(0)).append('×').append(bestReps);
            } else {
                sb.append(unit.get(0));
            }
            i += bestLen * bestReps;
        }
        return sb.toString();
    }

    private String defaultName() {
        String name = program.getFileName().toString();
        return (name.endsWith(".pir") ? name.substring(0, name.length() - 4) : name) + ".inputs.json";
    }

    private void printJson(CompiledProgram p, List<Diagnostic> failures, List<Diagnostic> mock, PrintWriter out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("program", program.toString());
        Map<String, String> pub = new LinkedHashMap<>();
        p.publicValues().forEach((k, v) -> pub.put(k, v.toBigInteger().toString()));
        m.put("public", pub);
        m.put("result", p.result());
        m.put("satisfied", failures.isEmpty() && mock.isEmpty());
        m.put("failures", failures.stream().map(Diagnostic::render).toList());
        m.put("mockProverFailures", mock.stream().map(Diagnostic::render).toList());
        m.put("stats", p.stats().asMap());
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
