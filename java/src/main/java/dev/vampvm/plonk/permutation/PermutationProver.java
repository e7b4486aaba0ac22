package dev.vampvm.plonk.permutation;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.commit.ProverQuery;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.evaluation.CommittedPolynomial;
import dev.vampvm.plonk.evaluation.EvaluationSource;
import dev.vampvm.plonk.evaluation.GrandProduct;
import dev.vampvm.plonk.evaluation.ProgramBuilder;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.transcript.TranscriptWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The prover's side of the permutation argument (halo2's {@code plonk/permutation/prover.rs}).
 *
 * <p>The m permutation columns are cut into chunks of {@link ConstraintSystem#permutationChunkSize()} columns.
 * Chunk c gets a grand product Z_c over the usable rows:
 * <pre>
 *   Z_c(ω^(j+1)) = Z_c(ω^j) · Π_i (v_i(ω^j) + β·δ^i·ω^j + γ) / Π_i (v_i(ω^j) + β·σ_i(ω^j) + γ)
 * </pre>
 * with Z_0(1) = 1 and Z_c(1) = Z_(c−1)(ω^usable) (the chunks chain), and the copies hold exactly when the last
 * product returns to 1 at row usable (l_last). The rows after it are random: Z is opened at x, ωx and, for the
 * chaining, ω^(−(blinding + 1))·x, and the blinding rows keep those openings from revealing anything.
 */
public final class PermutationProver {
    private static final MontgomeryField F = Fp.FIELD;

    private PermutationProver() {
    }

    /**
     * The grand products over H on the proof's engine, before they are committed (then owned by the commitments;
     * {@link #close} them only when they are not committed).
     */
    public record Products(List<ScalarVector> values, boolean closes) implements AutoCloseable {
        @Override
        public void close() {
            values.forEach(ScalarVector::close);
        }
    }

    /**
     * Computes the grand products: on the host for the Java engine, where vectors live on the heap anyway; on the
     * engine otherwise ({@link GrandProduct}), so that they are committed where they are made.
     *
     * @param columns the values over H of each permutation column, in {@link ConstraintSystem#permutationColumns()}
     *                order (advice with its blinding rows as committed): host arrays for the Java engine; on an engine
     *                with its own memory, what writes them there (a committed column's coefficients through an NTT)
     * @return the products and whether the last one returns to 1 (false: some copy constraint is violated)
     */
    public static Products products(Backend backend, ProvingKey pk, List<EvaluationSource> columns, long[] beta,
            long[] gamma, RandomGenerator rng) {
        if (!backend.hostMemory()) {
            return productsOnEngine(backend, pk, columns, beta, gamma, rng);
        }
        ConstraintSystem cs = pk.verifyingKey().constraintSystem();
        EvaluationDomain domain = pk.domain();
        int n = domain.size();
        int usable = cs.usableRows(domain.k());
        int m = cs.permutationColumns().size();
        int chunk = cs.permutationChunkSize();
        long[] omegas = PermutationKeygen.omegaPowers(domain);
        long[] deltas = PermutationKeygen.deltaPowers(m);
        long[][] values = new long[m][];
        for (int i = 0; i < m; i++) {
            values[i] = columns.get(i).onHost();
        }
        List<ScalarVector> out = new ArrayList<>();
        long[] carry = F.one();
        for (int start = 0; start < m; start += chunk) {
            int end = Math.min(m, start + chunk);
            long[] num = new long[4 * usable];
            long[] den = new long[4 * usable];
            int s = start;
            GrandProduct.inRowBlocks(usable, (from, to) -> {
                long[] t = new long[4];
                long[] bd = new long[4];
                for (int j = from; j < to; j++) {
                    F.setOne(num, 4 * j);
                    F.setOne(den, 4 * j);
                    for (int i = s; i < end; i++) {
                        long[] v = values[i];
                        // v + β·δ^i·ω^j + γ
                        F.mul(beta, 0, deltas, 4 * i, bd, 0);
                        F.mul(bd, 0, omegas, 4 * j, t, 0);
                        F.add(t, 0, v, 4 * j, t, 0);
                        F.add(t, 0, gamma, 0, t, 0);
                        F.mul(num, 4 * j, t, 0, num, 4 * j);
                        // v + β·σ_i + γ
                        F.mul(beta, 0, pk.sigmaValues(i), 4 * j, t, 0);
                        F.add(t, 0, v, 4 * j, t, 0);
                        F.add(t, 0, gamma, 0, t, 0);
                        F.mul(den, 4 * j, t, 0, den, 4 * j);
                    }
                }
            });
            long[] z = GrandProduct.onHost(num, den, usable, carry, n);
            carry = new long[4];
            System.arraycopy(z, 4 * usable, carry, 0, 4);
            for (int r = usable + 1; r < n; r++) {
                F.random(rng, z, 4 * r);
            }
            out.add(backend.upload(F, z, 0, n));
        }
        return new Products(out, F.isOne(carry, 0));
    }

    /**
     * The products on the engine: per chunk the numerators Π(v + β·δ^i·ω^j + γ) straight into Z's ratio rows and the
     * denominators Π(v + β·σ_i + γ) beside them, element-wise over the usable rows (each column and σ made there by an
     * NTT of its coefficients or kept there by the key, or uploaded if the column is an instance column),
     * one batch inversion and product, then the running product from the previous chunk's last row.
     */
    private static Products productsOnEngine(Backend backend, ProvingKey pk, List<EvaluationSource> columns,
            long[] beta, long[] gamma, RandomGenerator rng) {
        ConstraintSystem cs = pk.verifyingKey().constraintSystem();
        EvaluationDomain domain = pk.domain();
        int n = domain.size();
        int usable = cs.usableRows(domain.k());
        int m = cs.permutationColumns().size();
        int chunk = cs.permutationChunkSize();
        long[] deltas = PermutationKeygen.deltaPowers(m);
        List<ScalarVector> out = new ArrayList<>();
        try (ScalarVector omegas = backend.allocate(F, usable); ScalarVector den = backend.allocate(F, usable);
                ScalarVector t = backend.allocate(F, usable); ScalarVector column = backend.allocate(F, n);
                ScalarVector sigmaColumn = backend.allocate(F, n)) {
            backend.powers(F.one(), domain.omega(), omegas);
            ScalarVector v = column.slice(0, usable);
            ScalarVector sigma = sigmaColumn.slice(0, usable);
            for (int start = 0; start < m; start += chunk) {
                ScalarVector z = backend.allocate(F, n);
                out.add(z);
                ScalarVector num = GrandProduct.ratios(z, usable);
                backend.fill(num, F.one());
                backend.fill(den, F.one());
                for (int i = start; i < Math.min(m, start + chunk); i++) {
                    // The column's and σ_i's values over H made on the engine from their coefficients.
                    columns.get(i).writeTo(column);
                    pk.sigmaOverH(i).writeTo(sigmaColumn);
                    long[] betaDelta = new long[4];
                    F.mul(beta, 0, deltas, 4 * i, betaDelta, 0);
                    backend.addConstant(v, gamma, v);
                    backend.addScaled(v, betaDelta, omegas, t);
                    backend.mul(num, t, num);
                    backend.addScaled(v, beta, sigma, t);
                    backend.mul(den, t, den);
                }
                backend.batchInvert(den);
                backend.mul(num, den, num);
                if (start == 0) {
                    backend.fill(GrandProduct.start(z), F.one());
                } else {
                    backend.copy(GrandProduct.last(out.get(out.size() - 2), usable), GrandProduct.start(z));
                }
                GrandProduct.accumulate(z, usable);
                GrandProduct.blind(z, usable, rng);
            }
            return new Products(out, out.isEmpty() || GrandProduct.closes(out.get(out.size() - 1), usable));
        } catch (RuntimeException e) {
            out.forEach(ScalarVector::close);
            throw e;
        }
    }

    /** The committed products, with their evaluations on the extended coset as the quotient's sources. */
    public record Committed(List<CommittedPolynomial> products, List<EvaluationSource> extended)
            implements AutoCloseable {
        @Override
        public void close() {
            products.forEach(CommittedPolynomial::close);
        }
    }

    /** Commits each product (taking ownership of it) with a random blind and writes the commitments. */
    public static Committed commit(IpaParams params, ProvingKey pk, Products products, RandomGenerator rng,
            TranscriptWriter transcript) {
        List<CommittedPolynomial> committed = new ArrayList<>();
        List<EvaluationSource> extended = new ArrayList<>();
        for (ScalarVector z : products.values()) {
            long[] blind = new long[4];
            F.random(rng, blind, 0);
            CommittedPolynomial c = CommittedPolynomial.fromLagrange(params, pk.domain(), z, blind);
            transcript.writePointEncoding(c.encoding());
            committed.add(c);
            extended.add(c.onExtendedCoset(pk.extendedDomain()));
        }
        return new Committed(committed, extended);
    }

    /**
     * Adds the argument's constraints to the quotient program, in the order the verifier checks them:
     * l_0·(1 − Z_0); l_last·(Z_last² − Z_last); l_0·(Z_c − Z_(c−1)(ω^last X)) for c ≥ 1; and per chunk
     * l_active·(Z_c(ωX)·Π(v + β·σ + γ) − Z_c(X)·Π(v + β·δ^i·X + γ)).
     *
     * @param columnNodes per permutation column, the node reading it at rotation 0
     */
    public static void constraints(ProgramBuilder pb, ProvingKey pk, Committed committed, int[] columnNodes,
            long[] beta, long[] gamma) {
        ConstraintSystem cs = pk.verifyingKey().constraintSystem();
        int chunks = committed.products().size();
        if (chunks == 0) {
            return;
        }
        int lastRotation = -(cs.blindingFactors() + 1);
        int one = pb.constant(F.one());
        int l0 = pb.load(pk.l0(), 0);
        int lLast = pb.load(pk.lLast(), 0);
        int lActive = pb.load(pk.lActive(), 0);
        int x = pb.load(pk.cosetPoints(), 0);
        int gammaNode = pb.constant(gamma);
        int[] z = new int[chunks];
        for (int c = 0; c < chunks; c++) {
            z[c] = pb.load(committed.extended().get(c), 0);
        }
        pb.output(pb.mul(l0, pb.sub(one, z[0])));
        int zl = z[chunks - 1];
        pb.output(pb.mul(lLast, pb.sub(pb.mul(zl, zl), zl)));
        for (int c = 1; c < chunks; c++) {
            int prevLast = pb.load(committed.extended().get(c - 1), lastRotation);
            pb.output(pb.mul(l0, pb.sub(z[c], prevLast)));
        }
        int size = cs.permutationChunkSize();
        long[] deltas = PermutationKeygen.deltaPowers(cs.permutationColumns().size());
        for (int c = 0; c < chunks; c++) {
            int left = pb.load(committed.extended().get(c), 1);
            int right = z[c];
            for (int i = c * size; i < Math.min(cs.permutationColumns().size(), (c + 1) * size); i++) {
                int v = columnNodes[i];
                int sigma = pb.load(pk.sigmaExtended(i), 0);
                left = pb.mul(left, pb.add(pb.add(v, pb.scale(sigma, beta)), gammaNode));
                long[] betaDelta = new long[4];
                F.mul(beta, 0, deltas, 4 * i, betaDelta, 0);
                right = pb.mul(right, pb.add(pb.add(v, pb.scale(x, betaDelta)), gammaNode));
            }
            pb.output(pb.mul(lActive, pb.sub(left, right)));
        }
    }

    /**
     * Writes the evaluations at x: σᵢ(x) for every column, then per chunk Z_c(x), Z_c(ωx) and, for all but the
     * last chunk, Z_c(ω^last·x).
     */
    public static void evaluate(ProvingKey pk, Committed committed, long[] x, TranscriptWriter transcript) {
        ConstraintSystem cs = pk.verifyingKey().constraintSystem();
        EvaluationDomain domain = pk.domain();
        for (int i = 0; i < cs.permutationColumns().size(); i++) {
            transcript.writeScalar(Fp.fromMontgomery(pk.sigmaPolynomial(i).evaluate(x), 0));
        }
        long[] xNext = domain.rotate(x, 0, 1);
        long[] xLast = domain.rotate(x, 0, -(cs.blindingFactors() + 1));
        List<CommittedPolynomial> z = committed.products();
        for (int c = 0; c < z.size(); c++) {
            transcript.writeScalar(Fp.fromMontgomery(z.get(c).evaluate(x), 0));
            transcript.writeScalar(Fp.fromMontgomery(z.get(c).evaluate(xNext), 0));
            if (c < z.size() - 1) {
                transcript.writeScalar(Fp.fromMontgomery(z.get(c).evaluate(xLast), 0));
            }
        }
    }

    /** The products' opening queries (x, ωx, and ω^last·x for all but the last). */
    public static List<ProverQuery> productQueries(ProvingKey pk, Committed committed, long[] x) {
        ConstraintSystem cs = pk.verifyingKey().constraintSystem();
        EvaluationDomain domain = pk.domain();
        long[] xNext = domain.rotate(x, 0, 1);
        long[] xLast = domain.rotate(x, 0, -(cs.blindingFactors() + 1));
        List<ProverQuery> out = new ArrayList<>();
        List<CommittedPolynomial> z = committed.products();
        for (int c = 0; c < z.size(); c++) {
            out.add(z.get(c).query(x));
            out.add(z.get(c).query(xNext));
            if (c < z.size() - 1) {
                out.add(z.get(c).query(xLast));
            }
        }
        return out;
    }

    /** The σ opening queries, at x. */
    public static List<ProverQuery> sigmaQueries(ProvingKey pk, long[] x) {
        List<ProverQuery> out = new ArrayList<>();
        for (int i = 0; i < pk.verifyingKey().permutationCommitmentCount(); i++) {
            out.add(pk.sigmaPolynomial(i).query(x));
        }
        return out;
    }
}
