package dev.vampvm.plonk.keygen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.bench.ProveBenchmark.StandardGateChain;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.io.FileHeader;
import dev.vampvm.plonk.io.FileKind;
import dev.vampvm.plonk.io.IncompatibleFileException;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.verifier.Verifier;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A proving key written to bytes and read back proves as the original does; damaged files are refused. */
class ProvingKeyFileTest {

    private static JavaBackend backend;
    private static IpaParams params;

    @BeforeAll
    static void setUp() {
        backend = new JavaBackend(2);
        params = IpaParams.setup(backend, 6);
    }

    @AfterAll
    static void tearDown() {
        params.close();
        backend.close();
    }

    private static String refusal(byte[] file, ConstraintSystem cs) {
        return assertThrows(IncompatibleFileException.class, () -> ProvingKeyFile.fromBytes(file, params, cs)).getMessage();
    }

    @Test
    void roundTripProvesAndEveryDamageIsRefused() throws IncompatibleFileException {
        StandardGateChain circuit = new StandardGateChain(20, 3);
        List<List<Fp>> instances = List.of(List.of(circuit.output()));
        ConstraintSystem cs = Synthesis.configure(circuit);
        byte[] file;
        byte[] vkHash;
        try (ProvingKey pk = Keygen.keygen(params, circuit, 6)) {
            file = ProvingKeyFile.toBytes(pk);
            vkHash = pk.verifyingKey().hash();
        }
        try (ProvingKey loaded = ProvingKeyFile.fromBytes(file, params, cs)) {
            assertArrayEquals(vkHash, loaded.verifyingKey().hash());
            byte[] proof = Prover.prove(params, loaded, circuit, instances, new SplittableRandom(3));
            assertTrue(Verifier.verify(params, loaded.verifyingKey(), instances, proof));
        }

        byte[] flipped = file.clone();
        flipped[file.length / 2] ^= 1;
        assertTrue(refusal(flipped, cs).contains("damaged"));
        assertTrue(refusal(Arrays.copyOf(file, file.length - 1), cs).contains("damaged"));
        byte[] vkFile = new byte[FileHeader.BYTES + 8];
        System.arraycopy(FileHeader.current(FileKind.VERIFYING_KEY, 1).toBytes(), 0, vkFile, 0, FileHeader.BYTES);
        assertTrue(refusal(vkFile, cs).contains("expected a proving key file"));
        // Another circuit's constraint system: the embedded verifying key's hash no longer matches.
        ConstraintSystem.Builder other = ConstraintSystem.builder();
        other.adviceColumn();
        other.createGate("other", other.adviceColumn().cur());
        assertTrue(refusal(file, other.build()).contains("circuit"));
    }
}
