package dev.vampvm.bench;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Inline SVG charts for report.html: a line chart of time against size (log-scaled time, since proving time grows
 * by about 2x per k) and a grouped bar chart for side-by-side comparisons. Plain strings, no script, nothing
 * fetched: the report opens offline.
 */
final class SvgChart {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 360;
    private static final int LEFT = 70;
    private static final int RIGHT = 230; // room for the legend
    private static final int TOP = 34;
    private static final int BOTTOM = 46;

    /** One point: the median at x, with the min–max range drawn as a whisker. */
    record Point(double x, double median, double min, double max) {
    }

    /** A named line. */
    record Series(String name, List<Point> points) {
    }

    private SvgChart() {
    }

    /** Median against size, one line per series, log-scaled y, min–max whiskers. */
    static String lineChart(String title, String xLabel, String unit, List<Series> series) {
        TreeSet<Double> xs = new TreeSet<>();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Series s : series) {
            for (Point p : s.points()) {
                xs.add(p.x());
                lo = Math.min(lo, p.min());
                hi = Math.max(hi, p.max());
            }
        }
        double yMin = Math.pow(10, Math.floor(Math.log10(Math.max(lo, 1e-12))));
        double yMax = Math.pow(10, Math.ceil(Math.log10(Math.max(hi, yMin * 10))));
        double xMin = xs.first();
        double xMax = xs.last() > xMin ? xs.last() : xMin + 1;
        Frame f = new Frame(xMin, xMax, Math.log10(yMin), Math.log10(yMax));

        StringBuilder svg = open(title);
        for (double decade = yMin; decade <= yMax * 1.0001; decade *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                double v = decade * m;
                if (v > yMax * 1.0001 || (m > 1 && Math.log10(yMax / yMin) > 4)) {
                    continue;
                }
                double y = f.y(Math.log10(v));
                svg.append(line(LEFT, y, WIDTH - RIGHT, y, m == 1 ? "#ccc" : "#eee"))
                        .append(text(LEFT - 6, y + 4, "end", number(v)));
            }
        }
        for (double x : xs) {
            svg.append(line(f.x(x), HEIGHT - BOTTOM, f.x(x), HEIGHT - BOTTOM + 5, "#333"))
                    .append(text(f.x(x), HEIGHT - BOTTOM + 18, "middle", number(x)));
        }
        axes(svg, xLabel, unit + " (log scale)");
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = COLOURS[i % COLOURS.length];
            String dash = i >= COLOURS.length ? " stroke-dasharray=\"5,3\"" : "";
            StringBuilder path = new StringBuilder();
            for (Point p : s.points()) {
                path.append(path.isEmpty() ? "" : " ").append(fmt(f.x(p.x()))).append(',')
                        .append(fmt(f.y(Math.log10(p.median()))));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"").append(dash)
                    .append(" points=\"").append(path).append("\"/>\n");
            for (Point p : s.points()) {
                double x = f.x(p.x());
                svg.append(line(x, f.y(Math.log10(p.min())), x, f.y(Math.log10(p.max())), colour));
                svg.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(f.y(Math.log10(p.median()))))
                        .append("\" r=\"3.5\" fill=\"").append(colour).append("\"><title>")
                        .append(HtmlReport.escape(s.name() + " at " + xLabel + " = " + number(p.x()) + ": median "
                                + MarkdownReport.formatNumber(p.median()) + " " + unit + " (min "
                                + MarkdownReport.formatNumber(p.min()) + ", max " + MarkdownReport.formatNumber(p.max())
                                + ")"))
                        .append("</title></circle>\n");
            }
            legend(svg, i, colour, s.name());
        }
        return svg.append("</svg>\n").toString();
    }

    /**
     * Grouped bars: for each category (a configuration), one bar per series (e.g. cpu and gpu), with the ratio of
     * each later series to the first written above its bar.
     *
     * @param values values[series][category]; NaN where a series has no value for a category
     */
    static String barChart(String title, String unit, List<String> categories, List<String> seriesNames,
                           double[][] values) {
        double hi = 0;
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    hi = Math.max(hi, v);
                }
            }
        }
        double step = niceStep(hi / 5);
        double yMax = Math.ceil(hi / step) * step;
        Frame f = new Frame(0, categories.size(), 0, yMax > 0 ? yMax : 1);
        StringBuilder svg = open(title);
        for (double v = 0; v <= yMax * 1.0001; v += step) {
            svg.append(line(LEFT, f.y(v), WIDTH - RIGHT, f.y(v), v == 0 ? "#333" : "#eee"))
                    .append(text(LEFT - 6, f.y(v) + 4, "end", number(v)));
        }
        double slot = (f.x(1) - f.x(0));
        double barWidth = slot * 0.8 / seriesNames.size();
        for (int c = 0; c < categories.size(); c++) {
            double x0 = f.x(c) + slot * 0.1;
            svg.append(text(f.x(c) + slot / 2, HEIGHT - BOTTOM + 16, "middle", categories.get(c)));
            for (int s = 0; s < seriesNames.size(); s++) {
                double v = values[s][c];
                if (Double.isNaN(v)) {
                    continue;
                }
                double x = x0 + s * barWidth;
                svg.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(f.y(v))).append("\" width=\"")
                        .append(fmt(barWidth * 0.9)).append("\" height=\"").append(fmt(f.y(0) - f.y(v)))
                        .append("\" fill=\"").append(COLOURS[s % COLOURS.length]).append("\"><title>")
                        .append(HtmlReport.escape(seriesNames.get(s) + ", " + categories.get(c) + ": "
                                + MarkdownReport.formatNumber(v) + " " + unit))
                        .append("</title></rect>\n");
                double first = values[0][c];
                if (s > 0 && !Double.isNaN(first) && first > 0) {
                    svg.append(text(x + barWidth * 0.45, f.y(v) - 4, "middle",
                            String.format(Locale.ROOT, "%.2fx", v / first)));
                }
            }
        }
        axes(svg, "", unit);
        for (int s = 0; s < seriesNames.size(); s++) {
            legend(svg, s, COLOURS[s % COLOURS.length], seriesNames.get(s));
        }
        return svg.append("</svg>\n").toString();
    }

    /** Maps data coordinates to the plot area. */
    private record Frame(double xMin, double xMax, double yMin, double yMax) {
        double x(double v) {
            return LEFT + 20 + (v - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT - 40);
        }

        double y(double v) {
            return HEIGHT - BOTTOM - (v - yMin) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
        }
    }

    private static StringBuilder open(String title) {
        return new StringBuilder().append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(HtmlReport.escape(title)).append("\">\n")
                .append(text(LEFT, 20, "start", title).replace("<text ", "<text font-weight=\"bold\" "));
    }

    private static void axes(StringBuilder svg, String xLabel, String yLabel) {
        svg.append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#333"))
                .append(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#333"))
                .append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 8, "middle", xLabel))
                .append("<text x=\"14\" y=\"").append(fmt((TOP + HEIGHT - BOTTOM) / 2.0))
                .append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
                .append(fmt((TOP + HEIGHT - BOTTOM) / 2.0)).append(")\">").append(HtmlReport.escape(yLabel))
                .append("</text>\n");
    }

    private static void legend(StringBuilder svg, int i, String colour, String name) {
        double y = TOP + 8 + i * 18;
        double x = WIDTH - RIGHT + 14;
        svg.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y - 9)).append("\" width=\"12\" height=\"10\" fill=\"")
                .append(colour).append("\"/>\n")
                .append(text(x + 18, y, "start", name.length() > 30 ? name.substring(0, 29) + "…" : name));
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2)
                + "\" stroke=\"" + colour + "\"/>\n";
    }

    private static String text(double x, double y, String anchor, String s) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">"
                + HtmlReport.escape(s) + "</text>\n";
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        if (!(rough > 0)) {
            return 1;
        }
        double decade = Math.pow(10, Math.floor(Math.log10(rough)));
        for (int m : new int[] {1, 2, 5, 10}) {
            if (m * decade >= rough) {
                return m * decade;
            }
        }
        return 10 * decade;
    }

    /** An axis label: whole numbers without decimals. */
    private static String number(double x) {
        return Math.abs(x - Math.rint(x)) < 1e-9 * Math.max(1, Math.abs(x)) ? Long.toString(Math.round(x))
                : MarkdownReport.formatNumber(x);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
