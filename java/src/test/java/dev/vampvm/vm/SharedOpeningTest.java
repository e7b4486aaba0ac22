package dev.vampvm.vm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.DeferredIpaCheck;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.commit.MsmAccumulator;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.prover.TestCircuits;
import dev.vampvm.plonk.verifier.Verifier;
import dev.vampvm.transcript.MalformedProofException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The VM's one opening of many proofs ({@link SharedOpening}): proofs of different circuits and k, two of the same
 * circuit (equal fixed commitments, which must stay two polynomials), with gates, copies and lookups, all opened at
 * once; and every way of pairing the opening with other claims refused.
 */
class SharedOpeningTest {
    private static final int MAX_K = 7;
    private static JavaBackend backend;
    private static IpaParams params;
    /** Per proof: its key, its public inputs, its bytes up to the opening. */
    private static final List<Item> items = new ArrayList<>();
    private static byte[] opening;

    record Item(VerifyingKey vk, List<List<Fp>> instances, byte[] proof) {
    }

    @BeforeAll
    static void setUp() {
        backend = new JavaBackend(2);
        params = IpaParams.setup(backend, MAX_K);
        TestCircuits.StandardGate a = new TestCircuits.StandardGate(3);
        TestCircuits.StandardGate b = new TestCircuits.StandardGate(10);
        TestCircuits.Fibonacci f = new TestCircuits.Fibonacci(30);
        List<Prover.Unopened> unopened = new ArrayList<>();
        try {
            unopened.add(prove(a, 4, a.instances(), 1));
            unopened.add(prove(b, 4, b.instances(), 2));
            unopened.add(prove(f, 7, f.instances(), 3));
            unopened.add(prove(new TestCircuits.RangeCheck(4, 5, 6), 5, List.of(), 4));
            unopened.add(prove(a, 6, a.instances(), 5));
            opening = SharedOpening.prove(params, unopened, new SplittableRandom(6));
        } finally {
            unopened.forEach(Prover.Unopened::close);
        }
    }

    private static Prover.Unopened prove(Circuit<?> c, int k, List<List<Fp>> instances, long seed) {
        IpaParams p = params.truncate(k);
        try (ProvingKey pk = Keygen.keygen(p, c, k)) {
            Prover.Unopened u = Prover.proveUnopened(p, pk, c, instances, new SplittableRandom(seed), null);
            items.add(new Item(pk.verifyingKey(), instances, u.transcript()));
            return u;
        }
    }

    @AfterAll
    static void tearDown() {
        params.close();
        backend.close();
    }

    private static List<Verifier.Unopened> read(List<Item> list) throws MalformedProofException {
        List<Verifier.Unopened> out = new ArrayList<>();
        for (Item i : list) {
            out.add(Verifier.readUnopened(i.vk(), i.instances(), i.proof()));
        }
        return out;
    }

    /** Whether the opening proves the claims: read, then its deferred check's MSM; false when malformed. */
    private static boolean verifies(List<Verifier.Unopened> proofs, byte[] bytes) {
        try {
            DeferredIpaCheck check = SharedOpening.read(proofs, bytes);
            MsmAccumulator acc = new MsmAccumulator();
            check.accumulateInto(acc, Fp.FIELD.one());
            return acc.isIdentity(params);
        } catch (MalformedProofException e) {
            return false;
        }
    }

    @Test
    void oneOpeningProvesProofsOfDifferentCircuitsAndSizes() throws MalformedProofException {
        assertTrue(verifies(read(items), opening));
    }

    @Test
    void everyBindingIsAbsorbed() throws MalformedProofException {
        List<Verifier.Unopened> honest = read(items);
        for (int i = 0; i < honest.size(); i++) {
            List<Verifier.Unopened> changed = new ArrayList<>(honest);
            Verifier.Unopened u = honest.get(i);
            changed.set(i, new Verifier.Unopened(u.k(), u.queries(), Fp.random(new SplittableRandom(i))));
            assertFalse(verifies(changed, opening), "proof " + i + "'s binding changed");
        }
    }

    @Test
    void theProofsInAnotherOrderOrOneLeftOutAreRefused() throws MalformedProofException {
        List<Verifier.Unopened> honest = read(items);
        List<Verifier.Unopened> swapped = new ArrayList<>(honest);
        Collections.swap(swapped, 0, 1);
        assertFalse(verifies(swapped, opening), "two proofs swapped");
        for (int i = 0; i < honest.size(); i++) {
            List<Verifier.Unopened> fewer = new ArrayList<>(honest);
            fewer.remove(i);
            assertFalse(verifies(fewer, opening), "proof " + i + " left out");
        }
        List<Verifier.Unopened> more = new ArrayList<>(honest);
        more.add(honest.get(0));
        assertFalse(verifies(more, opening), "a proof twice");
    }

    @Test
    void otherPublicInputsAreRefused() throws MalformedProofException {
        TestCircuits.StandardGate other = new TestCircuits.StandardGate(4);
        List<Item> list = new ArrayList<>(items);
        Item first = list.get(0);
        list.set(0, new Item(first.vk(), other.instances(), first.proof()));
        assertFalse(verifies(read(list), opening));
    }

    @Test
    void damagedOpeningsAreRefused() throws MalformedProofException {
        List<Verifier.Unopened> honest = read(items);
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 40; i++) {
            byte[] bad = opening.clone();
            int pos = rng.nextInt(bad.length);
            bad[pos] ^= (byte) (1 << rng.nextInt(8));
            assertFalse(verifies(honest, bad), "opening byte " + pos + " flipped");
        }
        assertFalse(verifies(honest, Arrays.copyOf(opening, opening.length - 1)), "truncated");
        assertFalse(verifies(honest, Arrays.copyOf(opening, opening.length + 32)), "extended");
        assertFalse(verifies(honest, new byte[0]), "empty");
    }

    @Test
    void aWholeProofOrATruncatedOneIsNotAnUnopenedProof() {
        Item i = items.get(0);
        byte[] longer = Arrays.copyOf(i.proof(), i.proof().length + 32);
        assertThrows(MalformedProofException.class, () -> Verifier.readUnopened(i.vk(), i.instances(), longer));
        byte[] shorter = Arrays.copyOf(i.proof(), i.proof().length - 1);
        assertThrows(MalformedProofException.class, () -> Verifier.readUnopened(i.vk(), i.instances(), shorter));
    }
}
