package dev.vampvm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vampvm.api.KeyCache;
import dev.vampvm.api.Program;
import dev.vampvm.api.ProgramProof;
import dev.vampvm.api.Vampvm;
import dev.vampvm.api.Verification;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.plonk.io.FileHeader;
import dev.vampvm.plonk.io.FileKind;
import dev.vampvm.plonk.io.IncompatibleFileException;
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

/** {@code vampvm verify PROGRAM.pir PROOF}: checks a proof against the program. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verify a proof of a VampIR program: the circuit is rebuilt from the program and the way the proof says it",
            "was compiled (no recursion, or unroll N), without the private inputs. Prints the verdict and the public",
            "values it verified; --public FILE (JSON, all public inputs) gives values the proof must carry.",
            "Exit codes: 0 valid, 1 invalid (also: a proof for another program, other public values),",
            "2 usage, 3 malformed or incompatible file."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Parameters(index = "0", paramLabel = "PROGRAM.pir", description = "The program.")
    Path program;

    @Parameters(index = "1", paramLabel = "PROOF", description = "The proof file.")
    Path proofFile;

    @Option(names = "--public", paramLabel = "FILE", description = "Public inputs as JSON: { \"R\": \"25\" }.")
    Path publicFile;






    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (common.threads < 0) {
            err.println("vampvm verify: --threads must be at least 0");
            err.flush();
            return ProgramFiles.EXIT_USAGE;
        }
        long start = System.nanoTime();
        try {
            ProgramFiles.read(program);
            Map<String, String> expected = publicFile == null ? null : ProgramFiles.readInputs(publicFile).raw();
            byte[] bytes;
            try {
                bytes = dev.vampvm.plonk.io.FileLimits.readBinary(proofFile);
            } catch (IOException e) {
                throw new ProgramFiles.Failure(ProgramFiles.EXIT_MALFORMED, "cannot read " + proofFile + ": "
                        + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
            }
            Program p = Vampvm.compile(program);
            if (isVmProof(bytes)) {
                dev.vampvm.vm.VmProof.fromBytes(bytes); // a file this build cannot read is malformed (exit 3)
                Verification v = p.checkVm(bytes, expected, common.noCache ? null : KeyCache.configured(),
                        common.threads);
                return report(v, "VM mode, program id " + p.vm().idHex(), -1, start, out);
            }
            ProgramProof proof = ProgramProof.fromBytes(bytes);
            Verification v = p.check(proof, expected, common.noCache ? null : KeyCache.configured(), common.threads);
            return report(v, proof.circuit().describe(), proof.k(), start, out);
        } catch (ProgramFiles.Failure f) {
            err.println("vampvm verify: " + f.getMessage());
            err.flush();
            return f.exit;
        } catch (IncompatibleFileException e) {
            err.println("vampvm verify: " + proofFile + ": " + e.getMessage());
            err.flush();
            return ProgramFiles.EXIT_MALFORMED;
        } catch (CompileException e) {
            return ProgramFiles.report(e, err);
        } catch (IOException e) {
            err.println("vampvm verify: " + e.getMessage());
            err.flush();
            return ProgramFiles.EXIT_MALFORMED;
        }
    }

    /** Whether the file says it is a VM proof (its header's kind); anything else is read as a program proof. */
    private static boolean isVmProof(byte[] bytes) {
        try {
            FileHeader.read(bytes, FileKind.VM_PROOF, Integer.MAX_VALUE);
            return true;
        } catch (IncompatibleFileException e) {
            return false;
        }
    }

    /** @param k the circuit's k, or -1 when there is none (VM mode) */
    private int report(Verification v, String circuit, int k, long start, PrintWriter out) throws IOException {
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (common.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("program", program.toString());
            m.put("proof", proofFile.toString());
            m.put("valid", v.valid());
            m.put("reason", v.reason());
            m.put("public", v.publicValues());
            m.put("circuit", circuit);
            if (k >= 0) {
                m.put("k", k);
            }
            m.put("millis", ms);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } else if (!common.quiet) {
            v.publicValues().forEach((name, val) -> out.println("public " + name + " = " + val));
            if (v.valid()) {
                out.println("valid: " + proofFile + " proves " + program + (common.verbose ? " (" + circuit
                        + (k >= 0 ? ", k = " + k : "") + ", " + ms + " ms)" : ""));
            } else {
                out.println("invalid: " + v.reason());
            }
        }
        out.flush();
        return v.valid() ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }
}
