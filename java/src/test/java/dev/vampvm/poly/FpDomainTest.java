package dev.vampvm.poly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Domain laws over Fp, and Fp's domain constants from pasta.md. */
class FpDomainTest extends DomainLawsTest {

    @Override
    protected MontgomeryField field() {
        return Fp.FIELD;
    }

    @Test
    void constantsFromPastaMd() {
        // ω_5 = ROOT^(2^27), and the coset generator is pasta_curves' ZETA (so cosets agree with halo2's).
        assertArrayEquals(Fp.FIELD.fromBigInteger(new BigInteger(
                        "0cc3380dc616f2e1daf29ad1560833ed3baea3393eceb7bc8fa36376929b78cc", 16)),
                EvaluationDomain.of(Fp.FIELD, 5).omega());
        assertArrayEquals(Fp.FIELD.fromBigInteger(new BigInteger(
                        "12ccca834acdba712caad5dc57aab1b01d1f8bd237ad31491dad5ebdfdfe4ab9", 16)),
                EvaluationDomain.of(Fp.FIELD, 5).cosetGenerator());
    }
}
