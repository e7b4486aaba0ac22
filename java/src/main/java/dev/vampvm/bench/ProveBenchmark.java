package dev.vampvm.bench;

import dev.vampvm.api.Engine;
import dev.vampvm.backend.Backend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.plonk.AdviceColumn;
import dev.vampvm.plonk.Assignment;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.FixedColumn;
import dev.vampvm.plonk.InstanceColumn;
import dev.vampvm.plonk.StandardGate;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.prover.ProverTimings;
import dev.vampvm.plonk.verifier.Verifier;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The {@code prove} suite: whole proofs. The standard-gate circuit (advice a, b, c;
 * a·sl + b·sr + a·b·sm + c·so + sc = 0; copies between all three columns; the result copied to an instance column)
 * with every usable row filled, at each k, with the prover's phase breakdown (witness, commitments, permutation,
 * quotient, openings) and verification; then every program of examples/ through the API
 * ({@link ExamplesBenchmark}). Not JMH: one proof at k = 16 takes seconds, and the phase split is the point.
 */
public final class ProveBenchmark implements BenchSuite {

    /** The standard-gate chain: row i computes c_i = a_i · b_i or a_i + b_i with a_i = c_(i−1), b_i = x. */
    public record StandardGateChain(int rows, long x) implements Circuit<StandardGate> {

        @Override
        public StandardGate configure(ConstraintSystem.Builder cs) {
            return StandardGate.configure(cs);
        }

        /** The value the chain ends with. */
        public Fp output() {
            Fp vx = Fp.of(x);
            Fp acc = vx;
            for (int i = 0; i < rows; i++) {
                acc = i % 2 == 0 ? acc.mul(vx) : acc.add(vx);
            }
            return acc;
        }

        /** Rows computed and assigned at a time: even, so that every block starts on a multiply row. */
        private static final int BLOCK = 4096;

        /**
         * The chain written a block of rows at a time through the bulk assignments, with the witness computed on
         * Montgomery limbs: the table, copies (in the same order) and refusals are those of assigning cell by
         * cell, without an Fp and two cell objects per value. The per-row loops are small methods of their own with no
         * branch taken once a proof: in one method, the whole synthesis ran as an on-stack-replaced loop, and each
         * proof's first row (its own copy) or last copy (to the instance column) found a branch the compiled loop
         * had never seen, threw the loop back to the interpreter and left it there until it was compiled again: on
         * the 2-core development VM the second to fourth witnesses at k = 20 took 138-586 ms, 63-104 now
         * ({@code bench/witness/run.sh}, bench/results/20261127-231900-6553a9a-witness), and on the H200 machine's host
         * 73-130 ms, once 452 ms.
         */
        @Override
        public void synthesize(StandardGate k, Assignment t) {
            if (rows < 1) {
                throw new IllegalArgumentException("the chain needs at least one row, got " + rows);
            }
            var field = Fp.FIELD;
            int block = Math.min(BLOCK, rows + (rows & 1));
            long[] vx = Fp.of(x).montgomeryLimbs();
            long[] acc = vx.clone();
            long[] a = new long[4 * block];
            long[] b = new long[4 * block];
            long[] c = new long[4 * block];
            // Rows alternate mul (even: sm = 1) and add (odd: sl = sr = 1); so = −1 throughout.
            long[] addRows = new long[4 * block];
            long[] mulRows = new long[4 * block];
            long[] minusOne = new long[4 * block];
            Fp one = Fp.ONE;
            Fp negOne = Fp.ONE.neg();
            for (int i = 0; i < block; i++) {
                System.arraycopy(vx, 0, b, 4 * i, 4);
                (i % 2 == 0 ? one : Fp.ZERO).copyInto(mulRows, 4 * i);
                (i % 2 == 0 ? Fp.ZERO : one).copyInto(addRows, 4 * i);
                negOne.copyInto(minusOne, 4 * i);
            }
            for (int from = 0; from < rows; from += block) {
                int count = Math.min(block, rows - from);
                chain(field, vx, acc, a, c, count);
                t.assignAdvice(k.a(), from, a, 0, count);
                t.assignAdvice(k.b(), from, b, 0, count);
                t.assignAdvice(k.c(), from, c, 0, count);
                t.assignFixed(k.sl(), from, addRows, 0, count);
                t.assignFixed(k.sr(), from, addRows, 0, count);
                t.assignFixed(k.sm(), from, mulRows, 0, count);
                t.assignFixed(k.so(), from, minusOne, 0, count);
                if (from == 0) {
                    t.copy(k.a().cell(0), k.b().cell(0));
                }
                copies(k, t, Math.max(from, 1), from + count);
            }
            t.copy(k.c().cell(rows - 1), t.instance(k.out(), 0).cell());
        }

        /** Rows 0 .. count − 1 of a block: a_i = acc, c_i = a_i · x (even rows) or a_i + x (odd rows), acc = c_i. */
        private static void chain(MontgomeryField field, long[] vx, long[] acc, long[] a, long[] c, int count) {
            for (int i = 0; i < count; i += 2) {
                System.arraycopy(acc, 0, a, 4 * i, 4);
                field.mul(a, 4 * i, vx, 0, c, 4 * i);
                if (i + 1 < count) {
                    System.arraycopy(c, 4 * i, a, 4 * i + 4, 4);
                    field.add(a, 4 * i + 4, vx, 0, c, 4 * i + 4);
                    System.arraycopy(c, 4 * i + 4, acc, 0, 4);
                } else {
                    System.arraycopy(c, 4 * i, acc, 0, 4);
                }
            }
        }

        /** The copies of rows [from, to), from ≥ 1: c_(row−1) = a_row, and a_0 = b_row (x at every row). */
        private static void copies(StandardGate k, Assignment t, int from, int to) {
            for (int row = from; row < to; row++) {
                t.copy(k.c().cell(row - 1), k.a().cell(row));
                t.copy(k.a().cell(0), k.b().cell(row));
            }
        }
    }

    /** The benchmark name of the standard-gate sweep (--include matches it). */
    static final String STANDARD_GATE = "standard-gate";

    @Override
    public String name() {
        return "prove";
    }

    @Override
    public String description() {
        return "whole proofs: standard-gate circuit at each k, examples/*.pir";
    }

    /** Quick mode skips the examples whose circuits are larger (blake2s and sha256 would take most of its time). */
    static final int QUICK_MAX_K = 12;

    /** The k of the sweep: --sizes, else 10, 12, 14, 16 (quick: 10, 12). */
    static List<Integer> sizes(BenchSettings settings) {
        return settings.sizesOr(settings.quick() ? List.of(10, 12) : List.of(10, 12, 14, 16));
    }

    @Override
    public List<String> benchmarks(BenchSettings settings) {
        ConstraintSystem cs = Synthesis.configure(new StandardGateChain(1, 1));
        for (int k : sizes(settings)) {
            try {
                cs.usableRows(k);
            } catch (IllegalArgumentException e) {
                throw new BenchUsageException("--sizes: k = " + k + " does not fit the standard-gate circuit: "
                        + e.getMessage());
            }
        }
        List<String> names = new ArrayList<>();
        names.add(STANDARD_GATE);
        names.addAll(ExamplesBenchmark.benchmarks(ExamplesBenchmark.examplesDir()));
        return names;
    }

    @Override
    public String method(BenchSettings settings) {
        return "per benchmark, one cold run (timed apart), " + warmup(settings) + " discarded warm-up run(s), "
                + repeat(settings) + " measured run(s); times in ms on all " + Runtime.getRuntime().availableProcessors()
                + " cores; every proof is verified. standard-gate: every usable row of 2^k filled, k = "
                + sizes(settings) + ", prover phases as details, params setup and keygen as one-off costs. "
                + ExamplesBenchmark.METHOD + (settings.quick() ? " Quick: examples above k = " + QUICK_MAX_K
                + " skipped." : "");
    }

    static int warmup(BenchSettings settings) {
        return settings.warmupOr(settings.quick() ? 0 : 1);
    }

    static int repeat(BenchSettings settings) {
        return settings.repeatOr(3);
    }

    @Override
    public void run(List<String> selected, BenchSettings settings, Context context) throws Exception {
        for (Engine engine : settings.engines()) {
            if (selected.contains(STANDARD_GATE)) {
                standardGate(sizes(settings), settings, engine, context);
            }
        }
        Path dir = ExamplesBenchmark.examplesDir();
        for (String name : selected) {
            if (!name.equals(STANDARD_GATE)) {
                for (Engine engine : settings.engines()) {
                    ExamplesBenchmark.run(dir, name, warmup(settings), repeat(settings),
                            settings.quick() ? QUICK_MAX_K : IpaParams.MAX_K, engine, context);
                }
            }
        }
    }

    /** One run's figures: times in nanoseconds. */
    private record Run(long prove, long verify, ProverTimings phases, int bytes) {
    }

    private static void standardGate(List<Integer> ks, BenchSettings settings, Engine engine, Context context)
            throws Exception {
        int kMax = ks.stream().max(Integer::compare).orElseThrow();
        long t0 = System.nanoTime();
        try (Backend backend = engine.open(0); IpaParams params = IpaParams.setup(backend, kMax)) {
            double setup = millis(System.nanoTime() - t0);
            for (int k : ks) {
                int rows = Synthesis.configure(new StandardGateChain(1, 1)).usableRows(k);
                StandardGateChain circuit = new StandardGateChain(rows, 3);
                List<List<Fp>> instances = List.of(List.of(circuit.output()));
                long t1 = System.nanoTime();
                try (ProvingKey pk = Keygen.keygen(params, circuit, k)) {
                    double keygen = millis(System.nanoTime() - t1);
                    SecureRandom rng = new SecureRandom();
                    Sampler.Runs<Run> runs = Sampler.sample(warmup(settings), repeat(settings), i -> {
                        ProverTimings phases = new ProverTimings();
                        long a = System.nanoTime();
                        byte[] proof = Prover.prove(params, pk, circuit, instances, rng, phases);
                        long b = System.nanoTime();
                        boolean ok = Verifier.verify(params, pk.verifyingKey(), instances, proof);
                        long c = System.nanoTime();
                        if (!ok) {
                            throw new BenchmarkFailure(STANDARD_GATE + " at k = " + k + ": the proof of run " + i
                                    + " did not verify");
                        }
                        return new Run(b - a, c - b, phases, proof.length);
                    });
                    Map<String, String> p = Map.of("k", Integer.toString(k), "engine", BenchSettings.engineLabel(engine));
                    Map<String, Double> oneOff = new LinkedHashMap<>();
                    oneOff.put("params setup (k = " + kMax + ")", setup);
                    oneOff.put("keygen", keygen);
                    Map<String, Double> details = new LinkedHashMap<>();
                    details.put("rows", (double) rows);
                    details.put("proof bytes", (double) runs.cold().bytes());
                    phase(details, "witness", runs, ph -> ph.witness);
                    phase(details, "commitments", runs, ph -> ph.commitments);
                    phase(details, "permutation", runs, ph -> ph.permutation);
                    phase(details, "quotient", runs, ph -> ph.quotient);
                    phase(details, "openings", runs, ph -> ph.openings);
                    phase(details, "device wait", runs, ph -> ph.device);
                    phase(details, "host work", runs, ProverTimings::host);
                    // Each phase's share of the device wait: its host work is the phase's time less it.
                    phase(details, "commitments device wait", runs, ph -> ph.commitmentsDevice);
                    phase(details, "permutation device wait", runs, ph -> ph.permutationDevice);
                    phase(details, "quotient device wait", runs, ph -> ph.quotientDevice);
                    phase(details, "openings device wait", runs, ph -> ph.openingsDevice);
                    Measurement prove = Measurement.of("prove", STANDARD_GATE + ".prove", p, "ms",
                            runs.measured().stream().map(r -> millis(r.prove())).toList(), millis(runs.cold().prove()),
                            oneOff, true, details, context.environment().id());
                    context.record(prove);
                    context.record(Measurement.of("prove", STANDARD_GATE + ".verify", p, "ms",
                            runs.measured().stream().map(r -> millis(r.verify())).toList(),
                            millis(runs.cold().verify()), Map.of(), true, Map.of(), context.environment().id()));
                    context.log().printf(Locale.ROOT, "%s k = %d, %s engine: prove median %s ms (cold %s ms), "
                            + "verify %s ms%n", STANDARD_GATE, k, engine.cliName(), MarkdownReport.formatNumber(prove.stats().median()),
                            MarkdownReport.formatNumber(prove.coldStart()),
                            MarkdownReport.formatNumber(millis(runs.measured().get(0).verify())));
                }
            }
        }
    }

    /** The median of one prover phase over the measured runs, as "&lt;phase&gt; ms". */
    private static void phase(Map<String, Double> details, String name, Sampler.Runs<Run> runs,
                              ToLongFunction<ProverTimings> phase) {
        details.put(name + " ms", Statistics.of(runs.measured().stream()
                .map(r -> millis(phase.applyAsLong(r.phases()))).toList()).median());
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }
}
