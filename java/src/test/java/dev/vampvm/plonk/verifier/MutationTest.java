package dev.vampvm.plonk.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.prover.TestCircuits;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every way of changing a valid proof is refused, and none crashes the verifier: {@link Verifier#verify} returns
 * false (a {@link dev.vampvm.transcript.MalformedProofException} inside, or a failed check), never throws.
 * The proof is the standard gate's with a lookup-free shape at k = 4 and the range-check circuit's (lookups).
 */
class MutationTest {
    private static JavaBackend backend;
    private static IpaParams params;
    private static Fixture gate;
    private static Fixture lookup;

    record Fixture(VerifyingKey vk, List<List<Fp>> instances, byte[] proof, ProofLayout layout) {
    }

    @BeforeAll
    static void setUp() {
        backend = new JavaBackend(2);
        params = IpaParams.setup(backend, 5);
        TestCircuits.StandardGate c = new TestCircuits.StandardGate(7);
        try (ProvingKey pk = Keygen.keygen(params, c, 4)) {
            byte[] proof = Prover.prove(params, pk, c, c.instances(), new SplittableRandom(11));
            gate = new Fixture(pk.verifyingKey(), c.instances(), proof, ProofLayout.of(pk.verifyingKey()));
        }
        TestCircuits.RangeCheck r = new TestCircuits.RangeCheck(new long[] {1, 2, 2, 9});
        try (ProvingKey pk = Keygen.keygen(params, r, 5)) {
            byte[] proof = Prover.prove(params, pk, r, List.of(), new SplittableRandom(12));
            lookup = new Fixture(pk.verifyingKey(), List.of(), proof, ProofLayout.of(pk.verifyingKey()));
        }
    }

    @AfterAll
    static void tearDown() {
        params.close();
        backend.close();
    }

    private static void refused(Fixture f, byte[] mutated, String what) {
        boolean ok;
        try {
            ok = Verifier.verify(params, f.vk(), f.instances(), mutated);
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": the verifier crashed instead of refusing", e);
        }
        if (ok) {
            fail(what + ": a mutated proof verified");
        }
    }

    @Test
    void honestProofsVerify() {
        assertTrue(Verifier.verify(params, gate.vk(), gate.instances(), gate.proof()));
        assertTrue(Verifier.verify(params, lookup.vk(), lookup.instances(), lookup.proof()));
        assertEquals(gate.layout().bytes(), gate.proof().length);
        assertEquals(lookup.layout().bytes(), lookup.proof().length);
    }

    @Test
    void everyBitZeroAndSevenFlipped() {
        flipEveryByte(gate);
    }

    @Test
    @Tag("slow")
    void everyBitZeroAndSevenFlippedInALookupProof() {
        flipEveryByte(lookup);
    }

    private static void flipEveryByte(Fixture f) {
        for (int i = 0; i < f.proof().length; i++) {
            for (int bit : new int[] {0, 7}) {
                byte[] m = f.proof().clone();
                m[i] ^= (byte) (1 << bit);
                refused(f, m, "byte " + i + " bit " + bit);
            }
        }
    }

    @Test
    void everyPointReplaced() {
        byte[] generator = new byte[32];
        ShortWeierstrassCurve.VESTA.encodeAffine(ShortWeierstrassCurve.VESTA.generatorAffine(), 0, generator, 0);
        for (Fixture f : List.of(gate, lookup)) {
            int points = 0;
            for (int e = 0; e < f.layout().elements(); e++) {
                if (!f.layout().isPoint(e)) {
                    continue;
                }
                points++;
                byte[] original = Arrays.copyOfRange(f.proof(), 32 * e, 32 * e + 32);
                byte[] negated = original.clone();
                negated[31] ^= (byte) 0x80; // the sign of y: −P
                refused(f, replace(f.proof(), e, new byte[32]), "point " + e + " → identity");
                refused(f, replace(f.proof(), e, generator), "point " + e + " → generator");
                refused(f, replace(f.proof(), e, negated), "point " + e + " → its negation");
            }
            assertEquals(f.layout().points(), points);
        }
    }

    @Test
    void everyScalarReplaced() {
        BigInteger p = Fp.FIELD.modulus();
        byte[][] values = {
            le(BigInteger.ZERO), le(BigInteger.ONE), le(p.subtract(BigInteger.ONE)),
            le(p), le(p.add(BigInteger.ONE)), le(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))
        };
        String[] names = {"0", "1", "p − 1", "p (non-canonical)", "p + 1 (non-canonical)", "2^256 − 1"};
        for (Fixture f : List.of(gate, lookup)) {
            int scalars = 0;
            for (int e = 0; e < f.layout().elements(); e++) {
                if (f.layout().isPoint(e)) {
                    continue;
                }
                scalars++;
                for (int v = 0; v < values.length; v++) {
                    byte[] m = replace(f.proof(), e, values[v]);
                    if (!Arrays.equals(m, f.proof())) {
                        refused(f, m, "scalar " + e + " → " + names[v]);
                    }
                }
            }
            assertEquals(f.layout().scalars(), scalars);
        }
    }

    @Test
    void truncatedAndExtended() {
        for (Fixture f : List.of(gate, lookup)) {
            byte[] proof = f.proof();
            for (int len = 0; len < proof.length; len += 32) {
                refused(f, Arrays.copyOf(proof, len), "truncated to " + len);
                if (len > 0) {
                    refused(f, Arrays.copyOf(proof, len - 1), "truncated to " + (len - 1));
                }
            }
            refused(f, Arrays.copyOf(proof, proof.length - 1), "last byte dropped");
            refused(f, Arrays.copyOf(proof, proof.length + 1), "one byte appended");
            refused(f, Arrays.copyOf(proof, proof.length + 32), "a zero scalar appended");
            byte[] twice = Arrays.copyOf(proof, 2 * proof.length);
            System.arraycopy(proof, 0, twice, proof.length, proof.length);
            refused(f, twice, "proof repeated");
            refused(f, new byte[0], "empty");
        }
    }

    @Test
    void elementsSwapped() {
        for (Fixture f : List.of(gate, lookup)) {
            for (int e = 0; e + 1 < f.layout().elements(); e++) {
                byte[] m = f.proof().clone();
                System.arraycopy(f.proof(), 32 * e, m, 32 * (e + 1), 32);
                System.arraycopy(f.proof(), 32 * (e + 1), m, 32 * e, 32);
                refused(f, m, "elements " + e + " and " + (e + 1) + " swapped");
            }
        }
    }

    @Test
    void deferredCheckOfAFlippedIpaScalarFails() throws Exception {
        // The last scalar (the IPA's blinding f) is well-formed after a change, so only the MSM can refuse it.
        byte[] m = gate.proof().clone();
        m[m.length - 32] ^= 1;
        assertFalse(Verifier.verify(params, gate.vk(), gate.instances(), m));
    }

    private static byte[] replace(byte[] proof, int element, byte[] value) {
        byte[] m = proof.clone();
        System.arraycopy(value, 0, m, 32 * element, 32);
        return m;
    }

    private static byte[] le(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }
}
