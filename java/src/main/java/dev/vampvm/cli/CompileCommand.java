package dev.vampvm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vampvm.ir.CompiledProgram;
import dev.vampvm.ir.Inputs;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.SourceFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vampvm compile PROGRAM.pir}: compiles in static mode and prints the circuit's statistics. */
@Command(name = "compile",
        mixinStandardHelpOptions = true,
        description = {
            "Compile a VampIR program in static mode and print its statistics: inputs, public inputs, constraints,",
            "rows (against the one-row-per-three-address-constraint baseline), columns, k, gates.",
            "A program whose recursion depends on its inputs needs --inputs (a circuit for that run; by default the",
            "inputs file beside the program is used then) or --unroll N.",
            "--mode vm lists the blocks VM mode cuts the program into instead: each block's rows, k, interface,",
            "how it ends, and the digest its verifying keys are derived from; then the program id.",
            "Exit codes: 0 ok, 1 a constraint can never hold, 2 usage, 3 unreadable or malformed file."})
final class CompileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROGRAM.pir", description = "The program.")
    Path program;

    @Option(names = "--json", description = "Print the statistics as JSON.")
    boolean json;

    @Option(names = "--inputs", paramLabel = "FILE", description = "Inputs (JSON) to unroll recursion along their run.")
    Path inputs;

    @Option(names = "--unroll", paramLabel = "N", description = "Unroll recursion to at most N levels (input-independent circuit).")
    Integer unroll;

    @Option(names = "--listing", description = "Also print the three-address constraints and the rows.")
    boolean listing;

    @Option(names = "--mode", paramLabel = "MODE", description = "static (default) or vm.")
    ProveCommand.Mode mode = ProveCommand.Mode.STATIC;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (unroll != null && unroll < 0) {
            err.println("vampvm compile: --unroll must be at least 0, got " + unroll);
            err.flush();
            return ProgramFiles.EXIT_USAGE;
        }
        try {
            SourceFile source = ProgramFiles.read(program);
            if (mode == ProveCommand.Mode.VM) {
                return listBlocks(dev.vampvm.vm.VmProgram.compile(source), out);
            }
            Inputs in = inputs != null ? ProgramFiles.readInputs(inputs) : null;
            CompiledProgram p;
            try {
                p = ProgramFiles.compile(source, in, unroll);
            } catch (CompileException e) {
                Path fallback = ProgramFiles.defaultInputs(program);
                if (e.kind() != CompileException.Kind.USAGE || in != null || fallback == null) {
                    throw e;
                }
                err.println("note: the recursion depends on the inputs; compiling for the run of " + fallback
                        + " (--unroll N gives an input-independent circuit)");
                in = ProgramFiles.readInputs(fallback);
                p = ProgramFiles.compile(source, in, null);
            }
            print(p, out);
            out.flush();
            err.flush();
            return Main.EXIT_OK;
        } catch (ProgramFiles.Failure f) {
            err.println("vampvm compile: " + f.getMessage());
            err.flush();
            return f.exit;
        } catch (CompileException e) {
            return ProgramFiles.report(e, err);
        }
    }

    private void print(CompiledProgram p, PrintWriter out) {
        CompiledProgram.Stats s = p.stats();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("program", program.toString());
            m.put("mode", p.mode().name().toLowerCase(java.util.Locale.ROOT));
            m.put("inputNames", p.inputNames());
            m.put("publicInputNames", p.flat().publicNames());
            m.putAll(s.asMap());
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        out.printf("program       %s (static mode, %s)%n", program, switch (p.mode()) {
            case TRACE -> "recursion unrolled along the run of the inputs";
            case UNROLL -> "recursion unrolled to --unroll " + unroll;
            case SHAPE -> "no recursion on inputs";
            case VM -> throw new IllegalStateException("a VM block is not a static program");
        });
        out.printf("inputs        %d%s%n", s.inputs(), names(p.inputNames()));
        out.printf("public        %d%s%n", s.publicInputs(), names(p.flat().publicNames()));
        out.printf("constraints   %d three-address, %d after copy propagation and dead-code removal, %d after fusion%n",
                s.constraints(), s.optimizedConstraints(), s.fusedConstraints());
        out.printf("rows          %d (baseline %d: one row per three-address constraint; %.1f%% fewer)%n", s.rows(),
                s.baselineRows(), s.savedPercent());
        out.printf("columns       %d advice, %d fixed, %d instance%n", s.adviceColumns(), s.fixedColumns(),
                s.instanceColumns());
        out.printf("k             %d (%d rows)%n", s.k(), 1 << s.k());
        out.printf("gates         %d (arith: two products, four cells, constant, next-row sum; bits: four bit checks), degree %d%n",
                s.gates(), s.degree());
        out.printf("bit rows      %d%n", s.bitRows());
        out.printf("copies        %d%n", s.copies());
        if (listing) {
            out.println();
            out.println("three-address constraints:");
            out.print(p.optimized().listing());
            out.println();
            out.println("rows:");
            out.print(p.layout().listing());
        }
    }

    private static String names(java.util.List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        String joined = String.join(", ", names);
        return " (" + (joined.length() > 100 ? joined.substring(0, 97) + "..." : joined) + ")";
    }

    private int listBlocks(dev.vampvm.vm.VmProgram vm, PrintWriter out) {
        if (json) {
            java.util.List<Map<String, Object>> blocks = new java.util.ArrayList<>();
            for (dev.vampvm.vm.Block b : vm.blocks()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("index", b.index());
                m.put("name", b.name());
                m.put("rows", b.hasCircuit() ? b.layout().rows() : 0);
                m.put("k", b.hasCircuit() ? b.layout().k() : null);
                m.put("circuitDigest", b.hasCircuit() ? dev.vampvm.vm.VmProgram.circuitDigestHex(b) : null);
                m.put("imports", b.shape().importKeys());
                m.put("exports", b.shape().exportKeys());
                m.put("end", b.describeEnd());
                blocks.add(m);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("program", program.toString());
            m.put("programId", vm.idHex());
            m.put("blocks", blocks);
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.printf("program       %s (VM mode, %d blocks)%n", program, vm.blocks().size());
            out.printf("%4s  %-20s %6s %3s  %-7s %-7s %-28s %s%n", "#", "block", "rows", "k", "imports", "exports",
                    "end", "circuit digest");
            for (dev.vampvm.vm.Block b : vm.blocks()) {
                out.printf("%4d  %-20s %6d %3s  %-7d %-7d %-28s %s%n", b.index(), b.name(),
                        b.hasCircuit() ? b.layout().rows() : 0, b.hasCircuit() ? String.valueOf(b.layout().k()) : "-",
                        b.shape().importKeys().size(), b.shape().exportKeys().size(), b.describeEnd(),
                        b.hasCircuit() ? dev.vampvm.vm.VmProgram.circuitDigestHex(b).substring(0, 16) + "…" : "(no constraints: no proof)");
            }
            out.println("program id    " + vm.idHex());
        }
        out.flush();
        return Main.EXIT_OK;
    }
}
