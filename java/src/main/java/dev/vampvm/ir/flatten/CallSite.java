package dev.vampvm.ir.flatten;

import dev.vampvm.ir.syntax.Span;

/** A call being evaluated: the function's name and the application's span; linked to the caller's call site. */
public record CallSite(String function, Span span, CallSite caller) {

    /** "in pyth, called at pythagoras.pir:3:1" (and up to two callers further out). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        CallSite c = this;
        int shown = 0;
        while (c != null && shown < 3) {
            int repeats = 1;
            while (c.caller != null && c.caller.function.equals(c.function) && c.caller.span.equals(c.span)) {
                c = c.caller;
                repeats++;
            }
            sb.append(shown == 0 ? "in " : ", in ").append(c.function).append(" called at ").append(c.span.position());
            if (repeats > 1) {
                sb.append(" (").append(repeats).append(" nested calls)");
            }
            c = c.caller;
            shown++;
        }
        if (c != null) {
            sb.append(", ...");
        }
        return sb.toString();
    }
}
