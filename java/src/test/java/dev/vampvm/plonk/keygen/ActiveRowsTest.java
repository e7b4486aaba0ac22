package dev.vampvm.plonk.keygen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vampvm.plonk.AdviceColumn;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.FixedColumn;
import dev.vampvm.plonk.Selector;
import org.junit.jupiter.api.Test;

/** Which constraints need l_active: those a rotation-0 fixed column does not switch off. */
class ActiveRowsTest {

    @Test
    void classification() {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        AdviceColumn a = b.adviceColumn();
        AdviceColumn c = b.adviceColumn();
        Selector s = b.selector();
        FixedColumn f = b.fixedColumn();
        b.createGate("selected", s.expr().mul(a.cur().mul(a.cur()).sub(c.cur())));       // off where s = 0
        b.createGate("coefficients", a.cur().mul(f.cur()).add(c.cur().mul(f.cur())));  // every term has f
        b.createGate("free", a.cur().pow(4).sub(c.cur()));                             // no fixed factor
        b.createGate("rotated selector", s.column().prev().mul(a.cur()));             // s[−1] is 1 at l_last
        b.createGate("constant term", s.expr().mul(a.cur()).add(1));                   // 1 survives
        b.createGate("cancels", a.cur().sub(a.cur()));                                 // the zero polynomial
        ConstraintSystem cs = b.build();
        boolean[][] gated = ActiveRows.gatedConstraints(cs);
        assertArrayEquals(new boolean[] {false}, gated[0]);
        assertArrayEquals(new boolean[] {false}, gated[1]);
        assertArrayEquals(new boolean[] {true}, gated[2]);
        assertArrayEquals(new boolean[] {true}, gated[3]);
        assertArrayEquals(new boolean[] {true}, gated[4]);
        assertArrayEquals(new boolean[] {false}, gated[5]);
        assertEquals(4, cs.degree());
        assertEquals(5, ActiveRows.quotientDegree(cs, gated), "a⁴ − c gated by l_active has degree 5");
    }
}
