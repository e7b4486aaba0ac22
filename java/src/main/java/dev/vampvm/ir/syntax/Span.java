package dev.vampvm.ir.syntax;

import java.util.Objects;

/**
 * Where a piece of syntax sits in its source: offsets {@code [start, end)} into the file. Every AST node and every
 * constraint carries one, so that messages can say {@code file.pir:3:14} and quote the expression.
 */
public record Span(SourceFile file, int start, int end) {

    public Span {
        Objects.requireNonNull(file, "file");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** The smallest span covering both. */
    public Span to(Span other) {
        return new Span(file, Math.min(start, other.start), Math.max(end, other.end));
    }

    public int line() {
        return file.line(start);
    }

    public int column() {
        return file.column(start);
    }

    /** {@code file.pir:3:14}. */
    public String position() {
        return file.name() + ":" + line() + ":" + column();
    }

    /** The source text covered, whitespace runs folded to one space and cut at 80 characters. */
    public String text() {
        // Fold only a bounded prefix: every node of an expression asks for its text, so folding whole spans would
        // cost the square of the expression's length (a 50,000-term chain took minutes).
        int stop = Math.min(end, file.text().length());
        int limit = Math.min(stop, start + 1024);
        String folded = file.text().substring(start, limit).replaceAll("\\s+", " ").trim();
        return folded.length() <= 80 && limit == stop ? folded
                : folded.substring(0, Math.min(77, folded.length())) + "...";
    }

    @Override
    public String toString() {
        return position();
    }
}
