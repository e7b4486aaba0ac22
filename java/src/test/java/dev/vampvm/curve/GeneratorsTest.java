package dev.vampvm.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** halo2's IPA generators: pinned values, and the properties any generator set must have. */
class GeneratorsTest {

    /**
     * G_0 .. G_15, compressed, as halo2_proofs' {@code Params::<vesta::Affine>::new(4)} gives them. Source: two
     * independent interop test suites that compare against halo2_proofs 0.4 (a C++ "MatchesHalo2Params" test and
     * a TypeScript prover test pinned to halo2's own output); not from the halo2 repository itself.
     */
    static final String[] G = {
            "45065ed079bf389758f591131095ef419310e8c708a805852b9b77bed8c7ecbd",
            "e0c0802686d3ed571f7f3399526b24460b16ace461ebda9dcfe6e5b7b298c18c",
            "d27962962ce9ed2b87ae4c95462914917a9da0295f593956c1a76adca2ebc394",
            "a74f2af0a526eb437ebb22c416a78fda0a275a2f2756115e51248f7c5a7acdac",
            "a3c70c4c2497a714ebe96b6192bf940a13a277a6a7c4152a3524988d86be181b",
            "c887e3240ff4de618fb8531a447b4f469f50a8ac35fe905da8b8e8732e527eb8",
            "b7e796477bd8c4fe4b9ef9806c39cb32ed5558ef9d8c582909779eec700e259a",
            "6787540156e67c55fba03e961d98971ccd6bf71c4edd0d80d4d7aec06f9cdb0a",
            "4733b6af89cb374ccb4cdad193a4d959d0fe97c0c383444cf66fae33bbdb63b5",
            "2793749458a1dbf7b53c91164a9d7b57f21a5075fbe003a1eb7cf8b11ff2a930",
            "1b8d3628dd3aec8824c4757698ba0509287354eee15ca61f03d9ae4664c71f0d",
            "f6d9eeaff51693a61b5d220c9e9f33e26f02fc8a21b0e803a64308d461146920",
            "7c978cde92645552a7b574636f6a9f7d8527f48e82fabafa16ce317414d9e39e",
            "100546a64730cbdd3ff9f8651f2a0f81b59d04cf0b688f019411901310700e92",
            "842bad45abe1afcefb67eb246b6e51555802335969203562922c95ef99e4fbba",
            "a370615e5b383d342f401237f6c2b72573bf10fafbd4f41c48857e4aef63cb81",
    };
    /** U = H(0x02), compressed (same C++ interop test). */
    static final String U = "379dc4dcfdbf61ccc7d5a0bb9759acf611694f24d0c040f249bad30a83b1a897";

    @Test
    void matchHalo2() {
        Generators gens = Generators.vesta();
        long[] g = gens.generatorsAffine(G.length);
        ShortWeierstrassCurve c = ShortWeierstrassCurve.VESTA;
        byte[] e = new byte[32];
        for (int i = 0; i < G.length; i++) {
            c.encodeAffine(g, 8 * i, e, 0);
            assertEquals(G[i], HexFormat.of().formatHex(e), "G_" + i);
        }
        // W = H(0x01): zcash/halo2's own halo2_proofs/tests/plonk_api.rs pins it, as the commitment to an all-zero
        // fixed column (blind 1), in affine coordinates.
        VestaPoint w = gens.w();
        assertEquals(new BigInteger("2bbc94ef7b22aebef24f9a4b0cc1831882548b605171366017d45c3e6fd92075", 16), w.x().toBigInteger());
        assertEquals(new BigInteger("082b801a6e176239943bfb759fb02138f47a5c8cc4aa7fa0af559fde4e3abd97", 16), w.y().toBigInteger());
        assertEquals(U, HexFormat.of().formatHex(gens.u().toBytes()));
    }

    @Test
    void deterministicOnCurveDistinctAndPrefixIndependent() {
        Generators gens = Generators.vesta();
        assertSame(gens, Generators.vesta(Generators.HALO2_PREFIX));
        int n = 64;
        long[] g = gens.generatorsAffine(n);
        assertArrayEquals(g, gens.generatorsAffine(n), "deterministic");
        long[] prefix = gens.generatorsAffine(16);
        assertArrayEquals(prefix, java.util.Arrays.copyOf(g, prefix.length), "a smaller set is a prefix");
        assertArrayEquals(java.util.Arrays.copyOfRange(g, 8 * 37, 8 * 38), gens.generatorAffine(37), "one by one = batch");
        ShortWeierstrassCurve c = ShortWeierstrassCurve.VESTA;
        Set<String> seen = new HashSet<>();
        byte[] e = new byte[32];
        for (int i = 0; i < n; i++) {
            assertTrue(!c.isIdentityAffine(g, 8 * i) && c.isOnCurveAffine(g, 8 * i), "G_" + i);
            c.encodeAffine(g, 8 * i, e, 0);
            assertTrue(seen.add(HexFormat.of().formatHex(e)), "G_" + i + " repeats");
        }
        assertTrue(seen.add(HexFormat.of().formatHex(gens.w().toBytes())));
        assertTrue(seen.add(HexFormat.of().formatHex(gens.u().toBytes())));
        assertEquals(0, gens.generatorsAffine(0).length);
        assertThrows(IllegalArgumentException.class, () -> gens.generatorsAffine(-1));
        // another prefix, other generators
        assertNotEquals(gens.g(0), Generators.vesta("vampvm-test").g(0));
        assertArrayEquals(new byte[] {0, 0x78, 0x56, 0x34, 0x12}, Generators.message(0x12345678));
    }
}
