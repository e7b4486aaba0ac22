package dev.vampvm.ir.layout;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.flatten.FlatProgram;
import dev.vampvm.ir.flatten.Instr;
import dev.vampvm.ir.flatten.Operand;
import dev.vampvm.ir.flatten.Origin;
import dev.vampvm.ir.flatten.WitnessCheck;
import dev.vampvm.ir.syntax.Diagnostic;
import dev.vampvm.plonk.Column;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.dev.VerifyFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places a flattened program in our constraint system: three-address constraints become polynomial constraints,
 * temporaries are fused into their single use where that saves rows ({@link Fusion}), bit checks are packed four to a
 * row, equalities between variables become copies, and the rows are laid out ({@link RowPlan}) for the
 * {@link VampirCircuit}. Maps mock-prover failures back to source positions.
 */
public final class Layout {
    private final FlatProgram program;
    private final RowPlan plan;
    private final int polys;
    private final int k;
    private final ConstraintSystem cs;

    private final int instanceColumns;

    private Layout(FlatProgram program, RowPlan plan, int polys, int instanceColumns) {
        this.program = program;
        this.plan = plan;
        this.polys = polys;
        this.instanceColumns = instanceColumns;
        this.cs = VampirCircuit.systemOf(instanceColumns);
        // The instance columns' public values need usable rows too.
        this.k = cs.minimumK(rowsWithPublic());
    }

    /** The layout with one instance column (static mode). */
    public static Layout of(FlatProgram p) {
        return of(p, false);
    }

    /**
     * The layout; with {@code spreadPublic}, the public values are spread over as many instance columns as it takes
     * to keep them within the rows the constraints need (a VM block: its interface is often larger than its
     * arithmetic, and each execution stacked costs its rows).
     */
    public static Layout of(FlatProgram p, boolean spreadPublic) {
        List<Poly> polys = new ArrayList<>();
        List<int[]> copyEdges = new ArrayList<>();
        List<Origin> copyOrigins = new ArrayList<>();
        for (Instr i : p.instrs()) {
            if (i instanceof Instr.Eq eq && eq.a() instanceof Operand.Var a && eq.b() instanceof Operand.Var b) {
                copyEdges.add(new int[] {a.id(), b.id()});
                copyOrigins.add(eq.origin());
            } else {
                polys.add(Poly.of(i));
            }
        }
        Set<Integer> keep = new HashSet<>(p.publicVars());
        for (int[] e : copyEdges) {
            keep.add(e[0]);
            keep.add(e[1]);
        }
        List<Poly> fused = Fusion.fuse(polys, p.vars(), keep);
        RowPlan plan = RowPlan.plan(fused, copyEdges, copyOrigins, p.publicVars(), p.vars().size(), p.values());
        int publics = plan.publicCells.size();
        int columns = spreadPublic && publics > 0
                ? Math.min(MAX_INSTANCE_COLUMNS, Math.ceilDiv(publics, Math.max(1, plan.rows.size()))) : 1;
        return new Layout(p, plan, fused.size(), columns);
    }

    /** More instance columns than this cost more (in the permutation argument) than the rows they save. */
    static final int MAX_INSTANCE_COLUMNS = 4;

    /** Rows a table needs for this layout: its rows, and its public values' rows. */
    public int rowsWithPublic() {
        return Math.max(1, Math.max(plan.rows.size(), Math.ceilDiv(plan.publicCells.size(), instanceColumns)));
    }

    public int instanceColumns() {
        return instanceColumns;
    }

    /** The circuit, with the witness when the program has one. */
    public VampirCircuit circuit() {
        return new VampirCircuit(plan, program.hasWitness(), instanceColumns);
    }

    public ConstraintSystem constraintSystem() {
        return cs;
    }

    /** Rows used (gate rows, bit rows and rows that only hold cells). */
    public int rows() {
        return plan.rows.size();
    }

    /** Rows of the bit-check gate. */
    public int bitRows() {
        return (int) plan.rows.stream().filter(r -> r.bits).count();
    }

    /** Polynomial constraints after fusion (each one head row). */
    public int fusedConstraints() {
        return polys;
    }

    public int copies() {
        return plan.copies.size() + plan.publicCells.size();
    }

    /** The smallest k that holds the rows. */
    public int k() {
        return k;
    }

    /** The instance column's values (requires a witness). */
    public List<List<Fp>> instances() {
        return spread(program.publicValues(), instanceColumns);
    }

    /** Public values in instance order, dealt over the columns: value i to column i mod n, row i / n. */
    public static List<List<Fp>> spread(List<Fp> values, int columns) {
        List<List<Fp>> out = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < values.size(); i++) {
            out.get(i % columns).add(values.get(i));
        }
        return out;
    }

    /** Explains mock-prover failures in terms of the source. */
    public List<Diagnostic> explain(List<VerifyFailure> failures) {
        Map<String, Origin> copyOrigin = new HashMap<>();
        for (RowPlan.Copy c : plan.copies) {
            if (c.origin() != null) {
                copyOrigin.put(c.rowA() + ":" + c.colA() + "|" + c.rowB() + ":" + c.colB(), c.origin());
                copyOrigin.put(c.rowB() + ":" + c.colB() + "|" + c.rowA() + ":" + c.colA(), c.origin());
            }
        }
        List<Diagnostic> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (VerifyFailure f : failures) {
            Diagnostic d = switch (f) {
                case VerifyFailure.ConstraintNotSatisfied c -> {
                    Origin o = primary(plan.rows.get(c.row()).origins);
                    yield o == null ? Diagnostic.of(f.message()) : WitnessCheck.describe(o,
                            " (gate \"" + c.gate() + "\" at row " + c.row() + ")", "gate " + c.gate() + " row " + c.row());
                }
                case VerifyFailure.Permutation p -> {
                    Origin o = copyOrigin.get(key(p.cell()) + "|" + key(p.other()));
                    yield o == null ? Diagnostic.of("copy constraint failed: " + f.message())
                            : WitnessCheck.describe(o, " (copy " + p.cell() + " = " + p.other() + ")", "copy");
                }
                default -> Diagnostic.of(f.message());
            };
            if (seen.add(d.render())) {
                out.add(d);
            }
        }
        return out;
    }

    private static String key(dev.vampvm.plonk.Cell cell) {
        Column c = cell.column();
        return cell.row() + ":" + (c.kind() == dev.vampvm.plonk.ColumnKind.ADVICE ? c.index() : -1 - c.index());
    }

    private static Origin primary(List<Origin> origins) {
        for (Origin o : origins) {
            if (o.isUserLevel()) {
                return o;
            }
        }
        return origins.isEmpty() ? null : origins.get(0);
    }

    /** A listing of the rows: kind, cells and nonzero coefficients. */
    public String listing() {
        StringBuilder sb = new StringBuilder();
        String[] names = {"q0", "q1", "q2", "q3", "qm1", "qm2", "qc", "qn"};
        for (int r = 0; r < plan.rows.size(); r++) {
            RowPlan.Row row = plan.rows.get(r);
            sb.append(String.format("%5d %-18s", r, row.kind));
            for (int c = 0; c < RowPlan.WIDTH; c++) {
                int id = row.cells[c];
                sb.append(String.format(" %-6s", id < 0 ? "." : id >= plan.auxBase ? "s" + (id - plan.auxBase) : "v" + id));
            }
            for (int i = 0; i < RowPlan.SLOTS; i++) {
                if (!row.q[i].isZero()) {
                    sb.append(' ').append(names[i]).append('=').append(dev.vampvm.plonk.FpFormat.format(row.q[i]));
                }
            }
            if (!row.origins.isEmpty()) {
                sb.append("   // ").append(row.origins.get(0).label());
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
