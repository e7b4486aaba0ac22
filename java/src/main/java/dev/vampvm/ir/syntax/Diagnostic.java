package dev.vampvm.ir.syntax;

import java.util.List;

/**
 * A message about the program that a user can act on: where (a span, or none for whole-program problems), what, and
 * optional notes (for example the call site a constraint was reached from).
 */
public record Diagnostic(Span span, String message, List<String> notes, boolean prefixPosition) {

    public Diagnostic {
        notes = List.copyOf(notes);
    }

    public static Diagnostic at(Span span, String message) {
        return new Diagnostic(span, message, List.of(), true);
    }

    /** A message that names the position itself ("constraint at file.pir:3:1 ..."): not prefixed with it again. */
    public static Diagnostic quoting(Span span, String message) {
        return new Diagnostic(span, message, List.of(), false);
    }

    public static Diagnostic of(String message) {
        return new Diagnostic(null, message, List.of(), false);
    }

    public Diagnostic withNote(String note) {
        List<String> n = new java.util.ArrayList<>(notes);
        n.add(note);
        return new Diagnostic(span, message, n, prefixPosition);
    }

    /**
     * {@code file.pir:3:14: message}, then the source line and a caret under the span (a run of {@code ^} as long as
     * the span on that line), then the notes.
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        if (span != null && prefixPosition) {
            sb.append(span.position()).append(": ");
        }
        sb.append(message);
        if (span != null) {
            int line = span.line();
            String text = span.file().lineText(line);
            int col = span.column();
            int endOnLine = span.file().line(Math.max(span.start(), span.end() - 1)) == line
                    ? span.file().column(Math.max(span.start(), span.end() - 1)) : text.length();
            int width = Math.max(1, Math.min(endOnLine, text.length()) - col + 1);
            sb.append('\n').append("  ").append(text.replace('\t', ' '));
            sb.append('\n').append("  ").append(" ".repeat(Math.max(0, col - 1))).append("^".repeat(width));
        }
        for (String note : notes) {
            sb.append("\n  note: ").append(note);
        }
        return sb.toString();
    }
}
