package dev.vampvm.plonk;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.Expression.Constant;
import dev.vampvm.plonk.Expression.Negated;
import dev.vampvm.plonk.Expression.Product;
import dev.vampvm.plonk.Expression.Query;
import dev.vampvm.plonk.Expression.Scaled;
import dev.vampvm.plonk.Expression.Sum;

/**
 * Renders expressions the way people write them: {@code a[0]·b[0] + sm[0]·c[0] - 3}, with parentheses only
 * where precedence needs them. Sums and products are associative, so nested ones print flat.
 */
final class ExpressionPrinter {
    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int ATOM = 3;

    private ExpressionPrinter() {
    }

    static String print(Expression e) {
        StringBuilder sb = new StringBuilder();
        print(e, sb);
        return sb.toString();
    }

    private static int precedence(Expression e) {
        return switch (e) {
            case Sum s -> SUM;
            case Product p -> PRODUCT;
            case Scaled s -> PRODUCT;
            // A leading minus binds like a product term: "-a·b" is unambiguous, but inside a product it needs parentheses.
            case Negated n -> SUM;
            case Constant c -> FpFormat.looksNegative(c.value()) ? SUM : ATOM;
            case Query q -> ATOM;
        };
    }

    private static void print(Expression e, StringBuilder sb) {
        switch (e) {
            case Constant c -> sb.append(FpFormat.format(c.value()));
            case Query q -> sb.append(q.column().name()).append('[').append(q.rotation()).append(']');
            case Sum s -> {
                print(s.left(), sb);
                Expression r = s.right();
                if (r instanceof Negated n) {
                    sb.append(" - ");
                    printAtLeast(n.inner(), PRODUCT, sb);
                } else if (r instanceof Scaled sc && FpFormat.looksNegative(sc.factor())) {
                    sb.append(" - ");
                    printScaled(sc.inner(), sc.factor().neg(), sb);
                } else if (r instanceof Constant c && FpFormat.looksNegative(c.value())) {
                    sb.append(" - ").append(FpFormat.format(c.value().neg()));
                } else {
                    sb.append(" + ");
                    print(r, sb);
                }
            }
            case Product p -> {
                printAtLeast(p.left(), PRODUCT, sb);
                sb.append('·');
                printAtLeast(p.right(), PRODUCT, sb);
            }
            case Negated n -> {
                sb.append('-');
                printAtLeast(n.inner(), PRODUCT, sb);
            }
            case Scaled s -> printScaled(s.inner(), s.factor(), sb);
        }
    }

    private static void printScaled(Expression inner, Fp factor, StringBuilder sb) {
        String f = FpFormat.format(factor);
        sb.append(f.startsWith("-") ? "(" + f + ")" : f).append('·');
        printAtLeast(inner, PRODUCT, sb);
    }

    private static void printAtLeast(Expression e, int level, StringBuilder sb) {
        if (precedence(e) < level) {
            sb.append('(');
            print(e, sb);
            sb.append(')');
        } else {
            print(e, sb);
        }
    }
}
