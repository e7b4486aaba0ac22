package dev.vampvm.poly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.testing.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The 2^20 transform, the size the performance target is set at: a few seconds per run on 2 cores. */
@Tag("slow")
class LargeNttTest {

    @Test
    void twoToTheTwentyRoundTripsAndMatchesHorner() {
        MontgomeryField f = Fp.FIELD;
        SplittableRandom rng = Seeds.rng("LargeNttTest");
        EvaluationDomain d = EvaluationDomain.of(f, 20);
        long[] coeffs = Naive.random(f, rng, d.size());
        long[] one = coeffs.clone();
        d.ntt(one, 1);
        long[] two = coeffs.clone();
        d.ntt(two, 2);
        assertArrayEquals(one, two, "1 and 2 threads");
        for (int i : new int[] {0, 1, 12345, d.size() / 2, d.size() - 1}) {
            assertArrayEquals(Naive.eval(f, coeffs, d.omegaPower(i)), Arrays.copyOfRange(two, 4 * i, 4 * i + 4),
                    "ntt at ω^" + i);
        }
        d.intt(two);
        assertArrayEquals(coeffs, two, "intt ∘ ntt");
        d.cosetNtt(two);
        assertArrayEquals(Naive.eval(f, coeffs, d.cosetGenerator()), Arrays.copyOfRange(two, 0, 4), "coset at g");
        d.cosetIntt(two);
        assertArrayEquals(coeffs, two, "cosetIntt ∘ cosetNtt");
    }
}
