package dev.vampvm.plonk.lookup;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.commit.ProverQuery;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.plonk.Expression;
import dev.vampvm.plonk.Expression.Query;
import dev.vampvm.plonk.Lookup;
import dev.vampvm.plonk.evaluation.CommittedPolynomial;
import dev.vampvm.plonk.evaluation.EvaluationSource;
import dev.vampvm.plonk.evaluation.GrandProduct;
import dev.vampvm.plonk.evaluation.ProgramBuilder;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.transcript.TranscriptWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * The prover's side of halo2's permuted-column lookup argument ({@code plonk/lookup/prover.rs}).
 *
 * <p>With θ the input tuple and the table tuple are compressed to A = (…(e₀·θ + e₁)·θ + …) and S alike;
 * {@link PermutedColumns} sorts them into A′ and S′, which are committed; after β, γ the grand product
 * <pre>
 *   Z(ω^(j+1)) = Z(ω^j) · (A(ω^j) + β)(S(ω^j) + γ) / ((A′(ω^j) + β)(S′(ω^j) + γ)),   Z(1) = 1
 * </pre>
 * is committed. The constraints, in order: l_0·(1 − Z); l_last·(Z² − Z);
 * l_active·(Z(ωX)(A′ + β)(S′ + γ) − Z(X)(A + β)(S + γ)); l_0·(A′ − S′); l_active·(A′ − S′)·(A′ − A′(ω⁻¹X)).
 */
public final class LookupProver {
    private static final MontgomeryField F = Fp.FIELD;

    private LookupProver() {
    }

    /** Compresses a tuple of expressions with powers of θ into one node. */
    public static int compress(ProgramBuilder pb, List<Expression> expressions, long[] theta,
            ToIntFunction<Query> queries) {
        int acc = -1;
        for (Expression e : expressions) {
            int node = pb.expression(e, queries);
            acc = acc < 0 ? node : pb.add(pb.scale(acc, theta), node);
        }
        return acc;
    }

    /** Adds two outputs per lookup to a base-domain program: the compressed input, then the compressed table. */
    public static void compressionOutputs(ProgramBuilder pb, List<Lookup> lookups, long[] theta,
            ToIntFunction<Query> queries) {
        for (Lookup l : lookups) {
            pb.output(compress(pb, l.inputs(), theta, queries));
            pb.output(compress(pb, l.tables(), theta, queries));
        }
    }

    /** A lookup after its permuted columns are committed (with their sources on the extended coset). */
    public record Permuted(Lookup lookup, long[] input, long[] table, long[] permutedInput, long[] permutedTable,
            CommittedPolynomial a, CommittedPolynomial s, EvaluationSource aExtended, EvaluationSource sExtended) {
    }

    /** Commits A′ and S′ (random blinds) and writes both commitments. */
    public static Permuted commitPermuted(IpaParams params, ProvingKey pk, Lookup lookup, long[] input,
            long[] table, PermutedColumns columns, RandomGenerator rng, TranscriptWriter transcript) {
        EvaluationDomain domain = pk.domain();
        List<CommittedPolynomial> both = CommittedPolynomial.fromLagrange(params, domain,
                List.of(columns.input(), columns.table()), List.of(random(rng), random(rng)));
        CommittedPolynomial a = both.get(0);
        CommittedPolynomial s = both.get(1);
        transcript.writePointEncoding(a.encoding());
        transcript.writePointEncoding(s.encoding());
        return new Permuted(lookup, input, table, columns.input(), columns.table(), a, s,
                a.onExtendedCoset(pk.extendedDomain()), s.onExtendedCoset(pk.extendedDomain()));
    }

    /** A lookup after its grand product is committed (with its source on the extended coset). */
    public record Committed(Permuted permuted, CommittedPolynomial z, EvaluationSource zExtended)
            implements AutoCloseable {
        @Override
        public void close() {
            permuted.a().close();
            permuted.s().close();
            z.close();
        }
    }

    /**
     * The grand product over H on the proof's engine (computed on the host for the Java engine, on the engine
     * otherwise, as {@link dev.vampvm.plonk.permutation.PermutationProver#products} does).
     *
     * @param check  whether to insist that it returns to 1 (only a cheating test prover passes false)
     * @throws IllegalStateException if it does not return to 1, which {@link PermutedColumns} rules out
     */
    public static ScalarVector product(Backend backend, Permuted p, long[] beta, long[] gamma, int usable, int n,
            RandomGenerator rng, boolean check) {
        if (!backend.hostMemory()) {
            return productOnEngine(backend, p, beta, gamma, usable, n, rng, check);
        }
        long[] num = new long[4 * usable];
        long[] den = new long[4 * usable];
        GrandProduct.inRowBlocks(usable, (from, to) -> {
            long[] t = new long[4];
            for (int j = from; j < to; j++) {
                F.add(p.input(), 4 * j, beta, 0, num, 4 * j);
                F.add(p.table(), 4 * j, gamma, 0, t, 0);
                F.mul(num, 4 * j, t, 0, num, 4 * j);
                F.add(p.permutedInput(), 4 * j, beta, 0, den, 4 * j);
                F.add(p.permutedTable(), 4 * j, gamma, 0, t, 0);
                F.mul(den, 4 * j, t, 0, den, 4 * j);
            }
        });
        long[] z = GrandProduct.onHost(num, den, usable, F.one(), n);
        if (check && !F.isOne(z, 4 * usable)) {
            throw doesNotClose(p);
        }
        for (int r = usable + 1; r < n; r++) {
            F.random(rng, z, 4 * r);
        }
        return backend.upload(F, z, 0, n);
    }

    /**
     * The product on the engine ({@link GrandProduct}): the ratios (A + β)(S + γ) / ((A′ + β)(S′ + γ)) element-wise
     * into Z's ratio rows, then the running product from 1.
     */
    private static ScalarVector productOnEngine(Backend backend, Permuted p, long[] beta, long[] gamma, int usable,
            int n, RandomGenerator rng, boolean check) {
        ScalarVector z = backend.allocate(F, n);
        try {
            ScalarVector num = GrandProduct.ratios(z, usable);
            try (ScalarVector a = backend.upload(F, p.input(), 0, usable);
                    ScalarVector s = backend.upload(F, p.table(), 0, usable);
                    ScalarVector den = backend.upload(F, p.permutedInput(), 0, usable);
                    ScalarVector sPermuted = backend.upload(F, p.permutedTable(), 0, usable)) {
                backend.addConstant(a, beta, num);
                backend.addConstant(s, gamma, s);
                backend.mul(num, s, num);
                backend.addConstant(den, beta, den);
                backend.addConstant(sPermuted, gamma, sPermuted);
                backend.mul(den, sPermuted, den);
                backend.batchInvert(den);
                backend.mul(num, den, num);
            }
            backend.fill(GrandProduct.start(z), F.one());
            GrandProduct.accumulate(z, usable);
            if (check && !GrandProduct.closes(z, usable)) {
                throw doesNotClose(p);
            }
            GrandProduct.blind(z, usable, rng);
            return z;
        } catch (RuntimeException e) {
            z.close();
            throw e;
        }
    }

    private static IllegalStateException doesNotClose(Permuted p) {
        return new IllegalStateException("lookup \"" + p.lookup().name()
                + "\": the grand product does not close although the permuted columns were built");
    }

    /** Commits the product (taking ownership of it; random blind) and writes the commitment. */
    public static Committed commitProduct(IpaParams params, ProvingKey pk, Permuted p, ScalarVector z,
            RandomGenerator rng, TranscriptWriter transcript) {
        CommittedPolynomial c = CommittedPolynomial.fromLagrange(params, pk.domain(), z, random(rng));
        transcript.writePointEncoding(c.encoding());
        return new Committed(p, c, c.onExtendedCoset(pk.extendedDomain()));
    }

    /** Adds the lookup's five constraints (class comment) to the quotient program. */
    public static void constraints(ProgramBuilder pb, ProvingKey pk, Committed c, long[] theta, long[] beta,
            long[] gamma, ToIntFunction<Query> queries) {
        int one = pb.constant(F.one());
        int l0 = pb.load(pk.l0(), 0);
        int lLast = pb.load(pk.lLast(), 0);
        int lActive = pb.load(pk.lActive(), 0);
        int z = pb.load(c.zExtended(), 0);
        int zNext = pb.load(c.zExtended(), 1);
        int a = pb.load(c.permuted().aExtended(), 0);
        int aPrev = pb.load(c.permuted().aExtended(), -1);
        int s = pb.load(c.permuted().sExtended(), 0);
        int betaNode = pb.constant(beta);
        int gammaNode = pb.constant(gamma);
        int input = compress(pb, c.permuted().lookup().inputs(), theta, queries);
        int table = compress(pb, c.permuted().lookup().tables(), theta, queries);

        pb.output(pb.mul(l0, pb.sub(one, z)));
        pb.output(pb.mul(lLast, pb.sub(pb.mul(z, z), z)));
        int left = pb.mul(pb.mul(zNext, pb.add(a, betaNode)), pb.add(s, gammaNode));
        int right = pb.mul(pb.mul(z, pb.add(input, betaNode)), pb.add(table, gammaNode));
        pb.output(pb.mul(lActive, pb.sub(left, right)));
        int aMinusS = pb.sub(a, s);
        pb.output(pb.mul(l0, aMinusS));
        pb.output(pb.mul(lActive, pb.mul(aMinusS, pb.sub(a, aPrev))));
    }

    /** Writes Z(x), Z(ωx), A′(x), A′(ω⁻¹x), S′(x). */
    public static void evaluate(EvaluationDomain domain, Committed c, long[] x, TranscriptWriter transcript) {
        long[] xNext = domain.rotate(x, 0, 1);
        long[] xPrev = domain.rotate(x, 0, -1);
        write(transcript, c.z().evaluate(x));
        write(transcript, c.z().evaluate(xNext));
        write(transcript, c.permuted().a().evaluate(x));
        write(transcript, c.permuted().a().evaluate(xPrev));
        write(transcript, c.permuted().s().evaluate(x));
    }

    /** The openings: Z at x, A′ at x, S′ at x, A′ at ω⁻¹x, Z at ωx (halo2's order). */
    public static List<ProverQuery> queries(EvaluationDomain domain, Committed c, long[] x) {
        long[] xNext = domain.rotate(x, 0, 1);
        long[] xPrev = domain.rotate(x, 0, -1);
        List<ProverQuery> out = new ArrayList<>();
        out.add(c.z().query(x));
        out.add(c.permuted().a().query(x));
        out.add(c.permuted().s().query(x));
        out.add(c.permuted().a().query(xPrev));
        out.add(c.z().query(xNext));
        return out;
    }

    private static void write(TranscriptWriter transcript, long[] v) {
        transcript.writeScalar(Fp.fromMontgomery(v, 0));
    }

    private static long[] random(RandomGenerator rng) {
        long[] r = new long[4];
        F.random(rng, r, 0);
        return r;
    }
}
