package dev.vampvm.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.FieldElement;
import dev.vampvm.field.Limbs;
import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The group laws and the codecs, once, for any Pasta curve: {@link PallasLawsTest} and {@link VestaLawsTest}
 * only say which curve. Every check runs on seeded random points ({@link Seeds}).
 *
 * @param <P> point type
 * @param <S> scalar type
 */
abstract class CurveLawsTest<P extends CurvePoint<P, B, S>, B extends FieldElement<B>, S extends FieldElement<S>> {

    private static final int ROUNDS = 12;

    abstract ShortWeierstrassCurve curve();

    abstract P generator();

    abstract P identity();

    abstract P random(SplittableRandom rng);

    abstract S randomScalar(SplittableRandom rng);

    /** The scalar equal to v modulo the order. */
    abstract S scalar(BigInteger v);

    final S scalar(long v) {
        return scalar(BigInteger.valueOf(v));
    }

    abstract P fromBytes(byte[] bytes);

    abstract P fromAffine(long[] a, int offset);

    SplittableRandom rng;

    @BeforeEach
    void seed(TestInfo info) {
        rng = Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName());
    }

    @Test
    void associativeAndCommutative() {
        for (int i = 0; i < ROUNDS; i++) {
            P a = random(rng), b = random(rng), c = random(rng);
            assertEquals(a.add(b).add(c), a.add(b.add(c)));
            assertEquals(a.add(b), b.add(a));
        }
    }

    @Test
    void identityAndInverse() {
        P o = identity();
        assertTrue(o.isIdentity());
        assertTrue(o.dbl().isIdentity());
        assertTrue(o.neg().isIdentity());
        for (int i = 0; i < ROUNDS; i++) {
            P a = random(rng);
            assertEquals(a, a.add(o));
            assertEquals(a, o.add(a));
            assertTrue(a.add(a.neg()).isIdentity());
            assertTrue(a.sub(a).isIdentity());
            assertEquals(a, a.neg().neg());
            assertNotEquals(a, a.neg(), "no points of order 2");
            assertTrue(!a.isIdentity());
        }
    }

    @Test
    void doublingIsSelfAddition() {
        for (int i = 0; i < ROUNDS; i++) {
            P a = random(rng);
            assertEquals(a.add(a), a.dbl());
            assertEquals(a.dbl().add(a), a.mul(scalar(3)));
        }
    }

    @Test
    void scalarMultiplicationIsDistributiveAndAssociative() {
        for (int i = 0; i < ROUNDS; i++) {
            P p = random(rng), q = random(rng);
            S a = randomScalar(rng), b = randomScalar(rng);
            assertEquals(p.mul(a.add(b)), p.mul(a).add(p.mul(b)), "[a+b]P = [a]P + [b]P");
            assertEquals(p.mul(a.mul(b)), p.mul(b).mul(a), "[ab]P = [a]([b]P)");
            assertEquals(p.add(q).mul(a), p.mul(a).add(q.mul(a)), "[a](P+Q) = [a]P + [a]Q");
            assertEquals(p.neg(), p.mul(scalar(-1)));
        }
        assertTrue(generator().mul(scalar(0)).isIdentity());
        assertEquals(generator(), generator().mul(scalar(1)));
    }

    @Test
    void orderAnnihilates() {
        ShortWeierstrassCurve c = curve();
        PointArithmetic ops = c.arithmetic();
        long[] order = Limbs.fromBigInteger(c.order());
        long[] p = new long[12], r = new long[12];
        for (int i = 0; i < 3; i++) {
            random(rng).copyProjectiveInto(p, 0);
            ops.mulDoubleAndAdd(p, 0, order, r, 0);
            assertTrue(c.isIdentityProjective(r, 0), "[n]P = 0 by double-and-add");
            ops.mul(p, 0, order, 0, r, 0);
            assertTrue(c.isIdentityProjective(r, 0), "[n]P = 0 by GLV");
        }
        // [n − 1]G = −G
        S minusOne = scalar(-1);
        assertEquals(generator().neg(), generator().mul(minusOne));
        assertEquals(c.order().subtract(BigInteger.ONE), minusOne.toBigInteger());
    }

    @Test
    void encodingRoundTrip() {
        for (int i = 0; i < ROUNDS; i++) {
            P a = random(rng);
            byte[] e = a.toBytes();
            assertEquals(32, e.length);
            P back = fromBytes(e);
            assertEquals(a, back);
            assertEquals(a.hashCode(), back.hashCode());
            assertEquals(a.x(), back.x());
            assertEquals(a.y(), back.y());
            long[] flat = new long[10];
            a.copyAffineInto(flat, 2);
            assertEquals(a, fromAffine(flat, 2));
            // a point computed another way has the same encoding and hash code
            P other = a.dbl().sub(a);
            assertArrayEquals(e, other.toBytes());
            assertEquals(a.hashCode(), other.hashCode());
        }
        assertArrayEquals(new byte[32], identity().toBytes());
        assertTrue(fromBytes(new byte[32]).isIdentity());
        assertThrows(IllegalStateException.class, () -> identity().x());
        assertTrue(generator().toString().startsWith(curve().name() + "(0x"));
    }

    @Test
    void batchAffineMatchesOneByOne() {
        ShortWeierstrassCurve c = curve();
        int count = 9;
        long[] proj = new long[12 * count];
        for (int i = 0; i < count; i++) {
            // identities at the start, middle and end
            P p = (i == 0 || i == 4 || i == count - 1) ? identity() : random(rng).mul(randomScalar(rng));
            p.copyProjectiveInto(proj, 12 * i);
        }
        long[] batch = new long[8 * count];
        c.batchProjectiveToAffine(proj, 0, count, batch, 0);
        long[] one = new long[8];
        for (int i = 0; i < count; i++) {
            c.projectiveToAffine(proj, 12 * i, one, 0);
            assertArrayEquals(one, java.util.Arrays.copyOfRange(batch, 8 * i, 8 * i + 8), "point " + i);
            assertTrue(c.isOnCurveAffine(batch, 8 * i));
        }
        assertTrue(c.isIdentityAffine(batch, 0) && c.isIdentityAffine(batch, 32) && c.isIdentityAffine(batch, 8 * (count - 1)));
    }

    @Test
    void endomorphismAgreesWithScalarMultiplication() {
        Glv glv = Glv.of(curve());
        long[] a = new long[8], phi = new long[8];
        for (int i = 0; i < 4; i++) {
            P p = random(rng);
            p.copyAffineInto(a, 0);
            glv.endomorphismAffine(a, 0, phi, 0);
            S lambda = scalar(glv.lambda());
            assertEquals(p.mul(lambda), fromAffine(phi, 0));
        }
    }
}
