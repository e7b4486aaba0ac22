package dev.vampvm.plonk.lookup;

import dev.vampvm.commit.VerifierCommitment;
import dev.vampvm.commit.VerifierQuery;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.plonk.Expression;
import dev.vampvm.plonk.Expression.Query;
import dev.vampvm.plonk.Lookup;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.transcript.MalformedProofException;
import dev.vampvm.transcript.TranscriptReader;
import java.util.List;
import java.util.function.Function;

/** The verifier's side of the lookup argument ({@link LookupProver} states the constraints). */
public final class LookupVerifier {
    private static final MontgomeryField F = Fp.FIELD;
    private static final ShortWeierstrassCurve CURVE = ShortWeierstrassCurve.VESTA;

    private LookupVerifier() {
    }

    /** One lookup's commitments and evaluations as read from the proof (filled phase by phase). */
    public static final class Lookups {
        long[] permutedInput;
        long[] permutedTable;
        long[] product;
        long[] z;
        long[] zNext;
        long[] a;
        long[] aPrev;
        long[] s;

        private Lookups() {
        }
    }

    /** Reads A′ and S′'s commitments. */
    public static Lookups readPermuted(TranscriptReader transcript) throws MalformedProofException {
        Lookups l = new Lookups();
        l.permutedInput = transcript.readPoint(LookupVerifier::decode);
        l.permutedTable = transcript.readPoint(LookupVerifier::decode);
        return l;
    }

    /** Reads Z's commitment. */
    public static void readProduct(Lookups l, TranscriptReader transcript) throws MalformedProofException {
        l.product = transcript.readPoint(LookupVerifier::decode);
    }

    /** Reads Z(x), Z(ωx), A′(x), A′(ω⁻¹x), S′(x). */
    public static void readEvaluations(Lookups l, TranscriptReader transcript) throws MalformedProofException {
        l.z = transcript.readScalar().montgomeryLimbs();
        l.zNext = transcript.readScalar().montgomeryLimbs();
        l.a = transcript.readScalar().montgomeryLimbs();
        l.aPrev = transcript.readScalar().montgomeryLimbs();
        l.s = transcript.readScalar().montgomeryLimbs();
    }

    static long[] decode(byte[] bytes) {
        long[] p = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        CURVE.decodeAffine(bytes, 0, p, 0, false);
        return p;
    }

    /** Appends the five constraint values at x, in the prover's order. */
    public static void constraints(List<long[]> out, Lookup lookup, Lookups l, Function<Query, Fp> queries,
            long[] theta, long[] beta, long[] gamma, long[] l0, long[] lLast, long[] lActive) {
        long[] one = F.one();
        long[] t = new long[4];
        long[] u = new long[4];
        out.add(mul(l0, sub(one, l.z)));
        out.add(mul(lLast, sub(mul(l.z, l.z), l.z)));
        long[] input = compress(lookup.inputs(), queries, theta);
        long[] table = compress(lookup.tables(), queries, theta);
        F.add(l.a, 0, beta, 0, t, 0);
        F.add(l.s, 0, gamma, 0, u, 0);
        long[] left = mul(l.zNext, mul(t, u));
        F.add(input, 0, beta, 0, t, 0);
        F.add(table, 0, gamma, 0, u, 0);
        long[] right = mul(l.z, mul(t, u));
        out.add(mul(lActive, sub(left, right)));
        long[] aMinusS = sub(l.a, l.s);
        out.add(mul(l0, aMinusS));
        out.add(mul(lActive, mul(aMinusS, sub(l.a, l.aPrev))));
    }

    private static long[] compress(List<Expression> expressions, Function<Query, Fp> queries, long[] theta) {
        Fp th = Fp.fromMontgomery(theta, 0);
        Fp acc = null;
        for (Expression e : expressions) {
            Fp v = e.evaluate(queries);
            acc = acc == null ? v : acc.mul(th).add(v);
        }
        return acc.montgomeryLimbs();
    }

    /** The openings, in {@link LookupProver#queries} order. */
    public static void queries(List<VerifierQuery> out, EvaluationDomain domain, Lookups l, long[] x) {
        long[] xNext = domain.rotate(x, 0, 1);
        long[] xPrev = domain.rotate(x, 0, -1);
        VerifierCommitment z = VerifierCommitment.of(l.product);
        VerifierCommitment a = VerifierCommitment.of(l.permutedInput);
        VerifierCommitment s = VerifierCommitment.of(l.permutedTable);
        out.add(new VerifierQuery(x, z, l.z));
        out.add(new VerifierQuery(x, a, l.a));
        out.add(new VerifierQuery(x, s, l.s));
        out.add(new VerifierQuery(xPrev, a, l.aPrev));
        out.add(new VerifierQuery(xNext, z, l.zNext));
    }

    private static long[] mul(long[] a, long[] b) {
        long[] r = new long[4];
        F.mul(a, 0, b, 0, r, 0);
        return r;
    }

    private static long[] sub(long[] a, long[] b) {
        long[] r = new long[4];
        F.sub(a, 0, b, 0, r, 0);
        return r;
    }
}
