package dev.vampvm.bench;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.ir.CompiledProgram;
import dev.vampvm.ir.Compiler;
import dev.vampvm.ir.Inputs;
import dev.vampvm.ir.syntax.SourceFile;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.verifier.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every program in examples/ (with its inputs file), compiled and proved: compile time (parse, type check,
 * symbolic evaluation, optimisation, layout and witness), rows against the one-row-per-constraint baseline, k,
 * keygen, prove and verify times and the proof's size. Each timing is the minimum over the repetitions, after one
 * untimed warm-up compile and prove per program (the JIT). The issue asks that compile time stay well below prove
 * time; the last column is their ratio.
 *
 * <p>Arguments: [examples folder, default examples] [repetitions, default 3] [threads, default all cores].
 */
public final class ExamplesBenchmark {
    private ExamplesBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "examples");
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        List<Path> programs;
        try (Stream<Path> s = Files.list(dir)) {
            programs = s.filter(p -> p.toString().endsWith(".pir"))
                    .filter(p -> Files.exists(inputsOf(p))).sorted().toList();
        }
        List<CompiledProgram> compiled = new ArrayList<>();
        int kMax = 0;
        for (Path p : programs) {
            CompiledProgram c = compile(p);
            compiled.add(c);
            kMax = Math.max(kMax, c.layout().k());
        }
        System.out.printf("examples in %s, %d threads, %d repetitions (minimum), %s%n", dir, threads, reps,
                Runtime.version());
        System.out.printf("%-11s %7s %8s %6s %3s %10s %9s %9s %9s %7s %9s%n", "program", "rows", "baseline",
                "saved", "k", "compile ms", "keygen ms", "prove ms", "verify ms", "bytes", "compile/prove");
        try (JavaBackend backend = new JavaBackend(threads); IpaParams params = IpaParams.setup(backend, kMax)) {
            for (int i = 0; i < programs.size(); i++) {
                run(params, programs.get(i), compiled.get(i), reps);
            }
        }
    }

    static Path inputsOf(Path program) {
        String name = program.getFileName().toString();
        return program.resolveSibling(name.substring(0, name.length() - 4) + ".inputs.json");
    }

    static CompiledProgram compile(Path program) throws IOException {
        SourceFile src = new SourceFile(program.getFileName().toString(), Files.readString(program));
        CompiledProgram c = Compiler.compile(src, Inputs.read(inputsOf(program)), null);
        c.layout(); // lay out and fill the table: part of the compile time
        c.circuit();
        return c;
    }

    private static void run(IpaParams params, Path program, CompiledProgram c, int reps) throws IOException {
        long compile = Long.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            c = compile(program);
            compile = Math.min(compile, System.nanoTime() - t0);
        }
        if (!c.checkWitness().isEmpty()) {
            throw new IllegalStateException(program + ": its inputs do not satisfy it");
        }
        CompiledProgram.Stats s = c.stats();
        int k = c.layout().k();
        List<List<Fp>> instances = c.layout().instances();
        SecureRandom rng = new SecureRandom();
        long keygen = Long.MAX_VALUE;
        long prove = Long.MAX_VALUE;
        long verify = Long.MAX_VALUE;
        byte[] proof = null;
        for (int r = 0; r <= reps; r++) { // r = 0 warms up
            long t0 = System.nanoTime();
            try (ProvingKey pk = Keygen.keygen(params, c.circuit(), k)) {
                long t1 = System.nanoTime();
                proof = Prover.prove(params, pk, c.circuit(), instances, rng);
                long t2 = System.nanoTime();
                if (!Verifier.verify(params, pk.verifyingKey(), instances, proof)) {
                    throw new IllegalStateException(program + ": the proof did not verify");
                }
                long t3 = System.nanoTime();
                if (r > 0) {
                    keygen = Math.min(keygen, t1 - t0);
                    prove = Math.min(prove, t2 - t1);
                    verify = Math.min(verify, t3 - t2);
                }
            }
        }
        String name = program.getFileName().toString();
        System.out.printf("%-11s %7d %8d %5.1f%% %3d %10.1f %9.1f %9.1f %9.1f %7d %9.3f%n",
                name.substring(0, name.length() - 4), s.rows(), s.baselineRows(), s.savedPercent(), k, compile / 1e6,
                keygen / 1e6, prove / 1e6, verify / 1e6, proof.length, (double) compile / prove);
    }

}
