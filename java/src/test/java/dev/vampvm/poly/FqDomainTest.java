package dev.vampvm.poly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vampvm.field.Fq;
import dev.vampvm.field.MontgomeryField;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Domain laws over Fq, and Fq's coset generator from pasta.md. */
class FqDomainTest extends DomainLawsTest {

    @Override
    protected MontgomeryField field() {
        return Fq.FIELD;
    }

    @Test
    void cosetGeneratorIsPastaZeta() {
        assertArrayEquals(Fq.FIELD.fromBigInteger(new BigInteger(
                        "06819a58283e528e511db4d81cf70f5a0fed467d47c033af2aa9d2e050aa0e4f", 16)),
                EvaluationDomain.of(Fq.FIELD, 5).cosetGenerator());
    }
}
