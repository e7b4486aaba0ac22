package dev.vampvm.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Field laws for Fq, and Fq's constants from pasta.md. */
class FqTest extends FieldLawsTest {

    @Override
    protected MontgomeryField field() {
        return Fq.FIELD;
    }

    @Test
    void usesThePastaShapeKernels() {
        assertTrue(Fq.FIELD.hasPastaShape());
        assertEquals(32, Fq.FIELD.twoAdicity());
    }

    @Test
    void constantsFromPastaMd() {
        assertEquals(new BigInteger(
                "28948022309329048855892746252171976963363056481941647379679742748393362948097"),
                Fq.FIELD.modulus());
        assertEquals(Fq.fromHex("0x2de6a9b8746d3f589e5c4dfd492ae26e9bb97ea3c106f049a70e2c1102b6d05f"),
                Fq.rootOfUnity());
        assertEquals(Fq.fromHex("0x2235e1a7415bf936f4c8f353124086c14ad38b9084b8a80c57eecda0a84b6836"),
                Fq.rootOfUnity().inverse());
        assertEquals(Fq.fromHex("0x2237d5442372416606f0a88e7f7949f8e3ac3376541d11408494392472d1683c"),
                Fq.of(5).pow(BigInteger.ONE.shiftLeft(32)));
        Fq zeta = Fq.fromHex("0x06819a58283e528e511db4d81cf70f5a0fed467d47c033af2aa9d2e050aa0e4f");
        assertEquals(Fq.ONE, zeta.pow(3));
    }
}
