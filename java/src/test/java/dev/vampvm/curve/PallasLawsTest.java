package dev.vampvm.curve;

import dev.vampvm.field.Fp;
import dev.vampvm.field.Fq;
import java.math.BigInteger;
import java.util.SplittableRandom;

class PallasLawsTest extends CurveLawsTest<PallasPoint, Fp, Fq> {
    @Override ShortWeierstrassCurve curve() { return ShortWeierstrassCurve.PALLAS; }
    @Override PallasPoint generator() { return PallasPoint.generator(); }
    @Override PallasPoint identity() { return PallasPoint.identity(); }
    @Override PallasPoint random(SplittableRandom rng) { return PallasPoint.random(rng); }
    @Override Fq randomScalar(SplittableRandom rng) { return Fq.random(rng); }
    @Override Fq scalar(BigInteger v) { return Fq.of(v); }
    @Override PallasPoint fromBytes(byte[] bytes) { return PallasPoint.fromBytes(bytes); }
    @Override PallasPoint fromAffine(long[] a, int offset) { return PallasPoint.fromAffine(a, offset); }
}
