package dev.vampvm.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Fp;
import dev.vampvm.field.Fq;
import dev.vampvm.field.Limbs;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.field.NonCanonicalEncodingException;
import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The compressed encoding: layout, round trips, and one test per refusal. */
class PointEncodingTest {

    static ShortWeierstrassCurve[] curves() {
        return new ShortWeierstrassCurve[] {ShortWeierstrassCurve.PALLAS, ShortWeierstrassCurve.VESTA};
    }

    private static InvalidPointEncodingException refuse(ShortWeierstrassCurve c, byte[] bytes, boolean allowIdentity) {
        return assertThrows(InvalidPointEncodingException.class, () -> c.decodeAffine(bytes, 0, new long[8], 0, allowIdentity));
    }

    /** Little-endian 32 bytes of a non-negative integer below 2²⁵⁶. */
    private static byte[] le(BigInteger v) {
        byte[] out = new byte[32];
        Limbs.toBytesLE(Limbs.fromBigInteger(v), out, 0);
        return out;
    }

    @Test
    void generatorEncodesAsPastaCurvesDoes() {
        // (−1, 2): x = p − 1 little-endian, y = 2 even so bit 255 clear.
        assertEquals("00000000ed302d991bf94c09fc98462200000000000000000000000000000040",
                HexFormat.of().formatHex(PallasPoint.generator().toBytes()));
        assertEquals("0000000021eb468cdda89409fc98462200000000000000000000000000000040",
                HexFormat.of().formatHex(VestaPoint.generator().toBytes()));
        assertEquals(PallasPoint.generator(), PallasPoint.fromBytes(PallasPoint.generator().toBytes()));
        assertArrayEquals(new byte[32], VestaPoint.identity().toBytes());
    }

    @ParameterizedTest
    @MethodSource("curves")
    void roundTripAndSignBit(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("PointEncodingTest." + c.name());
        MontgomeryField f = c.baseField();
        long[] a = new long[8], back = new long[8];
        byte[] buf = new byte[40];
        int odd = 0;
        for (int i = 0; i < 200; i++) {
            long[] p = GlvTest.randomProjective(c, c.arithmetic(), rng);
            c.projectiveToAffine(p, 0, a, 0);
            c.encodeAffine(a, 0, buf, 5);
            boolean yOdd = f.toBigInteger(a, 4).testBit(0);
            odd += yOdd ? 1 : 0;
            assertEquals(yOdd, (buf[5 + 31] & 0x80) != 0, "bit 255 is the parity of y");
            byte[] xOnly = java.util.Arrays.copyOfRange(buf, 5, 37);
            xOnly[31] &= 0x7f;
            assertEquals(f.toBigInteger(a, 0), new BigInteger(1, reverse(xOnly)), "x little-endian");
            c.decodeAffine(buf, 5, back, 0, false);
            assertArrayEquals(a, back);
        }
        assertTrue(odd > 50 && odd < 150, "both parities occur");
        // identity
        c.encodeAffine(new long[8], 0, buf, 0);
        for (int i = 0; i < 32; i++) {
            assertEquals(0, buf[i]);
        }
        java.util.Arrays.fill(back, 9);
        c.decodeAffine(new byte[32], 0, back, 0);
        assertTrue(c.isIdentityAffine(back, 0));
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    @ParameterizedTest
    @MethodSource("curves")
    void refusesWrongLength(ShortWeierstrassCurve c) {
        assertThrows(InvalidPointEncodingException.class, () -> c.decodeAffine(new byte[31], 0, new long[8], 0));
        assertThrows(InvalidPointEncodingException.class, () -> c.decodeAffine(new byte[32], 1, new long[8], 0));
        assertThrows(InvalidPointEncodingException.class, () -> PallasPoint.fromBytes(new byte[33]));
        assertThrows(InvalidPointEncodingException.class, () -> VestaPoint.fromBytes(new byte[0]));
    }

    @ParameterizedTest
    @MethodSource("curves")
    void refusesNonCanonicalX(ShortWeierstrassCurve c) {
        BigInteger p = c.baseField().modulus();
        // x = p and x = p + 1 (≡ 0, 1), with and without the sign bit, and the all-ones pattern: all ≥ p.
        for (BigInteger x : new BigInteger[] {p, p.add(BigInteger.ONE), p.add(BigInteger.valueOf(4)),
                BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE)}) {
            byte[] e = le(x);
            assertTrue(refuse(c, e, true).getMessage().contains("modulus"));
            e[31] |= (byte) 0x80;
            assertTrue(refuse(c, e, true).getMessage().contains("modulus"));
        }
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xff);
        refuse(c, ones, true);
        // a caller catching the field's exception type catches this one too
        assertThrows(NonCanonicalEncodingException.class, () -> c.decodeAffine(le(p), 0, new long[8], 0));
    }

    @ParameterizedTest
    @MethodSource("curves")
    void refusesXWithNoPoint(ShortWeierstrassCurve c) {
        MontgomeryField f = c.baseField();
        int found = 0;
        for (long x = 1; found < 5; x++) {
            long[] xm = f.fromBigInteger(BigInteger.valueOf(x));
            long[] rhs = new long[4];
            f.square(xm, 0, rhs, 0);
            f.mul(rhs, 0, xm, 0, rhs, 0);
            f.add(rhs, 0, c.b(), 0, rhs, 0);
            if (f.legendre(rhs, 0) == -1) {
                found++;
                byte[] e = le(BigInteger.valueOf(x));
                assertTrue(refuse(c, e, true).getMessage().contains("not a square"));
                e[31] |= (byte) 0x80;
                refuse(c, e, true);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("curves")
    void refusesSignBitOnZeroAndTheIdentityWhereNotAllowed(ShortWeierstrassCurve c) {
        byte[] e = new byte[32];
        e[31] = (byte) 0x80;
        assertTrue(refuse(c, e, true).getMessage().contains("x = 0"));
        // x = p with the sign bit (≡ 0 after reduction) is refused as non-canonical before that
        refuse(c, new byte[32], false);
        c.decodeAffine(new byte[32], 0, new long[8], 0, true);
        assertThrows(InvalidPointEncodingException.class, () -> PallasPoint.decode(new byte[32], false));
        assertTrue(VestaPoint.decode(new byte[32], true).isIdentity());
        assertTrue(PallasPoint.fromBytes(new byte[32]).isIdentity());
    }

    @Test
    void fromAffineRefusesPointsOffTheCurve() {
        long[] a = new long[8];
        Fp.of(-1).copyInto(a, 0);
        Fp.of(3).copyInto(a, 4);
        assertThrows(InvalidPointEncodingException.class, () -> PallasPoint.fromAffine(a, 0));
        Fp.of(2).copyInto(a, 4);
        assertEquals(PallasPoint.generator(), PallasPoint.fromAffine(a, 0));
        assertThrows(InvalidPointEncodingException.class, () -> VestaPoint.of(Fq.of(1), Fq.of(1)));
        // unreduced limbs are refused even when they would reduce to a curve point
        long[] unreduced = new long[9];
        System.arraycopy(a, 0, unreduced, 1, 8);
        unreduced[1 + 7] = -1L;
        assertThrows(InvalidPointEncodingException.class, () -> PallasPoint.fromAffine(unreduced, 1));
        assertTrue(PallasPoint.fromAffine(new long[8], 0).isIdentity());
    }
}
