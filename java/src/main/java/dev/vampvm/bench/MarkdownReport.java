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
     * @param title the heading, e.g. "vampvm bench prove --quick"
     * @param notes paragraphs under the heading: how each suite measured, what was skipped
     */
    public static String render(String title, List<String> notes, Environment env, List<Measurement> rows) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        for (String note : notes) {
            md.append(note).append("\n\n");
        }
        md.append("| suite | benchmark | params | unit | runs | min | median | max | cold start | one-off costs | verified |\n");
        md.append("|---|---|---|---|---:|---:|---:|---:|---:|---|---|\n");
        for (Measurement m : rows) {
            md.append("| ").append(cell(m.suite()))
                    .append(" | ").append(cell(m.name()))
                    .append(" | ").append(cell(m.paramsText()))
                    .append(" | ").append(cell(m.unit()))
                    .append(" | ").append(m.stats().count())
                    .append(" | ").append(formatNumber(m.stats().min()))
                    .append(" | ").append(formatNumber(m.stats().median()))
                    .append(" | ").append(formatNumber(m.stats().max()))
                    .append(" | ").append(m.coldStart() == null ? "" : formatNumber(m.coldStart()))
                    .append(" | ").append(cell(figures(m.oneOffCosts())))
                    .append(" | ").append(verified(m.verified()))
                    .append(" |\n");
        }
        if (rows.isEmpty()) {
            md.append("| (no results) | | | | | | | | | | |\n");
        }
        md.append("\n## Environment\n\n| | |\n|---|---|\n");
        for (Map.Entry<String, String> e : env.describe().entrySet()) {
            md.append("| ").append(cell(e.getKey())).append(" | ").append(cell(e.getValue())).append(" |\n");
        }
        return md.toString();
    }

    /** "yes", "NO" (a failed verification must stand out) or "" where nothing was proved. */
    static String verified(Boolean verified) {
        return verified == null ? "" : verified ? "yes" : "NO";
    }

    static String params(Map<String, String> params) {
        return params.isEmpty() ? "" : params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** Named figures as "keygen 3649, setup 120.5". */
    static String figures(Map<String, Double> figures) {
        return figures.entrySet().stream().map(e -> e.getKey() + " " + formatNumber(e.getValue()))
                .collect(Collectors.joining(", "));
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
