package dev.vampvm.ir.eval;

import dev.vampvm.field.Fp;

/**
 * A value at a block boundary, as the runtime sees it: a constant the block's code fixes, or the value of a
 * variable named by its key ({@code M:12} for variable 12 of the main program's activation, {@code A/3y:40} for
 * variable 40 of the current function activation, made inside the y arm of its boundary 3).
 */
public sealed interface Slot {

    record Key(String key) implements Slot {
        @Override
        public String toString() {
            return key;
        }
    }

    record Constant(Fp value) implements Slot {
        @Override
        public String toString() {
            return dev.vampvm.plonk.FpFormat.format(value);
        }
    }

    /** Whether a key names a variable of the main program's activation (reachable from every activation). */
    public static boolean isMain(String key) {
        return key.startsWith("M");
    }
}
