package dev.vampvm.commit;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.poly.Polynomials;
import java.util.Arrays;

/**
 * Division by (X − z), remainder dropped, of polynomials of n = 2^k coefficients kept on an engine that has its own
 * memory (a GPU), so that an opening's quotients never cross to the host. The quotient (t(X) − t(z)) / (X − z) has
 * degree at most n − 2 &lt; n, so its values over H determine it: (t(ω^i) − t(z)) / (ω^i − z), one NTT, one batch
 * inversion and one inverse NTT, with only the scalar t(z) leaving the engine. Field arithmetic is exact, so the
 * result is {@link Polynomials#divideByLinear}'s with a zero as its top coefficient.
 *
 * <p>That needs every ω^i − z ≠ 0, i.e. z^n ≠ 1. A z in H (probability n/p for a random challenge, but the proof must
 * stay correct) is divided on the host instead. On the Java engine synthetic division, n products in place, is
 * cheaper than two NTTs: {@link MultiopenProver} keeps it there and does not use this class.
 */
final class LinearDivision implements AutoCloseable {

    private final Backend backend;
    private final EvaluationDomain domain;
    /**
     * Scratch for each division, one vector for all of them: z^i for t(z) (as an inner product; the engine's
     * {@code evaluate} would allocate its own vector of powers each time), then 1 / (ω^i − z).
     */
    private final ScalarVector scratch;

    /** A divider for polynomials of {@code domain.size()} coefficients on {@code backend}, holding one scratch vector. */
    LinearDivision(Backend backend, EvaluationDomain domain) {
        this.backend = backend;
        this.domain = domain;
        this.scratch = backend.allocate(domain.field(), domain.size());
    }

    /**
     * t ← (t(X) − t(z)) / (X − z), in place.
     *
     * @throws IllegalArgumentException when t is not of this divider's size, field and engine, or z is not a scalar
     */
    void divide(ScalarVector t, long[] z) {
        MontgomeryField f = domain.field();
        int n = domain.size();
        if (t.size() != n || t.field() != f || t.backend() != backend) {
            throw new IllegalArgumentException("division by (X − z): a polynomial of " + t.size() + " coefficients over "
                    + t.field().name() + " on " + t.backend().name() + ", the divider's are " + n + " over "
                    + f.name() + " on " + backend.name());
        }
        if (z == null || z.length != 4) {
            throw new IllegalArgumentException("division by (X − z): z must be a scalar of 4 limbs");
        }
        long[] zn = new long[4];
        f.pow(z, 0, new long[] {n}, zn, 0);
        if (f.isOne(zn, 0)) {
            long[] quotient = Polynomials.divideByLinear(f, backend.download(t), z);
            backend.upload(Arrays.copyOf(quotient, 4 * n), 0, t);
            return;
        }
        backend.powers(f.one(), z, scratch);
        long[] minusTz = backend.innerProduct(t, scratch);
        f.neg(minusTz, 0, minusTz, 0);
        long[] minusZ = new long[4];
        f.neg(z, 0, minusZ, 0);
        backend.ntt(domain, t);
        backend.addConstant(t, minusTz, t);
        backend.powers(f.one(), domain.omega(), scratch);
        backend.addConstant(scratch, minusZ, scratch);
        backend.batchInvert(scratch);
        backend.mul(t, scratch, t);
        backend.intt(domain, t);
    }

    @Override
    public void close() {
        scratch.close();
    }
}
