package dev.vampvm.ir.syntax;

import dev.vampvm.ir.syntax.Expr.BinOp;
import dev.vampvm.ir.syntax.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for VampIR with the VM extensions. Precedence, loosest first (see language.md):
 * tuples {@code a, b} (right-nested), equality {@code a = b} (not chained), list construction {@code h : t}
 * (right-associative), {@code + -}, {@code * / \ % |} (left-associative), {@code ^} (right-associative), negation
 * {@code (-e)}, application by juxtaposition; atoms are names, integers, {@code ()}, {@code []}, parenthesised
 * expressions, brace blocks and {@code fun p ... { body }} (both delimited, so they may stand as arguments).
 */
public final class Parser {
    /**
     * The deepest nesting the parser accepts (parentheses, blocks, right-associative chains such as {@code a : b : c}
     * or {@code a ^ b ^ c}, negations): deeper input is refused with a diagnostic rather than exhausting the stack of
     * this recursive-descent parser (and of the type checker and evaluator after it, which recurse as deeply).
     */
    public static final int MAX_NESTING = 100_000;

    private final List<Token> tokens;
    private int pos;
    private int depth;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses a whole file. @throws CompileException (kind SYNTAX) at the first error */
    public static Program parse(SourceFile file) {
        Parser p = new Parser(Lexer.tokenize(file));
        List<Item> items = new ArrayList<>();
        while (p.peek().kind() != Kind.EOF) {
            items.add(p.topItem());
        }
        return new Program(file, items);
    }

    /** Parses a single expression (for tests and the REPL-like uses of the printer). */
    public static Expr parseExpression(SourceFile file) {
        Parser p = new Parser(Lexer.tokenize(file));
        Expr e = p.expr();
        if (p.peek().kind() != Kind.EOF) {
            throw p.error(p.peek(), "expected end of input after the expression, found " + p.peek().describe());
        }
        return e;
    }

    private Item topItem() {
        Token t = peek();
        if (t.kind() == Kind.PUB) {
            pos++;
            List<Item.Name> names = new ArrayList<>();
            do {
                Token n = expect(Kind.IDENT, "expected an input name after 'pub'");
                names.add(new Item.Name(n.span(), n.text()));
            } while (accept(Kind.COMMA));
            Token semi = expect(Kind.SEMI, "expected ';' after pub declaration");
            return new Item.PubDecl(t.span().to(semi.span()), names);
        }
        if (t.kind() == Kind.DEF) {
            Item d = definition();
            expect(Kind.SEMI, "expected ';' after definition");
            return d;
        }
        Expr e = expr();
        expect(Kind.SEMI, "expected ';' after expression");
        return new Item.ExprItem(e);
    }

    /** After seeing {@code def}: a function definition or a value definition. */
    private Item definition() {
        Token def = next();
        Token t = peek();
        if (t.kind() == Kind.IDENT && startsPatternAtom(peek(1).kind())) {
            pos++;
            List<Pattern> params = new ArrayList<>();
            while (startsPatternAtom(peek().kind())) {
                params.add(patternAtom());
            }
            expect(Kind.EQUALS, "expected '=' after the parameters of '" + t.text() + "'");
            Expr body = expr();
            return new Item.FunctionDef(def.span().to(body.span()), t.text(), t.span(), params, body);
        }
        Pattern p = pattern();
        expect(Kind.EQUALS, "expected '=' after the pattern of a definition");
        Expr value = expr();
        return new Item.ValueDef(def.span().to(value.span()), p, value);
    }

    // ----------------------------------------------------------------------------------------------
    // Expressions, loosest first.

    private Expr expr() {
        return nested(this::tuple);
    }

    /** Runs one level of recursion, refusing input nested deeper than {@link #MAX_NESTING}. */
    private <T> T nested(java.util.function.Supplier<T> inner) {
        if (++depth > MAX_NESTING) {
            throw error(peek(), "the program nests deeper than " + MAX_NESTING + " levels here");
        }
        T t = inner.get();
        depth--;
        return t;
    }

    private Expr tuple() {
        Expr first = equality();
        if (accept(Kind.COMMA)) {
            Expr rest = nested(this::tuple);
            return new Expr.Tuple(first.span().to(rest.span()), first, rest);
        }
        return first;
    }

    private Expr equality() {
        Expr left = cons();
        if (accept(Kind.EQUALS)) {
            Expr right = cons();
            if (peek().kind() == Kind.EQUALS) {
                throw error(peek(), "'=' cannot be chained: write 'a = b; b = c;' as separate constraints");
            }
            return new Expr.Equal(left.span().to(right.span()), left, right);
        }
        return left;
    }

    private Expr cons() {
        Expr head = additive();
        if (accept(Kind.COLON)) {
            Expr tail = nested(this::cons);
            return new Expr.Cons(head.span().to(tail.span()), head, tail);
        }
        return head;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (true) {
            BinOp op = switch (peek().kind()) {
                case PLUS -> BinOp.ADD;
                case MINUS -> BinOp.SUB;
                default -> null;
            };
            if (op == null) {
                return left;
            }
            pos++;
            Expr right = multiplicative();
            left = new Expr.Binary(left.span().to(right.span()), op, left, right);
        }
    }

    private Expr multiplicative() {
        Expr left = power();
        while (true) {
            BinOp op = switch (peek().kind()) {
                case STAR -> BinOp.MUL;
                case SLASH -> BinOp.DIV;
                case BACKSLASH -> BinOp.INT_DIV;
                case PERCENT -> BinOp.MOD;
                case BAR -> BinOp.DIV_OR_ZERO;
                default -> null;
            };
            if (op == null) {
                return left;
            }
            pos++;
            Expr right = power();
            left = new Expr.Binary(left.span().to(right.span()), op, left, right);
        }
    }

    private Expr power() {
        Expr base = unary();
        if (accept(Kind.CARET)) {
            Expr exponent = nested(this::power);
            return new Expr.Binary(base.span().to(exponent.span()), BinOp.POW, base, exponent);
        }
        return base;
    }

    private Expr unary() {
        Token t = peek();
        if (t.kind() == Kind.MINUS) {
            pos++;
            Expr inner = nested(this::unary);
            return new Expr.Negate(t.span().to(inner.span()), inner);
        }
        return application();
    }

    private Expr application() {
        Expr fn = atom();
        while (startsAtom(peek().kind())) {
            Expr arg = atom();
            fn = new Expr.Apply(fn.span().to(arg.span()), fn, arg);
        }
        return fn;
    }

    private Expr atom() {
        Token t = next();
        return switch (t.kind()) {
            case IDENT -> new Expr.Var(t.span(), t.text());
            case INT -> new Expr.IntLit(t.span(), t.value(), t.text());
            case LPAREN -> {
                if (peek().kind() == Kind.RPAREN) {
                    Token close = next();
                    yield new Expr.UnitLit(t.span().to(close.span()));
                }
                Expr inner = expr();
                Token close = expect(Kind.RPAREN, "expected ')' to close the '(' at " + t.span().line() + ":"
                        + t.span().column());
                yield widen(inner, t.span().to(close.span()));
            }
            case LBRACKET -> {
                Token close = expect(Kind.RBRACKET, "expected ']' after '[': the only list literal is '[]' (build lists with ':')");
                yield new Expr.NilLit(t.span().to(close.span()));
            }
            case LBRACE -> block(t);
            case FUN -> lambda(t);
            default -> throw error(t, "expected an expression, found " + t.describe());
        };
    }

    private Expr lambda(Token fun) {
        List<Pattern> params = new ArrayList<>();
        while (startsPatternAtom(peek().kind())) {
            params.add(patternAtom());
        }
        if (params.isEmpty()) {
            throw error(peek(), "expected a parameter after 'fun', found " + peek().describe());
        }
        Token open = expect(Kind.LBRACE, "expected '{' to start the body of 'fun'");
        Expr body = block(open);
        return new Expr.Lambda(fun.span().to(body.span()), params, body);
    }

    /** After the opening brace. */
    private Expr block(Token open) {
        List<Item> items = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.RBRACE) {
                pos++;
                return new Expr.Block(open.span().to(t.span()), items);
            }
            if (t.kind() == Kind.EOF) {
                throw error(open, "block is not closed: '{' without a matching '}'");
            }
            if (t.kind() == Kind.PUB) {
                throw error(t, "'pub' declarations are only allowed at the top level");
            }
            if (t.kind() == Kind.DEF) {
                items.add(definition());
                expect(Kind.SEMI, "expected ';' after definition");
                continue;
            }
            Expr e = expr();
            items.add(new Item.ExprItem(e));
            if (!accept(Kind.SEMI) && peek().kind() != Kind.RBRACE) {
                throw error(peek(), "expected ';' or '}' after expression in block, found " + peek().describe());
            }
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Patterns: 'as' loosest, then tuples, then ':'.

    private Pattern pattern() {
        Pattern p = patternTuple();
        while (accept(Kind.AS)) {
            Token n = expect(Kind.IDENT, "expected a name after 'as'");
            p = new Pattern.PAs(p.span().to(n.span()), p, n.text());
        }
        return p;
    }

    private Pattern patternTuple() {
        Pattern first = patternCons();
        if (accept(Kind.COMMA)) {
            Pattern rest = nested(this::patternTuple);
            return new Pattern.PTuple(first.span().to(rest.span()), first, rest);
        }
        return first;
    }

    private Pattern patternCons() {
        Pattern head = patternAtom();
        if (accept(Kind.COLON)) {
            Pattern tail = nested(this::patternCons);
            return new Pattern.PCons(head.span().to(tail.span()), head, tail);
        }
        return head;
    }

    private Pattern patternAtom() {
        Token t = next();
        return switch (t.kind()) {
            case IDENT -> new Pattern.PVar(t.span(), t.text());
            case INT -> new Pattern.PConst(t.span(), t.value(), t.text());
            case LPAREN -> {
                if (peek().kind() == Kind.RPAREN) {
                    Token close = next();
                    yield new Pattern.PUnit(t.span().to(close.span()));
                }
                Pattern inner = nested(this::pattern);
                Token close = expect(Kind.RPAREN, "expected ')' to close the '(' at " + t.span().line() + ":"
                        + t.span().column());
                yield widen(inner, t.span().to(close.span()));
            }
            case LBRACKET -> {
                Token close = expect(Kind.RBRACKET, "expected ']' after '[' in a pattern");
                yield new Pattern.PNil(t.span().to(close.span()));
            }
            default -> throw error(t, "expected a pattern, found " + t.describe());
        };
    }

    /** A parenthesised node: the same node with the parentheses in its span, so that messages quote them. */
    private static Expr widen(Expr e, Span s) {
        return switch (e) {
            case Expr.IntLit x -> new Expr.IntLit(s, x.value(), x.text());
            case Expr.UnitLit x -> new Expr.UnitLit(s);
            case Expr.NilLit x -> new Expr.NilLit(s);
            case Expr.Var x -> new Expr.Var(s, x.name());
            case Expr.Binary x -> new Expr.Binary(s, x.op(), x.left(), x.right());
            case Expr.Equal x -> new Expr.Equal(s, x.left(), x.right());
            case Expr.Cons x -> new Expr.Cons(s, x.head(), x.tail());
            case Expr.Tuple x -> new Expr.Tuple(s, x.first(), x.second());
            case Expr.Negate x -> new Expr.Negate(s, x.inner());
            case Expr.Apply x -> new Expr.Apply(s, x.fn(), x.arg());
            case Expr.Lambda x -> new Expr.Lambda(s, x.params(), x.body());
            case Expr.Block x -> new Expr.Block(s, x.items());
        };
    }

    private static Pattern widen(Pattern p, Span s) {
        return switch (p) {
            case Pattern.PVar x -> new Pattern.PVar(s, x.name());
            case Pattern.PConst x -> new Pattern.PConst(s, x.value(), x.text());
            case Pattern.PUnit x -> new Pattern.PUnit(s);
            case Pattern.PNil x -> new Pattern.PNil(s);
            case Pattern.PTuple x -> new Pattern.PTuple(s, x.first(), x.second());
            case Pattern.PCons x -> new Pattern.PCons(s, x.head(), x.tail());
            case Pattern.PAs x -> new Pattern.PAs(s, x.inner(), x.name());
        };
    }

    // ----------------------------------------------------------------------------------------------

    private static boolean startsAtom(Kind k) {
        return switch (k) {
            case IDENT, INT, LPAREN, LBRACKET, LBRACE, FUN -> true;
            default -> false;
        };
    }

    private static boolean startsPatternAtom(Kind k) {
        return switch (k) {
            case IDENT, INT, LPAREN, LBRACKET -> true;
            default -> false;
        };
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.EOF) {
            pos++;
        }
        return t;
    }

    private boolean accept(Kind k) {
        if (peek().kind() == k) {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * Consumes a token of the kind or fails. A missing ';' or ')' is reported just after the previous token (where
     * it belongs), not at the next token, which may be lines away.
     */
    private Token expect(Kind k, String message) {
        Token t = peek();
        if (t.kind() == k) {
            pos++;
            return t;
        }
        if ((k == Kind.SEMI || k == Kind.RPAREN || k == Kind.RBRACKET) && pos > 0) {
            Span prev = tokens.get(pos - 1).span();
            throw CompileException.at(CompileException.Kind.SYNTAX, new Span(prev.file(), prev.end(), prev.end()),
                    message + ", found " + t.describe());
        }
        throw error(t, message + ", found " + t.describe());
    }

    private CompileException error(Token at, String message) {
        return CompileException.at(CompileException.Kind.SYNTAX, at.span(), message);
    }
}
