package dev.vampvm.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) with a chart of time
 * against size for every benchmark measured at several sizes, side-by-side charts where rows differ only in
 * {@code engine} (CPU vs GPU) or {@code mode} (VM vs static), the results table and the environment.
 */
public final class HtmlReport {
    /** Parameters whose values are compared side by side, with the chart's title for each. */
    private static final Map<String, String> COMPARED = Map.of("engine", "CPU vs GPU", "mode", "VM vs static");

    private HtmlReport() {
    }

    public static String render(String title, List<String> notes, Environment env, List<Measurement> rows) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body { font-family: sans-serif; margin: 2em; color: #222; }\n")
                .append("table { border-collapse: collapse; margin: 1em 0; }\n")
                .append("th, td { border: 1px solid #ccc; padding: 3px 8px; font-size: 90%; }\n")
                .append("td.n { text-align: right; font-variant-numeric: tabular-nums; }\n")
                .append("td.bad { color: #fff; background: #c00; font-weight: bold; }\n")
                .append("svg.chart { display: block; margin: 1em 0; font-size: 12px; }\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        for (String note : notes) {
            h.append("<p>").append(escape(note)).append("</p>\n");
        }
        Map<String, List<Measurement>> byName = groups(rows);
        StringBuilder charts = new StringBuilder();
        byName.forEach((name, group) -> charts.append(sizeChart(name, group)));
        for (Map.Entry<String, String> c : new TreeMap<>(COMPARED).entrySet()) {
            byName.forEach((name, group) -> charts.append(comparison(c.getValue() + ": " + name, c.getKey(), group)));
        }
        if (!charts.isEmpty()) {
            h.append("<h2>Charts</h2>\n<p>Medians; the vertical bars span min to max.</p>\n").append(charts);
        }
        h.append("<h2>Results</h2>\n").append(table(rows));
        h.append("<h2>Environment</h2>\n<table>\n");
        env.describe().forEach((k, v) -> h.append("<tr><th>").append(escape(k)).append("</th><td>")
                .append(escape(v)).append("</td></tr>\n"));
        return h.append("</table>\n</body>\n</html>\n").toString();
    }

    /** The rows by "suite: name", in order of first appearance. */
    private static Map<String, List<Measurement>> groups(List<Measurement> rows) {
        Map<String, List<Measurement>> m = new LinkedHashMap<>();
        rows.forEach(r -> m.computeIfAbsent(r.suite() + ": " + r.name(), k -> new ArrayList<>()).add(r));
        return m;
    }

    /** Time against size, one line per configuration that differs in more than its size; "" below two sizes. */
    private static String sizeChart(String name, List<Measurement> group) {
        List<Measurement> sized = group.stream().filter(m -> m.size().isPresent()).toList();
        if (sized.stream().map(m -> m.size().get()).distinct().count() < 2) {
            return "";
        }
        // A line per configuration, labelled by what tells it apart (params shared by all rows say nothing).
        Map<String, String> shared = new TreeMap<>(sized.get(0).params());
        sized.forEach(m -> shared.entrySet().removeIf(e -> !e.getValue().equals(m.params().get(e.getKey()))));
        Map<String, List<SvgChart.Point>> series = new LinkedHashMap<>();
        for (Measurement m : sized) {
            Map<String, String> rest = new TreeMap<>(m.params());
            rest.remove(m.sizeParam().get());
            rest.keySet().removeAll(shared.keySet());
            series.computeIfAbsent(rest.isEmpty() ? name : MarkdownReport.params(rest), k -> new ArrayList<>())
                    .add(new SvgChart.Point(m.size().get(), m.stats().median(), m.stats().min(), m.stats().max()));
        }
        List<SvgChart.Series> lines = new ArrayList<>();
        series.forEach((label, points) -> lines.add(new SvgChart.Series(label, points.stream()
                .sorted(Comparator.comparingDouble(SvgChart.Point::x)).toList())));
        return SvgChart.lineChart(name, sized.get(0).sizeParam().get(), sized.get(0).unit(), lines);
    }

    /**
     * Bars of the rows that differ only in {@code key}'s value, one bar per value, grouped by the rest of the
     * configuration; "" unless the group has at least two values of {@code key} measured in the same configuration.
     */
    private static String comparison(String title, String key, List<Measurement> group) {
        List<String> values = new ArrayList<>(new LinkedHashSet<>(group.stream()
                .filter(m -> m.params().containsKey(key)).map(m -> m.params().get(key)).toList()));
        if (values.size() < 2) {
            return "";
        }
        Map<String, Map<String, Double>> byConfiguration = new LinkedHashMap<>();
        for (Measurement m : group) {
            if (m.params().containsKey(key)) {
                Map<String, String> rest = new TreeMap<>(m.params());
                rest.remove(key);
                byConfiguration.computeIfAbsent(MarkdownReport.params(rest), k -> new LinkedHashMap<>())
                        .put(m.params().get(key), m.stats().median());
            }
        }
        byConfiguration.values().removeIf(v -> v.size() < 2);
        if (byConfiguration.isEmpty()) {
            return "";
        }
        List<String> categories = new ArrayList<>(byConfiguration.keySet());
        double[][] bars = new double[values.size()][categories.size()];
        for (int s = 0; s < values.size(); s++) {
            for (int c = 0; c < categories.size(); c++) {
                bars[s][c] = byConfiguration.get(categories.get(c)).getOrDefault(values.get(s), Double.NaN);
            }
        }
        return SvgChart.barChart(title, group.get(0).unit(), categories, values, bars);
    }

    private static String table(List<Measurement> rows) {
        StringBuilder t = new StringBuilder("<table>\n<tr><th>suite</th><th>benchmark</th><th>params</th><th>unit</th>"
                + "<th>runs</th><th>min</th><th>median</th><th>max</th><th>cold start</th><th>one-off costs</th>"
                + "<th>verified</th><th>details</th></tr>\n");
        for (Measurement m : rows) {
            String verified = MarkdownReport.verified(m.verified());
            t.append("<tr><td>").append(escape(m.suite())).append("</td><td>").append(escape(m.name()))
                    .append("</td><td>").append(escape(m.paramsText())).append("</td><td>").append(escape(m.unit()))
                    .append("</td><td class=\"n\">").append(m.stats().count()).append("</td>").append(number(m.stats().min()))
                    .append(number(m.stats().median())).append(number(m.stats().max()))
                    .append(m.coldStart() == null ? "<td></td>" : number(m.coldStart()))
                    .append("<td>").append(escape(MarkdownReport.figures(m.oneOffCosts()))).append("</td>")
                    .append("NO".equals(verified) ? "<td class=\"bad\">" : "<td>").append(verified).append("</td>")
                    .append("<td>").append(escape(MarkdownReport.figures(m.details()))).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String number(double v) {
        return "<td class=\"n\">" + MarkdownReport.formatNumber(v) + "</td>";
    }

    /** Text for HTML content and attribute values. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
