package dev.vampvm.plonk.keygen;

import dev.vampvm.backend.ScalarVector;
import dev.vampvm.plonk.evaluation.CommittedPolynomial;
import dev.vampvm.plonk.evaluation.EvaluationSource;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.poly.ExtendedDomain;
import java.util.List;

/**
 * Everything the prover needs beyond the witness: the verifying key, and for the fixed and σ columns their
 * values over H, their coefficients (for openings) and their evaluations on the extended coset (for the
 * quotient); the Lagrange selectors l_0, l_last and l_active = 1 − (l_last + l_blind) and the coset points X on
 * the extended coset. The extended-coset vectors are {@link EvaluationSource}s: host arrays made once at keygen on
 * the Java engine; on an engine with its own memory, made on it when a proof's quotient asks (from the columns'
 * coefficients and the selectors' coefficients held there, the coset points as powers), so that a GPU proof uploads
 * none of them and the host holds none of them. Fixed and σ polynomials with equal commitments share one
 * coefficient vector, so that the prover's multipoint opening groups them exactly as the verifier does (it groups by
 * commitment).
 *
 * <p>Holds backend memory: {@link #close()} releases it.
 */
public final class ProvingKey implements AutoCloseable {
    private final VerifyingKey vk;
    private final ExtendedDomain extended;
    private final long[][] fixedValues;
    private final CommittedPolynomial[] fixed;
    private final EvaluationSource[] fixedExtended;
    private final long[][] sigmaValues;
    private final CommittedPolynomial[] sigma;
    private final EvaluationSource[] sigmaExtended;
    private final EvaluationSource l0;
    private final EvaluationSource lLast;
    private final EvaluationSource lActive;
    private final EvaluationSource cosetPoints;
    /** Engine memory the sources above read from (the selectors' coefficients on a GPU), released by {@link #close}. */
    private final List<ScalarVector> owned;

    ProvingKey(VerifyingKey vk, ExtendedDomain extended, long[][] fixedValues, CommittedPolynomial[] fixed,
            EvaluationSource[] fixedExtended, long[][] sigmaValues, CommittedPolynomial[] sigma,
            EvaluationSource[] sigmaExtended, EvaluationSource l0, EvaluationSource lLast, EvaluationSource lActive,
            EvaluationSource cosetPoints, List<ScalarVector> owned) {
        this.vk = vk;
        this.extended = extended;
        this.fixedValues = fixedValues;
        this.fixed = fixed;
        this.fixedExtended = fixedExtended;
        this.sigmaValues = sigmaValues;
        this.sigma = sigma;
        this.sigmaExtended = sigmaExtended;
        this.l0 = l0;
        this.lLast = lLast;
        this.lActive = lActive;
        this.cosetPoints = cosetPoints;
        this.owned = List.copyOf(owned);
    }

    public VerifyingKey verifyingKey() {
        return vk;
    }

    public int k() {
        return vk.k();
    }

    public EvaluationDomain domain() {
        return extended.base();
    }

    /** The coset g·H_ext the quotient is computed on. */
    public ExtendedDomain extendedDomain() {
        return extended;
    }

    /** Fixed column i over H (4n longs, shared: do not modify). */
    public long[] fixedValues(int i) {
        return fixedValues[i];
    }

    public CommittedPolynomial fixedPolynomial(int i) {
        return fixed[i];
    }

    /** Fixed column i on the extended coset (shared: do not modify). */
    public EvaluationSource fixedExtended(int i) {
        return fixedExtended[i];
    }

    /** σᵢ over H (shared: do not modify). */
    public long[] sigmaValues(int i) {
        return sigmaValues[i];
    }

    public CommittedPolynomial sigmaPolynomial(int i) {
        return sigma[i];
    }

    /** σᵢ on the extended coset (shared: do not modify). */
    public EvaluationSource sigmaExtended(int i) {
        return sigmaExtended[i];
    }

    /** l_0 on the extended coset: 1 at row 0 of H, 0 on the rest of H. */
    public EvaluationSource l0() {
        return l0;
    }

    /** l_last on the extended coset: 1 at row usableRows (the row after the usable ones). */
    public EvaluationSource lLast() {
        return lLast;
    }

    /** l_active = 1 − (l_last + l_blind) on the extended coset: 1 on the usable rows. */
    public EvaluationSource lActive() {
        return lActive;
    }

    /** The points of the extended coset, g·ω_ext^i: X in the permutation's identity polynomials. */
    public EvaluationSource cosetPoints() {
        return cosetPoints;
    }

    @Override
    public void close() {
        for (CommittedPolynomial p : fixed) {
            p.close();
        }
        for (CommittedPolynomial p : sigma) {
            p.close();
        }
        owned.forEach(ScalarVector::close);
    }
}
