package dev.vampvm.plonk.keygen;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.ColumnKind;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Expression;
import dev.vampvm.plonk.Expression.Query;
import dev.vampvm.plonk.Gate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which gate constraints the proof multiplies by l_active (1 on the usable rows, 0 on l_last and the blinding
 * rows), and the quotient's degree that follows.
 *
 * <p><b>Deviation from halo2.</b> halo2 requires every gate to vanish on all 2^k rows, so a gate not switched off
 * by a selector fails on the random blinding rows. Our constraint system promises less: a gate must vanish on
 * the usable rows ({@link ConstraintSystem.Builder#createGate}), and circuits rely on it (an S-box chain with no
 * selector). A constraint that already vanishes whenever every fixed column queried at rotation 0 is zero is
 * switched off on the non-usable rows by construction (fixed columns are zero there: assignments only reach the
 * usable rows) and is left as halo2 has it. Any other constraint c is replaced by l_active·c, which vanishes
 * on all of H exactly when c vanishes on the usable rows; it costs one degree, so the quotient's degree is
 * max(d, 1 + the degree of every such constraint) rather than d.
 *
 * <p>"Vanishes whenever the rotation-0 fixed queries are zero" is decided by evaluating the constraint with
 * those queries set to 0 and every other query set to a pseudo-random value from a fixed seed, twice: a
 * non-zero polynomial of degree ≤ d survives both with probability ≥ 1 − (d/p)². The rule is a function of the
 * constraint system alone, which the verifying key's hash covers, so prover and verifier always agree; a
 * misjudged constraint could only make an honest proof fail (on a blinding row, which the prover reports),
 * never weaken what is checked on the usable rows.
 */
public final class ActiveRows {
    private static final long SEED = 0x76616d7076_6d4cL; // "vampvm" + 'L', any fixed value

    private ActiveRows() {
    }

    /** Per gate, per constraint: whether the proof multiplies it by l_active. */
    public static boolean[][] gatedConstraints(ConstraintSystem cs) {
        List<Gate> gates = cs.gates();
        boolean[][] out = new boolean[gates.size()][];
        for (int g = 0; g < gates.size(); g++) {
            Gate gate = gates.get(g);
            out[g] = new boolean[gate.constraints().size()];
            for (int c = 0; c < out[g].length; c++) {
                Expression e = gate.constraints().get(c).polynomial();
                out[g][c] = !vanishesWithoutFixed(e, 1) || !vanishesWithoutFixed(e, 2);
            }
        }
        return out;
    }

    /** max(d, 1 + degree of each constraint multiplied by l_active). */
    public static int quotientDegree(ConstraintSystem cs, boolean[][] gated) {
        int d = cs.degree();
        for (int g = 0; g < gated.length; g++) {
            for (int c = 0; c < gated[g].length; c++) {
                if (gated[g][c]) {
                    d = Math.max(d, 1 + cs.gates().get(g).constraints().get(c).degree());
                }
            }
        }
        return d;
    }

    private static boolean vanishesWithoutFixed(Expression e, int trial) {
        return e.evaluate(q -> q.kind() == ColumnKind.FIXED && q.rotation() == 0 ? Fp.ZERO : value(q, trial))
                .isZero();
    }

    private static Fp value(Query q, int trial) {
        long mix = SEED ^ ((long) q.kind().tag() << 56) ^ ((long) q.column().index() << 24)
                ^ (q.rotation() & 0xFFFFFFL) ^ ((long) trial << 60);
        SplittableRandom rng = new SplittableRandom(mix);
        return Fp.random(rng);
    }
}
