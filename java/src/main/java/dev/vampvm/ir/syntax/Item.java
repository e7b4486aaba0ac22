package dev.vampvm.ir.syntax;

import java.util.List;

/** One item of a module or a block, each ended by {@code ;}. */
public sealed interface Item {

    Span span();

    /** {@code def pattern = value}. */
    record ValueDef(Span span, Pattern pattern, Expr value) implements Item {
    }

    /** {@code def name p1 ... pn = body} (n ≥ 1): a curried function. */
    record FunctionDef(Span span, String name, Span nameSpan, List<Pattern> params, Expr body) implements Item {
        public FunctionDef {
            params = List.copyOf(params);
        }
    }

    /** A bare expression, usually a constraint. */
    record ExprItem(Expr expr) implements Item {
        @Override
        public Span span() {
            return expr.span();
        }
    }

    /** {@code pub x, y} (top level only): these inputs are public. */
    record PubDecl(Span span, List<Name> names) implements Item {
        public PubDecl {
            names = List.copyOf(names);
        }
    }

    /** A name with its own span. */
    record Name(Span span, String name) {
    }
}
