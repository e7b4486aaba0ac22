package dev.vampvm.api;

import dev.vampvm.backend.Backend;
import dev.vampvm.bench.Environment;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.ir.CompiledProgram;
import dev.vampvm.ir.Compiler;
import dev.vampvm.ir.Inputs;
import dev.vampvm.ir.eval.Evaluator;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Diagnostic;
import dev.vampvm.ir.syntax.SourceFile;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.io.IncompatibleFileException;
import dev.vampvm.plonk.keygen.CircuitShape;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.verifier.Proof;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A VampIR program, ready to prove and verify. Get one from {@link Vampvm#compile}; it is immutable and may be used
 * from several threads.
 *
 * <pre>{@code
 * Program p = Vampvm.compile(Path.of("examples/pythagoras.pir"));
 * ProofResult r = p.prove(Map.of("x", "15", "y", "20", "R", "25"), ProveOptions.defaults());
 * boolean ok = p.verify(r.bytes(), Map.of("R", "25"));
 * }</pre>
 *
 * <p>The circuit that is proven never depends on the private inputs: it is static mode's circuit for a program
 * without recursion on its inputs, or the circuit with recursion unrolled to a bound N, which the proof records
 * ({@link CircuitChoice}), so that {@link #check} rebuilds it from the program alone.
 */
public final class Program {
    /** The largest bound the automatic choice tries (the evaluator refuses deeper recursion anyway). */
    static final int MAX_AUTO_UNROLL = 1 << 16;
    /**
     * A verifier's budget when it rebuilds a circuit: three-address constraints per row of the proof's 2^k (layouts
     * fuse a few constraints into a row and equalities cost no row; no honest program comes near 64).
     */
    static final long MAX_CONSTRAINTS_PER_ROW = 64;

    private final SourceFile source;
    private final String name;
    private final String sha256;
    private dev.vampvm.vm.VmProgram vmProgram;

    Program(String name, String text) {
        this.source = new SourceFile(name, text);
        this.name = name;
        this.sha256 = sha256(text);
        // Parse and type-check now, so that a broken program fails here with its diagnostics; on the compiler's
        // large stack, since both recurse as deeply as the program nests (the caller's stack may be small).
        Compiler.onLargeStack(() -> dev.vampvm.ir.types.TypeChecker.check(dev.vampvm.ir.syntax.Parser.parse(source)));
    }

    /** The file name the program was read from (used in diagnostics). */
    public String name() {
        return name;
    }

    /** SHA-256 of the program's text, in hex: what proofs bind to. */
    public String sha256() {
        return sha256;
    }

    /** This program compiled for VM mode (compiled once, on first use). */
    public synchronized dev.vampvm.vm.VmProgram vm() {
        if (vmProgram == null) {
            vmProgram = dev.vampvm.vm.VmProgram.compile(source);
        }
        return vmProgram;
    }

    /**
     * Proves a run of the program in VM mode: runs it block by block ({@code maxSteps} at most), proves each block's
     * executions together, and packs the trace and the block proofs into a VM proof. In this version every value that
     * crosses a block boundary is public (it travels in the trace); only values inside a block stay private.
     *
     * @throws CompileException for unknown, missing or malformed inputs
     * @throws VampvmException when the inputs do not satisfy the program, or the run exceeds {@code maxSteps}
     */
    public VmProofResult proveVm(Map<String, String> inputs, ProveOptions options, int maxSteps,
            dev.vampvm.vm.VmProver.Progress progress) {
        Map<String, Long> times = new LinkedHashMap<>();
        long t = System.nanoTime();
        dev.vampvm.vm.VmProgram vm = vm();
        times.put("compile", System.nanoTime() - t);
        t = System.nanoTime();
        dev.vampvm.vm.Trace trace = dev.vampvm.vm.Interpreter.run(vm, Inputs.of(inputs), maxSteps);
        times.put("run", System.nanoTime() - t);
        t = System.nanoTime();
        RandomGenerator random = options.random() != null ? options.random() : new SecureRandom();
        try (Backend backend = options.engine().open(options.threads())) {
            dev.vampvm.vm.VmProver.Result r = dev.vampvm.vm.VmProver.prove(vm, trace, backend,
                    new dev.vampvm.vm.VmProver.Options(options.keyCache(), () -> perBlock(random),
                            dev.vampvm.vm.VmProver.Options.defaultParallelBlocks()), progress);
            times.put("prove", System.nanoTime() - t);
            return new VmProofResult(r.proof(), trace, r.groups(), times, r.elsewhere());
        }
    }

    /**
     * A block proof's own generator: a fresh SecureRandom when the caller's is one (zero knowledge must not rest on
     * a 64-bit seed), else one seeded from the caller's, so that a seeded run gives the same bytes whatever the
     * order in which blocks are proven.
     */
    private static RandomGenerator perBlock(RandomGenerator random) {
        return random instanceof SecureRandom ? new SecureRandom() : new java.util.Random(random.nextLong());
    }

    /**
     * Verifies a VM proof of this program ({@link dev.vampvm.vm.VmVerifier}).
     *
     * @param expectedPublic public values the verifier trusts (by name; all of them), or null to take the proof's
     */
    public Verification checkVm(byte[] file, Map<String, String> expectedPublic, KeyCache keyCache, int threads) {
        Map<String, Fp> expected = null;
        if (expectedPublic != null) {
            expected = new LinkedHashMap<>();
            for (String n : vm().publicNames()) {
                String v = expectedPublic.get(n);
                if (v == null) {
                    return new Verification(false, "no value given for public input '" + n + "'", Map.of());
                }
                try {
                    expected.put(n, Inputs.parseNumber(v));
                } catch (IllegalArgumentException e) {
                    return new Verification(false, "public input '" + n + "': " + e.getMessage(), Map.of());
                }
            }
            for (String n : expectedPublic.keySet()) {
                if (!expected.containsKey(n)) {
                    return new Verification(false, "'" + n + "' is not a public input of the program", Map.of());
                }
            }
        }
        try (Backend backend = Engine.JAVA.open(threads)) {
            dev.vampvm.vm.VmVerifier.Verdict v = dev.vampvm.vm.VmVerifier.verify(vm(), file, expected, backend, keyCache);
            Map<String, String> shown = new LinkedHashMap<>();
            v.publicValues().forEach((k, x) -> shown.put(k, x.toBigInteger().toString()));
            return new Verification(v.valid(), v.reason(), shown);
        }
    }

    /** Compiles the input-independent circuit of this choice, with a witness when inputs are given. */
    public CompiledProgram compile(CircuitChoice choice, Map<String, String> inputs) {
        return Compiler.compileWith(source, inputs == null ? null : Inputs.of(inputs), choice.options());
    }

    /**
     * Proves the program with these inputs.
     *
     * @throws CompileException for unknown, missing or malformed inputs, and constraints between constants that can
     *     never hold
     * @throws VampvmException when the inputs do not satisfy the program (diagnostics at the source constraints),
     *     or no recursion bound fits
     */
    public ProofResult prove(Map<String, String> inputs, ProveOptions options) {
        Map<String, Long> times = new LinkedHashMap<>();
        ProveOptions.Progress progress = options.progress() != null ? options.progress() : new ProveOptions.Progress() {
            @Override
            public void started(String phase) {
            }

            @Override
            public void finished(String phase, long nanos, String detail) {
            }
        };
        long t = System.nanoTime();
        progress.started("compile");
        Inputs in = Inputs.of(inputs);
        CircuitChoice choice;
        CompiledProgram compiled;
        if (options.unroll() != null) {
            choice = CircuitChoice.unroll(options.unroll());
            compiled = Compiler.compileWith(source, in, choice.options());
        } else {
            CompiledProgram shape = null;
            try {
                shape = Compiler.compileWith(source, in, Evaluator.Options.shape());
            } catch (CompileException e) {
                if (e.kind() != CompileException.Kind.USAGE) {
                    throw e;
                }
            }
            if (shape != null) {
                choice = CircuitChoice.none();
                compiled = shape;
            } else {
                // Recursion on the inputs: first the run itself (reports unsatisfiable inputs at the source), then
                // the smallest power-of-two bound the run fits.
                CompiledProgram run = Compiler.compileWith(source, in, Evaluator.Options.trace());
                unsatisfied(run.checkWitness());
                choice = null;
                compiled = null;
                for (int n = 1; n <= MAX_AUTO_UNROLL && choice == null; n *= 2) {
                    try {
                        CompiledProgram c = Compiler.compileWith(source, in, Evaluator.Options.unroll(n));
                        if (c.checkWitness().isEmpty()) {
                            choice = CircuitChoice.unroll(n);
                            compiled = c;
                        }
                    } catch (CompileException e) {
                        if (e.kind() != CompileException.Kind.USAGE) {
                            throw e;
                        }
                    }
                }
                if (choice == null) {
                    throw new VampvmException(VampvmException.Kind.USAGE, "the recursion of " + name
                            + " is deeper than " + MAX_AUTO_UNROLL + " levels for these inputs", List.of());
                }
            }
        }
        unsatisfied(compiled.checkWitness());
        int k = compiled.layout().k();
        checkResources(Synthesis.configure(compiled.circuit()), k, name);
        dev.vampvm.field.Lanes.expectProof(k);
        lap(progress, times, "compile", t, "k = " + k + ", " + compiled.layout().rows() + " rows, "
                + choice.describe());

        try (Backend opened = options.engine().open(options.threads())) {
            Backend backend = opened.forProof(k);
            checkEngineMemory(backend, Synthesis.configure(compiled.circuit()), k, name);
            t = System.nanoTime();
            progress.started("setup");
            try (IpaParams params = IpaParams.setup(backend, k)) {
                String elsewhere = opened.elsewhereReason(k);
                lap(progress, times, "setup", t, "2^" + k + " generators" + (elsewhere == null ? ""
                        : ", on the " + backend.name() + " engine: " + elsewhere));
                t = System.nanoTime();
                progress.started("keygen");
                KeyCache.Status status = null;
                ProvingKey pk;
                KeyCache cache = options.keyCache();
                if (cache != null) {
                    CircuitShape shape = CircuitShape.of(compiled.circuit(), k);
                    byte[] address = KeyCache.address(sha256, choice, k, shape.digest());
                    KeyCache.Lookup hit = cache.load(address, shape.constraintSystem());
                    status = hit.status();
                    if (hit.status() == KeyCache.Status.HIT) {
                        pk = Keygen.keygen(params, shape, hit.key());
                    } else {
                        pk = Keygen.keygen(params, shape);
                        cache.store(address, pk.verifyingKey());
                    }
                } else {
                    pk = Keygen.keygen(params, compiled.circuit(), k);
                }
                try (pk) {
                    lap(progress, times, "keygen", t, status == null ? "no cache"
                            : status == KeyCache.Status.HIT ? "commitments from the key cache"
                            : status == KeyCache.Status.CORRUPT ? "corrupt cache entry rebuilt" : "stored in the key cache");
                    t = System.nanoTime();
                    progress.started("prove");
                    List<List<Fp>> instances = compiled.layout().instances();
                    byte[] transcript = Prover.prove(params, pk, compiled.circuit(), instances,
                            options.random() != null ? options.random() : new SecureRandom());
                    Proof proof = Proof.of(pk.verifyingKey(), instances, transcript);
                    ProgramProof pp = new ProgramProof(name, sha256, choice, k, compiled.flat().publicNames(),
                            instances.get(0), Environment.runningVersion(), proof);
                    lap(progress, times, "prove", t, pp.toBytes().length + " bytes");
                    return new ProofResult(pp, pp.publicMap(), status, times, compiled.layout().rows());
                }
            }
        }
    }

    /**
     * Refuses a circuit over {@link IpaParams#MAX_K} (a usage error) or one whose proof would need more heap than the
     * JVM may use ({@link dev.vampvm.plonk.prover.MemoryEstimate}), before any work is spent on it.
     */
    public static void checkResources(dev.vampvm.plonk.ConstraintSystem cs, int k, String what) {
        if (k > IpaParams.MAX_K) {
            throw new VampvmException(VampvmException.Kind.USAGE, what + " needs a circuit of 2^" + k
                    + " rows; vampvm proves at most 2^" + IpaParams.MAX_K, List.of());
        }
        long need = dev.vampvm.plonk.prover.MemoryEstimate.proverBytes(cs, k);
        long have = dev.vampvm.plonk.prover.MemoryEstimate.available();
        if (need > have) {
            throw new VampvmException(VampvmException.Kind.RESOURCES, what + " needs about "
                    + dev.vampvm.plonk.prover.MemoryEstimate.describe(need) + " of heap to prove (2^" + k + " rows), "
                    + "more than the " + dev.vampvm.plonk.prover.MemoryEstimate.describe(have) + " this JVM may use: "
                    + "raise it, e.g. VAMPVM_JAVA_OPTS=-Xmx" + Math.max(1, (need >> 30) + 1) + "g", List.of());
        }
    }

    /**
     * Refuses a proof whose vectors would not fit in the engine's memory (a GPU's, {@link Backend#memoryLimitBytes};
     * {@link dev.vampvm.plonk.prover.DeviceMemoryEstimate}) before anything is uploaded.
     */
    public static void checkEngineMemory(Backend backend, dev.vampvm.plonk.ConstraintSystem cs, int k, String what) {
        long limit = backend.memoryLimitBytes();
        if (limit == Long.MAX_VALUE) {
            return;
        }
        long need = dev.vampvm.plonk.prover.DeviceMemoryEstimate.proofBytes(backend, cs, k);
        if (need > limit) {
            throw new VampvmException(VampvmException.Kind.RESOURCES, what + " needs about "
                    + dev.vampvm.plonk.prover.MemoryEstimate.describe(need) + " of " + backend.name()
                    + " engine memory to prove (2^" + k + " rows), more than the "
                    + dev.vampvm.plonk.prover.MemoryEstimate.describe(limit) + " free on " + backend.description()
                    + ": prove it on the CPU (without --gpu) or on a GPU with more memory", List.of());
        }
    }

    private static void lap(ProveOptions.Progress progress, Map<String, Long> times, String phase, long start,
            String detail) {
        long nanos = System.nanoTime() - start;
        times.put(phase, nanos);
        progress.finished(phase, nanos, detail);
    }

    private void unsatisfied(List<Diagnostic> failures) {
        if (!failures.isEmpty()) {
            throw new VampvmException(VampvmException.Kind.UNSATISFIED, "the inputs do not satisfy " + name + " ("
                    + failures.size() + " failing " + (failures.size() == 1 ? "constraint" : "constraints") + ")",
                    failures);
        }
    }

    /** True if the proof file is valid for this program (and, when given, exactly these public values). */
    public boolean verify(byte[] proofFile, Map<String, String> publicValues) {
        try {
            return check(ProgramProof.fromBytes(proofFile), publicValues, KeyCache.configured(), 0).valid();
        } catch (IncompatibleFileException e) {
            return false;
        }
    }

    /**
     * Verifies a proof: the program's hash, the circuit rebuilt from the program and the recorded
     * {@link CircuitChoice}, the verifying key (from the key cache when there), the public values, the transcript.
     *
     * @param expectedPublic public values the verifier trusts (by name; all of them), or null to take the proof's
     * @param keyCache       the key cache, or null
     * @param threads        worker threads, 0 for one per core
     */
    public Verification check(ProgramProof proof, Map<String, String> expectedPublic, KeyCache keyCache, int threads) {
        Map<String, String> claimed = proof.publicMap();
        if (!proof.programSha256().equals(sha256)) {
            return new Verification(false, "the proof was made for another program (" + proof.programName()
                    + ", sha256 " + proof.programSha256().substring(0, 16) + "…), not " + name + " (sha256 "
                    + sha256.substring(0, 16) + "…)", claimed);
        }
        List<Fp> values = proof.publicValues();
        if (expectedPublic != null) {
            String problem = comparePublic(proof, expectedPublic);
            if (problem != null) {
                return new Verification(false, problem, claimed);
            }
        }
        CompiledProgram compiled;
        try {
            // The bound comes from the proof: stop compiling once the circuit outgrows the proof's k, or the heap
            // (a proof may claim k = 26, 2^32 constraints, more than any heap holds).
            compiled = Compiler.compileWith(source, null, proof.circuit().options().withMaxConstraints(Math.min(
                    MAX_CONSTRAINTS_PER_ROW << Math.min(proof.k(), IpaParams.MAX_K),
                    Evaluator.Options.heapConstraintLimit())));
        } catch (CompileException e) {
            return new Verification(false, "the circuit recorded in the proof (" + proof.circuit().describe()
                    + ") does not compile: " + e.getMessage(), claimed);
        }
        if (!compiled.flat().publicNames().equals(proof.publicNames())) {
            return new Verification(false, "the proof's public inputs " + proof.publicNames()
                    + " are not the program's " + compiled.flat().publicNames(), claimed);
        }
        int k = compiled.layout().k();
        if (k > IpaParams.MAX_K) {
            return new Verification(false, "the program's circuit has k = " + k + ", over the largest k = "
                    + IpaParams.MAX_K, claimed);
        }
        if (k != proof.k()) {
            return new Verification(false, "the proof is for k = " + proof.k() + ", the program's circuit has k = " + k,
                    claimed);
        }
        List<List<Fp>> instances = List.of(values);
        try (Backend backend = Engine.JAVA.open(threads);
                IpaParams params = IpaParams.setup(backend, k)) {
            VerifyingKey vk = KeyCache.verifyingKey(keyCache, KeyCache.purpose(sha256, proof.circuit()), params,
                    CircuitShape.of(compiled.circuit(), k));
            String mismatch = proof.proof().matches(vk, instances);
            if (mismatch != null) {
                return new Verification(false, mismatch, claimed);
            }
            boolean ok = proof.proof().verify(params, vk, instances);
            return new Verification(ok, ok ? null : "the proof does not verify", claimed);
        }
    }

    private static String comparePublic(ProgramProof proof, Map<String, String> expected) {
        List<String> problems = new ArrayList<>();
        for (String n : expected.keySet()) {
            if (!proof.publicNames().contains(n)) {
                problems.add("'" + n + "' is not a public input of the proof");
            }
        }
        for (int i = 0; i < proof.publicNames().size(); i++) {
            String n = proof.publicNames().get(i);
            String e = expected.get(n);
            if (e == null) {
                problems.add("no value given for public input '" + n + "'");
                continue;
            }
            Fp v;
            try {
                v = Inputs.parseNumber(e);
            } catch (IllegalArgumentException ex) {
                problems.add("public input '" + n + "': " + ex.getMessage());
                continue;
            }
            if (!v.equals(proof.publicValues().get(i))) {
                problems.add("public input '" + n + "' is " + proof.publicValues().get(i).toBigInteger()
                        + " in the proof, " + e + " was expected");
            }
        }
        return problems.isEmpty() ? null : "the public values do not match: " + String.join("; ", problems);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
