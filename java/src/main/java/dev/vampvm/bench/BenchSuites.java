package dev.vampvm.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suites {@code vampvm bench} knows, in the order {@code all} runs them. To add one: implement
 * {@link BenchSuite} in its own class and add an instance to {@link #BUILT}.
 */
public final class BenchSuites {
    public static final String ALL = "all";

    private static final List<BenchSuite> BUILT = List.of(new ArithmeticSuite(), new ProveBenchmark(), new VmSuite(),
            new KernelSuite());

    private BenchSuites() {
    }

    /** Every suite name the command accepts, then "all". */
    public static List<String> names() {
        List<String> names = new ArrayList<>(BUILT.stream().map(BenchSuite::name).toList());
        names.add(ALL);
        return names;
    }

    /** One line per suite for the help. */
    public static Map<String, String> descriptions() {
        Map<String, String> d = new LinkedHashMap<>();
        BUILT.forEach(s -> d.put(s.name(), s.description()));
        d.put(ALL, "every suite, into one folder");
        return d;
    }

    /**
     * The suites a name stands for.
     *
     * @throws BenchUsageException for an unknown name
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
        throw new BenchUsageException("unknown suite '" + name + "'; the suites are: " + String.join(", ", names()));
    }
}
