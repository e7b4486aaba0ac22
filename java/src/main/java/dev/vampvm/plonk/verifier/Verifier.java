package dev.vampvm.plonk.verifier;

import dev.vampvm.commit.DeferredIpaCheck;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.commit.MsmAccumulator;
import dev.vampvm.commit.MultiopenVerifier;
import dev.vampvm.commit.VerifierCommitment;
import dev.vampvm.commit.VerifierQuery;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.plonk.Column;
import dev.vampvm.plonk.Constraint;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Expression.Query;
import dev.vampvm.plonk.Lookup;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.plonk.lookup.LookupVerifier;
import dev.vampvm.plonk.permutation.PermutationVerifier;
import dev.vampvm.plonk.vanishing.VanishingVerifier;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.transcript.MalformedProofException;
import dev.vampvm.transcript.Transcript;
import dev.vampvm.transcript.TranscriptReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Verifies a proof (halo2's {@code verify_proof}): replays the transcript of {@link dev.vampvm.plonk.prover.Prover}
 * from the verifying key, the public inputs and the proof bytes, recomputes every constraint at x from the sent
 * evaluations and the instance values (evaluated here with the Lagrange basis: instance columns are not
 * committed, see the prover), derives the value h(x) must take, and reduces all openings, h's included, to one
 * deferred IPA check.
 *
 * <p>Refused ({@link MalformedProofException} from {@link #read}, {@code false} from {@link #verify}): public
 * inputs of the wrong shape, any malformed element (non-canonical scalar, invalid point or the identity), too few
 * or too many bytes, x with xⁿ = 1, two values claimed for one commitment at one point, x₃ on a query point; and
 * a proof whose deferred check fails.
 */
public final class Verifier {
    private static final MontgomeryField F = Fp.FIELD;
    private static final ShortWeierstrassCurve CURVE = ShortWeierstrassCurve.VESTA;

    private Verifier() {
    }

    /** Reads and checks everything but the final MSM, which it returns as a deferred check. */
    public static DeferredIpaCheck read(VerifyingKey vk, List<List<Fp>> instances, byte[] proof)
            throws MalformedProofException {
        return new Run(vk, instances, proof, null).read();
    }

    /**
     * A proof without its multipoint opening ({@link dev.vampvm.plonk.prover.Prover#proveUnopened}), read and checked
     * up to the opening: {@code queries} the claims an opening shared with other proofs must prove, {@code binding} the
     * challenge squeezed from the transcript after the last byte, {@code k} the proof's.
     */
    public record Unopened(int k, List<VerifierQuery> queries, Fp binding) {
        public Unopened {
            queries = List.copyOf(queries);
        }
    }

    /**
     * Reads a proof that ends before its multipoint opening, as {@link #read} reads a whole one.
     *
     * @throws MalformedProofException for what {@link #read} refuses up to the opening, and bytes after the
     *     evaluations
     */
    public static Unopened readUnopened(VerifyingKey vk, List<List<Fp>> instances, byte[] proof)
            throws MalformedProofException {
        Run run = new Run(vk, instances, proof, null);
        List<VerifierQuery> queries = run.readQueries();
        run.transcript.finish();
        return new Unopened(vk.k(), queries, run.transcript.squeezeChallenge());
    }

    /** Verifies one proof: {@link #read}, then the deferred check's MSM. */
    public static boolean verify(IpaParams params, VerifyingKey vk, List<List<Fp>> instances, byte[] proof) {
        DeferredIpaCheck check;
        try {
            check = read(vk, instances, proof);
        } catch (MalformedProofException e) {
            return false;
        }
        if (params.k() < check.k()) {
            throw new IllegalArgumentException("IPA parameters of k = " + params.k() + " cannot check a proof of k = "
                    + check.k());
        }
        MsmAccumulator acc = new MsmAccumulator();
        check.accumulateInto(acc, F.one());
        return acc.isIdentity(params);
    }

    /**
     * A hook for tests: which absorbed item to leave out when replaying the transcript (−1: none). Item 0 is the
     * key's hash; items 1 … are the public inputs' lengths and values in order. A verifier that skips any one of
     * them must reject honest proofs.
     */
    static DeferredIpaCheck readSkipping(VerifyingKey vk, List<List<Fp>> instances, byte[] proof, int skip)
            throws MalformedProofException {
        return new Run(vk, instances, proof, skip).read();
    }

    private static final class Run {
        final VerifyingKey vk;
        final ConstraintSystem cs;
        final List<List<Fp>> instances;
        final TranscriptReader transcript;
        final EvaluationDomain domain;
        final Integer skip;
        int absorbed;

        Run(VerifyingKey vk, List<List<Fp>> instances, byte[] proof, Integer skip) {
            this.vk = vk;
            this.cs = vk.constraintSystem();
            this.instances = instances;
            this.transcript = Transcript.forVerifying(VerifyingKey.TRANSCRIPT_DOMAIN, proof);
            this.domain = vk.domain();
            this.skip = skip;
        }

        private void absorb(Fp v) {
            if (skip == null || absorbed != skip) {
                transcript.absorbScalar(v);
            }
            absorbed++;
        }

        DeferredIpaCheck read() throws MalformedProofException {
            DeferredIpaCheck check = MultiopenVerifier.read(vk.k(), transcript, readQueries());
            transcript.finish();
            return check;
        }

        /** Everything up to the multipoint opening: the claims it must prove, in the prover's order. */
        List<VerifierQuery> readQueries() throws MalformedProofException {
            String problem = vk.checkInstances(instances);
            if (problem != null) {
                throw new MalformedProofException("public inputs: " + problem, -1);
            }
            absorb(vk.transcriptRepresentative());
            VerifyingKey.absorbInstances(instances, this::absorb);

            int na = cs.numAdviceColumns();
            long[][] advice = new long[na][];
            for (int c = 0; c < na; c++) {
                advice[c] = transcript.readPoint(Verifier::decode);
            }
            long[] theta = transcript.squeezeChallenge().montgomeryLimbs();
            List<Lookup> lookupList = cs.lookups();
            List<LookupVerifier.Lookups> lookups = new ArrayList<>();
            for (int i = 0; i < lookupList.size(); i++) {
                lookups.add(LookupVerifier.readPermuted(transcript));
            }
            long[] beta = transcript.squeezeChallenge().montgomeryLimbs();
            long[] gamma = transcript.squeezeChallenge().montgomeryLimbs();
            List<long[]> products = PermutationVerifier.readCommitments(vk, transcript);
            for (LookupVerifier.Lookups l : lookups) {
                LookupVerifier.readProduct(l, transcript);
            }
            long[] random = VanishingVerifier.readRandomCommitment(transcript);
            long[] y = transcript.squeezeChallenge().montgomeryLimbs();
            List<long[]> pieces = VanishingVerifier.readQuotientCommitments(vk.quotientDegree() - 1, transcript);
            long[] x = transcript.squeezeChallenge().montgomeryLimbs();
            long[] vanishing = vanishingOutsideDomain(domain, x);
            long[] xn = vanishing.clone();
            F.add(xn, 0, F.one(), 0, xn, 0);

            long[][] adviceEvals = readScalars(cs.adviceQueries().size());
            long[][] fixedEvals = readScalars(cs.fixedQueries().size());
            long[] randomEval = transcript.readScalar().montgomeryLimbs();
            PermutationVerifier.Evaluations permutation = PermutationVerifier.readEvaluations(vk, transcript);
            for (LookupVerifier.Lookups l : lookups) {
                LookupVerifier.readEvaluations(l, transcript);
            }
            long[][] instanceEvals = InstanceEvaluator.evaluate(vk, instances, x, vanishing);

            Function<Query, Fp> evals = q -> Fp.fromMontgomery(switch (q.kind()) {
                case ADVICE -> adviceEvals[cs.queryIndex(q)];
                case FIXED -> fixedEvals[cs.queryIndex(q)];
                case INSTANCE -> instanceEvals[cs.queryIndex(q)];
            }, 0);

            // l_0, l_last and l_blind = Σ of the blinding rows' Lagrange polynomials, at x.
            int bf = cs.blindingFactors();
            int[] rotations = new int[bf + 2];
            rotations[0] = 0;
            rotations[1] = -(bf + 1);
            for (int i = 0; i < bf; i++) {
                rotations[2 + i] = -(i + 1);
            }
            long[] basis = domain.lagrangeBasisAt(x, rotations);
            long[] l0 = slice(basis, 0);
            long[] lLast = slice(basis, 1);
            long[] lActive = F.one();
            F.sub(lActive, 0, lLast, 0, lActive, 0);
            for (int i = 0; i < bf; i++) {
                F.sub(lActive, 0, basis, 4 * (2 + i), lActive, 0);
            }

            List<long[]> constraints = new ArrayList<>();
            for (int g = 0; g < cs.gates().size(); g++) {
                List<Constraint> gate = cs.gates().get(g).constraints();
                for (int c = 0; c < gate.size(); c++) {
                    long[] v = gate.get(c).polynomial().evaluate(evals).montgomeryLimbs();
                    if (vk.isGatedByActiveRows(g, c)) {
                        F.mul(v, 0, lActive, 0, v, 0);
                    }
                    constraints.add(v);
                }
            }
            List<Column> columns = cs.permutationColumns();
            long[][] columnEvals = new long[columns.size()][];
            for (int i = 0; i < columnEvals.length; i++) {
                columnEvals[i] = evals.apply(columns.get(i).cur()).montgomeryLimbs();
            }
            PermutationVerifier.constraints(constraints, vk, permutation, columnEvals, beta, gamma, x, l0, lLast,
                    lActive);
            for (int i = 0; i < lookups.size(); i++) {
                LookupVerifier.constraints(constraints, lookupList.get(i), lookups.get(i), evals, theta, beta, gamma,
                        l0, lLast, lActive);
            }
            long[] expectedH = VanishingVerifier.expectedQuotient(constraints, y, vanishing);

            List<VerifierQuery> queries = new ArrayList<>();
            List<Query> adviceQueries = cs.adviceQueries();
            for (int i = 0; i < adviceQueries.size(); i++) {
                Query q = adviceQueries.get(i);
                queries.add(new VerifierQuery(domain.rotate(x, 0, q.rotation()),
                        VerifierCommitment.of(advice[q.column().index()]), adviceEvals[i]));
            }
            PermutationVerifier.productQueries(queries, vk, products, permutation, x);
            for (LookupVerifier.Lookups l : lookups) {
                LookupVerifier.queries(queries, domain, l, x);
            }
            List<Query> fixedQueries = cs.fixedQueries();
            for (int i = 0; i < fixedQueries.size(); i++) {
                Query q = fixedQueries.get(i);
                queries.add(new VerifierQuery(domain.rotate(x, 0, q.rotation()),
                        VerifierCommitment.of(vk.fixedCommitment(q.column().index())), fixedEvals[i]));
            }
            PermutationVerifier.sigmaQueries(queries, vk, permutation, x);
            VanishingVerifier.queries(queries, pieces, random, randomEval, x, xn, expectedH);
            return queries;
        }

        private long[][] readScalars(int count) throws MalformedProofException {
            long[][] out = new long[count][];
            for (int i = 0; i < count; i++) {
                out[i] = transcript.readScalar().montgomeryLimbs();
            }
            return out;
        }
    }

    /**
     * xⁿ − 1, refusing x with xⁿ = 1: there the Lagrange basis, the instance evaluation and the division by
     * xⁿ − 1 are undefined (probability n/p for an honest transcript).
     */
    static long[] vanishingOutsideDomain(EvaluationDomain domain, long[] x) throws MalformedProofException {
        long[] vanishing = domain.evaluateVanishing(x);
        if (F.isZero(vanishing, 0)) {
            throw new MalformedProofException("the challenge x lies in the evaluation domain (xⁿ = 1)", -1);
        }
        return vanishing;
    }

    private static long[] slice(long[] flat, int i) {
        long[] r = new long[4];
        System.arraycopy(flat, 4 * i, r, 0, 4);
        return r;
    }

    static long[] decode(byte[] bytes) {
        long[] p = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        CURVE.decodeAffine(bytes, 0, p, 0, false);
        return p;
    }
}
