package dev.vampvm.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.field.Lanes;
import dev.vampvm.ir.Inputs;
import dev.vampvm.testing.SystemProperties;
import dev.vampvm.vm.Interpreter;
import dev.vampvm.vm.Trace;
import dev.vampvm.vm.VmProgram;
import dev.vampvm.vm.VmProver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a fixed seed, a proof's bytes depend on nothing else: not on the Java engine's thread count, and in VM mode not
 * on how many block proofs run at once ({@code -Dvampvm.vm.parallelBlocks}, {@link VmProver.Options#parallelBlocks},
 * or fewer when the heap is short). The default run includes a k = 13 circuit, large enough that the NTTs (parallel from
 * 2^10 points), the MSMs and the engine's vector operations (from 4,096 elements) split their work by the thread count,
 * so the runs compared really take different parallel paths. The slow run ({@code -Dgroups=slow}) covers every example.
 */
class DeterminismTest {
    private static final int[] THREADS = {1, 2, 3, 4};
    /** (engine threads, block proofs at once) compared with (1, 1). */
    private static final int[][] VM_SETTINGS = {{2, 2}, {3, 1}, {1, 3}, {4, 4}};

    /** Keys come from the cache after the first proof (they are no part of what is tested, and keygen is slow). */
    @TempDir
    static Path keys;
    private static KeyCache cache;

    @BeforeAll
    static void cache() {
        cache = KeyCache.in(keys);
    }

    static Path examples() {
        Path p = Path.of("examples").toAbsolutePath();
        if (!Files.isDirectory(p)) {
            p = Path.of("..", "examples").toAbsolutePath();
        }
        return p.normalize();
    }

    private static ProveOptions seeded(int threads) {
        return ProveOptions.defaults().withKeyCache(cache).withRandom(new SplittableRandom(20261125)).withThreads(threads);
    }

    /** program, inputs (relative to examples/) */
    private static void staticSameBytes(String program, String inputs) throws IOException {
        Program p = Vampvm.compile(examples().resolve(program));
        Map<String, String> in = Inputs.read(examples().resolve(inputs)).raw();
        byte[] reference = p.prove(in, seeded(THREADS[0])).bytes();
        for (int i = 1; i < THREADS.length; i++) {
            assertArrayEquals(reference, p.prove(in, seeded(THREADS[i])).bytes(),
                    program + ": threads = " + THREADS[i] + " against " + THREADS[0]);
        }
        assertTrue(p.verify(reference, null), program);
    }

    /** Through the API: the thread count and -Dvampvm.vm.parallelBlocks together. */
    private static void vmSameBytes(String program, String inputs) throws IOException {
        Program p = Vampvm.compile(examples().resolve(program));
        Map<String, String> in = Inputs.read(examples().resolve(inputs)).raw();
        String before = System.getProperty("vampvm.vm.parallelBlocks");
        try {
            System.setProperty("vampvm.vm.parallelBlocks", "1");
            byte[] reference = p.proveVm(in, seeded(1), Interpreter.DEFAULT_MAX_STEPS, null).bytes();
            for (int[] s : VM_SETTINGS) {
                System.setProperty("vampvm.vm.parallelBlocks", Integer.toString(s[1]));
                assertArrayEquals(reference, p.proveVm(in, seeded(s[0]), Interpreter.DEFAULT_MAX_STEPS, null).bytes(),
                        program + ": threads = " + s[0] + ", blocks at once = " + s[1] + " against 1 and 1");
            }
            assertTrue(p.checkVm(reference, null, null, 0).valid(), program);
        } finally {
            if (before == null) {
                System.clearProperty("vampvm.vm.parallelBlocks");
            } else {
                System.setProperty("vampvm.vm.parallelBlocks", before);
            }
        }
    }

    @Test
    void staticProofsAreTheSameBytesForEveryThreadCount() throws IOException {
        staticSameBytes("pythagoras.pir", "pythagoras.inputs.json");
        staticSameBytes("poseidon.pir", "poseidon.inputs.json");
        staticSameBytes("vm/loop_small.pir", "vm/loop_small.medium.inputs.json"); // k = 13
    }

    /**
     * The CPU engine's SIMD lanes ({@code dev.vampvm.field.FieldLanes}, turned off with {@code -Dvampvm.lanes=off})
     * change how the MSMs, the IPA's folding, the NTTs and the constraint programs compute, not what: the same bytes
     * both ways, at k = 13, where the MSMs take the batch-affine path, the bucket sums and the folding run in lanes
     * (the lanes-256 test run repeats it with four lanes).
     */
    @Test
    void proofsAreTheSameBytesWithAndWithoutTheLanes() throws IOException {
        Program p = Vampvm.compile(examples().resolve("vm/loop_small.pir"));
        Map<String, String> in = Inputs.read(examples().resolve("vm/loop_small.medium.inputs.json")).raw();
        byte[] withLanes = SystemProperties.with(Lanes.PROPERTY, "on", () -> p.prove(in, seeded(2)).bytes());
        assertArrayEquals(withLanes, SystemProperties.with(Lanes.PROPERTY, "off", () -> p.prove(in, seeded(2)).bytes()),
                "loop_small (k = 13), lanes off against on");

    }

    @Test
    void vmProofsAreTheSameBytesForEveryThreadCountAndBlockParallelism() throws IOException {
        vmSameBytes("vm/mix.pir", "vm/mix.small.inputs.json"); // 8 block proofs, nested recursion
    }

    /**
     * The VM prover itself, with {@link VmProver.Options#parallelBlocks} set directly and each block's generator made in
     * block order from one seeded generator (as the API does); and with the heap limit leaving room for one block proof
     * at a time although four are asked for.
     */
    @Test
    void vmProverBytesDoNotDependOnBlocksAtOnce() throws IOException {
        Program p = Vampvm.compile(examples().resolve("vm/recursion_deep.pir"));
        VmProgram vm = p.vm();
        Trace trace = Interpreter.run(vm, Inputs.of(Inputs.read(examples().resolve(
                "vm/recursion_deep.small.inputs.json")).raw()), Interpreter.DEFAULT_MAX_STEPS);
        byte[] reference = null;
        for (int[] s : new int[][] {{1, 1}, {2, 4}, {4, 2}, {3, 3}}) {
            byte[] bytes = proveDirect(vm, trace, s[0], s[1]);
            if (reference == null) {
                reference = bytes;
            } else {
                assertArrayEquals(reference, bytes, "threads = " + s[0] + ", blocks at once = " + s[1]);
            }
        }
        long one = VmProver.heapForBlocksAtOnce(vm, trace, 1);
        assertTrue(VmProver.heapForBlocksAtOnce(vm, trace, 4) > one, "recursion_deep has several block proofs");
        String before = System.getProperty("vampvm.heapLimit");
        System.setProperty("vampvm.heapLimit", Long.toString(one));
        try {
            assertArrayEquals(reference, proveDirect(vm, trace, 2, 4), "four blocks asked for, the heap holds one");
        } finally {
            if (before == null) {
                System.clearProperty("vampvm.heapLimit");
            } else {
                System.setProperty("vampvm.heapLimit", before);
            }
        }
    }

    private static byte[] proveDirect(VmProgram vm, Trace trace, int threads, int blocks) {
        try (JavaBackend backend = new JavaBackend(threads)) {
            Random seeds = new Random(7);
            return VmProver.prove(vm, trace, backend, new VmProver.Options(cache, () -> new Random(seeds.nextLong()),
                    blocks), null).proof().toBytes();
        }
    }

    /** Every example in both modes (16 minutes on two cores shared with other work; passed at its commit). */
    @Test
    @Tag("slow")
    void everyExampleInBothModes() throws IOException {
        for (String name : new String[] {"alu", "bigint", "booleans", "branch", "compare", "compare32", "currying",
            "fib", "mimc", "range", "sha256"}) {
            staticSameBytes(name + ".pir", name + ".inputs.json");
        }
        for (String name : new String[] {"loop_small", "loop_large", "recursion_deep", "branchy", "mix"}) {
            vmSameBytes("vm/" + name + ".pir", "vm/" + name + ".small.inputs.json");
            vmSameBytes("vm/" + name + ".pir", "vm/" + name + ".medium.inputs.json");
        }
        vmSameBytes("fib.pir", "fib.inputs.json");
    }
}
