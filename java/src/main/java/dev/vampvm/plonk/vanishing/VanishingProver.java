package dev.vampvm.plonk.vanishing;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.commit.ProverQuery;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.field.SeedExpander;
import dev.vampvm.plonk.evaluation.CommittedPolynomial;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.poly.ExtendedDomain;
import dev.vampvm.transcript.TranscriptWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The prover's side of the vanishing argument (halo2's {@code plonk/vanishing/prover.rs}): the quotient
 * h = (Σ yⁱ·constraintᵢ) / (Xⁿ − 1), cut into d − 1 pieces of n coefficients, each committed with its own blind;
 * and a random polynomial committed before y, opened at x alongside h. The verifier never sees h(x): it
 * recomputes it from the other evaluations, and the random polynomial's part in the multipoint opening keeps
 * the combination it does see from revealing h at x₃.
 */
public final class VanishingProver {
    private static final MontgomeryField F = Fp.FIELD;

    private VanishingProver() {
    }

    /**
     * The random polynomial of n coefficients, committed with a random blind: drawn ahead ({@link #draw}: a 32-byte
     * seed, then the blind) and made once wherever the prover chooses ({@link #make}: the seed expanded by ChaCha20,
     * {@link SeedExpander}, on the engine, then committed), before the proof writes its commitment
     * ({@link #commitRandomPolynomial}). One draw from the prover's generator instead of n, and an expansion that runs
     * in parallel where the coefficients live (SECURITY.md, zero knowledge, says why that keeps the polynomial as good
     * as uniform). Nothing in it depends on the witness, so on an engine that leaves the host free the prover makes it
     * while the host synthesizes the witness; the proof is the same wherever it is made.
     */
    public static final class RandomPolynomial implements AutoCloseable {
        private final byte[] seed;
        private final long[] blind;
        private CommittedPolynomial made;
        private boolean closed;

        private RandomPolynomial(byte[] seed, long[] blind) {
            this.seed = seed;
            this.blind = blind;
        }

        /** Draws the seed, then the blind, from rng. */
        public static RandomPolynomial draw(RandomGenerator rng) {
            byte[] seed = new byte[SeedExpander.SEED_BYTES];
            rng.nextBytes(seed);
            long[] blind = new long[4];
            F.random(rng, blind, 0);
            return new RandomPolynomial(seed, blind);
        }

        /** Expands and commits on params' engine, once; later calls return the same polynomial (for the same domain). */
        public synchronized CommittedPolynomial make(IpaParams params, EvaluationDomain domain) {
            if (closed) {
                throw new IllegalStateException("the random polynomial was closed or handed over");
            }
            if (made != null) {
                if (made.coefficients().size() != domain.size()) {
                    throw new IllegalArgumentException("the random polynomial was made for " + made.coefficients().size()
                            + " coefficients, not " + domain.size());
                }
                return made;
            }
            ScalarVector v = params.backend().allocate(F, domain.size());
            try {
                params.backend().expandSeed(seed, v);
                made = CommittedPolynomial.fromCoefficients(params, v, blind);
            } catch (RuntimeException | Error e) {
                v.close();
                throw e;
            }
            return made;
        }

        /** Makes it if it is not yet made and hands it over: closing it is then the caller's, not this object's. */
        synchronized CommittedPolynomial take(IpaParams params, EvaluationDomain domain) {
            CommittedPolynomial c = make(params, domain);
            made = null;
            closed = true;
            return c;
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (made != null) {
                made.close();
                made = null;
            }
        }
    }

    /** Writes the random polynomial's commitment, making it first if it is not yet made; the caller owns the result. */
    public static CommittedPolynomial commitRandomPolynomial(IpaParams params, EvaluationDomain domain,
            RandomPolynomial drawn, TranscriptWriter transcript) {
        CommittedPolynomial c = drawn.take(params, domain);
        transcript.writePointEncoding(c.encoding());
        return c;
    }

    /** The committed pieces of h. */
    public record Quotient(List<CommittedPolynomial> pieces) implements AutoCloseable {
        @Override
        public void close() {
            pieces.forEach(CommittedPolynomial::close);
        }
    }

    /**
     * Divides the numerator (its evaluations on the extended coset, consumed) by Xⁿ − 1, interpolates, splits,
     * commits each piece and writes the commitments.
     *
     * @param checkDegree whether to refuse a quotient of too high a degree (only a cheating test prover passes false)
     * @throws IllegalArgumentException if the quotient's degree is too high: the constraints do not vanish on H
     */
    public static Quotient commitQuotient(IpaParams params, ExtendedDomain extended, long[] numerator,
            RandomGenerator rng, TranscriptWriter transcript, boolean checkDegree) {
        extended.divideByVanishingOnExtendedCoset(numerator);
        Backend backend = params.backend();
        int n = extended.base().size();
        int count = extended.quotientPieces();
        List<ScalarVector> pieces;
        if (backend.hostMemory()) {
            pieces = new ArrayList<>();
            extended.extendedToCoeff(numerator);
            long[][] host;
            if (checkDegree) {
                host = extended.splitQuotient(numerator);
            } else {
                // A cheating test prover: keep the low d − 1 pieces of whatever came out.
                host = new long[count][];
                for (int i = 0; i < count; i++) {
                    host[i] = java.util.Arrays.copyOfRange(numerator, 4 * n * i, 4 * n * (i + 1));
                }
            }
            for (long[] piece : host) {
                pieces.add(backend.upload(F, piece, 0, n));
            }
        } else {
            try (ScalarVector h = backend.upload(F, numerator, 0, extended.extended().size())) {
                pieces = interpolateOnEngine(backend, extended, h, checkDegree);
            }
        }
        return commit(params, pieces, rng, transcript);
    }

    /**
     * As {@link #commitQuotient}, for a quotient already on the engine: h = numerator / Z_H evaluated on the extended
     * coset (consumed: interpolated in place), as the prover's constraint program computes it there.
     */
    public static Quotient commitQuotientOnEngine(IpaParams params, ExtendedDomain extended, ScalarVector h,
            RandomGenerator rng, TranscriptWriter transcript, boolean checkDegree) {
        return commit(params, interpolateOnEngine(params.backend(), extended, h, checkDegree), rng, transcript);
    }

    /**
     * Interpolates h (its evaluations on the extended coset) on the engine and cuts it into its pieces; only the
     * coefficients past the pieces come back, to check they are zero.
     */
    private static List<ScalarVector> interpolateOnEngine(Backend backend, ExtendedDomain extended, ScalarVector h,
            boolean checkDegree) {
        EvaluationDomain big = extended.extended();
        int n = extended.base().size();
        int count = extended.quotientPieces();
        backend.cosetIntt(big, h);
        if (checkDegree && n * count < big.size()) {
            extended.checkQuotientTail(backend.download(h.slice(n * count, big.size())), n * count);
        }
        List<ScalarVector> pieces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ScalarVector piece = backend.allocate(F, n);
            backend.copy(h.slice(n * i, n * (i + 1)), piece);
            pieces.add(piece);
        }
        return pieces;
    }

    /** Commits each piece (taking ownership) with its own random blind and writes the commitments. */
    private static Quotient commit(IpaParams params, List<ScalarVector> pieces, RandomGenerator rng,
            TranscriptWriter transcript) {
        List<long[]> blinds = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            long[] blind = new long[4];
            F.random(rng, blind, 0);
            blinds.add(blind);
        }
        List<CommittedPolynomial> out = CommittedPolynomial.fromCoefficients(params, pieces, blinds);
        for (CommittedPolynomial c : out) {
            transcript.writePointEncoding(c.encoding());
        }
        return new Quotient(out);
    }

    /** Writes the random polynomial's evaluation at x. */
    public static void evaluate(CommittedPolynomial random, long[] x, TranscriptWriter transcript) {
        transcript.writeScalar(Fp.fromMontgomery(random.evaluate(x), 0));
    }

    /**
     * The queries at x: h = Σ x^(n·i)·h_i (with blind Σ x^(n·i)·rᵢ), which the caller must close after the
     * opening, and the random polynomial.
     */
    public static List<ProverQuery> queries(IpaParams params, Quotient quotient, CommittedPolynomial random,
            long[] x, List<AutoCloseable> toClose) {
        Backend backend = params.backend();
        int n = params.size();
        long[] xn = x.clone();
        for (int i = 0; i < params.k(); i++) {
            F.square(xn, 0, xn, 0);
        }
        ScalarVector h = backend.allocate(F, n);
        toClose.add(h);
        long[] blind = new long[4];
        List<CommittedPolynomial> pieces = quotient.pieces();
        for (int i = pieces.size() - 1; i >= 0; i--) {
            backend.scale(h, xn, h);
            backend.add(h, pieces.get(i).coefficients(), h);
            F.mul(blind, 0, xn, 0, blind, 0);
            F.add(blind, 0, pieces.get(i).blind(), 0, blind, 0);
        }
        List<ProverQuery> out = new ArrayList<>();
        out.add(new ProverQuery(x, h, blind));
        out.add(random.query(x));
        return out;
    }
}
