package dev.vampvm.bench;

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
 */
public record BenchSettings(boolean quick, Pattern include, List<Integer> sizes, Integer repeat, Integer warmup) {

    /** The largest size any suite accepts: the IPA parameters go up to 2^26 generators. */
    public static final int MAX_SIZE = 26;

    public BenchSettings {
        sizes = List.copyOf(sizes);
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

    /** Default settings: full runs of everything. */
    public static BenchSettings defaults() {
        return new BenchSettings(false, null, List.of(), null, null);
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
