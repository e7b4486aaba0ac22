package dev.vampvm.vm;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.eval.Slot;
import dev.vampvm.ir.eval.Terminator;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime's rules, outside every circuit: which block runs next, and that every value a block reads is the value
 * an earlier block made. The interpreter drives it while running a program, the verifier while checking a trace;
 * both apply exactly these rules.
 *
 * <ul>
 *   <li>The trace starts at the entry block; each next block is the one the previous block's terminator selects (the
 *       arm its branch condition picks, the function it calls, the block it returns to).</li>
 *   <li>A branch condition is 0 or 1.</li>
 *   <li>Each value a block imports was exported earlier, by a block of the same function activation (keys
 *       {@code A…}) or of the main program (keys {@code M…}), with the same value; no key is made twice.</li>
 *   <li>A call starts a new activation whose parameters are the arguments; a return hands its values to the block
 *       that resumes the caller (its frame), or, for a tail boundary, to the frame below.</li>
 *   <li>The trace ends with the main program's halt, with no frame left.</li>
 * </ul>
 */
public final class Machine {
    /** A refusal: the trace breaks a rule of the runtime. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private record Frame(Map<String, Fp> activation, int resume) {
    }

    private final VmProgram program;
    private final Map<String, Fp> main = new HashMap<>();
    private final Deque<Frame> frames = new ArrayDeque<>();
    private Map<String, Fp> activation = main;
    private int expected;
    private boolean halted;
    private int steps;

    public Machine(VmProgram program) {
        this.program = program;
        this.expected = program.entry().index();
    }

    /** The block that must run next, or -1 after the halt. */
    public int expected() {
        return halted ? -1 : expected;
    }

    public boolean halted() {
        return halted;
    }

    /** Depth of the call stack (frames waiting for a return). */
    public int depth() {
        return frames.size();
    }

    /** The value of a key as the runtime knows it now, or null. */
    public Fp value(String key) {
        return (Slot.isMain(key) ? main : activation).get(key);
    }

    /**
     * Checks one step and moves on.
     *
     * @param block  the block the step ran
     * @param values its public values: imports, then exports ({@link Block#publicKeys()})
     */
    public void step(Block block, List<Fp> values) throws Refused {
        int n = steps++;
        if (halted) {
            throw new Refused("step " + n + " (" + block.name() + ") comes after the program halted");
        }
        if (block.index() != expected) {
            throw new Refused("step " + n + " runs block " + block.name() + ", but the runtime's next block is "
                    + program.block(expected).name());
        }
        List<String> keys = block.publicKeys();
        if (values.size() != keys.size()) {
            throw new Refused("step " + n + " (" + block.name() + ") has " + values.size() + " values, its block "
                    + keys.size());
        }
        int imports = block.shape().importKeys().size();
        for (int i = 0; i < imports; i++) {
            String key = keys.get(i);
            Fp made = value(key);
            if (made == null) {
                throw new Refused("step " + n + " (" + block.name() + ") reads " + key + ", which no earlier step made");
            }
            if (!made.equals(values.get(i))) {
                throw new Refused("step " + n + " (" + block.name() + ") reads " + key + " as " + values.get(i)
                        + ", but it was made as " + made);
            }
        }
        for (int i = imports; i < keys.size(); i++) {
            define(keys.get(i), values.get(i), n, block);
        }
        Terminator t = block.terminator();
        switch (t) {
            case Terminator.Branch b -> {
                Fp c = resolve(b.condition(), n, block);
                if (!c.isZero() && !c.isOne()) {
                    throw new Refused("step " + n + " (" + block.name() + "): branch condition is not boolean");
                }
                enter(block, activation);
                expected = block.arms().get(c.isOne() ? 1 : 0);
            }
            case Terminator.Call c -> {
                List<String> params = program.block(block.callee()).shape().paramKeys();
                if (params.size() != c.args().size()) {
                    throw new IllegalStateException("call of " + c.name() + " with " + c.args().size() + " values for "
                            + params.size() + " parameters");
                }
                Map<String, Fp> callee = new HashMap<>();
                for (int i = 0; i < params.size(); i++) {
                    callee.put(params.get(i), resolve(c.args().get(i), n, block));
                }
                enter(block, activation);
                activation = callee;
                expected = block.callee();
            }
            case Terminator.Return r -> {
                if (frames.isEmpty()) {
                    throw new Refused("step " + n + " (" + block.name() + ") returns, but no frame is waiting");
                }
                Fp[] out = new Fp[r.values().size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = resolve(r.values().get(i), n, block);
                }
                Frame f = frames.pop();
                activation = f.activation;
                Block resume = program.block(f.resume);
                List<String> into = resume.shape().resumeKeys();
                if (into.size() != out.length) {
                    throw new IllegalStateException(block.name() + " returns " + out.length + " values to "
                            + resume.name() + ", which resumes with " + into.size());
                }
                for (int i = 0; i < out.length; i++) {
                    define(into.get(i), out[i], n, block);
                }
                expected = f.resume;
            }
            case Terminator.Halt h -> {
                if (!frames.isEmpty()) {
                    throw new Refused("step " + n + " (" + block.name() + ") halts with " + frames.size()
                            + " frames waiting");
                }
                halted = true;
            }
        }
    }

    /** The trace is complete: it halted. */
    public void finish() throws Refused {
        if (!halted) {
            throw new Refused("the trace does not halt: it ends after " + steps + " steps with block "
                    + program.block(expected).name() + " still to run");
        }
    }

    private void enter(Block block, Map<String, Fp> caller) {
        if (!block.tail()) {
            frames.push(new Frame(caller, block.next()));
        }
    }

    private void define(String key, Fp value, int n, Block block) throws Refused {
        Map<String, Fp> m = Slot.isMain(key) ? main : activation;
        if (m.putIfAbsent(key, value) != null) {
            throw new Refused("step " + n + " (" + block.name() + ") makes " + key + ", which an earlier step made");
        }
    }

    private Fp resolve(Slot s, int n, Block block) throws Refused {
        return switch (s) {
            case Slot.Constant c -> c.value();
            case Slot.Key k -> {
                Fp v = value(k.key());
                if (v == null) {
                    throw new Refused("step " + n + " (" + block.name() + ") hands on " + k.key()
                            + ", which no step made");
                }
                yield v;
            }
        };
    }
}
