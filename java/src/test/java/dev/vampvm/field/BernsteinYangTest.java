package dev.vampvm.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The variable-time inversion gives Fermat's limbs: both Pasta fields and BN254's (not of the Pasta shape). */
class BernsteinYangTest {

    static Stream<MontgomeryField> fields() {
        return Stream.of(Fp.FIELD, Fq.FIELD, new MontgomeryField("BN254-Fr",
                new BigInteger("21888242871839275222246405745257275088548364400416034343698204186575808495617"), 5));
    }

    @ParameterizedTest
    @MethodSource("fields")
    void matchesFermatOnEdgeAndRandomValues(MontgomeryField f) {
        BigInteger p = f.modulus();
        List<BigInteger> edges = List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3),
                p.subtract(BigInteger.ONE), p.subtract(BigInteger.TWO), p.shiftRight(1), p.shiftRight(1).add(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(62), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(128), BigInteger.ONE.shiftLeft(250).add(BigInteger.ONE));
        long[] got = new long[4], want = new long[4];
        for (BigInteger v : edges) {
            // Both as the stored residue itself and as the Montgomery form of v.
            for (long[] a : new long[][] {Limbs.fromBigInteger(v), f.fromBigInteger(v)}) {
                f.inv(a, 0, want, 0);
                f.invVartime(a, 0, got, 0);
                assertArrayEquals(want, got, f.name() + ": " + v);
            }
        }
        SplittableRandom rng = Seeds.rng("BernsteinYangTest." + f.name());
        long[] a = new long[4];
        long[] product = new long[4];
        for (int i = 0; i < 2000; i++) {
            f.random(rng, a, 0);
            if (f.isZero(a, 0)) {
                continue;
            }
            f.inv(a, 0, want, 0);
            f.invVartime(a, 0, got, 0);
            assertArrayEquals(want, got, f.name() + ", random " + i);
            f.mul(a, 0, got, 0, product, 0);
            assertArrayEquals(f.one(), product, "a·a⁻¹ = 1");
        }
    }

    @ParameterizedTest
    @MethodSource("fields")
    void batchesMatchAndZeroIsRefused(MontgomeryField f) {
        SplittableRandom rng = Seeds.rng("BernsteinYangTest.batch." + f.name());
        int n = 9;
        long[] v = new long[4 * n];
        for (int i = 0; i < n; i++) {
            if (i != 4) {
                f.random(rng, v, 4 * i);
            }
        }
        long[] a = v.clone(), b = v.clone();
        f.batchInvert(a, 0, n, new long[4 * n]);
        f.batchInvertVartime(b, 0, n, new long[4 * n]);
        assertArrayEquals(a, b, "batches, a zero among them kept");
        assertThrows(ArithmeticException.class, () -> f.invVartime(new long[4], 0, new long[4], 0));
    }
}
