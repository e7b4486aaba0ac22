package dev.vampvm.plonk;

import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.plonk.Expression.Constant;
import dev.vampvm.plonk.Expression.Negated;
import dev.vampvm.plonk.Expression.Product;
import dev.vampvm.plonk.Expression.Query;
import dev.vampvm.plonk.Expression.Scaled;
import dev.vampvm.plonk.Expression.Sum;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The canonical byte encoding of a {@link ConstraintSystem}: everything that determines the relation, and
 * nothing else (column, gate, constraint and lookup names are for people and are left out, so renaming
 * changes no key). It is what the verifying-key hash absorbs for the circuit's shape; the key adds k, the
 * commitments and the curve.
 *
 * <p>Integers are little-endian: u8, u32, and i32 (two's complement) for rotations. Field elements are
 * their canonical 32-byte little-endian encoding. Every list is preceded by its u32 length and every
 * section by a one-byte tag, so that no two systems share an encoding.
 *
 * <pre>
 * header      u32 len, "vampvm/plonk/constraint-system" (ASCII); u32 version = 1
 * field       u32 len, "Fp" (ASCII); 32 bytes: the modulus
 * 0x01 advice       u32 number of advice columns
 * 0x02 fixed        u32 number of fixed columns;
 *                   u32 count, u32 index... of selector columns (ascending);
 *                   u32 count, u32 index... of constant columns (creation order)
 * 0x03 instance     u32 number of instance columns
 * 0x04 permutation  u32 count, then per column: u8 kind, u32 index (in permutation order)
 * 0x05 queries      for advice, fixed, instance: u32 count, then per query: u32 column, i32 rotation
 * 0x06 gates        u32 count; per gate: u32 constraints; per constraint: expression
 * 0x07 lookups      u32 count; per lookup: u32 tuple length; the input expressions; the table expressions
 * 0x08 parameters   u32 minimum degree (0 if unset); u32 degree; u32 blinding factors
 *
 * expression (prefix form, each node a tag then its fields):
 *   0x10 constant  32-byte value
 *   0x11 query     u8 kind, u32 column index, i32 rotation
 *   0x12 sum       left, right
 *   0x13 product   left, right
 *   0x14 negated   inner
 *   0x15 scaled    inner, 32-byte factor
 * </pre>
 * Column kinds are 1 advice, 2 fixed, 3 instance ({@link ColumnKind#tag()}).
 */
public final class PinnedEncoding {
    public static final String MAGIC = "vampvm/plonk/constraint-system";
    public static final int VERSION = 1;

    static final int ADVICE = 0x01;
    static final int FIXED = 0x02;
    static final int INSTANCE = 0x03;
    static final int PERMUTATION = 0x04;
    static final int QUERIES = 0x05;
    static final int GATES = 0x06;
    static final int LOOKUPS = 0x07;
    static final int PARAMETERS = 0x08;

    static final int CONSTANT = 0x10;
    static final int QUERY = 0x11;
    static final int SUM = 0x12;
    static final int PRODUCT = 0x13;
    static final int NEGATED = 0x14;
    static final int SCALED = 0x15;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private PinnedEncoding() {
    }

    static byte[] encode(ConstraintSystem cs) {
        PinnedEncoding e = new PinnedEncoding();
        e.string(MAGIC);
        e.u32(VERSION);
        e.string(Fp.FIELD.name());
        e.fp(Fp.FIELD.modulus().toByteArray());

        e.u8(ADVICE);
        e.u32(cs.numAdviceColumns());

        e.u8(FIXED);
        e.u32(cs.numFixedColumns());
        List<Integer> selectorIndices = cs.selectors().stream().map(s -> s.column().index()).sorted().toList();
        e.u32(selectorIndices.size());
        for (int i : selectorIndices) {
            e.u32(i);
        }
        e.u32(cs.constantColumns().size());
        for (FixedColumn c : cs.constantColumns()) {
            e.u32(c.index());
        }

        e.u8(INSTANCE);
        e.u32(cs.numInstanceColumns());

        e.u8(PERMUTATION);
        e.u32(cs.permutationColumns().size());
        for (Column c : cs.permutationColumns()) {
            e.u8(c.kind().tag());
            e.u32(c.index());
        }

        e.u8(QUERIES);
        for (List<Query> qs : List.of(cs.adviceQueries(), cs.fixedQueries(), cs.instanceQueries())) {
            e.u32(qs.size());
            for (Query q : qs) {
                e.u32(q.column().index());
                e.u32(q.rotation());
            }
        }

        e.u8(GATES);
        e.u32(cs.gates().size());
        for (Gate g : cs.gates()) {
            e.u32(g.constraints().size());
            for (Constraint c : g.constraints()) {
                e.expression(c.polynomial());
            }
        }

        e.u8(LOOKUPS);
        e.u32(cs.lookups().size());
        for (Lookup l : cs.lookups()) {
            e.u32(l.inputs().size());
            for (Expression x : l.inputs()) {
                e.expression(x);
            }
            for (Expression x : l.tables()) {
                e.expression(x);
            }
        }

        e.u8(PARAMETERS);
        e.u32(cs.minimumDegree());
        e.u32(cs.degree());
        e.u32(cs.blindingFactors());
        return e.out.toByteArray();
    }

    private void expression(Expression x) {
        switch (x) {
            case Constant c -> {
                u8(CONSTANT);
                out.writeBytes(c.value().toBytes());
            }
            case Query q -> {
                u8(QUERY);
                u8(q.kind().tag());
                u32(q.column().index());
                u32(q.rotation());
            }
            case Sum s -> {
                u8(SUM);
                expression(s.left());
                expression(s.right());
            }
            case Product p -> {
                u8(PRODUCT);
                expression(p.left());
                expression(p.right());
            }
            case Negated n -> {
                u8(NEGATED);
                expression(n.inner());
            }
            case Scaled s -> {
                u8(SCALED);
                expression(s.inner());
                out.writeBytes(s.factor().toBytes());
            }
        }
    }

    private void u8(int v) {
        out.write(v);
    }

    private void u32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        u32(b.length);
        out.writeBytes(b);
    }

    /** A non-negative big-endian two's-complement integer (BigInteger.toByteArray) as 32 little-endian bytes. */
    private void fp(byte[] bigEndian) {
        byte[] le = new byte[MontgomeryField.BYTES];
        for (int i = 0; i < bigEndian.length && i < le.length; i++) {
            le[i] = bigEndian[bigEndian.length - 1 - i];
        }
        out.writeBytes(le);
    }
}
