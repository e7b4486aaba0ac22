package dev.vampvm.plonk.keygen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.api.KeyCache;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.prover.TestCircuits;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One synthesis serves the key cache's address and the keys: the same keys as from the circuit, and no other's. */
class CircuitShapeTest {
    private static final int K = 4;
    private static final TestCircuits.StandardGate CIRCUIT = new TestCircuits.StandardGate(3);
    private static JavaBackend backend;
    private static IpaParams params;

    @BeforeAll
    static void setUp() {
        backend = new JavaBackend(2);
        params = IpaParams.setup(backend, K);
    }

    @AfterAll
    static void tearDown() {
        params.close();
        backend.close();
    }

    @Test
    void keysFromAShapeAreTheCircuitsKeys() {
        CircuitShape shape = CircuitShape.of(CIRCUIT, K);
        assertArrayEquals(Keygen.circuitDigest(CIRCUIT, K), shape.digest());
        VerifyingKey vk = Keygen.keygenVk(params, CIRCUIT, K);
        assertArrayEquals(vk.hash(), Keygen.keygenVk(params, shape).hash());
        try (ProvingKey fromShape = Keygen.keygen(params, shape, vk);
                ProvingKey fromCircuit = Keygen.keygen(params, CIRCUIT, K)) {
            assertArrayEquals(fromCircuit.verifyingKey().hash(), fromShape.verifyingKey().hash());
        }
        assertArrayEquals(vk.hash(), KeyCache.verifyingKey(null, "test", params, shape).hash());
    }

    @Test
    void theDigestCoversKAndEveryValue() {
        CircuitShape shape = CircuitShape.of(CIRCUIT, K);
        byte[] digest = shape.digest();
        assertFalse(Arrays.equals(digest, CircuitShape.of(CIRCUIT, K + 1).digest()), "k");
        assertFalse(Arrays.equals(digest, withFixedValue(shape, Fp.of(7)).digest()), "a fixed value");
        long[][] sigma = copy(shape.sigmaValues());
        sigma[0][4] ^= 1;
        assertFalse(Arrays.equals(digest, new CircuitShape(shape.constraintSystem(), K, shape.fixedValues(), sigma)
                .digest()), "a σ value");
    }

    @Test
    void aKnownKeyOfAnotherSizeIsRefused() {
        // (The column contents are the cache address's business, not checked here: see Keygen#keygen with a known key.)
        try (IpaParams larger = IpaParams.setup(backend, K + 1)) {
            VerifyingKey vk = Keygen.keygenVk(larger, CircuitShape.of(CIRCUIT, K + 1));
            CircuitShape shape = CircuitShape.of(CIRCUIT, K);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Keygen.keygen(larger, shape, vk).close());
            assertTrue(e.getMessage().contains("another circuit"), e.getMessage());
        }
    }

    @Test
    void aShapeOfAnotherKIsRefusedByTheKeyCache() {
        CircuitShape larger = CircuitShape.of(CIRCUIT, K + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyCache.verifyingKey(null, "test", params, larger));
        assertTrue(e.getMessage().contains("k = " + (K + 1)), e.getMessage());
    }

    /** The shape with fixed column 0, row 9 (a row the circuit leaves empty) set to v. */
    private static CircuitShape withFixedValue(CircuitShape shape, Fp v) {
        long[][] fixed = copy(shape.fixedValues());
        System.arraycopy(v.montgomeryLimbs(), 0, fixed[0], 4 * 9, 4);
        return new CircuitShape(shape.constraintSystem(), shape.k(), fixed, shape.sigmaValues());
    }

    private static long[][] copy(long[][] columns) {
        long[][] out = new long[columns.length][];
        for (int i = 0; i < columns.length; i++) {
            out[i] = columns[i].clone();
        }
        return out;
    }
}
