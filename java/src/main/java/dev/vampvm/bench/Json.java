package dev.vampvm.bench;

/** The little JSON the reports need (flat objects of strings and numbers), without a library. */
final class Json {
    private Json() {
    }

    /** A JSON string literal for s (RFC 8259 escaping). */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Builds one pretty-printed object, a field per line. */
    static final class ObjectWriter {
        private final StringBuilder b = new StringBuilder("{");
        private boolean first = true;

        private ObjectWriter key(String name) {
            b.append(first ? "\n  " : ",\n  ").append(quote(name)).append(": ");
            first = false;
            return this;
        }

        ObjectWriter field(String name, String value) {
            key(name).b.append(quote(value));
            return this;
        }

        ObjectWriter field(String name, long value) {
            key(name).b.append(value);
            return this;
        }

        ObjectWriter field(String name, double value) {
            // JSON has no NaN or infinity.
            key(name).b.append(Double.isFinite(value) ? Double.toString(value) : "null");
            return this;
        }

        ObjectWriter field(String name, boolean value) {
            key(name).b.append(value);
            return this;
        }

        @Override
        public String toString() {
            return b + (first ? "}" : "\n}") + "\n";
        }
    }
}
