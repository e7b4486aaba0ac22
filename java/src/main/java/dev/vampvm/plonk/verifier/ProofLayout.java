package dev.vampvm.plonk.verifier;

import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Expression.Query;
import dev.vampvm.plonk.keygen.VerifyingKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How many points and scalars a proof for a verifying key holds. With A advice columns, L lookups, P permutation
 * chunks over m columns, d the degree, Q_a and Q_f the advice and fixed queries, and S the number of distinct
 * point sets in the multipoint opening:
 * <pre>
 *   points  = A + 2L + P + L + 1 + (d − 1) + 1 + 1 + 2k        (advice, A′ S′, products, random, h pieces, f, IPA)
 *   scalars = Q_a + Q_f + 1 + m + (3P − 1) + 5L + S + 2          (evaluations, q(x₃) per point set, IPA c and f)
 *   bytes   = 32 · (points + scalars)
 * </pre>
 * (3P − 1 is 0 when P = 0.) S is at most 4 or so in practice: {x}, {x, ωx}, {x, ωx, ω^last x}, {x, ω⁻¹x} and the
 * sets of multi-rotation columns.
 */
public record ProofLayout(int points, int scalars, int pointSets, boolean[] isPoint) {

    public int bytes() {
        return 32 * (points + scalars);
    }

    /** The number of 32-byte elements. */
    public int elements() {
        return points + scalars;
    }

    /** Whether element i (bytes 32i … 32i + 31) is a point (else a scalar). */
    public boolean isPoint(int i) {
        return isPoint[i];
    }

    public static ProofLayout of(VerifyingKey vk) {
        ConstraintSystem cs = vk.constraintSystem();
        int k = vk.k();
        int n = 1 << k;
        int a = cs.numAdviceColumns();
        int l = cs.lookups().size();
        int p = cs.permutationChunks();
        int m = cs.permutationColumns().size();
        int d = vk.quotientDegree();
        int points = a + 2 * l + p + l + 1 + (d - 1) + 1 + 1 + 2 * k;
        int scalars = cs.adviceQueries().size() + cs.fixedQueries().size() + 1 + m + (p == 0 ? 0 : 3 * p - 1)
                + 5 * l + 2;

        // The point set of every opened polynomial; fixed and σ polynomials with equal commitments are one.
        Set<Set<Integer>> sets = new HashSet<>();
        Map<Integer, Set<Integer>> advice = new HashMap<>();
        for (Query q : cs.adviceQueries()) {
            advice.computeIfAbsent(q.column().index(), c -> new TreeSet<>()).add(Math.floorMod(q.rotation(), n));
        }
        sets.addAll(advice.values());
        Map<ByteBuffer, Set<Integer>> committed = new HashMap<>();
        for (Query q : cs.fixedQueries()) {
            committed.computeIfAbsent(key(vk.fixedCommitment(q.column().index())), c -> new TreeSet<>())
                    .add(Math.floorMod(q.rotation(), n));
        }
        for (int i = 0; i < m; i++) {
            committed.computeIfAbsent(key(vk.permutationCommitment(i)), c -> new TreeSet<>()).add(0);
        }
        sets.addAll(committed.values());
        int last = Math.floorMod(-(cs.blindingFactors() + 1), n);
        for (int c = 0; c < p; c++) {
            sets.add(c < p - 1 ? Set.of(0, 1, last) : Set.of(0, 1));
        }
        if (l > 0) {
            sets.add(Set.of(0, 1));
            sets.add(Set.of(0, n - 1));
            sets.add(Set.of(0));
        }
        sets.add(Set.of(0)); // h and the random polynomial
        List<Set<Integer>> normalised = new ArrayList<>();
        for (Set<Integer> s : sets) {
            normalised.add(new TreeSet<>(s));
        }
        int distinct = new HashSet<>(normalised).size();
        // The order of the transcript: commitments, evaluations, then the opening (f, q(x₃)s, S, L/R, c and f).
        int commitments = a + 3 * l + p + 1 + (d - 1);
        int evaluations = scalars - 2;
        boolean[] kinds = new boolean[points + scalars + distinct];
        int at = 0;
        at = fill(kinds, at, commitments, true);
        at = fill(kinds, at, evaluations, false);
        at = fill(kinds, at, 1, true);
        at = fill(kinds, at, distinct, false);
        at = fill(kinds, at, 1 + 2 * k, true);
        fill(kinds, at, 2, false);
        return new ProofLayout(points, scalars + distinct, distinct, kinds);
    }

    private static int fill(boolean[] kinds, int at, int count, boolean point) {
        for (int i = 0; i < count; i++) {
            kinds[at + i] = point;
        }
        return at + count;
    }

    private static ByteBuffer key(long[] affine) {
        ByteBuffer b = ByteBuffer.allocate(8 * affine.length);
        for (long v : affine) {
            b.putLong(v);
        }
        b.flip();
        return b;
    }
}
