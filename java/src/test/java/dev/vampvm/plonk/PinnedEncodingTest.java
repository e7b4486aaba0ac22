package dev.vampvm.plonk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.plonk.examples.FibonacciCircuit;
import dev.vampvm.plonk.examples.RangeCheckCircuit;
import dev.vampvm.plonk.examples.SboxCircuit;
import dev.vampvm.plonk.examples.StandardGateCircuit;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PinnedEncodingTest {

    @Test
    void encodingIsDeterministicAcrossConfigureRuns() {
        for (Circuit<?> c : List.<Circuit<?>>of(StandardGateCircuit.create(5, 1), FibonacciCircuit.create(5, 2),
                RangeCheckCircuit.create(9, 3), SboxCircuit.create(5, 4))) {
            byte[] first = Synthesis.configure(c).pinnedBytes();
            byte[] second = Synthesis.configure(c).pinnedBytes();
            assertArrayEquals(first, second);
        }
        // The witness does not enter the shape.
        assertArrayEquals(Synthesis.configure(StandardGateCircuit.create(5, 1)).pinnedBytes(),
                Synthesis.configure(StandardGateCircuit.create(6, 99)).pinnedBytes());
    }

    @Test
    void encodingStartsWithTheMagicAndVersion() {
        byte[] bytes = ConstraintSystem.builder().build().pinnedBytes();
        byte[] magic = PinnedEncoding.MAGIC.getBytes(StandardCharsets.US_ASCII);
        assertEquals(magic.length, bytes[0]);
        assertArrayEquals(magic, Arrays.copyOfRange(bytes, 4, 4 + magic.length));
        assertEquals(1, bytes[4 + magic.length]);
    }

    /** A small system with one of every ingredient; each variant changes exactly one thing. */
    private static byte[] base(Consumer<Map<String, Object>> tweak) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("rotation", 1);
        o.put("constant", 3L);
        o.put("extraAdvice", false);
        o.put("equalityOnB", true);
        o.put("lookupTable", "t");
        o.put("selectorIsFlagged", true);
        o.put("gateOrderSwapped", false);
        o.put("productShape", "left");
        o.put("minimumDegree", 0);
        o.put("constantColumn", false);
        o.put("instanceQuery", 0);
        o.put("noLookup", false);
        o.put("names", "plain");
        tweak.accept(o);
        String n = (String) o.get("names");
        ConstraintSystem.Builder cs = ConstraintSystem.builder();
        AdviceColumn a = cs.adviceColumn(n.equals("plain") ? "a" : "alpha");
        AdviceColumn b = cs.adviceColumn(n.equals("plain") ? "b" : "beta");
        if ((Boolean) o.get("extraAdvice")) {
            cs.adviceColumn("extra");
        }
        FixedColumn t = cs.fixedColumn("t");
        FixedColumn u = cs.fixedColumn("u");
        FixedColumn q = (Boolean) o.get("selectorIsFlagged") ? cs.selector("q").column() : cs.fixedColumn("q");
        if ((Boolean) o.get("constantColumn")) {
            cs.constantColumn("k");
        }
        InstanceColumn pub = cs.instanceColumn("pub");
        cs.enableEquality(a);
        if ((Boolean) o.get("equalityOnB")) {
            cs.enableEquality(b);
        }
        Expression left = a.cur().mul(b.query((Integer) o.get("rotation")));
        Expression product = o.get("productShape").equals("left")
                ? a.cur().mul(b.cur()).mul(q.cur())
                : a.cur().mul(b.cur().mul(q.cur()));
        Constraint g1 = Constraint.of("one", left.sub(Expression.constant((Long) o.get("constant"))));
        Constraint g2 = Constraint.of("two", product.sub(pub.query((Integer) o.get("instanceQuery"))));
        String gateName = n.equals("plain") ? "g" : "gee";
        if ((Boolean) o.get("gateOrderSwapped")) {
            cs.createGate(gateName + "2", g2);
            cs.createGate(gateName + "1", g1);
        } else {
            cs.createGate(gateName + "1", g1);
            cs.createGate(gateName + "2", g2);
        }
        if (!(Boolean) o.get("noLookup")) {
            cs.lookup("lookup", q.cur().mul(a.cur()), (o.get("lookupTable").equals("t") ? t : u).cur());
        }
        if ((Integer) o.get("minimumDegree") > 0) {
            cs.setMinimumDegree((Integer) o.get("minimumDegree"));
        }
        return cs.build().pinnedBytes();
    }

    @Test
    void everyChangeToTheRelationChangesTheBytes() {
        Map<String, Consumer<Map<String, Object>>> variants = new LinkedHashMap<>();
        variants.put("base", o -> {
        });
        variants.put("rotation", o -> o.put("rotation", -1));
        variants.put("rotation far", o -> o.put("rotation", 1 << 19));
        variants.put("constant", o -> o.put("constant", 4L));
        variants.put("extra column", o -> o.put("extraAdvice", true));
        variants.put("equality", o -> o.put("equalityOnB", false));
        variants.put("lookup table", o -> o.put("lookupTable", "u"));
        variants.put("no lookup", o -> o.put("noLookup", true));
        variants.put("selector flag", o -> o.put("selectorIsFlagged", false));
        variants.put("gate order", o -> o.put("gateOrderSwapped", true));
        variants.put("product shape", o -> o.put("productShape", "right"));
        variants.put("minimum degree", o -> o.put("minimumDegree", 7));
        variants.put("constant column", o -> o.put("constantColumn", true));
        variants.put("instance rotation", o -> o.put("instanceQuery", 1));
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, Consumer<Map<String, Object>>> v : variants.entrySet()) {
            String hex = HexFormat.of().formatHex(base(v.getValue()));
            String clash = seen.put(hex, v.getKey());
            assertTrue(clash == null, v.getKey() + " encodes like " + clash);
        }
        assertEquals(variants.size(), seen.size());
    }

    @Test
    void namesAreNotPartOfTheRelation() {
        assertArrayEquals(base(o -> {
        }), base(o -> o.put("names", "renamed")));
    }

    @Test
    void theGateSplitMatters() {
        // One gate with two constraints is not two gates with one each.
        ConstraintSystem.Builder one = ConstraintSystem.builder();
        AdviceColumn a1 = one.adviceColumn();
        one.createGate("g", a1.cur(), a1.next());
        ConstraintSystem.Builder two = ConstraintSystem.builder();
        AdviceColumn a2 = two.adviceColumn();
        two.createGate("g", a2.cur());
        two.createGate("h", a2.next());
        assertFalse(Arrays.equals(one.build().pinnedBytes(), two.build().pinnedBytes()));
    }

    @Test
    void smallSystemHasTheDocumentedLayout() {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        AdviceColumn a = b.adviceColumn();
        b.createGate("g", a.prev());
        byte[] bytes = b.build().pinnedBytes();
        String hex = HexFormat.of().formatHex(bytes);
        String expectedTail = "01" + "01000000" // advice: 1 column
                + "02" + "00000000" + "00000000" + "00000000" // fixed: none, no selectors, no constants
                + "03" + "00000000" // instance: none
                + "04" + "00000000" // permutation: none
                + "05" + "01000000" + "00000000" + "ffffffff" + "00000000" + "00000000" // queries: a[-1]
                + "06" + "01000000" + "01000000" + "11" + "01" + "00000000" + "ffffffff" // gate: a[-1]
                + "07" + "00000000" // no lookups
                + "08" + "00000000" + "03000000" + "05000000"; // minimum degree, degree, blinding factors
        assertTrue(hex.endsWith(expectedTail), hex);
        // header: magic, version, field name, modulus
        int header = 4 + PinnedEncoding.MAGIC.length() + 4 + 4 + 2 + 32;
        assertEquals(header * 2 + expectedTail.length(), hex.length());
    }
}
