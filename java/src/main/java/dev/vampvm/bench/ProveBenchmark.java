package dev.vampvm.bench;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.AdviceColumn;
import dev.vampvm.plonk.AssignedCell;
import dev.vampvm.plonk.Assignment;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.FixedColumn;
import dev.vampvm.plonk.InstanceColumn;
import dev.vampvm.plonk.StandardGate;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.prover.ProverTimings;
import dev.vampvm.plonk.verifier.BatchVerifier;
import dev.vampvm.plonk.verifier.Verifier;
import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Whole-proof timings for the standard-gate circuit (advice a, b, c; a·sl + b·sr + a·b·sm + c·so + sc = 0;
 * copies between all three columns; the result copied to an instance column), every usable row filled, with the
 * prover's phase breakdown (witness, commitments, permutation, quotient, openings), verification, and batch
 * verification of several proofs.
 *
 * <pre>
 *   java -cp target/vampvm.jar dev.vampvm.bench.ProveBenchmark [kMin [kMax [repetitions [threads]]]]
 * </pre>
 * Defaults: k = 10 … 16, 3 measured proofs after one warm-up, all processors. Not a JMH benchmark: one proof at
 * k = 16 takes seconds, and the phase split is the point.
 */
public final class ProveBenchmark {

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

        @Override
        public void synthesize(StandardGate k, Assignment t) {
            Fp vx = Fp.of(x);
            Fp minusOne = Fp.ONE.neg();
            Fp acc = vx;
            AssignedCell first = null;
            AssignedCell previous = null;
            for (int i = 0; i < rows; i++) {
                boolean mul = i % 2 == 0;
                AssignedCell a = t.assignAdvice(k.a(), i, acc);
                AssignedCell b = t.assignAdvice(k.b(), i, vx);
                acc = mul ? acc.mul(vx) : acc.add(vx);
                AssignedCell c = t.assignAdvice(k.c(), i, acc);
                t.assignFixed(k.sl(), i, mul ? Fp.ZERO : Fp.ONE);
                t.assignFixed(k.sr(), i, mul ? Fp.ZERO : Fp.ONE);
                t.assignFixed(k.sm(), i, mul ? Fp.ONE : Fp.ZERO);
                t.assignFixed(k.so(), i, minusOne);
                if (first == null) {
                    first = a;
                    t.copy(a.cell(), b.cell());
                } else {
                    t.copy(previous.cell(), a.cell());
                    t.copy(first.cell(), b.cell());
                }
                previous = c;
            }
            t.copy(previous.cell(), t.instance(k.out(), 0).cell());
        }
    }

    public static void main(String[] args) {
        int kMin = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int kMax = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        System.out.printf("standard-gate circuit, %d threads, %s%n", threads, Runtime.version());
        System.out.printf("%3s %9s %9s %9s %9s %9s %9s %9s %9s %9s%n", "k", "keygen", "witness", "commit", "perm",
                "quotient", "openings", "prove", "verify", "bytes");
        try (JavaBackend backend = new JavaBackend(threads); IpaParams params = IpaParams.setup(backend, kMax)) {
            for (int k = kMin; k <= kMax; k++) {
                run(params, k, reps);
            }
            int low = Math.min(kMin, 10);
            batch(params, low, Math.min(kMax, low + 2));
        }
    }

    private static void run(IpaParams params, int k, int reps) {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        new StandardGateChain(1, 1).configure(b);
        int rows = b.build().usableRows(k);
        StandardGateChain circuit = new StandardGateChain(rows, 3);
        List<List<Fp>> instances = List.of(List.of(circuit.output()));
        long t0 = System.nanoTime();
        try (ProvingKey pk = Keygen.keygen(params, circuit, k)) {
            long keygen = System.nanoTime() - t0;
            SecureRandom rng = new SecureRandom();
            byte[] proof = Prover.prove(params, pk, circuit, instances, rng); // warm-up
            ProverTimings timings = new ProverTimings();
            for (int i = 0; i < reps; i++) {
                proof = Prover.prove(params, pk, circuit, instances, rng, timings);
            }
            VerifyingKey vk = pk.verifyingKey();
            long v0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                if (!Verifier.verify(params, vk, instances, proof)) {
                    throw new IllegalStateException("the proof did not verify");
                }
            }
            long verify = (System.nanoTime() - v0) / reps;
            System.out.printf("%3d %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %9d%n", k, keygen / 1e6,
                    timings.witness / 1e6 / reps, timings.commitments / 1e6 / reps, timings.permutation / 1e6 / reps,
                    timings.quotient / 1e6 / reps, timings.openings / 1e6 / reps, timings.total() / 1e6 / reps,
                    verify / 1e6, proof.length);
        }
    }

    /** One verification against a batch of 8 proofs (two sizes mixed), to show the batch's single MSM. */
    private static void batch(IpaParams params, int kLow, int kHigh) {
        int count = 8;
        BatchVerifier batch = new BatchVerifier(new SplittableRandom(1));
        VerifyingKey lastVk = null;
        byte[] lastProof = null;
        List<List<Fp>> lastInstances = null;
        for (int i = 0; i < count; i++) {
            int k = i % 2 == 0 ? kLow : kHigh;
            ConstraintSystem.Builder b = ConstraintSystem.builder();
            new StandardGateChain(1, 1).configure(b);
            StandardGateChain circuit = new StandardGateChain(b.build().usableRows(k), 3 + i);
            List<List<Fp>> instances = List.of(List.of(circuit.output()));
            try (ProvingKey pk = Keygen.keygen(params, circuit, k)) {
                byte[] proof = Prover.prove(params, pk, circuit, instances, new SecureRandom());
                batch.add(pk.verifyingKey(), instances, proof);
                lastVk = pk.verifyingKey();
                lastProof = proof;
                lastInstances = instances;
            }
        }
        long t0 = System.nanoTime();
        Verifier.verify(params, lastVk, lastInstances, lastProof);
        long one = System.nanoTime() - t0;
        t0 = System.nanoTime();
        boolean ok = batch.verify(params);
        long all = System.nanoTime() - t0;
        System.out.printf("batch of %d proofs (k = %d and %d): final MSM %.1f ms (%s); one verification at k = %d: "
                + "%.1f ms%n", count, kLow, kHigh, all / 1e6, ok ? "valid" : "INVALID", kHigh, one / 1e6);
    }
}
