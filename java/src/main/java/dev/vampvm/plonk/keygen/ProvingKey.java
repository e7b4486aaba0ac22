package dev.vampvm.plonk.keygen;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.evaluation.CommittedPolynomial;
import dev.vampvm.plonk.evaluation.EvaluationSource;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.poly.ExtendedDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the prover needs beyond the witness: the verifying key, and for the fixed and σ columns their
 * values over H, their coefficients (for openings) and their evaluations on the extended coset (for the
 * quotient); the Lagrange selectors l_0, l_last and l_active = 1 − (l_last + l_blind) and the coset points X on
 * the extended coset. The extended-coset vectors are {@link EvaluationSource}s: host arrays made once at keygen on
 * the Java engine; on an engine with its own memory, made on it when a proof's quotient asks (from the columns'
 * coefficients and the selectors' coefficients held there, the coset points as powers), so that a GPU proof uploads
 * none of them and the host holds none of them, or, once {@link #keepColumnsOnEngine} has run, made once and kept
 * there (with the fixed and σ columns over H, {@link #fixedOverH}, {@link #sigmaOverH}). Fixed and σ polynomials with
 * equal commitments share one coefficient vector, so that the prover's multipoint opening groups them exactly as the
 * verifier does (it groups by commitment).
 *
 * <p>Holds backend memory: {@link #close()} releases it.
 */
public final class ProvingKey implements AutoCloseable {
    private final VerifyingKey vk;
    private final ExtendedDomain extended;
    private final long[][] fixedValues;
    private final CommittedPolynomial[] fixed;
    /** Guarded by this, as are the other sources {@link #keepColumnsOnEngine} replaces. */
    private final EvaluationSource[] fixedExtended;
    private final long[][] sigmaValues;
    private final CommittedPolynomial[] sigma;
    private final EvaluationSource[] sigmaExtended;
    private EvaluationSource l0;
    private EvaluationSource lLast;
    private EvaluationSource lActive;
    private final EvaluationSource cosetPoints;
    /**
     * Engine memory the sources above read from (the selectors' coefficients on a GPU, and the evaluations kept
     * there), released by {@link #close}. Guarded by this.
     */
    private final List<ScalarVector> owned;
    private boolean keptOnEngine;
    /** The fixed and σ columns' values over H kept on the engine by {@link #keepColumnsOnEngine}; else null. */
    private EvaluationSource[] fixedOverH;
    private EvaluationSource[] sigmaOverH;

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
        this.owned = new ArrayList<>(owned);
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
    public synchronized EvaluationSource fixedExtended(int i) {
        return fixedExtended[i];
    }

    /**
     * Fixed column i over H as a source on an engine with its own memory: the values kept there
     * ({@link #keepColumnsOnEngine}), or else an NTT of its coefficients each time it is written (a new source per
     * call: the caller keeps one per column).
     */
    public synchronized EvaluationSource fixedOverH(int i) {
        return fixedOverH != null ? fixedOverH[i] : EvaluationSource.overH(fixed[i].coefficients(), domain());
    }

    /** σᵢ over H as a source on an engine with its own memory, as {@link #fixedOverH}. */
    public synchronized EvaluationSource sigmaOverH(int i) {
        return sigmaOverH != null ? sigmaOverH[i] : EvaluationSource.overH(sigma[i].coefficients(), domain());
    }

    /** σᵢ over H (shared: do not modify). */
    public long[] sigmaValues(int i) {
        return sigmaValues[i];
    }

    public CommittedPolynomial sigmaPolynomial(int i) {
        return sigma[i];
    }

    /** σᵢ on the extended coset (shared: do not modify). */
    public synchronized EvaluationSource sigmaExtended(int i) {
        return sigmaExtended[i];
    }

    /** l_0 on the extended coset: 1 at row 0 of H, 0 on the rest of H. */
    public synchronized EvaluationSource l0() {
        return l0;
    }

    /** l_last on the extended coset: 1 at row usableRows (the row after the usable ones). */
    public synchronized EvaluationSource lLast() {
        return lLast;
    }

    /** l_active = 1 − (l_last + l_blind) on the extended coset: 1 on the usable rows. */
    public synchronized EvaluationSource lActive() {
        return lActive;
    }

    /** The points of the extended coset, g·ω_ext^i: X in the permutation's identity polynomials. */
    public EvaluationSource cosetPoints() {
        return cosetPoints;
    }

    /**
     * The engine memory, in bytes, {@link #keepColumnsOnEngine} would take: the fixed, σ and selector columns on the
     * extended coset and the fixed and σ columns over H, 32 bytes a point; 0 once they are kept, or when there are
     * none to make (the Java engine's key holds them as host arrays from keygen on, and a verifying key's build none).
     */
    public synchronized long bytesToKeepOnEngine(Backend backend) {
        if (keptOnEngine || backend.hostMemory() || fixedExtended == null) {
            return 0;
        }
        long columns = fixedExtended.length + sigmaExtended.length;
        return 32L * extended.extended().size() * (columns + 3) + 32L * extended.base().size() * columns;
    }

    /**
     * Makes the fixed, σ and selector columns' evaluations on the extended coset, and the fixed and σ columns' over H,
     * once, on {@code backend} (the engine this key lives on), into vectors this key keeps there, so that each later
     * proof copies them instead of transforming every column's coefficients (on the extended coset a coset NTT of
     * 2^j·n points each, 12 of 2^21 per proof of the standard-gate circuit at k = 20; over H for the gate check and
     * the permutation, 9 of 2^20). The caller decides that the memory ({@link #bytesToKeepOnEngine}) is there.
     * Nothing to do where that is 0.
     */
    public synchronized void keepColumnsOnEngine(Backend backend) {
        if (bytesToKeepOnEngine(backend) == 0) {
            return;
        }
        for (int i = 0; i < fixedExtended.length; i++) {
            fixedExtended[i] = kept(backend, fixedExtended[i]);
        }
        for (int i = 0; i < sigmaExtended.length; i++) {
            sigmaExtended[i] = kept(backend, sigmaExtended[i]);
        }
        l0 = kept(backend, l0);
        lLast = kept(backend, lLast);
        lActive = kept(backend, lActive);
        EvaluationSource[] fixedH = new EvaluationSource[fixed.length];
        for (int i = 0; i < fixed.length; i++) {
            fixedH[i] = kept(backend, fixedOverH(i));
        }
        EvaluationSource[] sigmaH = new EvaluationSource[sigma.length];
        for (int i = 0; i < sigma.length; i++) {
            sigmaH[i] = kept(backend, sigmaOverH(i));
        }
        fixedOverH = fixedH;
        sigmaOverH = sigmaH;
        keptOnEngine = true;
    }

    private EvaluationSource kept(Backend backend, EvaluationSource source) {
        ScalarVector v = backend.allocate(Fp.FIELD, source.size());
        owned.add(v);
        source.writeTo(v);
        return EvaluationSource.kept(v);
    }

    @Override
    public synchronized void close() {
        for (CommittedPolynomial p : fixed) {
            p.close();
        }
        for (CommittedPolynomial p : sigma) {
            p.close();
        }
        owned.forEach(ScalarVector::close);
    }
}
