package dev.vampvm.plonk.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.prover.TestCircuits;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batches of proofs of different circuits and k verify with one MSM; one bad proof makes the batch fail. */
class BatchVerifierTest {
    private static JavaBackend backend;
    private static IpaParams params;
    private static final List<Item> items = new ArrayList<>();

    record Item(VerifyingKey vk, List<List<Fp>> instances, byte[] proof) {
    }

    private static void add(Circuit<?> c, int k, List<List<Fp>> instances, long seed) {
        try (ProvingKey pk = Keygen.keygen(params, c, k)) {
            items.add(new Item(pk.verifyingKey(), instances,
                    Prover.prove(params, pk, c, instances, new SplittableRandom(seed))));
        }
    }

    @BeforeAll
    static void setUp() {
        backend = new JavaBackend(2);
        params = IpaParams.setup(backend, 7);
        TestCircuits.StandardGate a = new TestCircuits.StandardGate(3);
        TestCircuits.StandardGate b = new TestCircuits.StandardGate(10);
        TestCircuits.Fibonacci f = new TestCircuits.Fibonacci(30);
        add(a, 4, a.instances(), 1);
        add(b, 4, b.instances(), 2);
        add(a, 6, a.instances(), 3);
        add(f, 7, f.instances(), 4);
        add(new TestCircuits.RangeCheck(4, 5, 6), 5, List.of(), 5);
    }

    @AfterAll
    static void tearDown() {
        params.close();
        backend.close();
    }

    private static BatchVerifier batch(List<Item> list) {
        BatchVerifier batch = new BatchVerifier(new SplittableRandom(99));
        for (Item i : list) {
            batch.add(i.vk(), i.instances(), i.proof());
        }
        return batch;
    }

    @Test
    void differentCircuitsAndSizesInOneMsm() {
        for (Item i : items) {
            assertTrue(Verifier.verify(params, i.vk(), i.instances(), i.proof()));
        }
        BatchVerifier batch = batch(items);
        assertEquals(items.size(), batch.size());
        assertTrue(batch.verify(params));
        assertTrue(new BatchVerifier().verify(params), "an empty batch verifies");
    }

    @Test
    void oneBadProofFailsTheBatch() {
        for (int bad = 0; bad < items.size(); bad++) {
            List<Item> list = new ArrayList<>(items);
            Item i = list.get(bad);
            byte[] p = i.proof().clone();
            p[p.length - 32] ^= 1; // the IPA's last scalar: well-formed, so only the MSM can refuse it
            list.set(bad, new Item(i.vk(), i.instances(), p));
            assertFalse(batch(list).verify(params), "bad proof " + bad);
        }
    }

    @Test
    void malformedProofFailsTheBatch() {
        List<Item> list = new ArrayList<>(items);
        Item i = list.get(0);
        list.set(0, new Item(i.vk(), i.instances(), new byte[10]));
        BatchVerifier batch = batch(list);
        assertFalse(batch.verify(params));
        assertEquals(1, batch.refusals().size());
    }

    @Test
    void swappedInstancesFailTheBatch() {
        List<Item> list = new ArrayList<>(items);
        Item a = list.get(0);
        Item b = list.get(1);
        list.set(0, new Item(a.vk(), b.instances(), a.proof()));
        list.set(1, new Item(b.vk(), a.instances(), b.proof()));
        assertFalse(batch(list).verify(params));
    }
}
