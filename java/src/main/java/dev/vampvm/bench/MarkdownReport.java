package dev.vampvm.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** summary.md: a results table people can read, followed by the environment it was measured in. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /**
     * @param title    the heading, e.g. "vampvm bench arith (quick)"
     * @param settings one line saying how it was measured (iterations, times), shown under the heading
     */
    public static String render(String title, String settings, Environment env, List<BenchmarkRow> rows) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        if (settings != null && !settings.isBlank()) {
            md.append(settings).append("\n\n");
        }
        md.append("| benchmark | params | mode | score | ± error | unit |\n");
        md.append("|---|---|---|---:|---:|---|\n");
        for (BenchmarkRow r : rows) {
            md.append("| ").append(cell(r.shortName()))
                    .append(" | ").append(cell(params(r.params())))
                    .append(" | ").append(cell(r.mode()))
                    .append(" | ").append(formatNumber(r.score()))
                    .append(" | ").append(formatNumber(r.error()))
                    .append(" | ").append(cell(r.unit()))
                    .append(" |\n");
        }
        if (rows.isEmpty()) {
            md.append("| (no results) | | | | | |\n");
        }
        md.append("\n## Environment\n\n| | |\n|---|---|\n");
        for (Map.Entry<String, String> e : env.describe().entrySet()) {
            md.append("| ").append(cell(e.getKey())).append(" | ").append(cell(e.getValue())).append(" |\n");
        }
        return md.toString();
    }

    static String params(Map<String, String> params) {
        return params.isEmpty() ? "" : params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** Three or four significant digits, no exponent for the magnitudes timings have; "n/a" for NaN. */
    public static String formatNumber(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        String pattern = a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : a >= 1 ? "%.3f"
                : a == 0 ? "%.0f" : a >= 0.001 ? "%.4f" : "%.3e";
        return String.format(Locale.ROOT, pattern, v);
    }

    /** A table cell: pipes escaped, line breaks flattened. */
    static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace('\n', ' ');
    }
}
