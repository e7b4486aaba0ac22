package dev.vampvm.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suites {@code vampvm bench} knows, in the order {@code all} runs them. To add one: implement
 * {@link BenchSuite} in its own class, add an instance to {@link #BUILT} and drop its name from {@link #PLANNED}.
 */
public final class BenchSuites {
    public static final String ALL = "all";

    private static final List<BenchSuite> BUILT = List.of(new ArithmeticSuite(), new ProveBenchmark());

    /** Suites announced but not built yet, with what they will measure (short: it is also the help's line). */
    private static final Map<String, String> PLANNED = Map.of(
            "vm", "VM proving time against the equivalent static circuit");

    private BenchSuites() {
    }

    /** Every suite name the command accepts: the built ones, the planned ones, then "all". */
    public static List<String> names() {
        List<String> names = new ArrayList<>(BUILT.stream().map(BenchSuite::name).toList());
        names.addAll(PLANNED.keySet().stream().sorted().toList());
        names.add(ALL);
        return names;
    }

    /** One line per suite for the help. */
    public static Map<String, String> descriptions() {
        Map<String, String> d = new LinkedHashMap<>();
        BUILT.forEach(s -> d.put(s.name(), s.description()));
        PLANNED.keySet().stream().sorted().forEach(n -> d.put(n, "not built yet: " + PLANNED.get(n)));
        d.put(ALL, "every suite that is built, into one folder");
        return d;
    }

    /**
     * The suites a name stands for.
     *
     * @throws BenchUsageException for a planned suite (it is not built, and no results are made up for it) or an
     *     unknown name
     */
    public static List<BenchSuite> resolve(String name) {
        if (ALL.equals(name)) {
            return BUILT;
        }
        for (BenchSuite s : BUILT) {
            if (s.name().equals(name)) {
                return List.of(s);
            }
        }
        if (PLANNED.containsKey(name)) {
            throw new BenchUsageException("the " + name + " suite is not built yet: it will measure "
                    + PLANNED.get(name) + ". Nothing was run. Suites that run today: "
                    + String.join(", ", BUILT.stream().map(BenchSuite::name).toList()) + ", " + ALL + ".");
        }
        throw new BenchUsageException("unknown suite '" + name + "'; the suites are: " + String.join(", ", names()));
    }

    /** For the reports of {@code all}: the suites it skipped because they are not built. */
    public static List<String> skippedNotes() {
        return PLANNED.keySet().stream().sorted()
                .map(n -> "Suite " + n + " skipped: not built yet (it will measure " + PLANNED.get(n) + ").").toList();
    }
}
