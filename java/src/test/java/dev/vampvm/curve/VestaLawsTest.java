package dev.vampvm.curve;

import dev.vampvm.field.Fq;
import dev.vampvm.field.Fp;
import java.math.BigInteger;
import java.util.SplittableRandom;

class VestaLawsTest extends CurveLawsTest<VestaPoint, Fq, Fp> {
    @Override ShortWeierstrassCurve curve() { return ShortWeierstrassCurve.VESTA; }
    @Override VestaPoint generator() { return VestaPoint.generator(); }
    @Override VestaPoint identity() { return VestaPoint.identity(); }
    @Override VestaPoint random(SplittableRandom rng) { return VestaPoint.random(rng); }
    @Override Fp randomScalar(SplittableRandom rng) { return Fp.random(rng); }
    @Override Fp scalar(BigInteger v) { return Fp.of(v); }
    @Override VestaPoint fromBytes(byte[] bytes) { return VestaPoint.fromBytes(bytes); }
    @Override VestaPoint fromAffine(long[] a, int offset) { return VestaPoint.fromAffine(a, offset); }
}
