package dev.vampvm.plonk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.Expression.Query;
import dev.vampvm.testing.Seeds;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpressionTest {
    private final ConstraintSystem.Builder cs = ConstraintSystem.builder();
    private final AdviceColumn a = cs.adviceColumn("a");
    private final AdviceColumn b = cs.adviceColumn("b");
    private final AdviceColumn c = cs.adviceColumn("c");
    private final FixedColumn sm = cs.fixedColumn("sm");
    private final InstanceColumn pub = cs.instanceColumn("pub");

    @Test
    void degreeCountsQueriesAndAddsAcrossProducts() {
        assertEquals(0, Expression.constant(7).degree());
        assertEquals(1, a.cur().degree());
        assertEquals(1, a.cur().add(3).scale(5).neg().degree());
        assertEquals(2, a.cur().mul(b.cur()).degree());
        assertEquals(3, a.cur().mul(b.cur()).mul(sm.cur()).add(c.cur()).degree());
        assertEquals(5, a.cur().add(sm.cur()).pow(5).degree());
        assertEquals(1, Expression.constant(2).mul(a.cur()).degree());
        assertEquals(4, a.cur().square().square().degree());
    }

    @Test
    void evaluateIsAFoldThatEachDomainPlugsInto() {
        // a·b·sm + c − 3·pub[−1] with a = 3, b = 4, sm = 5, c = 6, pub[−1] = 7: 60 + 6 − 21 = 45
        Expression e = a.cur().mul(b.cur()).mul(sm.cur()).add(c.cur()).sub(pub.prev().scale(3));
        Map<Query, Fp> values = Map.of(a.cur(), Fp.of(3), b.cur(), Fp.of(4), sm.cur(), Fp.of(5), c.cur(), Fp.of(6),
                pub.prev(), Fp.of(7));
        assertEquals(Fp.of(45), e.evaluate(values::get));
        // The same fold computes the degree in the integers...
        int degree = e.<Integer>evaluate(k -> 0, q -> 1, Math::max, Integer::sum, x -> x, (x, f) -> x);
        assertEquals(e.degree(), degree);
        // ...and a rendering in yet another domain.
        String rpn = e.<String>evaluate(FpFormat::format, Query::toString, (x, y) -> x + " " + y + " +",
                (x, y) -> x + " " + y + " *", x -> x + " neg", (x, f) -> x + " " + FpFormat.format(f) + " *");
        assertEquals("a[0] b[0] * sm[0] * c[0] + pub[-1] 3 * neg +", rpn);
    }

    @Test
    void evaluateAgreesWithDirectArithmeticOnRandomValues() {
        SplittableRandom rng = Seeds.rng("ExpressionTest.evaluateAgreesWithDirectArithmeticOnRandomValues");
        for (int i = 0; i < 20; i++) {
            Fp va = Fp.random(rng);
            Fp vb = Fp.random(rng);
            Fp k = Fp.random(rng);
            Expression e = a.cur().add(b.next()).mul(a.cur().sub(Expression.constant(k))).scale(k).neg();
            Fp got = e.evaluate(q -> q.column() == a ? va : vb);
            Fp want = va.add(vb).mul(va.sub(k)).mul(k).neg();
            assertEquals(want, got);
        }
    }

    @Test
    void toStringReadsLikeTheFormula() {
        assertEquals("a[0]·b[0] + sm[0]·c[0] - 3", a.cur().mul(b.cur()).add(sm.cur().mul(c.cur())).sub(3).toString());
        assertEquals("(a[0] + b[1])·c[-1]", a.cur().add(b.next()).mul(c.prev()).toString());
        assertEquals("-(a[0] + b[0])", a.cur().add(b.cur()).neg().toString());
        assertEquals("a[0] - b[0]·c[0]", a.cur().sub(b.cur().mul(c.cur())).toString());
        assertEquals("a[0] - (b[0] + c[0])", a.cur().sub(b.cur().add(c.cur())).toString());
        assertEquals("a[0] + 256·b[0]", a.cur().add(b.cur().scale(256)).toString());
        assertEquals("a[0] - 2·b[0]", a.cur().add(b.cur().scale(-2)).toString());
        assertEquals("(a[0] + 1)·(a[0] + 1)", a.cur().add(1).square().toString());
        assertEquals("5", Expression.constant(5).toString());
        assertEquals("-1", Expression.constant(-1).toString());
        assertEquals("a[5]", a.query(5).toString());
        assertTrue(Expression.constant(Fp.of(1).add(Fp.of(Long.MAX_VALUE).square())).toString().startsWith("0x"));
    }

    @Test
    void equalityIsStructural() {
        Expression x = a.cur().mul(b.next()).add(Expression.constant(3));
        Expression y = a.query(0).mul(b.query(1)).add(Expression.constant(Fp.of(3)));
        assertEquals(x, y);
        assertEquals(x.hashCode(), y.hashCode());
        assertNotEquals(x, a.cur().mul(b.cur()).add(Expression.constant(3)));
        assertNotEquals(a.cur().add(b.cur()), b.cur().add(a.cur()), "structural, not algebraic");
        // Same index, different system: different columns.
        AdviceColumn other = ConstraintSystem.builder().adviceColumn("a");
        assertEquals(a.index(), other.index());
        assertNotEquals(a.cur(), other.cur());
    }

    @Test
    void queriesAreDistinctInOrderOfAppearance() {
        Expression e = b.next().mul(a.cur()).add(b.next()).add(a.prev()).add(sm.cur().mul(a.cur()));
        assertEquals(List.of(b.next(), a.cur(), a.prev(), sm.cur()), e.queries());
    }

    @Test
    void sumAndProductOfLists() {
        assertEquals(Expression.constant(0), Expression.sum(List.of()));
        assertEquals(Expression.constant(1), Expression.product(List.of()));
        assertEquals("a[0] + b[0] + c[0]", Expression.sum(List.of(a.cur(), b.cur(), c.cur())).toString());
        assertEquals(3, Expression.product(List.of(a.cur(), b.cur(), c.cur())).degree());
    }

    @Test
    void absurdRotationsAreRefused() {
        int limit = Expression.ROTATION_LIMIT;
        assertEquals(limit - 1, a.query(limit - 1).rotation());
        assertEquals(-(limit - 1), a.query(-(limit - 1)).rotation());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.query(limit));
        assertTrue(e.getMessage().contains("rotation 1048576 of column a"), e.getMessage());
        assertTrue(e.getMessage().contains("2^20"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.query(-limit));
        assertThrows(IllegalArgumentException.class, () -> a.query(Integer.MIN_VALUE));
    }

    @Test
    void powRefusesNonPositiveExponents() {
        assertThrows(IllegalArgumentException.class, () -> a.cur().pow(0));
    }
}
