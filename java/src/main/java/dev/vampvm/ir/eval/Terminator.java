package dev.vampvm.ir.eval;

import java.util.List;

/** How a VM block ends, and the values it hands on. */
public sealed interface Terminator {

    /** Every value it hands on: the condition, the arguments, the returned values. */
    default List<Slot> slots() {
        return switch (this) {
            case Branch b -> List.of(b.condition());
            case Call c -> c.args();
            case Return r -> r.values();
            case Halt h -> List.of();
        };
    }

    /** A {@code branch} on {@code condition}: the arm it selects runs next, then the block's next segment. */
    record Branch(Slot condition) implements Terminator {
    }

    /**
     * A call of the recursive function defined by item {@code function}, with its parameters flattened to field
     * elements; the block's next segment runs when it returns.
     */
    record Call(int function, String name, List<Slot> args) implements Terminator {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** The routine (an arm or a function activation) returns these values to where it was entered. */
    record Return(List<Slot> values) implements Terminator {
        public Return {
            values = List.copyOf(values);
        }
    }

    /** The main program ends. */
    record Halt() implements Terminator {
    }
}
