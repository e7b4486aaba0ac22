package dev.vampvm.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Minimum, median and maximum of a benchmark's measured samples. The minimum is the figure least disturbed by
 * other work on the machine; the median is the one to compare; the maximum shows how noisy the run was.
 *
 * @param count  how many samples
 * @param min    the smallest sample
 * @param median the middle sample, or the mean of the two middle ones for an even count
 * @param max    the largest sample
 */
public record Statistics(int count, double min, double median, double max) {

    /** The statistics of one or more samples. */
    public static Statistics of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples: a benchmark measures at least one run");
        }
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new Statistics(n, s[0], median, s[n - 1]);
    }

    /** For tests and reports: statistics of literal values. */
    public static Statistics of(double... samples) {
        return of(Arrays.stream(samples).boxed().toList());
    }
}
