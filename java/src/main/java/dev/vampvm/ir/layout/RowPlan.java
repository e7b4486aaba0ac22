package dev.vampvm.ir.layout;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.flatten.Origin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table before it becomes a circuit: per row, which variable sits in each of the four advice cells and the
 * coefficients of the wide gate; which rows are bit-check rows; the copies that tie a variable's cells together and
 * the cells that hold public inputs. Continuation rows of a long sum hold a partial sum ("aux" cells) in w0.
 */
final class RowPlan {
    static final int WIDTH = 4;
    /** Coefficient slots: q0..q3, then qm1 (w0·w1), qm2 (w2·w3), qc, qn (w0 of the next row). */
    static final int QM1 = 4;
    static final int QM2 = 5;
    static final int QC = 6;
    static final int QN = 7;
    static final int SLOTS = 8;

    /** A row. {@code cells[c]} is a variable id, an aux id (≥ auxBase), or -1. */
    static final class Row {
        final int[] cells = {-1, -1, -1, -1};
        final Fp[] q = new Fp[SLOTS];
        boolean bits;
        List<Origin> origins = List.of();
        String kind = "free";

        Row() {
            java.util.Arrays.fill(q, Fp.ZERO);
        }

        boolean hasGate() {
            for (Fp f : q) {
                if (!f.isZero()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A copy between two cells; {@code origin} is the equality it stands for, or null for a reused variable. */
    record Copy(int rowA, int colA, int rowB, int colB, Origin origin) {
    }

    final List<Row> rows = new ArrayList<>();
    final List<Copy> copies = new ArrayList<>();
    /** Per public input: {row, col} of the cell copied to the instance column. */
    final List<int[]> publicCells = new ArrayList<>();
    final int auxBase;
    final List<Fp> auxValues = new ArrayList<>();
    final Map<Integer, List<int[]>> varCells = new LinkedHashMap<>();
    private final Fp[] values;
    private Row freeRow;
    private int freeRowIndex;
    private int freeUsed = WIDTH;

    private RowPlan(int auxBase, Fp[] values) {
        this.auxBase = auxBase;
        this.values = values;
    }

    /**
     * Lays out the constraints: one head row each (plus continuation rows), bit checks four to a row, then cells for
     * variables that only take part in copies or are public.
     *
     * @param copyEdges {a, b} variable pairs that must be equal, with the equality's origin
     */
    static RowPlan plan(List<Poly> polys, List<int[]> copyEdges, List<Origin> copyOrigins, List<Integer> publicVars,
            int varCount, Fp[] values) {
        RowPlan plan = new RowPlan(varCount, values);
        List<Integer> bits = new ArrayList<>();
        List<Origin> bitOrigins = new ArrayList<>();
        for (Poly p : polys) {
            int b = p.booleanVar();
            if (b >= 0) {
                bits.add(b);
                bitOrigins.add(p.origins.get(0));
            } else {
                plan.place(p);
            }
        }
        for (int i = 0; i < bits.size(); i += WIDTH) {
            Row r = plan.newRow();
            r.bits = true;
            r.kind = "bits";
            List<Origin> o = new ArrayList<>();
            for (int c = 0; c < WIDTH && i + c < bits.size(); c++) {
                plan.put(r, plan.rows.size() - 1, c, bits.get(i + c));
                o.add(bitOrigins.get(i + c));
            }
            r.origins = o;
        }
        for (int e = 0; e < copyEdges.size(); e++) {
            int[] edge = copyEdges.get(e);
            int[] ca = plan.cellOf(edge[0]);
            int[] cb = plan.cellOf(edge[1]);
            plan.copies.add(new Copy(ca[0], ca[1], cb[0], cb[1], copyOrigins.get(e)));
        }
        for (int v : publicVars) {
            plan.publicCells.add(plan.cellOf(v));
        }
        for (List<int[]> cells : plan.varCells.values()) {
            for (int i = 1; i < cells.size(); i++) {
                plan.copies.add(new Copy(cells.get(i - 1)[0], cells.get(i - 1)[1], cells.get(i)[0], cells.get(i)[1], null));
            }
        }
        return plan;
    }

    private Row newRow() {
        Row r = new Row();
        rows.add(r);
        return r;
    }

    private void put(Row r, int row, int col, int var) {
        r.cells[col] = var;
        if (var < auxBase) {
            varCells.computeIfAbsent(var, k -> new ArrayList<>()).add(new int[] {row, col});
        }
    }

    /** A cell holding the variable: its first one, or a new one in a row without gates. */
    private int[] cellOf(int var) {
        List<int[]> cells = varCells.get(var);
        if (cells != null) {
            return cells.get(0);
        }
        if (freeUsed == WIDTH) {
            freeRow = newRow();
            freeRowIndex = rows.size() - 1;
            freeRow.kind = "cells";
            freeUsed = 0;
        }
        put(freeRow, freeRowIndex, freeUsed++, var);
        return varCells.get(var).get(0);
    }

    private void place(Poly p) {
        Row head = newRow();
        int headIndex = rows.size() - 1;
        head.origins = List.copyOf(p.origins);
        head.kind = "arith";
        Map<Integer, Integer> colOf = new HashMap<>();
        for (int k = 0; k < p.products.size(); k++) {
            Poly.Product pr = p.products.get(k);
            put(head, headIndex, 2 * k, pr.x());
            put(head, headIndex, 2 * k + 1, pr.y());
            colOf.putIfAbsent(pr.x(), 2 * k);
            colOf.putIfAbsent(pr.y(), 2 * k + 1);
            head.q[k == 0 ? QM1 : QM2] = pr.coeff();
        }
        head.q[QC] = p.constant;
        List<Integer> pending = new ArrayList<>();
        for (Map.Entry<Integer, Fp> e : p.linear.entrySet()) {
            Integer col = colOf.get(e.getKey());
            if (col != null) {
                head.q[col] = head.q[col].add(e.getValue());
            } else {
                pending.add(e.getKey());
            }
        }
        int next = 0;
        for (int col = 2 * p.products.size(); col < WIDTH && next < pending.size(); col++) {
            int v = pending.get(next++);
            put(head, headIndex, col, v);
            head.q[col] = p.linear.get(v);
        }
        if (next == pending.size()) {
            return;
        }
        // Continuation rows: row j holds s_j in w0 with -s_j + (its terms) + s_{j+1} = 0; the head adds s_2.
        head.q[QN] = Fp.ONE;
        List<Row> chain = new ArrayList<>();
        while (next < pending.size()) {
            Row r = newRow();
            int ri = rows.size() - 1;
            r.kind = "arith (continued)";
            r.origins = head.origins;
            r.q[0] = Fp.ONE.neg();
            for (int col = 1; col < WIDTH && next < pending.size(); col++) {
                int v = pending.get(next++);
                put(r, ri, col, v);
                r.q[col] = p.linear.get(v);
            }
            if (next < pending.size()) {
                r.q[QN] = Fp.ONE;
            }
            chain.add(r);
        }
        Fp s = Fp.ZERO;
        int[] ids = new int[chain.size()];
        Fp[] sums = new Fp[chain.size()];
        boolean known = values != null;
        for (int j = chain.size() - 1; j >= 0; j--) {
            Row r = chain.get(j);
            if (known) {
                Fp t = Fp.ZERO;
                for (int col = 1; col < WIDTH; col++) {
                    if (r.cells[col] >= 0) {
                        Fp v = values[r.cells[col]];
                        if (v == null) {
                            known = false;
                            break;
                        }
                        t = t.add(r.q[col].mul(v));
                    }
                }
                s = s.add(t);
                sums[j] = s;
            }
        }
        for (int j = 0; j < chain.size(); j++) {
            ids[j] = auxBase + auxValues.size();
            auxValues.add(known ? sums[j] : null);
            chain.get(j).cells[0] = ids[j];
        }
    }

    /** The value of a cell's occupant (null without a witness); empty cells hold 0. */
    Fp value(int id) {
        if (id < 0) {
            return Fp.ZERO;
        }
        if (id >= auxBase) {
            return auxValues.get(id - auxBase);
        }
        return values == null ? null : values[id];
    }

    int gateRows() {
        int n = 0;
        for (Row r : rows) {
            if (r.hasGate() || r.bits) {
                n++;
            }
        }
        return n;
    }
}
