package dev.vampvm.vm;

import dev.vampvm.ir.Compiler;
import dev.vampvm.ir.eval.BlockPoint;
import dev.vampvm.ir.eval.BlockRun;
import dev.vampvm.ir.eval.Evaluator;
import dev.vampvm.ir.eval.Slot;
import dev.vampvm.ir.eval.Terminator;
import dev.vampvm.ir.flatten.FlatProgram;
import dev.vampvm.ir.flatten.Optimizer;
import dev.vampvm.ir.layout.Layout;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Item;
import dev.vampvm.ir.syntax.Parser;
import dev.vampvm.ir.syntax.SourceFile;
import dev.vampvm.ir.types.CheckedProgram;
import dev.vampvm.ir.types.TypeChecker;
import dev.vampvm.plonk.keygen.Keygen;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * A program compiled for VM mode: cut at every {@code branch} on a circuit variable and every call of a recursive
 * function into blocks, each with its own circuit, found by following every boundary from the entry block.
 *
 * <p>A block's exports are the variables it makes that another block reads (found once every block is known), that
 * its terminator hands on, or that are public inputs. Blocks that make no constraint have no circuit: the runtime's
 * linking is all there is to check about them.
 */
public final class VmProgram {
    /** More blocks than this is a program the VM cannot compile (a loop unrolled by {@code iter} around a branch). */
    public static final int MAX_BLOCKS = 4096;

    private final SourceFile source;
    private final CheckedProgram checked;
    private final List<Block> blocks;
    private final byte[] id;

    private VmProgram(SourceFile source, CheckedProgram checked, List<Block> blocks) {
        this.source = source;
        this.checked = checked;
        this.blocks = List.copyOf(blocks);
        this.id = programId(blocks, publicKeys());
    }

    /**
     * The program id: BLAKE2b-256 over every block's augmented verifying key, in block order: the digest of its
     * circuit (constraint system, fixed and σ values, k: what its verifying keys are derived from, one per stack
     * size), its public interface (imports, exports, the keys it resumes with, a function's parameters), its
     * terminator and its successors; then the program's public input keys. Two parties agree on a program by
     * agreeing on this id.
     */
    private static byte[] programId(List<Block> blocks, List<String> publicKeys) {
        StringBuilder sb = new StringBuilder("vampvm-vm-program/1\n");
        for (Block b : blocks) {
            sb.append("block ").append(b.index()).append(' ').append(b.name()).append('\n');
            sb.append(" circuit ").append(b.hasCircuit() ? b.layout().k() + " " + circuitDigestHex(b) : "none")
                    .append('\n');
            sb.append(" imports ").append(b.shape().importKeys()).append('\n');
            sb.append(" exports ").append(b.shape().exportKeys()).append('\n');
            sb.append(" resumes ").append(b.shape().resumeKeys()).append('\n');
            sb.append(" params ").append(b.shape().paramKeys()).append('\n');
            sb.append(" end ").append(b.terminator()).append('\n');
            sb.append(" next ").append(b.next()).append(b.tail() ? " tail" : "").append(" arms ").append(b.arms())
                    .append(" callee ").append(b.callee()).append('\n');
        }
        sb.append("public ").append(publicKeys).append('\n');
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        Blake2bDigest d = new Blake2bDigest(256);
        d.update(text, 0, text.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /**
     * The digest of a block's circuit at its own k ({@link Keygen#circuitDigest}): the constraint system and every
     * fixed and σ value, from which its verifying keys are derived.
     */
    public static String circuitDigestHex(Block b) {
        return HexFormat.of().formatHex(Keygen.circuitDigest(b.layout().circuit(), b.layout().k()));
    }

    /** The program id ({@link #programId}). */
    public byte[] id() {
        return id.clone();
    }

    public String idHex() {
        return HexFormat.of().formatHex(id);
    }

    /** The keys of the public input components, in {@code pub} order (the entry block exports them). */
    public List<String> publicKeys() {
        return blocks.get(0).shape().publicKeys();
    }

    /** The public input component names, same order. */
    public List<String> publicNames() {
        List<String> out = new ArrayList<>();
        for (String p : checked.publicInputs()) {
            out.addAll(checked.input(p).components());
        }
        return out;
    }

    /**
     * Compiles a program into blocks.
     *
     * @throws CompileException with diagnostics for every user error
     */
    public static VmProgram compile(SourceFile file) {
        return Compiler.onLargeStack(() -> {
            CheckedProgram checked = TypeChecker.check(Parser.parse(file));
            Map<BlockPoint, BlockRun> shapes = explore(checked);
            Map<BlockPoint, Integer> index = new HashMap<>();
            for (BlockPoint p : shapes.keySet()) {
                index.put(p, index.size());
            }
            Set<String> mainReads = new HashSet<>();
            Map<Integer, Set<String>> functionReads = new HashMap<>();
            for (BlockRun r : shapes.values()) {
                for (String key : r.importKeys()) {
                    if (Slot.isMain(key)) {
                        mainReads.add(key);
                    } else {
                        functionReads.computeIfAbsent(r.point().function(), f -> new HashSet<>()).add(key);
                    }
                }
            }
            List<Block> blocks = new ArrayList<>();
            for (BlockRun shape : shapes.values()) {
                BlockPoint p = shape.point();
                Set<String> read = p.function() < 0 ? mainReads : functionReads.getOrDefault(p.function(), Set.of());
                Set<String> exports = new HashSet<>();
                for (String key : shape.liveKeys()) {
                    if (read.contains(key) || shape.publicKeys().contains(key)) {
                        exports.add(key);
                    }
                }
                for (Slot s : shape.terminator().slots()) {
                    if (s instanceof Slot.Key k) {
                        exports.add(k.key());
                    }
                }
                BlockRun run = Evaluator.runBlock(checked, p, null, null, exports);
                blocks.add(block(checked, index.get(p), run, shapes, index));
            }
            return new VmProgram(file, checked, blocks);
        });
    }

    /** Every block reachable from the entry, in the order found. */
    private static Map<BlockPoint, BlockRun> explore(CheckedProgram checked) {
        Map<BlockPoint, BlockRun> found = new LinkedHashMap<>();
        Deque<BlockPoint> work = new ArrayDeque<>();
        work.add(BlockPoint.ENTRY);
        while (!work.isEmpty()) {
            BlockPoint p = work.poll();
            if (found.containsKey(p)) {
                continue;
            }
            if (found.size() == MAX_BLOCKS) {
                throw CompileException.at(CompileException.Kind.USAGE, checked.program().items().get(0).span(),
                        "the program has more than " + MAX_BLOCKS + " blocks in VM mode (a branch or recursive call"
                                + " inside a loop unrolled by 'iter' or 'fold' makes one per iteration): use static mode");
            }
            BlockRun run = Evaluator.runBlock(checked, p, null, null, null);
            found.put(p, run);
            switch (run.terminator()) {
                case Terminator.Branch b -> {
                    work.add(p.arm(false));
                    work.add(p.arm(true));
                    work.add(p.next());
                }
                case Terminator.Call c -> {
                    work.add(BlockPoint.functionEntry(c.function()));
                    work.add(p.next());
                }
                case Terminator.Return r -> {
                }
                case Terminator.Halt h -> {
                }
            }
        }
        return found;
    }

    private static Block block(CheckedProgram checked, int index, BlockRun run, Map<BlockPoint, BlockRun> shapes,
            Map<BlockPoint, Integer> indexOf) {
        BlockPoint p = run.point();
        FlatProgram optimized = run.flat().instrs().isEmpty() ? null : Optimizer.optimize(run.flat());
        Layout layout = optimized == null || optimized.instrs().isEmpty() ? null : Layout.of(optimized, true);
        int next = -1;
        boolean tail = false;
        List<Integer> arms = List.of();
        int callee = -1;
        switch (run.terminator()) {
            case Terminator.Branch b -> {
                arms = List.of(indexOf.get(p.arm(false)), indexOf.get(p.arm(true)));
                next = indexOf.get(p.next());
                tail = onlyReturns(shapes.get(p.next()));
            }
            case Terminator.Call c -> {
                callee = indexOf.get(BlockPoint.functionEntry(c.function()));
                next = indexOf.get(p.next());
                tail = onlyReturns(shapes.get(p.next()));
            }
            default -> {
            }
        }
        return new Block(index, name(checked, p), run, layout, next, tail, arms, callee);
    }

    /** Whether a block only hands back what it resumes with: no constraint, no other read. */
    private static boolean onlyReturns(BlockRun k) {
        if (!k.flat().instrs().isEmpty() || !(k.terminator() instanceof Terminator.Return r)) {
            return false;
        }
        List<Slot> expected = new ArrayList<>();
        for (String key : k.resumeKeys()) {
            expected.add(new Slot.Key(key));
        }
        return r.values().equals(expected) && k.resumeKeys().containsAll(k.importKeys());
    }

    static String name(CheckedProgram checked, BlockPoint p) {
        StringBuilder sb = new StringBuilder(p.function() < 0 ? "main"
                : ((Item.FunctionDef) checked.program().items().get(p.function())).name());
        for (BlockPoint.ArmStep a : p.arms()) {
            sb.append('/').append(a);
        }
        if (p.segment() > 0) {
            sb.append('@').append(p.segment());
        }
        return sb.toString();
    }

    public SourceFile source() {
        return source;
    }

    public CheckedProgram checked() {
        return checked;
    }

    public List<Block> blocks() {
        return blocks;
    }

    public Block block(int index) {
        return blocks.get(index);
    }

    public Block entry() {
        return blocks.get(0);
    }
}
