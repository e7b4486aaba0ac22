package dev.vampvm.bench;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.bench.ProveBenchmark.StandardGateChain;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.StackedCircuit;
import dev.vampvm.plonk.StandardGate;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.verifier.BatchVerifier;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Many instances of one circuit: m separate proofs at k₀ against one {@link StackedCircuit} proof of the m
 * copies at k₀ + log2 m, keys prepared beforehand on both sides (as the VM caches them per block and batch
 * size). Each instance is a standard-gate chain filling the usable rows of k₀; times are the minimum of three
 * alternating runs (verification: one batch of the m proofs against the one stacked proof). Run:
 * {@code java -cp target/vampvm.jar dev.vampvm.bench.ManyInstancesBenchmark [k0] [maxLogM]}.
 */
public final class ManyInstancesBenchmark {

    private ManyInstancesBenchmark() {
    }

    public static void main(String[] args) {
        int k0 = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int maxLogM = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        System.out.printf("m instances of a standard-gate chain at k0 = %d, %d threads, %s%n", k0,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.printf("%4s %14s %14s %8s %14s %14s%n", "m", "separate (ms)", "stacked (ms)", "ratio",
                "verify sep.", "verify stack");
        try (JavaBackend backend = new JavaBackend(); IpaParams params = IpaParams.setup(backend, k0 + maxLogM)) {
            int rows = Synthesis.configure(new StandardGateChain(1, 1)).usableRows(k0);
            for (int logM = 0; logM <= maxLogM; logM++) {
                int m = 1 << logM;
                List<StandardGateChain> copies = new ArrayList<>();
                List<List<List<Fp>>> perCopy = new ArrayList<>();
                for (int i = 0; i < m; i++) {
                    StandardGateChain c = new StandardGateChain(rows, 3 + i);
                    copies.add(c);
                    perCopy.add(List.of(List.of(c.output())));
                }
                StackedCircuit<StandardGate> stacked = new StackedCircuit<>(copies, rows);
                List<List<Fp>> stackedInstances = stacked.instances(perCopy);
                try (ProvingKey single = Keygen.keygen(params, copies.get(0), k0);
                        ProvingKey many = Keygen.keygen(params, stacked, k0 + logM)) {
                    // Warm-up of both, then the minimum of three alternating runs of each.
                    Prover.prove(params, single, copies.get(0), perCopy.get(0), new SecureRandom());
                    Prover.prove(params, many, stacked, stackedInstances, new SecureRandom());
                    long sep = Long.MAX_VALUE;
                    long stack = Long.MAX_VALUE;
                    long verifySep = Long.MAX_VALUE;
                    long verifyStack = Long.MAX_VALUE;
                    for (int rep = 0; rep < 3; rep++) {
                        long t0 = System.nanoTime();
                        BatchVerifier separate = new BatchVerifier(new SecureRandom());
                        for (int i = 0; i < m; i++) {
                            byte[] proof = Prover.prove(params, single, copies.get(i), perCopy.get(i),
                                    new SecureRandom());
                            separate.add(single.verifyingKey(), perCopy.get(i), proof);
                        }
                        sep = Math.min(sep, System.nanoTime() - t0);
                        t0 = System.nanoTime();
                        byte[] proof = Prover.prove(params, many, stacked, stackedInstances, new SecureRandom());
                        stack = Math.min(stack, System.nanoTime() - t0);
                        t0 = System.nanoTime();
                        boolean okSeparate = separate.verify(params);
                        verifySep = Math.min(verifySep, System.nanoTime() - t0);
                        t0 = System.nanoTime();
                        BatchVerifier one = new BatchVerifier(new SecureRandom());
                        one.add(many.verifyingKey(), stackedInstances, proof);
                        boolean okStacked = one.verify(params);
                        verifyStack = Math.min(verifyStack, System.nanoTime() - t0);
                        if (!okSeparate || !okStacked) {
                            throw new IllegalStateException("a proof did not verify");
                        }
                    }
                    System.out.printf("%4d %14.1f %14.1f %8.2f %14.1f %14.1f%n", m, sep / 1e6, stack / 1e6,
                            stack / (double) sep, verifySep / 1e6, verifyStack / 1e6);
                }
            }
        }
    }
}
