package dev.vampvm.bench;

import dev.vampvm.api.Engine;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the user asked for, shared by all suites. Unset values (null, empty) mean the suite's own default, which
 * depends on {@code quick}.
 *
 * @param quick   short runs and small sizes: where things stand, not figures to publish
 * @param include run only the benchmarks whose name contains a match; null for all
 * @param sizes   sizes to measure, as k (circuits of 2^k rows) or log2 of the input size, depending on the suite;
 *                empty for the suite's default
 * @param repeat  measured runs (JMH: measured iterations), null for the default
 * @param warmup  discarded warm-up runs after the cold run, null for the default
 * @param engines the engines whole proofs are measured on, each in turn (the same proofs on each, so that one run
 *                compares them); never empty
 */
public record BenchSettings(boolean quick, Pattern include, List<Integer> sizes, Integer repeat, Integer warmup,
        List<Engine> engines) {

    /** The largest size any suite accepts: the IPA parameters go up to 2^26 generators. */
    public static final int MAX_SIZE = 26;

    public BenchSettings {
        sizes = List.copyOf(sizes);
        engines = List.copyOf(engines);
        if (engines.isEmpty()) {
            throw new BenchUsageException("no engine to measure");
        }
        if (repeat != null && repeat < 1) {
            throw new BenchUsageException("--repeat must be at least 1 (got " + repeat + ")");
        }
        if (warmup != null && warmup < 0) {
            throw new BenchUsageException("--warmup must be 0 or more (got " + warmup + ")");
        }
        for (int s : sizes) {
            if (s < 1 || s > MAX_SIZE) {
                throw new BenchUsageException("--sizes: " + s + " is out of range; sizes are k or log2 of the size, "
                        + "from 1 to " + MAX_SIZE);
            }
        }
    }

    /** On the Java engine only. */
    public BenchSettings(boolean quick, Pattern include, List<Integer> sizes, Integer repeat, Integer warmup) {
        this(quick, include, sizes, repeat, warmup, List.of(Engine.JAVA));
    }

    /** Default settings: full runs of everything, on the Java engine. */
    public static BenchSettings defaults() {
        return new BenchSettings(false, null, List.of(), null, null);
    }

    /**
     * The {@code engine} parameter of a measurement: "cpu" for the Java engine and "gpu" for the CUDA engine (the
     * names the reports compare), the command-line name otherwise.
     */
    public static String engineLabel(Engine e) {
        return switch (e) {
            case JAVA -> "cpu";
            case CUDA -> "gpu";
            default -> e.cliName();
        };
    }

    /**
     * Parses --sizes: comma-separated integers, e.g. "10,12,14".
     *
     * @throws BenchUsageException naming what is wrong
     */
    public static List<Integer> parseSizes(String text) {
        String[] parts = text.split(",", -1);
        Integer[] sizes = new Integer[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new BenchUsageException("--sizes: '" + text + "' is not a comma-separated list of integers "
                        + "(k or log2 of the size), e.g. 10,12,14");
            }
        }
        return List.of(sizes);
    }

    public boolean includes(String benchmark) {
        return include == null || include.matcher(benchmark).find();
    }

    public int repeatOr(int byDefault) {
        return repeat != null ? repeat : byDefault;
    }

    public int warmupOr(int byDefault) {
        return warmup != null ? warmup : byDefault;
    }

    public List<Integer> sizesOr(List<Integer> byDefault) {
        return sizes.isEmpty() ? byDefault : sizes;
    }
}
