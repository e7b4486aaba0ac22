package dev.vampvm.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Field laws for Fp, and Fp's constants from pasta.md. */
class FpTest extends FieldLawsTest {

    @Override
    protected MontgomeryField field() {
        return Fp.FIELD;
    }

    @Test
    void usesThePastaShapeKernels() {
        assertTrue(Fp.FIELD.hasPastaShape());
        assertEquals(32, Fp.FIELD.twoAdicity());
    }

    @Test
    void constantsFromPastaMd() {
        assertEquals(new BigInteger(
                "28948022309329048855892746252171976963363056481941560715954676764349967630337"),
                Fp.FIELD.modulus());
        assertEquals(Fp.fromHex("0x2bce74deac30ebda362120830561f81aea322bf2b7bb7584bdad6fabd87ea32f"),
                Fp.rootOfUnity());
        assertEquals(Fp.fromHex("0x2cd5282c53116b5cb4ed8e647196dad184a0a1d8859f066ff0b87c7db2ce91f6"),
                Fp.rootOfUnity().inverse());
        assertEquals(Fp.fromHex("0x0a757d0f0006ab6cbd455b7112a5049df5e4f3f13eee56366a6ccd20dd7b9ba2"),
                Fp.of(5).pow(BigInteger.ONE.shiftLeft(32)));
        Fp zeta = Fp.fromHex("0x12ccca834acdba712caad5dc57aab1b01d1f8bd237ad31491dad5ebdfdfe4ab9");
        assertEquals(Fp.ONE, zeta.pow(3));
        assertEquals(false, zeta.isOne());
        // ω_5 = ROOT^(2^27)
        assertEquals(Fp.fromHex("0x0cc3380dc616f2e1daf29ad1560833ed3baea3393eceb7bc8fa36376929b78cc"),
                Fp.rootOfUnity().pow(BigInteger.ONE.shiftLeft(27)));
    }

    @Test
    void valueTypeRefusesBadInput() {
        assertThrows(NonCanonicalEncodingException.class, () -> Fp.fromBytes(new byte[33]));
        assertThrows(NonCanonicalEncodingException.class,
                () -> Fp.fromHex("0x40000000000000000000000000000000224698fc094cf91b992d30ed00000001"));
        assertThrows(ArithmeticException.class, () -> Fp.ZERO.inverse());
        assertEquals(Fp.of(-1), Fp.ONE.neg());
        assertEquals(Fp.of(6), Fp.of(2).mul(Fp.of(3)));
        assertEquals(Fp.of(7), Fp.fromBytes(Fp.of(7).toBytes()));
    }
}
