package dev.vampvm.ir.syntax;

import java.math.BigInteger;

/** A token: its kind, its span, the identifier text or the integer value. */
public record Token(Kind kind, Span span, String text, BigInteger value) {

    /** Token kinds; symbols carry their spelling for messages. */
    public enum Kind {
        IDENT("identifier"), INT("integer"),
        DEF("'def'"), FUN("'fun'"), PUB("'pub'"), AS("'as'"),
        LPAREN("'('"), RPAREN("')'"), LBRACE("'{'"), RBRACE("'}'"), LBRACKET("'['"), RBRACKET("']'"),
        COMMA("','"), SEMI("';'"), EQUALS("'='"), COLON("':'"),
        PLUS("'+'"), MINUS("'-'"), STAR("'*'"), SLASH("'/'"), BACKSLASH("'\\'"), PERCENT("'%'"), BAR("'|'"),
        CARET("'^'"),
        EOF("end of file");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** How the token reads in a message: {@code ';'}, {@code identifier 'x'}, {@code integer 15}. */
    public String describe() {
        return switch (kind) {
            case IDENT -> "identifier '" + text + "'";
            case INT -> "integer " + text;
            default -> kind.description();
        };
    }
}
