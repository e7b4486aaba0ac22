package dev.vampvm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API end to end, as the README shows it. */
class VampvmApiTest {
    @TempDir
    Path dir;

    @Test
    void compileProveWriteReadVerify() throws Exception {
        Program p = Vampvm.compile("pyth.pir", "pub R;\ndef pyth a b c = { a^2 + b^2 = c^2 };\npyth x y R;\n");
        ProveOptions options = ProveOptions.defaults().withKeyCache(KeyCache.in(dir.resolve("keys")))
                .withRandom(new SplittableRandom(7)).withThreads(1);
        ProofResult r = p.prove(Map.of("x", "3", "y", "4", "R", "5"), options);
        assertEquals(Map.of("R", "5"), r.publicValues());
        assertEquals(KeyCache.Status.MISS, r.keyCache());
        assertTrue(p.verify(r.bytes(), Map.of("R", "5")));
        assertTrue(p.verify(r.bytes(), null));
        assertFalse(p.verify(r.bytes(), Map.of("R", "6")));

        Path file = dir.resolve("pyth.proof");
        Vampvm.writeProof(file, r.proof());
        ProgramProof read = Vampvm.readProof(file);
        Verification v = p.check(read, null, KeyCache.in(dir.resolve("keys")), 1);
        assertTrue(v.valid(), v.reason());
        assertEquals(CircuitChoice.none(), read.circuit());

        Program other = Vampvm.compile("other.pir", "pub R;\ndef pyth a b c = { a^2 + b^2 = c^2 };\npyth y x R;\n");
        Verification wrong = other.check(read, null, null, 1);
        assertFalse(wrong.valid());
        assertTrue(wrong.reason().contains("another program"), wrong.reason());

        VampvmException e = assertThrows(VampvmException.class,
                () -> p.prove(Map.of("x", "3", "y", "5", "R", "5"), options));
        assertEquals(VampvmException.Kind.UNSATISFIED, e.kind());
        assertTrue(e.diagnostics().get(0).render().contains("does not hold"));
    }
}
