package dev.vampvm.commit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The grouping both sides of a multipoint opening agree on: queries grouped by polynomial (in order of
 * first appearance), each polynomial's distinct points sorted canonically into its point set, and
 * polynomials with the same point set grouped together (in order of first appearance). Prover and
 * verifier build it with the same rules from the same query order, so they combine the same things with
 * the same powers of the challenges.
 *
 * @param <K> what identifies a polynomial: the prover's vector, the verifier's commitment
 */
final class PointSets<K> {

    /** One polynomial: its key, its sorted points, and per point the query indices that asked for it. */
    record Entry<K>(K key, List<long[]> points, List<List<Integer>> queries) {
    }

    /** Polynomials sharing one point set. */
    record Group<K>(List<long[]> points, List<Entry<K>> entries) {
    }

    private static final Comparator<long[]> POINT_ORDER = Arrays::compareUnsigned;

    private final List<Group<K>> groups;

    <Q> PointSets(List<Q> queries, Function<Q, K> key, Function<Q, long[]> point) {
        Map<K, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            byKey.computeIfAbsent(key.apply(queries.get(i)), k -> new ArrayList<>()).add(i);
        }
        Map<List<Wrapped>, Group<K>> bySet = new LinkedHashMap<>();
        for (Map.Entry<K, List<Integer>> e : byKey.entrySet()) {
            List<long[]> points = new ArrayList<>();
            for (int qi : e.getValue()) {
                long[] z = point.apply(queries.get(qi));
                if (points.stream().noneMatch(p -> Arrays.equals(p, z))) {
                    points.add(z.clone());
                }
            }
            points.sort(POINT_ORDER);
            List<List<Integer>> perPoint = new ArrayList<>();
            for (long[] z : points) {
                List<Integer> hits = new ArrayList<>();
                for (int qi : e.getValue()) {
                    if (Arrays.equals(point.apply(queries.get(qi)), z)) {
                        hits.add(qi);
                    }
                }
                perPoint.add(hits);
            }
            List<Wrapped> setKey = points.stream().map(Wrapped::new).toList();
            bySet.computeIfAbsent(setKey, s -> new Group<>(points, new ArrayList<>()))
                    .entries().add(new Entry<>(e.getKey(), points, perPoint));
        }
        this.groups = List.copyOf(bySet.values());
    }

    List<Group<K>> groups() {
        return groups;
    }

    /** long[] with value equality, for use as a map key. */
    private record Wrapped(long[] v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Wrapped w && Arrays.equals(v, w.v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v);
        }
    }
}
