package dev.vampvm.plonk.vanishing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.field.SeedExpander;
import dev.vampvm.plonk.evaluation.CommittedPolynomial;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.transcript.Transcript;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VanishingProverTest {

    /**
     * The random polynomial costs the prover's generator one 32-byte draw (SECURITY.md's zero-knowledge argument
     * counts on that seed coming from the same source as every blind): its coefficients are that seed's expansion,
     * and the commitment's blind is the generator's next element.
     */
    @Test
    void randomPolynomialIsTheExpansionOfOneSeedFromTheProversGenerator() {
        int k = 5;
        int n = 1 << k;
        try (JavaBackend backend = new JavaBackend(2); IpaParams params = IpaParams.setup(backend, k);
                VanishingProver.RandomPolynomial drawn = VanishingProver.RandomPolynomial.draw(new SplittableRandom(7));
                CommittedPolynomial random = VanishingProver.commitRandomPolynomial(params,
                        EvaluationDomain.of(Fp.FIELD, k), drawn, Transcript.forProving("test"))) {
            SplittableRandom replay = new SplittableRandom(7);
            byte[] seed = new byte[SeedExpander.SEED_BYTES];
            replay.nextBytes(seed);
            long[] coefficients = new long[4 * n];
            SeedExpander.expand(Fp.FIELD, seed, coefficients, 0, n);
            assertArrayEquals(coefficients, random.coefficientsOnHost());
            long[] blind = new long[4];
            Fp.FIELD.random(replay, blind, 0);
            assertArrayEquals(blind, random.blind());
        }
    }
}
