package dev.vampvm.commit;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.PointVector;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.curve.FixedBaseTable;
import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.field.SeedExpander;
import dev.vampvm.transcript.TranscriptWriter;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The prover's side of the inner-product argument (Bootle et al., Bünz et al.; in the form halo2 uses):
 * Pedersen commitments to coefficient vectors, and an opening proof that a committed polynomial takes a
 * value at a point, of 2k + 1 points and 2 scalars.
 *
 * <p>The opening proves knowledge of a with ⟨a, G⟩ + r·W = P − v·G_0 + ξ·S and ⟨a, b⟩ = 0 for
 * b = (1, x, x², …): p(X) − v + ξ·s(X), where s is a random polynomial with s(x) = 0 committed first so
 * that the argument reveals nothing about p. Each round halves a, b and G with a challenge u:
 * a' = a_lo + u⁻¹·a_hi, b' = b_lo + u·b_hi, G' = G_lo + u·G_hi, after sending
 * L = ⟨a_hi, G_lo⟩ + z⟨a_hi, b_lo⟩·U + l·W and R = ⟨a_lo, G_hi⟩ + z⟨a_lo, b_hi⟩·U + r·W.
 */
public final class IpaProver {

    private static final MontgomeryField F = VestaPoints.SCALARS;

    private IpaProver() {
    }

    /** ⟨coeffs, G⟩ + blind·W, projective. */
    public static long[] commit(IpaParams params, ScalarVector coeffs, long[] blind) {
        return commit(params, List.of(coeffs), List.of(blind))[0];
    }

    /**
     * Each ⟨coeffs_i, G⟩ + blind_i·W, projective, with one batched MSM ({@link Backend#msm(PointVector, List)}): the
     * polynomials have one size.
     */
    public static long[][] commit(IpaParams params, List<ScalarVector> coeffs, List<long[]> blinds) {
        if (coeffs.size() != blinds.size()) {
            throw new IllegalArgumentException(coeffs.size() + " polynomials with " + blinds.size() + " blinds");
        }
        if (coeffs.isEmpty()) {
            return new long[0][];
        }
        for (ScalarVector c : coeffs) {
            checkPolynomial(params, c);
        }
        long[][] out = params.backend().msm(params.g().slice(0, coeffs.get(0).size()), coeffs);
        PointArithmetic ops = params.curve().arithmetic();
        for (int i = 0; i < out.length; i++) {
            addMul(params.wTable(), ops, out[i], blinds.get(i));
        }
        return out;
    }

    /**
     * Writes an opening of the polynomial with coefficients {@code coeffs} (n = 2^k of them, committed
     * with {@code blind}) at x. The verifier must already have absorbed the commitment, x and the value
     * p(x) by the time it replays this (the caller's protocol absorbs them).
     */
    public static void open(IpaParams params, TranscriptWriter transcript, ScalarVector coeffs, long[] blind,
            long[] x, RandomGenerator rng) {
        checkPolynomial(params, coeffs);
        if (coeffs.size() != params.size()) {
            throw new IllegalArgumentException("an opening needs exactly " + params.size() + " coefficients, got "
                    + coeffs.size());
        }
        Backend backend = params.backend();
        PointArithmetic ops = params.curve().arithmetic();
        int n = params.size();
        int k = params.k();

        // A random s with s(x) = 0, committed, blinds the rest of the argument. Its coefficients past the constant
        // one (set below) are a seed from rng expanded by ChaCha20 where s lives: one draw, made in parallel
        // (SECURITY.md says why that is as good as uniform).
        byte[] seed = new byte[SeedExpander.SEED_BYTES];
        rng.nextBytes(seed);
        try (ScalarVector s = backend.allocate(F, n);
                ScalarVector a = backend.allocate(F, n);
                ScalarVector b = backend.allocate(F, n)) {
            backend.expandSeed(seed, s.slice(1, n));
            long[] sAtX = backend.evaluate(s, x);
            F.neg(sAtX, 0, sAtX, 0);
            backend.fill(s.slice(0, 1), sAtX);
            long[] sBlind = random(rng);
            transcript.writePointEncoding(VestaPoints.encode(commit(params, s, sBlind)));
            long[] xi = transcript.squeezeChallenge().montgomeryLimbs();
            long[] z = transcript.squeezeChallenge().montgomeryLimbs();

            // a = p − p(x) + ξ·s, so ⟨a, b⟩ = a(x) = 0; its blind is blind + ξ·sBlind.
            long[] v = backend.evaluate(coeffs, x);
            F.neg(v, 0, v, 0);
            backend.addScaled(coeffs, xi, s, a);
            backend.addConstant(a.slice(0, 1), v, a.slice(0, 1));
            long[] f = new long[4];
            F.mul(xi, 0, sBlind, 0, f, 0);
            F.add(f, 0, blind, 0, f, 0);
            backend.powers(F.one(), x, b);

            PointVector gPrime = null;
            try {
                for (int j = 0; j < k; j++) {
                    int half = n >> (j + 1);
                    PointVector g = gPrime == null ? params.g() : gPrime;
                    PointVector gLo = g.slice(0, half);
                    PointVector gHi = g.slice(half, 2 * half);
                    ScalarVector aLo = a.slice(0, half);
                    ScalarVector aHi = a.slice(half, 2 * half);
                    ScalarVector bLo = b.slice(0, half);
                    ScalarVector bHi = b.slice(half, 2 * half);

                    long[] lBlind = random(rng);
                    long[] rBlind = random(rng);
                    long[] l = roundCommitment(params, ops, gLo, aHi, backend.innerProduct(aHi, bLo), z, lBlind);
                    long[] r = roundCommitment(params, ops, gHi, aLo, backend.innerProduct(aLo, bHi), z, rBlind);
                    transcript.writePointEncoding(VestaPoints.encode(l));
                    transcript.writePointEncoding(VestaPoints.encode(r));
                    long[] u = transcript.squeezeChallenge().montgomeryLimbs();
                    if (F.isZero(u, 0)) {
                        throw new IllegalStateException("IPA challenge is zero (probability 1/p)");
                    }
                    long[] uInv = new long[4];
                    F.inv(u, 0, uInv, 0);

                    backend.addScaled(aLo, uInv, aHi, aLo);
                    backend.addScaled(bLo, u, bHi, bLo);
                    if (gPrime == null) {
                        gPrime = backend.allocatePoints(params.curve(), half);
                        backend.foldGenerators(gLo, gHi, u, gPrime);
                    } else {
                        backend.foldGenerators(gLo, gHi, u, gLo);
                    }
                    long[] t = new long[4];
                    F.mul(lBlind, 0, uInv, 0, t, 0);
                    F.add(f, 0, t, 0, f, 0);
                    F.mul(rBlind, 0, u, 0, t, 0);
                    F.add(f, 0, t, 0, f, 0);
                }
            } finally {
                if (gPrime != null) {
                    gPrime.close();
                }
            }
            long[] c = backend.download(a.slice(0, 1));
            transcript.writeScalar(dev.vampvm.field.Fp.fromMontgomery(c, 0));
            transcript.writeScalar(dev.vampvm.field.Fp.fromMontgomery(f, 0));
        }
    }

    /** ⟨a, g⟩ + (z·ip)·U + blind·W. */
    private static long[] roundCommitment(IpaParams params, PointArithmetic ops, PointVector g, ScalarVector a,
            long[] ip, long[] z, long[] blind) {
        long[] p = params.backend().msm(g, a);
        long[] zip = new long[4];
        F.mul(z, 0, ip, 0, zip, 0);
        addMul(params.uTable(), ops, p, zip);
        addMul(params.wTable(), ops, p, blind);
        return p;
    }

    /** r += [k]·base for a Montgomery-form scalar k, by the base's table. */
    private static void addMul(FixedBaseTable base, PointArithmetic ops, long[] r, long[] k) {
        long[] canonical = new long[4];
        F.toCanonical(k, 0, canonical, 0);
        base.addMul(ops, r, 0, canonical, 0);
    }

    private static long[] random(RandomGenerator rng) {
        long[] r = new long[4];
        F.random(rng, r, 0);
        return r;
    }

    private static void checkPolynomial(IpaParams params, ScalarVector coeffs) {
        if (coeffs.field() != F) {
            throw new IllegalArgumentException("IPA commits to " + F.name() + " vectors, not " + coeffs.field().name());
        }
        if (coeffs.size() > params.size()) {
            throw new IllegalArgumentException(coeffs.size() + " coefficients exceed the " + params.size()
                    + " bases of k = " + params.k());
        }
    }
}
