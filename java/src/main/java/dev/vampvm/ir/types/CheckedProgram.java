package dev.vampvm.ir.types;

import dev.vampvm.ir.syntax.Expr;
import dev.vampvm.ir.syntax.Item;
import dev.vampvm.ir.syntax.Program;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A program that passed type checking, with what the evaluator needs: how each name resolves, the inputs (in order
 * of first use) and which top-level functions are recursive.
 *
 * @param refs      per variable occurrence (identity map)
 * @param recursive top-level function definitions reached by a recursive call (identity set)
 * @param publicInputs public input names in the order of their {@code pub} declarations
 */
public record CheckedProgram(Program program, Map<Expr.Var, Ref> refs, List<InputInfo> inputs, List<String> publicInputs,
        Set<Item.FunctionDef> recursive, Map<Item, Type> itemTypes) {

    public Ref ref(Expr.Var v) {
        Ref r = refs.get(v);
        if (r == null) {
            throw new IllegalStateException("unresolved name " + v.name() + " at " + v.span());
        }
        return r;
    }

    public InputInfo input(String name) {
        for (InputInfo i : inputs) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }
}
