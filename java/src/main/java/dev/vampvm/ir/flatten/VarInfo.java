package dev.vampvm.ir.flatten;

/**
 * A circuit variable: an input component ({@code name} is its dotted name), a witness made by {@code fresh} or by a
 * built-in, or a temporary holding an operation's result.
 */
public record VarInfo(int id, Kind kind, String name, Origin origin) {

    public enum Kind {
        INPUT, FRESH, TEMP
    }
}
