package dev.vampvm.ir.syntax;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits VampIR source into tokens. Whitespace separates tokens; comments are {@code //} to the end of the line and
 * {@code /* ... *}{@code /} (not nested). Integers are decimal, {@code 0x} hex, {@code 0o} octal or {@code 0b} binary,
 * of any size (the evaluator reduces them into the field).
 */
public final class Lexer {
    /** The most significant digits a number literal may have. */
    public static final int MAX_LITERAL_DIGITS = 1_000;

    private final SourceFile file;
    private final String s;
    private int pos;

    private Lexer(SourceFile file) {
        this.file = file;
        this.s = file.text();
    }

    public static List<Token> tokenize(SourceFile file) {
        return new Lexer(file).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipTrivia();
            if (pos >= s.length()) {
                out.add(new Token(Token.Kind.EOF, new Span(file, s.length(), s.length()), "", null));
                return out;
            }
            out.add(next());
        }
    }

    private void skipTrivia() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (s.startsWith("//", pos)) {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (s.startsWith("/*", pos)) {
                int end = s.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error(pos, pos + 2, "comment is not closed: '/*' without a matching '*/'");
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private Token next() {
        int start = pos;
        char c = s.charAt(pos);
        if (isIdentStart(c)) {
            while (pos < s.length() && isIdentPart(s.charAt(pos))) {
                pos++;
            }
            String word = s.substring(start, pos);
            Token.Kind kind = switch (word) {
                case "def" -> Token.Kind.DEF;
                case "fun" -> Token.Kind.FUN;
                case "pub" -> Token.Kind.PUB;
                case "as" -> Token.Kind.AS;
                default -> Token.Kind.IDENT;
            };
            return new Token(kind, span(start), word, null);
        }
        if (c >= '0' && c <= '9') {
            return number(start);
        }
        pos++;
        Token.Kind kind = switch (c) {
            case '(' -> Token.Kind.LPAREN;
            case ')' -> Token.Kind.RPAREN;
            case '{' -> Token.Kind.LBRACE;
            case '}' -> Token.Kind.RBRACE;
            case '[' -> Token.Kind.LBRACKET;
            case ']' -> Token.Kind.RBRACKET;
            case ',' -> Token.Kind.COMMA;
            case ';' -> Token.Kind.SEMI;
            case '=' -> Token.Kind.EQUALS;
            case ':' -> Token.Kind.COLON;
            case '+' -> Token.Kind.PLUS;
            case '-' -> Token.Kind.MINUS;
            case '*' -> Token.Kind.STAR;
            case '/' -> Token.Kind.SLASH;
            case '\\' -> Token.Kind.BACKSLASH;
            case '%' -> Token.Kind.PERCENT;
            case '|' -> Token.Kind.BAR;
            case '^' -> Token.Kind.CARET;
            default -> throw error(start, start + 1, "unexpected character '" + printable(c) + "'");
        };
        return new Token(kind, span(start), String.valueOf(c), null);
    }

    private Token number(int start) {
        int radix = 10;
        int digits = start;
        if (s.charAt(start) == '0' && start + 1 < s.length()) {
            char p = s.charAt(start + 1);
            radix = switch (p) {
                case 'x', 'X' -> 16;
                case 'o', 'O' -> 8;
                case 'b', 'B' -> 2;
                default -> 10;
            };
            if (radix != 10) {
                digits = start + 2;
            }
        }
        pos = digits;
        while (pos < s.length() && (isIdentPart(s.charAt(pos)))) {
            pos++;
        }
        String body = s.substring(digits, pos);
        String text = s.substring(start, pos);
        if (body.isEmpty()) {
            throw error(start, pos, "malformed number '" + text + "': no digits after the prefix");
        }
        for (int i = 0; i < body.length(); i++) {
            if (Character.digit(body.charAt(i), radix) < 0) {
                throw error(start, pos, "malformed number '" + text + "': '" + body.charAt(i) + "' is not a "
                        + switch (radix) {
                            case 16 -> "hexadecimal";
                            case 8 -> "octal";
                            case 2 -> "binary";
                            default -> "decimal";
                        } + " digit");
            }
        }
        // BigInteger's parsing takes time quadratic in the digits (a million digits took over 20 s); no literal
        // needs more than a field element's 255 bits, so a generous bound costs nothing.
        if (body.replaceFirst("^0+", "").length() > MAX_LITERAL_DIGITS) {
            throw error(start, pos, "number literal of " + body.length() + " digits: vampvm reads at most "
                    + MAX_LITERAL_DIGITS + " (a field element has 77 decimal digits)");
        }
        return new Token(Token.Kind.INT, span(start), text, new BigInteger(body, radix));
    }

    private Span span(int start) {
        return new Span(file, start, pos);
    }

    private CompileException error(int start, int end, String message) {
        return CompileException.at(CompileException.Kind.SYNTAX, new Span(file, start, end), message);
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }

    private static String printable(char c) {
        return c < 32 || c > 126 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
