package dev.vampvm.ir.flatten;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.FpFormat;

/** An operand of a three-address constraint: a circuit variable or a field constant. */
public sealed interface Operand {

    record Var(int id) implements Operand {
        @Override
        public String toString() {
            return "v" + id;
        }
    }

    record Const(Fp value) implements Operand {
        @Override
        public String toString() {
            return FpFormat.format(value);
        }
    }

    Const ZERO = new Const(Fp.ZERO);
    Const ONE = new Const(Fp.ONE);

    static Const of(Fp v) {
        return new Const(v);
    }

    default boolean isConst() {
        return this instanceof Const;
    }
}
