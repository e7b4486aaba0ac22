package dev.vampvm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.ir.syntax.Diagnostic;
import dev.vampvm.ir.syntax.SourceFile;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples that cover VampIR's own test programs, checked against computations made independently of the
 * compiler: SHA-256 against the JDK's MessageDigest, the Poseidon-style permutation against BigInteger
 * arithmetic with the same constants, the ALU against Java's integer operations.
 */
class VampirGroundTest {
    static final BigInteger P =
            new BigInteger("40000000000000000000000000000000224698fc094cf91b992d30ed00000001", 16);

    static CompiledProgram compileExample(String name, Map<String, String> inputs) throws IOException {
        SourceFile src = new SourceFile(name + ".pir",
                Files.readString(IrTesting.examples().resolve(name + ".pir")));
        return Compiler.compile(src, Inputs.of(inputs), null);
    }

    static void assertAccepted(CompiledProgram p) {
        assertTrue(p.checkWitness().isEmpty(), IrTesting.render(p.checkWitness()));
        assertTrue(p.mockProve().isEmpty(), IrTesting.render(p.mockProve()));
    }

    // ---- Poseidon-style permutation: width 3, x^5, 4 + 56 + 4 rounds, the constants of poseidon.pir.

    static BigInteger rc(int r, int i) {
        return BigInteger.valueOf(3L * r + i + 1).pow(5).add(BigInteger.valueOf(7)).mod(P);
    }

    static BigInteger[] permute(BigInteger[] s) {
        BigInteger[][] m = new BigInteger[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i][j] = BigInteger.valueOf(i + j + 3).modInverse(P); // Cauchy: 1/(x_i + y_j), x = 0,1,2, y = 3,4,5
            }
        }
        int round = 0;
        for (int phase = 0; phase < 3; phase++) {
            int rounds = phase == 1 ? 56 : 4;
            for (int k = 0; k < rounds; k++, round++) {
                BigInteger[] t = new BigInteger[3];
                for (int i = 0; i < 3; i++) {
                    t[i] = s[i].add(rc(round, i)).mod(P);
                    if (phase != 1 || i == 0) {
                        t[i] = t[i].modPow(BigInteger.valueOf(5), P);
                    }
                }
                BigInteger[] u = new BigInteger[3];
                for (int i = 0; i < 3; i++) {
                    u[i] = BigInteger.ZERO;
                    for (int j = 0; j < 3; j++) {
                        u[i] = u[i].add(m[i][j].multiply(t[j]));
                    }
                    u[i] = u[i].mod(P);
                }
                s = u;
            }
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"0,1,2", "5,6,7", "123456789,987654321,0"})
    void poseidonAgreesWithAnIndependentComputation(String in) throws IOException {
        String[] xs = in.split(",");
        BigInteger[] out = permute(new BigInteger[] {new BigInteger(xs[0]), new BigInteger(xs[1]), new BigInteger(xs[2])});
        Map<String, String> inputs = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            inputs.put("x" + i, xs[i]);
            inputs.put("o" + i, out[i].toString());
        }
        assertAccepted(compileExample("poseidon", inputs));
        if (in.equals("0,1,2")) { // the committed inputs file holds the same values
            assertEquals(inputs, Inputs.read(IrTesting.examples().resolve("poseidon.inputs.json")).raw().entrySet()
                    .stream().collect(LinkedHashMap::new, (mm, e) -> mm.put(e.getKey(),
                            new BigInteger(e.getValue().substring(e.getValue().startsWith("0x") ? 2 : 0),
                                    e.getValue().startsWith("0x") ? 16 : 10).toString()), Map::putAll));
        }
        inputs.put("o2", out[2].add(BigInteger.ONE).mod(P).toString());
        assertFalse(compileExample("poseidon", inputs).checkWitness().isEmpty());
    }

    // ---- ALU: every opcode, against Java.

    @ParameterizedTest
    @ValueSource(strings = {"0,181,110", "1,181,110", "2,181,110", "3,181,110", "0,255,255", "1,3,200", "2,0,255",
        "3,255,0"})
    void aluComputesEveryOpcode(String in) throws IOException {
        String[] v = in.split(",");
        int op = Integer.parseInt(v[0]);
        int x = Integer.parseInt(v[1]);
        int y = Integer.parseInt(v[2]);
        int r = switch (op) {
            case 0 -> (x + y) & 0xff;
            case 1 -> (x - y) & 0xff;
            case 2 -> x & y;
            default -> x ^ y;
        };
        Map<String, String> inputs = new LinkedHashMap<>(Map.of("op", v[0], "x", v[1], "y", v[2], "r", "" + r));
        assertAccepted(compileExample("alu", inputs));
        inputs.put("r", "" + ((r + 1) & 0xff));
        List<Diagnostic> d = compileExample("alu", inputs).checkWitness();
        assertFalse(d.isEmpty());
        assertEquals("alu.pir:43:1", d.get(0).span().position());
    }

    // ---- SHA-256: one block, against MessageDigest. Compiling and mock-proving 36k rows takes several seconds.

    static Map<String, String> sha256Inputs(String message) throws NoSuchAlgorithmException {
        byte[] msg = message.getBytes(StandardCharsets.US_ASCII);
        assertTrue(msg.length <= 55, "one block");
        byte[] block = new byte[64];
        System.arraycopy(msg, 0, block, 0, msg.length);
        block[msg.length] = (byte) 0x80;
        long bits = 8L * msg.length;
        for (int i = 0; i < 8; i++) {
            block[63 - i] = (byte) (bits >>> (8 * i));
        }
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(msg);
        Map<String, String> inputs = new LinkedHashMap<>();
        for (int i = 0; i < 16; i++) {
            inputs.put("m" + i, Long.toString(word(block, i)));
        }
        for (int i = 0; i < 8; i++) {
            inputs.put("h" + i, Long.toString(word(digest, i)));
        }
        return inputs;
    }

    static long word(byte[] b, int i) {
        return ((b[4 * i] & 0xffL) << 24) | ((b[4 * i + 1] & 0xffL) << 16) | ((b[4 * i + 2] & 0xffL) << 8)
                | (b[4 * i + 3] & 0xffL);
    }

    @Test
    void sha256InputsFileIsTheDigestOfAbc() throws Exception {
        Map<String, String> expected = sha256Inputs("abc");
        Map<String, String> file = Inputs.read(IrTesting.examples().resolve("sha256.inputs.json")).raw();
        for (var e : expected.entrySet()) {
            assertEquals(Long.parseLong(e.getValue()), Long.decode(file.get(e.getKey())), e.getKey());
        }
        assertEquals("ba7816bf", Long.toHexString(Long.parseLong(expected.get("h0"))));
    }

    @Test
    @Tag("slow")
    void sha256OfAbcProvesInTheMockProverAndAWrongDigestIsRefused() throws Exception {
        Map<String, String> inputs = sha256Inputs("abc");
        CompiledProgram p = compileExample("sha256", inputs);
        assertAccepted(p);
        assertEquals(36342, p.stats().rows(), p.stats().toString());
        inputs.put("h7", Long.toString(0xf20015aeL));
        CompiledProgram q = compileExample("sha256", inputs);
        List<Diagnostic> d = q.checkWitness();
        assertEquals(1, d.size(), IrTesting.render(d));
        assertEquals("sha256.pir:106:1", d.get(0).span().position());
        assertTrue(d.get(0).render().startsWith("constraint at sha256.pir:106:1 `out iv7 h = h7` does not hold"));
        assertTrue(q.mockProve().stream().anyMatch(x -> x.span() != null
                && x.span().position().equals("sha256.pir:106:1")), "mock prover");
    }

    @Test
    void sha256OfAnotherMessageAgreesWithMessageDigest() throws Exception {
        // The direct witness check only (no mock prover), to keep the default suite fast.
        CompiledProgram p = compileExample("sha256", sha256Inputs("vampvm: a zkVM for VampIR"));
        assertTrue(p.checkWitness().isEmpty(), IrTesting.render(p.checkWitness()));
    }
}
