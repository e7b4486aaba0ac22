package dev.vampvm.commit;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.PointVector;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.curve.FixedBaseTable;
import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.curve.ShortWeierstrassCurve;
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
 *
 * <p>On an engine that folds two rounds' generators at once for less ({@link Backend#foldsTwoRoundsAtOnce}: both
 * engines, from the size where they stop folding point by point), rounds go by pairs: the second round's L and R come from MSMs over the first round's unfolded generators
 * (G′ = G_lo + u·G_hi is never made), then both folds run as one. The proof is the same byte for byte.
 */
public final class IpaProver {

    private static final MontgomeryField F = VestaPoints.SCALARS;

    private IpaProver() {
    }

    /**
     * An opening's random polynomial s, drawn ahead of it: a seed whose ChaCha20 expansion, where s lives, gives s its
     * coefficients past the constant one (one draw, expanded in parallel: SECURITY.md says why that is as good as
     * uniform), and once made those coefficients on the engine (the constant one zero until the opening sets it) with
     * ⟨s, G⟩ over them. The prover draws it where a proof starts and, on an engine that leaves the host free, makes it
     * while the host synthesizes the witness ({@link Backend#runsBesideTheHost}); where it is made does not change
     * the proof.
     */
    public static final class Blinding implements AutoCloseable {
        private final byte[] seed;
        private ScalarVector s;
        private long[] partial;
        private boolean opened;
        private boolean closed;

        private Blinding(byte[] seed) {
            this.seed = seed;
        }

        /** Draws the seed: rng's next {@value SeedExpander#SEED_BYTES} bytes. */
        public static Blinding draw(RandomGenerator rng) {
            byte[] seed = new byte[SeedExpander.SEED_BYTES];
            rng.nextBytes(seed);
            return new Blinding(seed);
        }

        /**
         * Expands the seed into an opening's n = params.size() coefficients on params' engine and commits to them
         * without blind, once; later calls return the same vector (for the same size and engine).
         */
        public synchronized ScalarVector make(IpaParams params) {
            if (closed) {
                throw new IllegalStateException("the opening's random polynomial was closed");
            }
            Backend backend = params.backend();
            int n = params.size();
            if (s != null) {
                if (s.size() != n || s.backend() != backend) {
                    throw new IllegalArgumentException("the opening's random polynomial was made for " + s.size()
                            + " coefficients on " + s.backend().name() + ", not " + n + " on " + backend.name());
                }
                return s;
            }
            ScalarVector v = backend.allocate(F, n);
            try {
                backend.expandSeed(seed, v.slice(1, n));
                partial = backend.msm(params.g(), v);
            } catch (RuntimeException | Error e) {
                v.close();
                throw e;
            }
            s = v;
            return v;
        }

        /** Made, for the one opening it blinds: its constant coefficient is that opening's to set. */
        private synchronized ScalarVector forOpening(IpaParams params) {
            if (opened) {
                throw new IllegalStateException("the opening's random polynomial blinds one opening only");
            }
            ScalarVector v = make(params);
            opened = true;
            return v;
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (s != null) {
                s.close();
                s = null;
            }
        }
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
        try (Blinding s = Blinding.draw(rng)) {
            open(params, transcript, coeffs, blind, x, rng, s);
        }
    }

    /**
     * {@link #open(IpaParams, TranscriptWriter, ScalarVector, long[], long[], RandomGenerator)} with its random
     * polynomial s drawn before (and perhaps made, {@link Blinding#make}); the rest of its randomness from rng. The
     * opening takes s: closing it is the caller's.
     */
    public static void open(IpaParams params, TranscriptWriter transcript, ScalarVector coeffs, long[] blind,
            long[] x, RandomGenerator rng, Blinding drawn) {
        checkPolynomial(params, coeffs);
        if (coeffs.size() != params.size()) {
            throw new IllegalArgumentException("an opening needs exactly " + params.size() + " coefficients, got "
                    + coeffs.size());
        }
        Backend backend = params.backend();
        PointArithmetic ops = params.curve().arithmetic();
        int n = params.size();

        // A random s with s(x) = 0, committed, blinds the rest of the argument: its coefficients past the constant one
        // from the drawn seed, the constant one −s(x) over them, so its commitment is ⟨s, G⟩ over the others (made
        // with them) + s₀·G₀ + blind·W.
        ScalarVector s = drawn.forOpening(params);
        try (ScalarVector a = backend.allocate(F, n);
                ScalarVector b = backend.allocate(F, n)) {
            long[] s0 = backend.evaluate(s, x);
            F.neg(s0, 0, s0, 0);
            backend.fill(s.slice(0, 1), s0);
            long[] sBlind = random(rng);
            long[] sCommitment = drawn.partial.clone();
            long[] g0 = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
            params.curve().affineToProjective(params.g0(), 0, g0, 0);
            long[] canonical = new long[4];
            F.toCanonical(s0, 0, canonical, 0);
            ops.mul(g0, 0, canonical, 0, g0, 0);
            ops.add(sCommitment, 0, g0, 0, sCommitment, 0);
            addMul(params.wTable(), ops, sCommitment, sBlind);
            transcript.writePointEncoding(VestaPoints.encode(sCommitment));
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

            if (backend.opensWithoutFolding(n)) {
                roundsWithoutFolding(params, ops, transcript, rng, a, b, z, f);
            } else {
                foldingRounds(params, ops, transcript, rng, a, b, z, f);
            }
            long[] c = backend.download(a.slice(0, 1));
            transcript.writeScalar(dev.vampvm.field.Fp.fromMontgomery(c, 0));
            transcript.writeScalar(dev.vampvm.field.Fp.fromMontgomery(f, 0));
        }
    }

    /**
     * One round over generators g = g_lo ‖ g_hi and a, b (each of |g|): writes L and R, squeezes u, folds a and b into
     * their low halves (a_lo + u⁻¹·a_hi, b_lo + u·b_hi) and the round's blinds into f; returns u. The generators are
     * the caller's to fold. L = ⟨a_hi, g_lo⟩ and R = ⟨a_lo, g_hi⟩ are two MSMs over the halves, or where the engine
     * says it pays ({@link Backend#batchesMsmsOverHalves}) one batch of two over g with the scalars (a_hi, 0) and
     * (0, a_lo): the same L and R.
     */
    private static long[] round(IpaParams params, PointArithmetic ops, TranscriptWriter transcript,
            RandomGenerator rng, PointVector g, ScalarVector a, ScalarVector b, long[] z, long[] f) {
        Backend backend = params.backend();
        int half = g.size() / 2;
        ScalarVector aLo = a.slice(0, half);
        ScalarVector aHi = a.slice(half, 2 * half);
        long[] lBlind = random(rng);
        long[] rBlind = random(rng);
        long[][] lr;
        if (backend.batchesMsmsOverHalves(2 * half)) {
            try (ScalarVector sl = backend.allocate(F, 2 * half);
                    ScalarVector sr = backend.allocate(F, 2 * half)) {
                long[] zero = new long[4];
                backend.copy(aHi, sl.slice(0, half));
                backend.fill(sl.slice(half, 2 * half), zero);
                backend.fill(sr.slice(0, half), zero);
                backend.copy(aLo, sr.slice(half, 2 * half));
                lr = backend.msm(g, List.of(sl, sr));
            }
        } else {
            lr = new long[][] {backend.msm(g.slice(0, half), aHi), backend.msm(g.slice(half, 2 * half), aLo)};
        }
        return finishRound(params, ops, transcript, lr[0], lr[1], a, b, z, f, lBlind, rBlind);
    }

    /**
     * The round after {@link #round} without its folded generators: G′ = g_lo + u·g_hi for g of 4q points and a, b
     * (of 2q, already folded by that round), L = ⟨a_hi, G′_lo⟩ and R = ⟨a_lo, G′_hi⟩ as one batch of two MSMs over g,
     * with the scalars (a_hi, 0, u·a_hi, 0) and (0, a_lo, 0, u·a_lo) by quarters of g. The same L and R, so the
     * same proof, as the round over G′.
     */
    private static long[] pairedRound(IpaParams params, PointArithmetic ops, TranscriptWriter transcript,
            RandomGenerator rng, PointVector g, long[] u, ScalarVector a, ScalarVector b, long[] z, long[] f) {
        Backend backend = params.backend();
        int q = g.size() / 4;
        ScalarVector aLo = a.slice(0, q);
        ScalarVector aHi = a.slice(q, 2 * q);
        long[] lBlind = random(rng);
        long[] rBlind = random(rng);
        long[][] lr;
        try (ScalarVector sl = backend.allocate(F, 4 * q);
                ScalarVector sr = backend.allocate(F, 4 * q)) {
            long[] zero = new long[4];
            backend.copy(aHi, sl.slice(0, q));
            backend.fill(sl.slice(q, 2 * q), zero);
            backend.scale(aHi, u, sl.slice(2 * q, 3 * q));
            backend.fill(sl.slice(3 * q, 4 * q), zero);
            backend.fill(sr.slice(0, q), zero);
            backend.copy(aLo, sr.slice(q, 2 * q));
            backend.fill(sr.slice(2 * q, 3 * q), zero);
            backend.scale(aLo, u, sr.slice(3 * q, 4 * q));
            lr = backend.msm(g, List.of(sl, sr));
        }
        return finishRound(params, ops, transcript, lr[0], lr[1], a, b, z, f, lBlind, rBlind);
    }

    /**
     * All k rounds, folding the generators after each (two rounds at once where the engine says it pays,
     * {@link Backend#foldsTwoRoundsAtOnce}): a and b end folded into their first element, f holds the blinds.
     */
    private static void foldingRounds(IpaParams params, PointArithmetic ops, TranscriptWriter transcript,
            RandomGenerator rng, ScalarVector a, ScalarVector b, long[] z, long[] f) {
        Backend backend = params.backend();
        int n = params.size();
        int k = params.k();
        PointVector gPrime = null;
        try {
            for (int j = 0; j < k;) {
                int half = n >> (j + 1);
                PointVector g = gPrime == null ? params.g() : gPrime;
                long[] u = round(params, ops, transcript, rng, g.slice(0, 2 * half), a.slice(0, 2 * half),
                        b.slice(0, 2 * half), z, f);
                boolean pair = j + 1 < k && backend.foldsTwoRoundsAtOnce(half / 2);
                if (!pair) {
                    PointVector out = gPrime == null ? (gPrime = backend.allocatePoints(params.curve(), half))
                            : g.slice(0, half);
                    backend.foldGenerators(g.slice(0, half), g.slice(half, 2 * half), u, out);
                    j++;
                    continue;
                }
                // The next round over G′ = G_lo + u·G_hi without making G′: its L and R as MSMs over g itself,
                // then both rounds' folds at once.
                int quarter = half / 2;
                long[] u2 = pairedRound(params, ops, transcript, rng, g.slice(0, 2 * half), u,
                        a.slice(0, half), b.slice(0, half), z, f);
                PointVector out = gPrime == null ? (gPrime = backend.allocatePoints(params.curve(), quarter))
                        : g.slice(0, quarter);
                backend.foldGeneratorsTwice(g.slice(0, 2 * half), u, u2, out);
                j += 2;
            }
        } finally {
            if (gPrime != null) {
                gPrime.close();
            }
        }
    }

    /**
     * All k rounds without folding the generators ({@link Backend#opensWithoutFolding}). After j rounds the folded
     * generators are G⁽ʲ⁾[i] = Σ_t S[t]·G[t·n/2ʲ + i], S[t] the product of the challenges u_m for the bits m of t (most
     * significant first: G′ = G_lo + u·G_hi). So round j + 1's L = ⟨a_hi, G⁽ʲ⁾_lo⟩ is an MSM over G itself with the
     * scalar S[t]·a_hi[i] on G[t·n/2ʲ + i] for i &lt; n/2ʲ⁺¹ and 0 on the rest of each block, and R likewise with
     * S[t]·a_lo[i] on the blocks' upper halves: every round two MSMs of n terms, half of them zero, over the fixed
     * generators (the engine's fixed-base tables), and no generator is ever folded. The same L and R as the folding
     * rounds, so the same proof.
     */
    private static void roundsWithoutFolding(IpaParams params, PointArithmetic ops, TranscriptWriter transcript,
            RandomGenerator rng, ScalarVector a, ScalarVector b, long[] z, long[] f) {
        Backend backend = params.backend();
        int n = params.size();
        long[] products = F.one();
        long[] sl = new long[4 * n];
        long[] sr = new long[4 * n];
        try (ScalarVector l = backend.allocate(F, n);
                ScalarVector r = backend.allocate(F, n)) {
            for (int j = 0; j < params.k(); j++) {
                int half = n >> (j + 1);
                int blocks = 1 << j;
                long[] aNow = backend.download(a.slice(0, 2 * half));
                java.util.Arrays.fill(sl, 0L);
                java.util.Arrays.fill(sr, 0L);
                for (int t = 0; t < blocks; t++) {
                    int block = 4 * 2 * half * t;
                    for (int i = 0; i < half; i++) {
                        F.mul(products, 4 * t, aNow, 4 * (half + i), sl, block + 4 * i);
                        F.mul(products, 4 * t, aNow, 4 * i, sr, block + 4 * (half + i));
                    }
                }
                backend.upload(sl, 0, l);
                backend.upload(sr, 0, r);
                long[] lBlind = random(rng);
                long[] rBlind = random(rng);
                long[][] lr = backend.msm(params.g(), List.of(l, r));
                long[] u = finishRound(params, ops, transcript, lr[0], lr[1], a.slice(0, 2 * half),
                        b.slice(0, 2 * half), z, f, lBlind, rBlind);
                long[] next = new long[2 * products.length];
                for (int t = 0; t < blocks; t++) {
                    System.arraycopy(products, 4 * t, next, 8 * t, 4);
                    F.mul(products, 4 * t, u, 0, next, 8 * t + 4);
                }
                products = next;
            }
        }
    }

    /**
     * A round's end: L = ⟨a_hi, G_lo⟩ + z⟨a_hi, b_lo⟩·U + l·W and R likewise from the MSMs l and r, written; u
     * squeezed; a and b folded into their low halves; f += l·u⁻¹ + r·u. Returns u.
     */
    private static long[] finishRound(IpaParams params, PointArithmetic ops, TranscriptWriter transcript, long[] l,
            long[] r, ScalarVector a, ScalarVector b, long[] z, long[] f, long[] lBlind, long[] rBlind) {
        Backend backend = params.backend();
        int half = a.size() / 2;
        ScalarVector aLo = a.slice(0, half);
        ScalarVector aHi = a.slice(half, 2 * half);
        ScalarVector bLo = b.slice(0, half);
        ScalarVector bHi = b.slice(half, 2 * half);
        finishCommitment(params, ops, l, backend.innerProduct(aHi, bLo), z, lBlind);
        finishCommitment(params, ops, r, backend.innerProduct(aLo, bHi), z, rBlind);
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
        long[] t = new long[4];
        F.mul(lBlind, 0, uInv, 0, t, 0);
        F.add(f, 0, t, 0, f, 0);
        F.mul(rBlind, 0, u, 0, t, 0);
        F.add(f, 0, t, 0, f, 0);
        return u;
    }

    /** p += (z·ip)·U + blind·W. */
    private static void finishCommitment(IpaParams params, PointArithmetic ops, long[] p, long[] ip, long[] z,
            long[] blind) {
        long[] zip = new long[4];
        F.mul(z, 0, ip, 0, zip, 0);
        addMul(params.uTable(), ops, p, zip);
        addMul(params.wTable(), ops, p, blind);
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
