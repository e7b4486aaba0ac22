package dev.vampvm.plonk.prover;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.PointProgram;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.commit.IpaProver;
import dev.vampvm.commit.MultiopenProver;
import dev.vampvm.commit.ProverQuery;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.Column;
import dev.vampvm.plonk.Constraint;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.DenseAssignment;
import dev.vampvm.plonk.Expression.Query;
import dev.vampvm.plonk.Gate;
import dev.vampvm.plonk.Lookup;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.dev.MockProver;
import dev.vampvm.plonk.evaluation.CommittedPolynomial;
import dev.vampvm.plonk.evaluation.EvaluationSource;
import dev.vampvm.plonk.evaluation.Program;
import dev.vampvm.plonk.evaluation.ProgramBuilder;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.plonk.lookup.LookupProver;
import dev.vampvm.plonk.lookup.PermutedColumns;
import dev.vampvm.plonk.permutation.PermutationProver;
import dev.vampvm.plonk.vanishing.VanishingProver;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.poly.ExtendedDomain;
import dev.vampvm.transcript.Transcript;
import dev.vampvm.transcript.TranscriptWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.random.RandomGenerator;

/**
 * Creates a proof (halo2's {@code create_proof}): the transcript bytes of the phases below, in this order.
 * <ol>
 *   <li>Absorb the verifying key's hash ({@link VerifyingKey#transcriptRepresentative()}).</li>
 *   <li>Absorb the public inputs: per instance column its length, then its values. <b>Deviation from halo2
 *       (IPA):</b> instance columns are not committed. The verifier evaluates the instance polynomials itself
 *       with the Lagrange basis (O(#values) work and one batch inversion), which is sound because the values are
 *       public and bound by the transcript; it is halo2-KZG's {@code QUERY_INSTANCE = false}, chosen because
 *       the VM has many small public interfaces, where an MSM per proof would cost more than the evaluation.</li>
 *   <li>Advice: the rows from {@code usableRows} on are random; each column is interpolated and committed with a
 *       random blind; the commitments are sent.</li>
 *   <li>θ; per lookup the permuted columns A′, S′ are committed and sent.</li>
 *   <li>β, γ; the permutation's grand products (one per chunk), then the lookups' grand products.</li>
 *   <li>A random polynomial, committed, that blinds the quotient's part in the opening.</li>
 *   <li>y; the quotient h over the extended coset, its d − 1 pieces committed and sent.</li>
 *   <li>x; the evaluations: advice queries, fixed queries, the random polynomial, σ, the permutation products
 *       (x, ωx and, chaining, ω^last·x), the lookups (Z(x), Z(ωx), A′(x), A′(ω⁻¹x), S′(x)).</li>
 *   <li>The multipoint opening of all of it (with h = Σ x^(n·i)·h_i at x), which ends in one IPA. A VM block proof
 *       stops before it ({@link #proveUnopened}): one opening after all of them proves every block proof's
 *       queries.</li>
 * </ol>
 * <b>Other deviations:</b> a gate constraint that no rotation-0 fixed column switches off on the non-usable rows
 * is multiplied by l_active, so that gates need only hold on the usable rows as the constraint system promises
 * ({@link dev.vampvm.plonk.keygen.ActiveRows}; halo2 requires every gate on all 2^k rows); the evaluations of all constraints on the extended coset run as one compiled program
 * ({@link ProgramBuilder}) rather than halo2's separate passes; commitments are to coefficients, not to
 * Lagrange-basis values (the same points, since halo2's Lagrange bases are the iNTT of G).
 *
 * <p>A witness that violates a constraint is refused before the proof is finished: a missing lookup value as the
 * permuted columns are built, a broken copy when the permutation product does not close, a violated gate when
 * the quotient has too high a degree. The refusal is the {@link MockProver}'s report
 * ({@code UnsatisfiedConstraintsException}), which names the gate, copy or lookup and the row.
 *
 * <p>Randomness (blinding rows, blinds, the random polynomial, the IPA's blinding) comes from the
 * {@link RandomGenerator} passed in: pass a {@link java.security.SecureRandom} for zero knowledge; a seeded
 * generator makes proofs reproducible (for tests).
 */
public final class Prover {
    private static final MontgomeryField F = Fp.FIELD;
    /**
     * The gate check's folding challenge and evaluation point on an engine ({@code Run#gatesHoldOnEngine}). Fixed: the
     * check is the prover's own (a named refusal of a broken witness) and the proof's soundness does not rest on it, so
     * it needs elements no honest mistake is tuned to, not secret ones; these are nothing-up-my-sleeve numbers
     * (SHA-512's initial hash words).
     */
    private static final long[] GATE_CHECK_R = F.fromBigInteger(new java.math.BigInteger(
            "3c6ef372fe94f82ba54ff53a5f1d36f1510e527fade682d19b05688c2b3e6c1f", 16));
    private static final long[] GATE_CHECK_S = F.fromBigInteger(new java.math.BigInteger(
            "6a09e667f3bcc908bb67ae8584caa73b1f83d9abfb41bd6b5be0cd19137e2179", 16));

    private Prover() {
    }

    /** Synthesizes the circuit with the public inputs and proves it. */
    public static byte[] prove(IpaParams params, ProvingKey pk, Circuit<?> circuit, List<List<Fp>> instances,
            RandomGenerator rng) {
        return prove(params, pk, circuit, instances, rng, null);
    }

    /** As {@link #prove(IpaParams, ProvingKey, Circuit, List, RandomGenerator)}, recording phase times. */
    public static byte[] prove(IpaParams params, ProvingKey pk, Circuit<?> circuit, List<List<Fp>> instances,
            RandomGenerator rng, ProverTimings timings) {
        try (Ahead ahead = Ahead.draw(rng, true)) {
            DenseAssignment table = ahead.whileSynthesizing(params, pk, () -> witness(pk, circuit, instances, timings));
            keepKeyColumns(params, pk);
            return new Run(params, pk, table, rng, timings, true, () -> MockProver.run(pk.k(), circuit, instances),
                    ahead).prove();
        }
    }

    /**
     * The randomness a proof draws before its witness, and what it makes of it: the vanishing argument's random
     * polynomial and, for a proof that ends in its own opening, the IPA's s. Neither depends on the witness, so on an
     * engine that leaves the host free ({@link Backend#runsBesideTheHost}: a GPU) both are made, expanded and
     * committed, on another thread while this one synthesizes the witness, and their MSMs run on the GPU, idle
     * otherwise until the witness is done (a k = 20 standard-gate proof's witness took 95 of its 494 ms on an H200);
     * elsewhere each is made where the proof first needs it. Drawn first either way, so the proof is the same.
     * {@code -Dvampvm.prover.ahead=false} makes them where they are used on every engine (to time both ways).
     */
    private static final class Ahead implements AutoCloseable {
        private static final boolean BESIDE = !"false".equals(System.getProperty("vampvm.prover.ahead"));

        final VanishingProver.RandomPolynomial vanishing;
        /** Null where the opening is not the proof's own (a VM block proof's, opened with the others). */
        final IpaProver.Blinding ipa;
        /** How long the witness's thread waited for them after the witness was done. */
        long waitedNanos;

        private Ahead(VanishingProver.RandomPolynomial vanishing, IpaProver.Blinding ipa) {
            this.vanishing = vanishing;
            this.ipa = ipa;
        }

        static Ahead draw(RandomGenerator rng, boolean opening) {
            VanishingProver.RandomPolynomial vanishing = VanishingProver.RandomPolynomial.draw(rng);
            return new Ahead(vanishing, opening ? IpaProver.Blinding.draw(rng) : null);
        }

        /**
         * Runs {@code synthesis} here, making both polynomials meanwhile on another thread where the engine leaves the
         * host free; returns once both are done. A failure of either is thrown (the synthesis's first, the other's
         * suppressed in it).
         */
        <T> T whileSynthesizing(IpaParams params, ProvingKey pk, java.util.function.Supplier<T> synthesis) {
            if (!BESIDE || !params.backend().runsBesideTheHost() || params.k() < pk.k()) {
                return synthesis.get();
            }
            IpaParams own = params.k() == pk.k() ? params : params.truncate(pk.k());
            FutureTask<Void> making = new FutureTask<>(() -> {
                vanishing.make(own, pk.domain());
                if (ipa != null) {
                    ipa.make(own);
                }
                return null;
            });
            Thread.ofPlatform().name("vampvm-prover-ahead").daemon().start(making);
            T out;
            try {
                out = synthesis.get();
            } catch (RuntimeException | Error e) {
                Throwable other = awaitFailure(making);
                if (other != null) {
                    e.addSuppressed(other);
                }
                throw e;
            }
            long waitFrom = System.nanoTime();
            Throwable failed = awaitFailure(making);
            waitedNanos = System.nanoTime() - waitFrom;
            if (failed instanceof RuntimeException r) {
                throw r;
            }
            if (failed instanceof Error r) {
                throw r;
            }
            if (failed != null) {
                throw new IllegalStateException("making the proof's random polynomials failed", failed);
            }
            return out;
        }

        /** Waits for the task to end (through interrupts, which it keeps for the caller); its failure or null. */
        private static Throwable awaitFailure(FutureTask<Void> task) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        task.get();
                        return null;
                    } catch (ExecutionException e) {
                        return e.getCause();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close() {
            vanishing.close();
            if (ipa != null) {
                ipa.close();
            }
        }
    }

    /**
     * Has the proving key keep its columns on the extended coset and over H on the engine
     * ({@link ProvingKey#keepColumnsOnEngine}) where the proof's own memory ({@link DeviceMemoryEstimate}) and theirs
     * fit the engine's, so that its proofs stop transforming them one by one; {@code
     * -Dvampvm.prover.keepKeyColumns=false} never does (to time both ways). For a whole proof only: a VM's block
     * proofs run side by side over many keys, which their estimates do not count.
     */
    private static void keepKeyColumns(IpaParams params, ProvingKey pk) {
        Backend backend = params.backend();
        long bytes = pk.bytesToKeepOnEngine(backend);
        if (bytes == 0 || "false".equals(System.getProperty("vampvm.prover.keepKeyColumns"))) {
            return;
        }
        long need = DeviceMemoryEstimate.proofBytes(backend, pk.verifyingKey().constraintSystem(), pk.k())
                + bytes * 5 / 4;
        if (need <= backend.memoryLimitBytes()) {
            pk.keepColumnsOnEngine(backend);
        }
    }

    /**
     * Proves the circuit up to its multipoint opening (phases 1 to 8 above), for an opening shared with other proofs
     * (the VM's, {@link dev.vampvm.vm.VmProver}): the transcript's bytes so far, the challenge squeezed after them, and
     * the queries the opening is to prove, over copies of the polynomials that the result owns (close it).
     */
    public static Unopened proveUnopened(IpaParams params, ProvingKey pk, Circuit<?> circuit,
            List<List<Fp>> instances, RandomGenerator rng, ProverTimings timings) {
        try (Ahead ahead = Ahead.draw(rng, false)) {
            DenseAssignment table = ahead.whileSynthesizing(params, pk, () -> witness(pk, circuit, instances, timings));
            return new Run(params, pk, table, rng, timings, true, () -> MockProver.run(pk.k(), circuit, instances),
                    ahead).proveUnopened();
        }
    }

    private static DenseAssignment witness(ProvingKey pk, Circuit<?> circuit, List<List<Fp>> instances,
            ProverTimings timings) {
        VerifyingKey vk = pk.verifyingKey();
        String problem = vk.checkInstances(instances);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        long t0 = System.nanoTime();
        DenseAssignment table = Synthesis.witnessForProving(circuit, vk.k(), instances);
        if (timings != null) {
            timings.witness += System.nanoTime() - t0;
        }
        return table;
    }

    /**
     * A proof up to its multipoint opening: {@code transcript} its bytes (the proof without the opening), {@code
     * binding} the challenge squeezed from the transcript after them, which stands for everything the proof absorbed
     * (the key, the public inputs, every commitment and evaluation), and {@code queries} what the opening must prove,
     * each polynomial of the proof's 2^k coefficients. The polynomials are this object's own copies (the proving key
     * and the proof's other vectors are released when it is made), freed by {@link #close}.
     */
    public static final class Unopened implements AutoCloseable {
        private final byte[] transcript;
        private final Fp binding;
        private final List<ProverQuery> queries;
        private final List<ScalarVector> owned;

        private Unopened(byte[] transcript, Fp binding, List<ProverQuery> queries, List<ScalarVector> owned) {
            this.transcript = transcript;
            this.binding = binding;
            this.queries = List.copyOf(queries);
            this.owned = owned;
        }

        /** Takes copies of the queried polynomials (one per distinct polynomial) so that the prover's may go. */
        static Unopened copying(Backend backend, byte[] transcript, Fp binding, List<ProverQuery> queries) {
            java.util.Map<ScalarVector, ScalarVector> copies = new java.util.IdentityHashMap<>();
            List<ScalarVector> owned = new ArrayList<>();
            List<ProverQuery> out = new ArrayList<>();
            try {
                for (ProverQuery q : queries) {
                    ScalarVector copy = copies.computeIfAbsent(q.polynomial(), p -> {
                        ScalarVector v = backend.allocate(F, p.size());
                        owned.add(v);
                        backend.copy(p, v);
                        return v;
                    });
                    out.add(new ProverQuery(q.point(), copy, q.blind()));
                }
            } catch (RuntimeException | Error e) {
                owned.forEach(ScalarVector::close);
                throw e;
            }
            return new Unopened(transcript, binding, out, owned);
        }

        /**
         * These polynomials on another engine, for an opening made there (a VM block proof made on the host's cores,
         * opened with the others on a GPU): copies uploaded to {@code to} from {@code from}, where they are now, and
         * this one closed.
         */
        public Unopened movedTo(Backend from, Backend to) {
            java.util.Map<ScalarVector, ScalarVector> there = new java.util.IdentityHashMap<>();
            List<ScalarVector> copies = new ArrayList<>();
            try {
                for (ScalarVector v : owned) {
                    ScalarVector u = to.upload(F, from.download(v), 0, v.size());
                    copies.add(u);
                    there.put(v, u);
                }
            } catch (RuntimeException | Error e) {
                copies.forEach(ScalarVector::close);
                throw e;
            }
            List<ProverQuery> out = new ArrayList<>();
            for (ProverQuery q : queries) {
                out.add(new ProverQuery(q.point(), there.get(q.polynomial()), q.blind()));
            }
            close();
            return new Unopened(transcript, binding, out, copies);
        }

        public byte[] transcript() {
            return transcript.clone();
        }

        public Fp binding() {
            return binding;
        }

        public List<ProverQuery> queries() {
            return queries;
        }

        @Override
        public void close() {
            owned.forEach(ScalarVector::close);
        }
    }

    /**
     * Proves an already synthesized table (with a witness) for the proving key's circuit. A witness that violates a
     * constraint is refused with the mock prover's report on this table, or, for a table made for proving (which
     * keeps no copies or fixed values to check), with what the proof found.
     */
    public static byte[] prove(IpaParams params, ProvingKey pk, DenseAssignment table, RandomGenerator rng,
            ProverTimings timings) {
        keepKeyColumns(params, pk);
        try (Ahead ahead = Ahead.draw(rng, true)) {
            return new Run(params, pk, table, rng, timings, true,
                    table.isForProving() ? null : () -> MockProver.check(table), ahead).prove();
        }
    }

    /**
     * A cheating prover, for soundness tests only: it skips every witness check and proves whatever the table
     * holds (a violated lookup gets permuted columns that pretend the missing values are in the table; a quotient
     * of too high a degree is cut off). The verifier must refuse what it makes from a bad witness.
     */
    static byte[] proveWithoutChecks(IpaParams params, ProvingKey pk, Circuit<?> circuit, List<List<Fp>> instances,
            RandomGenerator rng) {
        try (Ahead ahead = Ahead.draw(rng, true)) {
            DenseAssignment table = Synthesis.witness(circuit, pk.k(), instances);
            return new Run(params, pk, table, rng, null, false, null, ahead).prove();
        }
    }

    /** One proof's state, phase by phase. */
    private static final class Run {
        final IpaParams params;
        final ProvingKey pk;
        final VerifyingKey vk;
        final ConstraintSystem cs;
        final DenseAssignment table;
        final RandomGenerator rng;
        final ProverTimings timings;
        final EvaluationDomain domain;
        final ExtendedDomain extended;
        final int n;
        final int usable;
        final TranscriptWriter transcript = Transcript.forProving(VerifyingKey.TRANSCRIPT_DOMAIN);
        final List<AutoCloseable> resources = new ArrayList<>();
        /** Committed columns' values over H on the engine, one source each (the gate check's and the permutation's). */
        final java.util.Map<CommittedPolynomial, EvaluationSource> overH = new java.util.IdentityHashMap<>();
        /** Whether to refuse a witness that violates a constraint (false only for the cheating test prover). */
        final boolean checks;
        /**
         * The mock prover's check of this witness, which names what a refused witness violates: over a table made with
         * a witness, as the prover's own keeps no copies or fixed values; null when there is none.
         */
        final java.util.function.Supplier<MockProver> explanation;
        /** The randomness drawn before the witness, perhaps already made ({@link Ahead}); the caller closes it. */
        final Ahead ahead;
        long mark;
        /** The engine's device wait at the last phase's end ({@link #lapDevice}). */
        long deviceMark;

        long[][] adviceValues;
        CommittedPolynomial[] advice;
        /** Per advice column, its source on the extended coset (one per column, so that rotations share it). */
        EvaluationSource[] adviceExtended;
        long[][] instanceValues;
        EvaluationSource[] instanceExtended;

        Run(IpaParams params, ProvingKey pk, DenseAssignment table, RandomGenerator rng, ProverTimings timings,
                boolean checks, java.util.function.Supplier<MockProver> explanation, Ahead ahead) {
            this.ahead = ahead;
            this.checks = checks;
            this.explanation = explanation;
            this.pk = pk;
            this.vk = pk.verifyingKey();
            this.cs = vk.constraintSystem();
            if (!table.hasWitness() || table.k() != vk.k()) {
                throw new IllegalArgumentException("the table must hold a witness at k = " + vk.k());
            }
            if (!Arrays.equals(table.constraintSystem().pinnedBytes(), cs.pinnedBytes())) {
                throw new IllegalArgumentException("the circuit's constraint system differs from the proving key's: "
                        + "regenerate the keys for this circuit");
            }
            if (params.k() < vk.k()) {
                throw new IllegalArgumentException("IPA parameters of k = " + params.k() + " for a circuit of k = "
                        + vk.k());
            }
            this.params = params.k() == vk.k() ? params : params.truncate(vk.k());
            this.table = table;
            this.rng = rng;
            this.timings = timings == null ? new ProverTimings() : timings;
            this.domain = pk.domain();
            this.extended = pk.extendedDomain();
            this.n = domain.size();
            this.usable = cs.usableRows(vk.k());
        }

        byte[] prove() {
            return prove(queries -> {
                MultiopenProver.open(params, transcript, queries, rng, ahead.ipa);
                return transcript.toByteArray();
            });
        }

        Unopened proveUnopened() {
            return prove(queries -> {
                byte[] bytes = transcript.toByteArray();
                return Unopened.copying(params.backend(), bytes, transcript.squeezeChallenge(), queries);
            });
        }

        /** Phases 1 to 8, then {@code opening} of the queries (while every polynomial is still held). */
        private <T> T prove(java.util.function.Function<List<ProverQuery>, T> opening) {
            long device0 = params.backend().deviceNanos();
            try {
                mark = System.nanoTime();
                deviceMark = device0;
                transcript.absorbScalar(vk.transcriptRepresentative());
                VerifyingKey.absorbInstances(instances(), transcript::absorbScalar);
                commitAdvice();
                if (checks) {
                    checkGates();
                }
                timings.commitments += lap();
                timings.commitmentsDevice += lapDevice();

                long[] theta = transcript.squeezeChallenge().montgomeryLimbs();
                List<LookupProver.Permuted> permuted = commitPermutedLookups(theta);
                long[] beta = transcript.squeezeChallenge().montgomeryLimbs();
                long[] gamma = transcript.squeezeChallenge().montgomeryLimbs();
                PermutationProver.Products products = PermutationProver.products(params.backend(), pk,
                        permutationColumns(), beta, gamma, rng);
                if (checks && !products.closes()) {
                    products.close();
                    throw unsatisfied("the permutation's grand product does not close: a copy constraint is violated");
                }
                PermutationProver.Committed permutation =
                        PermutationProver.commit(params, pk, products, rng, transcript);
                resources.add(permutation);
                List<LookupProver.Committed> lookups = new ArrayList<>();
                for (LookupProver.Permuted p : permuted) {
                    ScalarVector z = LookupProver.product(params.backend(), p, beta, gamma, usable, n, rng, checks);
                    LookupProver.Committed c = LookupProver.commitProduct(params, pk, p, z, rng, transcript);
                    resources.add(c);
                    lookups.add(c);
                }
                timings.permutation += lap();
                timings.permutationDevice += lapDevice();

                CommittedPolynomial random = VanishingProver.commitRandomPolynomial(params, domain, ahead.vanishing,
                        transcript);
                resources.add(random);
                long[] y = transcript.squeezeChallenge().montgomeryLimbs();
                Program numerator = numerator(theta, beta, gamma, permutation, lookups);
                VanishingProver.Quotient quotient;
                try {
                    quotient = commitQuotient(numerator, y);
                } catch (IllegalArgumentException e) {
                    throw unsatisfied("the quotient has too high a degree: a gate constraint is violated");
                }
                resources.add(quotient);
                // The wait for the random polynomials made beside the witness, if they outlasted it, is the
                // quotient phase's (where the vanishing argument's random polynomial is) and a wait on the device.
                timings.quotient += lap() + ahead.waitedNanos;
                timings.quotientDevice += lapDevice() + ahead.waitedNanos;

                long[] x = transcript.squeezeChallenge().montgomeryLimbs();
                T out = opening.apply(evaluate(x, random, permutation, lookups, quotient));
                timings.openings += lap();
                timings.openingsDevice += lapDevice();
                timings.device += params.backend().deviceNanos() - device0 + ahead.waitedNanos;
                return out;
            } finally {
                for (int i = resources.size() - 1; i >= 0; i--) {
                    try {
                        resources.get(i).close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }

        private long lap() {
            long now = System.nanoTime();
            long d = now - mark;
            mark = now;
            return d;
        }

        /** The device wait since the last phase's end. */
        private long lapDevice() {
            long now = params.backend().deviceNanos();
            long d = now - deviceMark;
            deviceMark = now;
            return d;
        }

        private List<List<Fp>> instances() {
            List<List<Fp>> out = new ArrayList<>();
            instanceValues = new long[cs.numInstanceColumns()][];
            for (int c = 0; c < cs.numInstanceColumns(); c++) {
                instanceValues[c] = table.instanceValues(c);
                List<Fp> column = new ArrayList<>();
                for (int r = 0; r < table.instanceLength(c); r++) {
                    column.add(table.instanceValue(c, r));
                }
                out.add(column);
            }
            return out;
        }

        private void commitAdvice() {
            int na = cs.numAdviceColumns();
            adviceValues = new long[na][];
            List<long[]> blinds = new ArrayList<>();
            for (int c = 0; c < na; c++) {
                // A table made for proving is the prover's own: its random rows are written in place (a column at
                // k = 20 is 32 MiB to copy); a caller's table is left as it was.
                long[] v = table.isForProving() ? table.adviceValues(c) : table.adviceValues(c).clone();
                for (int r = usable; r < n; r++) {
                    F.random(rng, v, 4 * r);
                }
                adviceValues[c] = v;
                long[] blind = new long[4];
                F.random(rng, blind, 0);
                blinds.add(blind);
            }
            advice = CommittedPolynomial.fromLagrange(params, domain, List.of(adviceValues), blinds)
                    .toArray(CommittedPolynomial[]::new);
            resources.addAll(List.of(advice));
            for (CommittedPolynomial c : advice) {
                transcript.writePointEncoding(c.encoding());
            }
        }

        /**
         * Every gate constraint must vanish on the usable rows, and those the proof does not multiply by l_active
         * ({@link dev.vampvm.plonk.keygen.ActiveRows}) on every row of H. The degree of the quotient cannot show a
         * violation when the extended coset has exactly n·(d − 1) points, so the gates are evaluated here, on the
         * committed values, before anything else is sent.
         */
        private void checkGates() {
            Backend backend = params.backend();
            if (!backend.hostMemory() && gatesHoldOnEngine(backend)) {
                return;
            }
            GateProgram gates = gateProgram(q -> EvaluationSource.of(baseValues(q)), null);
            if (gates == null) {
                return;
            }
            long[][] values = gates.program().evaluateOutputs();
            for (int c = 0; c < values.length; c++) {
                int rows = gates.usableOnly().get(c) ? usable : n;
                for (int r = 0; r < rows; r++) {
                    if (!F.isZero(values[c], 4 * r)) {
                        if (r < usable) {
                            throw unsatisfied(gates.names().get(c) + " does not vanish at row " + r);
                        }
                        throw new IllegalArgumentException(gates.names().get(c) + " does not vanish at row " + r
                                + ", which is " + (r == usable ? "the l_last row" : "a blinding row")
                                + " (usable rows are 0.." + (usable - 1) + "): a gate must hold on all 2^k rows, and"
                                + " the rows from " + usable + " on hold random values, so switch the gate off there"
                                + " with a selector");
                    }
                }
            }
        }

        /** Every gate constraint over H as one program's outputs, their names, and whether only usable rows count. */
        private record GateProgram(Program program, List<String> names, List<Boolean> usableOnly) {
        }

        /**
         * The gate constraints over H reading their columns through {@code sources}, or null when there are none. With
         * {@code usableRows}, a constraint that needs to hold on the usable rows only is multiplied by it (1 on those
         * rows, 0 after), so that every output must vanish on every row.
         */
        private GateProgram gateProgram(java.util.function.Function<Query, EvaluationSource> sources,
                EvaluationSource usableRows) {
            ProgramBuilder pb = new ProgramBuilder();
            List<String> names = new ArrayList<>();
            List<Boolean> usableOnly = new ArrayList<>();
            for (int gi = 0; gi < cs.gates().size(); gi++) {
                Gate g = cs.gates().get(gi);
                for (int i = 0; i < g.constraints().size(); i++) {
                    int node = pb.expression(g.constraints().get(i).polynomial(),
                            q -> pb.load(sources.apply(q), q.rotation()));
                    boolean onlyUsable = vk.isGatedByActiveRows(gi, i);
                    pb.output(onlyUsable && usableRows != null ? pb.mul(pb.load(usableRows, 0), node) : node);
                    names.add("gate \"" + g.name() + "\" constraint " + i);
                    usableOnly.add(onlyUsable);
                }
            }
            return pb.outputs() == 0 ? null : new GateProgram(pb.build(domain.k(), 1), names, usableOnly);
        }

        /**
         * The gate check on an engine with its own memory: the constraints folded with powers of a fixed r (those that
         * hold on the usable rows only masked to them) into one vector over H, then that vector's polynomial evaluated
         * at a fixed s: zero, and the gates hold on every row, unless a violation is tuned to cancel at exactly these r
         * and s, which an honest mistake is not (this check is the prover's own, so that a broken witness gets a named
         * refusal; the verifier does not rely on it). The columns are read where they are (advice and fixed ones made
         * from their coefficients); nothing of n elements comes back. False when something does not vanish, or the
         * program does not fit a GPU thread: then the host check runs and names what fails.
         */
        private boolean gatesHoldOnEngine(Backend backend) {
            EvaluationSource usableRows = EvaluationSource.firstOnes(n, usable);
            GateProgram gates = gateProgram(q -> switch (q.kind()) {
                case ADVICE -> columnOverH(advice[q.column().index()]);
                case FIXED -> fixedOverH(q.column().index());
                case INSTANCE -> instanceOverH(q.column().index());
            }, usableRows);
            if (gates == null) {
                return true;
            }
            PointProgram onEngine = gates.program().forEngine(GATE_CHECK_R, F.one());
            if (onEngine == null) {
                return false;
            }
            try (ScalarVector h = runOnEngine(backend, gates.program(), onEngine)) {
                return F.isZero(backend.evaluate(h, GATE_CHECK_S), 0);
            }
        }

        /** An instance column's values over H: its public values uploaded, the zeros after them filled on an engine. */
        private EvaluationSource instanceOverH(int column) {
            return EvaluationSource.of(instanceValues[column], table.instanceLength(column));
        }

        /** One source object per committed column, so that a column read at several rotations is one source. */
        private EvaluationSource columnOverH(CommittedPolynomial p) {
            return overH.computeIfAbsent(p, c -> EvaluationSource.overH(c.coefficients(), domain));
        }

        /** A fixed column over H on the engine, kept by the key or made from its coefficients; one source a column. */
        private EvaluationSource fixedOverH(int column) {
            return overH.computeIfAbsent(pk.fixedPolynomial(column), c -> pk.fixedOverH(column));
        }

        /**
         * Runs a program's engine form over one vector of all its sources, each written into its slice where it is
         * made, and returns the result (the caller closes it).
         */
        private ScalarVector runOnEngine(Backend backend, Program program, PointProgram onEngine) {
            List<EvaluationSource> sources = program.sources();
            int size = program.size();
            ScalarVector out = backend.allocate(F, size);
            try (ScalarVector all = backend.allocate(F, Math.max(1, sources.size()) * size)) {
                for (int i = 0; i < sources.size(); i++) {
                    sources.get(i).writeTo(all.slice(i * size, (i + 1) * size));
                }
                backend.runPointProgram(onEngine, all, out);
                return out;
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
        }

        /**
         * Each permutation column's values over H, advice as committed (with its random rows): the host arrays for the
         * Java engine; on an engine with its own memory, advice and fixed columns are made there from their committed
         * coefficients (an NTT), so that only instance columns are uploaded.
         */
        private List<EvaluationSource> permutationColumns() {
            boolean onEngine = !params.backend().hostMemory();
            List<EvaluationSource> out = new ArrayList<>();
            for (Column c : cs.permutationColumns()) {
                out.add(switch (c.kind()) {
                    case ADVICE -> onEngine ? columnOverH(advice[c.index()])
                            : EvaluationSource.of(adviceValues[c.index()]);
                    case FIXED -> onEngine ? fixedOverH(c.index()) : EvaluationSource.of(pk.fixedValues(c.index()));
                    case INSTANCE -> instanceOverH(c.index());
                });
            }
            return out;
        }

        private List<LookupProver.Permuted> commitPermutedLookups(long[] theta) {
            List<Lookup> lookups = cs.lookups();
            List<LookupProver.Permuted> out = new ArrayList<>();
            if (lookups.isEmpty()) {
                return out;
            }
            ProgramBuilder pb = new ProgramBuilder();
            LookupProver.compressionOutputs(pb, lookups, theta, q -> pb.load(baseValues(q), q.rotation()));
            long[][] compressed = pb.build(domain.k(), 1).evaluateOutputs();
            for (int i = 0; i < lookups.size(); i++) {
                long[] input = compressed[2 * i];
                long[] tableValues = compressed[2 * i + 1];
                PermutedColumns columns = PermutedColumns.permute(input, tableValues, usable, n, rng);
                if (columns.missingRow() >= 0 && !checks) {
                    columns = PermutedColumns.permuteAsIfPresent(input, tableValues, usable, n, rng);
                } else if (columns.missingRow() >= 0) {
                    throw unsatisfied("lookup \"" + lookups.get(i).name() + "\": the input at row "
                            + columns.missingRow() + " is not in the table");
                }
                LookupProver.Permuted p = LookupProver.commitPermuted(params, pk, lookups.get(i), input, tableValues,
                        columns, rng, transcript);
                resources.add(p.a());
                resources.add(p.s());
                out.add(p);
            }
            return out;
        }

        private long[] baseValues(Query q) {
            int c = q.column().index();
            return switch (q.kind()) {
                case ADVICE -> adviceValues[c];
                case FIXED -> pk.fixedValues(c);
                case INSTANCE -> instanceValues[c];
            };
        }

        /** The node reading a query's column on the extended coset. */
        private int loadExtended(ProgramBuilder pb, Query q) {
            int c = q.column().index();
            return switch (q.kind()) {
                case ADVICE -> {
                    if (adviceExtended == null) {
                        adviceExtended = new EvaluationSource[cs.numAdviceColumns()];
                    }
                    if (adviceExtended[c] == null) {
                        adviceExtended[c] = advice[c].onExtendedCoset(extended);
                    }
                    yield pb.load(adviceExtended[c], q.rotation());
                }
                case FIXED -> pb.load(pk.fixedExtended(c), q.rotation());
                case INSTANCE -> {
                    if (instanceExtended == null) {
                        instanceExtended = new EvaluationSource[cs.numInstanceColumns()];
                    }
                    if (instanceExtended[c] == null) {
                        // Interpolated on the engine: on a GPU, the column then never crosses as n·2^j points,
                        // nor as n, only its public values.
                        Backend backend = params.backend();
                        ScalarVector coeffs = backend.allocate(F, n);
                        resources.add(coeffs);
                        instanceOverH(c).writeTo(coeffs);
                        backend.intt(domain, coeffs);
                        instanceExtended[c] = EvaluationSource.onExtendedCoset(coeffs, extended);
                    }
                    yield pb.load(instanceExtended[c], q.rotation());
                }
            };
        }

        /**
         * Evaluates the numerator (every constraint folded with powers of y) on the extended coset, divides it by Z_H
         * and commits the quotient's pieces: on an engine that keeps its own memory (a GPU), the constraint program
         * runs there ({@link Program#forEngine}) over one vector of all its sources, the committed polynomials'
         * evaluations computed in place from their coefficients and the host's columns uploaded once; on the Java
         * engine, or for a program that needs more registers than a GPU thread holds, on the host.
         */
        private VanishingProver.Quotient commitQuotient(Program numerator, long[] y) {
            Backend backend = params.backend();
            List<EvaluationSource> sources = numerator.sources();
            int size = numerator.size();
            // The sources go to the engine as one vector: at most 2^31 − 1 elements.
            boolean fits = (long) Math.max(1, sources.size()) * size <= Integer.MAX_VALUE;
            PointProgram onEngine = backend.hostMemory() || !fits ? null
                    : numerator.forEngine(y, extended.vanishingInverses());
            if (onEngine == null) {
                return VanishingProver.commitQuotient(params, extended, numerator.evaluateFolded(y), rng, transcript,
                        checks);
            }
            try (ScalarVector h = runOnEngine(backend, numerator, onEngine)) {
                return VanishingProver.commitQuotientOnEngine(params, extended, h, rng, transcript, checks);
            }
        }

        /** Σ yⁱ·constraintᵢ on the extended coset as a program: gates, then the permutation, then the lookups. */
        private Program numerator(long[] theta, long[] beta, long[] gamma, PermutationProver.Committed permutation,
                List<LookupProver.Committed> lookups) {
            ProgramBuilder pb = new ProgramBuilder();
            java.util.function.ToIntFunction<Query> queries = q -> loadExtended(pb, q);
            int lActive = pb.load(pk.lActive(), 0);
            for (int g = 0; g < cs.gates().size(); g++) {
                List<Constraint> constraints = cs.gates().get(g).constraints();
                for (int c = 0; c < constraints.size(); c++) {
                    int node = pb.expression(constraints.get(c).polynomial(), queries);
                    pb.output(vk.isGatedByActiveRows(g, c) ? pb.mul(lActive, node) : node);
                }
            }
            List<Column> columns = cs.permutationColumns();
            int[] columnNodes = new int[columns.size()];
            for (int i = 0; i < columnNodes.length; i++) {
                columnNodes[i] = queries.applyAsInt(columns.get(i).cur());
            }
            PermutationProver.constraints(pb, pk, permutation, columnNodes, beta, gamma);
            for (LookupProver.Committed l : lookups) {
                LookupProver.constraints(pb, pk, l, theta, beta, gamma, queries);
            }
            return pb.build(extended.extended().k(), 1 << extended.extensionLog());
        }

        /** Writes every evaluation at x and returns the opening queries, in the verifier's order. */
        private List<ProverQuery> evaluate(long[] x, CommittedPolynomial random, PermutationProver.Committed permutation,
                List<LookupProver.Committed> lookups, VanishingProver.Quotient quotient) {
            List<ProverQuery> queries = new ArrayList<>();
            for (Query q : cs.adviceQueries()) {
                long[] point = domain.rotate(x, 0, q.rotation());
                CommittedPolynomial p = advice[q.column().index()];
                transcript.writeScalar(Fp.fromMontgomery(p.evaluate(point), 0));
                queries.add(p.query(point));
            }
            List<ProverQuery> fixedQueries = new ArrayList<>();
            for (Query q : cs.fixedQueries()) {
                long[] point = domain.rotate(x, 0, q.rotation());
                CommittedPolynomial p = pk.fixedPolynomial(q.column().index());
                transcript.writeScalar(Fp.fromMontgomery(p.evaluate(point), 0));
                fixedQueries.add(p.query(point));
            }
            VanishingProver.evaluate(random, x, transcript);
            PermutationProver.evaluate(pk, permutation, x, transcript);
            for (LookupProver.Committed l : lookups) {
                LookupProver.evaluate(domain, l, x, transcript);
            }

            queries.addAll(PermutationProver.productQueries(pk, permutation, x));
            for (LookupProver.Committed l : lookups) {
                queries.addAll(LookupProver.queries(domain, l, x));
            }
            queries.addAll(fixedQueries);
            queries.addAll(PermutationProver.sigmaQueries(pk, x));
            queries.addAll(VanishingProver.queries(params, quotient, random, x, resources));
            return queries;
        }

        /**
         * The refusal of a witness that violates a constraint: the mock prover's report naming it, or, should the
         * mock prover find nothing (a prover bug), an internal error.
         */
        private RuntimeException unsatisfied(String what) {
            if (explanation == null) {
                return new IllegalArgumentException("the witness violates a constraint: " + what + " (a table made for"
                        + " proving keeps no copies or fixed values to say where: check the circuit with"
                        + " MockProver.run)");
            }
            explanation.get().assertSatisfied();
            return new IllegalStateException(what + ", yet the mock prover finds every constraint satisfied: "
                    + "this is a bug in the prover");
        }
    }
}
