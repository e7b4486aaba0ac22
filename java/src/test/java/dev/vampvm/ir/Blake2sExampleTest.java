package dev.vampvm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.ir.syntax.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * examples/blake2s.pir (BLAKE2s-256 of one block, no key) against Bouncy Castle's Blake2sDigest: the inputs file
 * is the digest of "abc", the program accepts it and another message, and refuses a wrong digest word at the
 * constraint that compares it.
 */
class Blake2sExampleTest {

    static byte[] blake2s(byte[] msg) {
        Blake2sDigest d = new Blake2sDigest(256);
        d.update(msg, 0, msg.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    static long le(byte[] b, int i) {
        return (b[4 * i] & 0xffL) | ((b[4 * i + 1] & 0xffL) << 8) | ((b[4 * i + 2] & 0xffL) << 16)
                | ((b[4 * i + 3] & 0xffL) << 24);
    }

    /** The program's inputs for a message of 1 to 3 bytes: the counter t = 3 is fixed in blake2s.pir. */
    static Map<String, String> inputs(String message) {
        byte[] msg = message.getBytes(StandardCharsets.US_ASCII);
        assertEquals(3, msg.length, "blake2s.pir fixes t = 3");
        byte[] block = new byte[64];
        System.arraycopy(msg, 0, block, 0, msg.length);
        byte[] digest = blake2s(msg);
        Map<String, String> inputs = new LinkedHashMap<>();
        for (int i = 0; i < 16; i++) {
            inputs.put("m" + i, Long.toString(le(block, i)));
        }
        for (int i = 0; i < 8; i++) {
            inputs.put("h" + i, Long.toString(le(digest, i)));
        }
        return inputs;
    }

    @Test
    void inputsFileIsTheDigestOfAbc() throws Exception {
        assertEquals("508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982",
                HexFormat.of().formatHex(blake2s("abc".getBytes(StandardCharsets.US_ASCII))));
        Map<String, String> expected = inputs("abc");
        Map<String, String> file = Inputs.read(IrTesting.examples().resolve("blake2s.inputs.json")).raw();
        assertEquals(expected.keySet(), file.keySet());
        for (var e : expected.entrySet()) {
            assertEquals(Long.parseLong(e.getValue()), Long.decode(file.get(e.getKey())), e.getKey());
        }
    }

    @Test
    void blake2sOfAbcHoldsAndAWrongDigestIsRefused() throws Exception {
        // The direct witness check only (about 10 s, two compiles); the mock prover runs in the slow test below.
        Map<String, String> inputs = inputs("abc");
        CompiledProgram p = VampirGroundTest.compileExample("blake2s", inputs);
        assertTrue(p.checkWitness().isEmpty(), IrTesting.render(p.checkWitness()));
        inputs.put("h7", Long.toString(0x82596787L));
        List<Diagnostic> d = VampirGroundTest.compileExample("blake2s", inputs).checkWitness();
        assertEquals(1, d.size(), IrTesting.render(d));
        assertEquals("blake2s.pir:119:1", d.get(0).span().position());
        assertTrue(d.get(0).render().startsWith("constraint at blake2s.pir:119:1 `out iv7 v7 v15 = h7` does not hold"),
                d.get(0).render());
    }

    @Test
    @Tag("slow")
    void blake2sOfAnotherMessageAgreesWithBouncyCastle() throws Exception {
        CompiledProgram p = VampirGroundTest.compileExample("blake2s", inputs("zkp"));
        assertTrue(p.checkWitness().isEmpty(), IrTesting.render(p.checkWitness()));
    }

    @Test
    @Tag("slow")
    void blake2sOfAbcProvesInTheMockProverAndAWrongDigestIsRefused() throws Exception {
        Map<String, String> inputs = inputs("abc");
        CompiledProgram p = VampirGroundTest.compileExample("blake2s", inputs);
        VampirGroundTest.assertAccepted(p);
        assertEquals(33084, p.stats().rows(), p.stats().toString());
        inputs.put("h0", Long.toString(0x8c5e8c51L));
        CompiledProgram q = VampirGroundTest.compileExample("blake2s", inputs);
        assertTrue(q.mockProve().stream().anyMatch(x -> x.span() != null
                && x.span().position().equals("blake2s.pir:112:1")), "mock prover");
    }
}
