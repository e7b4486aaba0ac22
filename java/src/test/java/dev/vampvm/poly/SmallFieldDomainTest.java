package dev.vampvm.poly;

import dev.vampvm.field.MontgomeryField;
import java.math.BigInteger;

/**
 * Domain laws over a 101-bit prime with 2-adicity 16 and 3 ∤ p − 1: the domain code is generic over
 * {@link MontgomeryField}, so it must cope with a smaller 2-adicity and with a coset generator that is not
 * a cube root of unity (the fallback path the Pasta fields never take).
 */
class SmallFieldDomainTest extends DomainLawsTest {

    /** p = 2^16 · t + 1 with t odd, p ≡ 2 (mod 3); 3 generates the multiplicative group. */
    static final MontgomeryField FIELD =
            new MontgomeryField("Ftest", new BigInteger("100000000000000000001b0001", 16), 3);

    @Override
    protected MontgomeryField field() {
        return FIELD;
    }
}
