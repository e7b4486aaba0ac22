package dev.vampvm.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The field laws on a modulus without the Pasta shape, so that the generic kernels stay tested: BN254's
 * scalar field (limb 2 non-zero, top limb 0x30644e72e131a029, 2-adicity 28, generator 5 as in arkworks).
 */
class Bn254ScalarFieldTest extends FieldLawsTest {

    static final MontgomeryField FIELD = new MontgomeryField("BN254-Fr", new BigInteger(
            "21888242871839275222246405745257275088548364400416034343698204186575808495617"), 5);

    @Override
    protected MontgomeryField field() {
        return FIELD;
    }

    @Test
    void usesTheGenericKernels() {
        assertFalse(FIELD.hasPastaShape());
        assertEquals(28, FIELD.twoAdicity());
    }
}
