package dev.vampvm.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.MontgomeryField;
import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers from pasta_curves ({@code src/pallas.rs}, {@code src/vesta.rs}: stated there as Jacobian
 * (X, Y, Z), converted here to affine x = X/Z², y = Y/Z³), and a check of every isogeny constant.
 */
class HashToCurveTest {

    static ShortWeierstrassCurve[] curves() {
        return new ShortWeierstrassCurve[] {ShortWeierstrassCurve.PALLAS, ShortWeierstrassCurve.VESTA};
    }

    private static BigInteger hex(String h) {
        return new BigInteger(h.startsWith("0x") ? h.substring(2) : h, 16);
    }

    /** Affine (x, y) of a Jacobian triple, as canonical integers. */
    private static BigInteger[] jacobianToAffine(BigInteger m, String x, String y, String z) {
        BigInteger zInv = hex(z).modInverse(m);
        return new BigInteger[] {
                hex(x).multiply(zInv.pow(2)).mod(m),
                hex(y).multiply(zInv.pow(3)).mod(m)};
    }

    private static void assertAffine(ShortWeierstrassCurve c, BigInteger[] expected, long[] a, int ao, String what) {
        assertEquals(expected[0].toString(16), c.baseField().toBigInteger(a, ao).toString(16), what + ": x");
        assertEquals(expected[1].toString(16), c.baseField().toBigInteger(a, ao + 4).toString(16), what + ": y");
    }

    @Test
    void pallasKnownAnswer() {
        ShortWeierstrassCurve c = ShortWeierstrassCurve.PALLAS;
        // pallas.rs test_hash_to_curve: "Trans rights now!" under "z.cash:test"
        BigInteger[] expected = jacobianToAffine(c.baseField().modulus(),
                "36a6e3a9c50b7b6540cb002c977c82f37f8a875fb51eb35327ee1452e6ce7947",
                "01da3b4403d73252f2d7e9c19bc23dc6a080f2d02f8262fca4f7e3d756ac6a7c",
                "1d48103df8fcbb70d1809c1806c95651dd884a559fec0549658537ce9d94bed9");
        // and the affine values pasta.md derives from them
        assertEquals(hex("1818cda31ffdc8c3ff23df3d88c26f952340257d0f187a0236695c9b640b6bd3"), expected[0]);
        assertEquals(hex("01e20888510123752166a0306332e126289f6f9a2774160395f2f1efc9b1280c"), expected[1]);
        long[] r = new long[8];
        HashToCurve.of(c).hashAffine("z.cash:test", "Trans rights now!".getBytes(StandardCharsets.UTF_8), r, 0);
        assertAffine(c, expected, r, 0, "Pallas H(\"Trans rights now!\")");
        PallasPoint p = PallasPoint.hashToCurve("z.cash:test", "Trans rights now!".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected[0], p.x().toBigInteger());
        assertEquals(expected[1], p.y().toBigInteger());
    }

    @Test
    void vestaKnownAnswer() {
        ShortWeierstrassCurve c = ShortWeierstrassCurve.VESTA;
        // vesta.rs test_hash_to_curve. NB: the message there is "hello", not "Trans rights now!" as pasta.md says.
        BigInteger[] expected = jacobianToAffine(c.baseField().modulus(),
                "12763505036e0e1a6684b7a7d8d5afb7378cc2b191a95e34f44824a06fcbd08e",
                "0256eafc0188b79bfa7c4b2b393893ddc298e90da500fa4a9aee17c2ea4240e6",
                "1b58d4aa4d68c3f4d9916b77c79ff9911597a27f2ee46244e98eb9615172d2ad");
        assertEquals(hex("2e983e009cf3b86bc95f91b3411bd6cbd0a87f8c3c3dae80f3f2637084849204"), expected[0]);
        assertEquals(hex("310fb8f3316d069a1fb9374bdbc0fb1391c864a5208b2a812341db7f50b2e106"), expected[1]);
        long[] r = new long[8];
        HashToCurve.of(c).hashAffine("z.cash:test", "hello".getBytes(StandardCharsets.UTF_8), r, 0);
        assertAffine(c, expected, r, 0, "Vesta H(\"hello\")");
        VestaPoint p = VestaPoint.hashToCurve("z.cash:test", "hello".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected[0], p.x().toBigInteger());
    }

    /** pasta_curves' test_map_to_curve_simple_swu: u = 0 (the exceptional case) and u = 1, on both iso-curves. */
    @Test
    void simplifiedSwuKnownAnswers() {
        String[][] pallas = {
                {"28c1a6a534f56c52e25295b339129a8af5f42525dea727f485ca3433519b096e",
                        "3bfc658bee6653c63c7d7f0927083fd315d29c270207b7c7084fa1ee6ac5ae8d",
                        "054b3ba10416dc104157b1318534a19d5d115472da7d746f8a5f250cd8cdef36"},
                {"010cba5957e876534af5e967c026a1856d64b071068280837913b9a5a3561505",
                        "062fc61f9cd3118e7d6e65a065ebf46a547514d6b08078e976fa6d515dcc9c81",
                        "3f86cb8c311250c3101c4e523e7793605ccff5623de1753a7c75bc9a29a73688"}};
        String[][] vesta = {
                {"2ccc4c6ec2660e5644305bc52527d904d408f92407f599df8f158d50646a2e78",
                        "29a34381321d13d72d50b6b462bb4ea6a9e47393fa28a47227bf35bc0ee7aa59",
                        "0b851e9e579403a76df1100f556e1f226e5656bdf38f3bf8601d8a3a9a15890b"},
                {"165f8b71841c5abc3d742ec13fb16f099d596b781e6f5c7d0b6682b1216a8258",
                        "0dadef21de74ed7337a37dd74f126a92e4df73c3a704da501e36eaf59cf03120",
                        "0a3d6f6c1af02bd9274cc0b80129759ce77edeef578d7de968d4a47d39026c82"}};
        for (ShortWeierstrassCurve c : curves()) {
            String[][] vectors = c == ShortWeierstrassCurve.PALLAS ? pallas : vesta;
            HashToCurve h = HashToCurve.of(c);
            for (int u = 0; u <= 1; u++) {
                long[] uv = c.baseField().fromBigInteger(BigInteger.valueOf(u));
                long[] r = new long[8];
                h.mapToIsoCurve(uv, 0, r, 0);
                assertTrue(h.isOnIsoCurve(r, 0));
                assertAffine(c, jacobianToAffine(c.baseField().modulus(), vectors[u][0], vectors[u][1], vectors[u][2]),
                        r, 0, c.name() + " SWU(" + u + ")");
            }
        }
    }

    /** pallas.rs test_iso_map: a fixed iso-Pallas point (Jacobian) and its image. */
    @Test
    void isoMapKnownAnswer() {
        ShortWeierstrassCurve c = ShortWeierstrassCurve.PALLAS;
        MontgomeryField f = c.baseField();
        BigInteger m = f.modulus();
        BigInteger[] in = jacobianToAffine(m,
                limbsHex(0xc37f111df5c4419eL, 0x593c053e5e2337adL, 0x9c6cfc47bce1aba6L, 0x0a881e4d556945aaL),
                limbsHex(0xf234e04434502b47L, 0x6979f7f2b0acf188L, 0xa62eec46f662cb4eL, 0x035e5c8a06d5cfb4L),
                limbsHex(0x11ab791d4fb6f6b4L, 0x575baa717958ef1fL, 0x6ac4e343558dcbf3L, 0x3af37975b0933125L));
        BigInteger[] out = jacobianToAffine(m,
                "318cc15f281662b3f26d0175cab97b924870c837879cac647e877be51a85e898",
                "1e91e2fa2a5a6a5bc86ff9564ae9336084470e7119dffcb85ae8c1383a3defd7",
                "1e049436efa754f5f189aec69c2c3a4a559eca6a12b45c3f2e4a769deeca6187");
        long[] a = new long[8];
        System.arraycopy(f.fromBigInteger(in[0]), 0, a, 0, 4);
        System.arraycopy(f.fromBigInteger(in[1]), 0, a, 4, 4);
        HashToCurve h = HashToCurve.of(c);
        assertTrue(h.isOnIsoCurve(a, 0));
        long[] p = new long[12];
        h.isoMapProjective(a, 0, p, 0);
        long[] r = new long[8];
        c.projectiveToAffine(p, 0, r, 0);
        assertAffine(c, out, r, 0, "iso_map");
    }

    private static String limbsHex(long l0, long l1, long l2, long l3) {
        return dev.vampvm.field.Limbs.toBigInteger(new long[] {l0, l1, l2, l3}, 0).toString(16);
    }

    /**
     * Each of the 13 coefficients is fixed by the two curves: a typo in any of them sends iso-curve points off
     * y² = x³ + 5, or breaks the homomorphism. Also A′: random x must give points the SWU map's curve accepts.
     */
    @ParameterizedTest
    @MethodSource("curves")
    void isogenyConstantsMapOntoTheCurve(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("HashToCurveTest.isogeny." + c.name());
        HashToCurve h = HashToCurve.of(c);
        MontgomeryField f = c.baseField();
        PointArithmetic ops = c.arithmetic();
        long[] u = new long[8];
        long[] q = new long[24];
        for (int i = 0; i < 16; i++) {
            f.random(new java.util.Random(rng.nextLong()), u, 0);
            f.random(new java.util.Random(rng.nextLong()), u, 4);
            h.mapToIsoCurve(u, 0, q, 0);
            h.mapToIsoCurve(u, 4, q, 8);
            assertTrue(h.isOnIsoCurve(q, 0) && h.isOnIsoCurve(q, 8), "SWU lands on E′");
            h.addOnIsoCurve(q, 0, q, 8, q, 16);
            assertTrue(h.isOnIsoCurve(q, 16));
            long[] p0 = new long[12], p1 = new long[12], p01 = new long[12], sum = new long[12];
            h.isoMapProjective(q, 0, p0, 0);
            h.isoMapProjective(q, 8, p1, 0);
            h.isoMapProjective(q, 16, p01, 0);
            assertTrue(c.isOnCurveProjective(p0, 0) && c.isOnCurveProjective(p1, 0), "iso(P) on y² = x³ + 5");
            ops.add(p0, 0, p1, 0, sum, 0);
            assertTrue(c.equalProjective(sum, 0, p01, 0), "iso(P + Q) = iso(P) + iso(Q)");
            // doubling on E′ too
            h.addOnIsoCurve(q, 0, q, 0, q, 16);
            h.isoMapProjective(q, 16, p01, 0);
            ops.dbl(p0, 0, sum, 0);
            assertTrue(c.equalProjective(sum, 0, p01, 0), "iso(2P) = 2·iso(P)");
        }
        // P + (−P) on E′ is the identity, which maps to the identity.
        long[] neg = q.clone();
        f.neg(neg, 4, neg, 4);
        h.addOnIsoCurve(q, 0, neg, 0, neg, 0);
        assertTrue(c.isIdentityAffine(neg, 0));
        long[] p = new long[12];
        h.isoMapProjective(neg, 0, p, 0);
        assertTrue(c.isIdentityProjective(p, 0));
    }

    @Test
    void domainSeparationTagAndLimits() {
        HashToCurve h = HashToCurve.of(ShortWeierstrassCurve.VESTA);
        assertEquals("z.cash:test-vesta_XMD:BLAKE2b_SSWU_RO_", h.dst("z.cash:test"));
        assertEquals("z.cash:test-pallas_XMD:BLAKE2b_SSWU_RO_", HashToCurve.of(ShortWeierstrassCurve.PALLAS).dst("z.cash:test"));
        String tooLong = "x".repeat(256 - 22 - 5);
        assertThrows(IllegalArgumentException.class, () -> h.hashAffine(tooLong, new byte[0], new long[8], 0));
        h.hashAffine(tooLong.substring(1), new byte[0], new long[8], 0);
        // different prefixes and messages, different points
        assertTrue(!VestaPoint.hashToCurve("a", new byte[0]).equals(VestaPoint.hashToCurve("b", new byte[0])));
        assertTrue(!VestaPoint.hashToCurve("a", new byte[] {0}).equals(VestaPoint.hashToCurve("a", new byte[0])));
    }
}
