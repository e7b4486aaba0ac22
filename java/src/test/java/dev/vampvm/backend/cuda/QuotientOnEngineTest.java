package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.AdviceColumn;
import dev.vampvm.plonk.Assignment;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Expression;
import dev.vampvm.plonk.Selector;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.prover.TestCircuits;
import dev.vampvm.plonk.verifier.Verifier;
import dev.vampvm.testing.Emulator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quotient on the CUDA engine (emulated): the committed polynomials' evaluations on the extended coset are computed
 * where their coefficients are and read there by the constraint program; none of them comes back to the host, nor
 * does any polynomial of the multipoint opening. A device that records every copy to the host sits between the engine
 * and the emulator. A constraint program that needs more registers than a GPU thread holds still proves, on the host,
 * with the evaluations brought back as it needs them.
 * Either way the proof is byte for byte the Java engine's.
 */
class QuotientOnEngineTest {
    private static final int K = 5;

    /**
     * The emulator, recording the size of every copy to and from the host, and every kernel launched, since the last
     * {@link #reset}.
     */
    private static final class RecordingDevice extends ForwardingDevice {
        final List<Long> toHost = new ArrayList<>();
        final List<Long> toDevice = new ArrayList<>();
        final List<String> kernels = new ArrayList<>();

        RecordingDevice(DeviceApi inner) {
            super(inner);
        }

        void reset() {
            toHost.clear();
            toDevice.clear();
            kernels.clear();
        }

        @Override
        public void launch(String kernel, int grid, int block, Object[] args) {
            kernels.add(kernel);
            super.launch(kernel, grid, block, args);
        }

        long count(List<Long> copies, long bytes) {
            return copies.stream().filter(b -> b == bytes).count();
        }

        @Override
        public void copyHtoD(Address dst, long[] src, int srcIndex, long bytes, String what) {
            if (!what.equals("folded generators")) {
                toDevice.add(bytes);
            }
            super.copyHtoD(dst, src, srcIndex, bytes, what);
        }

        @Override
        public void copyDtoH(long[] dst, int dstIndex, Address src, long bytes, String what) {
            // The IPA's small folds go to the host (DeviceGeneratorFolding.foldOnHost): points, whatever their byte count.
            if (!what.startsWith("generators to fold")) {
                toHost.add(bytes);
            }
            super.copyDtoH(dst, dstIndex, src, bytes, what);
        }

        @Override
        public void copyDtoH(int[] dst, int dstIndex, Address src, long bytes, String what) {
            toHost.add(bytes);
            super.copyDtoH(dst, dstIndex, src, bytes, what);
        }
    }

    /**
     * One advice column read by a gate of two constraints, each a sum of the same 70 multiples of it, in opposite
     * orders: all 70 are computed for the first and live until the second has used them, more registers than a GPU
     * thread holds (PointProgram.MAX_SLOTS). Both sums are identically zero, so every witness satisfies them.
     */
    record Wide() implements Circuit<Wide.Config> {
        static final int TERMS = 70;

        record Config(AdviceColumn a, Selector s) {
        }

        @Override
        public Config configure(ConstraintSystem.Builder cs) {
            AdviceColumn a = cs.adviceColumn("a");
            Selector s = cs.selector("s");
            List<Expression> terms = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < TERMS; i++) {
                terms.add(a.cur().scale(i + 2));
                total += i + 2;
            }
            Expression forward = Expression.sum(terms).sub(a.cur().scale(total));
            Expression backward = Expression.sum(terms.reversed()).sub(a.cur().scale(total));
            cs.createGate("wide", s.expr().mul(forward), s.expr().mul(backward));
            return new Config(a, s);
        }

        @Override
        public void synthesize(Config k, Assignment t) {
            for (int i = 0; i < 6; i++) {
                t.assignAdvice(k.a(), i, Fp.of(3L * i + 1));
                t.enableSelector(k.s(), i);
            }
        }
    }

    @BeforeEach
    void emulatorAvailable() {
        Emulator.assumeAvailable();
    }

    private static byte[] proveOnJava(Circuit<?> circuit, List<List<Fp>> instances) {
        try (JavaBackend java = new JavaBackend(2); IpaParams params = IpaParams.setup(java, K);
                ProvingKey pk = Keygen.keygen(params, circuit, K)) {
            byte[] proof = Prover.prove(params, pk, circuit, instances, new SplittableRandom(11));
            assertTrue(Verifier.verify(params, pk.verifyingKey(), instances, proof), "the Java proof verifies");
            return proof;
        }
    }

    /**
     * How many copies of one column's evaluations on the extended coset (2^j·n points) went each way, and how many
     * copies of n elements (a polynomial's coefficients, a column over H) came to the host while proving.
     */
    record ColumnCopies(long keygenToHost, long keygenToDevice, long proofToHost, long proofToDevice,
            long proofPolynomialsToHost, long proofPolynomialsToDevice) {
    }

    /**
     * Makes the keys and proves on the recording emulated engine, and counts the copies that had the size of one
     * column's evaluations on the extended coset (2^j·n points), during keygen and during the proof. Nothing else a
     * proof moves has that size: the multipoint opening's polynomials and the columns over H have n points, the
     * quotient's coefficients past its pieces (checked to be zero) fewer than 2^j·n, and the MSM's window sums 96 bytes
     * times the window count, never a power of two; the IPA's small folds, done on the host, move generators (64 bytes
     * a point, so n/2 of them are the size of a polynomial) and are left out. The copies of n points while proving are
     * counted too, both ways.
     */
    private static ColumnCopies columnCopies(Circuit<?> circuit, List<List<Fp>> instances) {
        RecordingDevice device = new RecordingDevice(EmulatedDevice.open());
        try (Backend cuda = new CudaBackend(device); IpaParams params = IpaParams.setup(cuda, K)) {
            device.reset();
            try (ProvingKey pk = Keygen.keygen(params, circuit, K)) {
                assertTrue(pk.extendedDomain().extensionLog() > 0, "an extended coset larger than H");
                long column = 32L * pk.extendedDomain().extended().size();
                long polynomial = 32L * params.size();
                long keygenDown = device.count(device.toHost, column);
                long keygenUp = device.count(device.toDevice, column);
                device.reset();
                byte[] proof = Prover.prove(params, pk, circuit, instances, new SplittableRandom(11));
                assertArrayEquals(proveOnJava(circuit, instances), proof, "the engines' proofs differ");
                assertTrue(!device.toHost.isEmpty() && !device.toDevice.isEmpty(),
                        "the recording device saw the proof's copies");
                return new ColumnCopies(keygenDown, keygenUp, device.count(device.toHost, column),
                        device.count(device.toDevice, column), device.count(device.toHost, polynomial),
                        device.count(device.toDevice, polynomial));
            }
        }
    }

    /** The copies to the host while proving (see {@link #columnCopies}). */
    private static long columnsDownloadedWhileProving(Circuit<?> circuit, List<List<Fp>> instances) {
        return columnCopies(circuit, instances).proofToHost();
    }

    /**
     * Neither keygen nor the proof moves a column's evaluations on the extended coset in either direction: the proving
     * key's fixed and σ columns, its selectors and coset points, and the instance columns are made on the engine from
     * their coefficients (or as powers), as the committed polynomials are. Nor does a polynomial of n coefficients come
     * back to the host while proving: the multipoint opening divides each point set's q_S on the engine. What goes up
     * as n points is the witness: the advice columns and each lookup's permuted columns A′ and S′, made on the host;
     * an instance column goes up as its public values only, its zeros filled there.
     */
    @Test
    void noColumnsEvaluationsOnTheExtendedCosetCrossEitherWayNorPolynomialsComeBack() {
        TestCircuits.Fibonacci permutation = new TestCircuits.Fibonacci(20);
        TestCircuits.RangeCheck lookups = new TestCircuits.RangeCheck(new long[] {0, 3, 3, 15, 7, 1, 1, 1, 9});
        TestCircuits.Degree5 quartic = new TestCircuits.Degree5(10);
        assertEquals(new ColumnCopies(0, 0, 0, 0, 0, witnessColumns(permutation)),
                columnCopies(permutation, permutation.instances()), "permutation, instance columns");
        assertEquals(new ColumnCopies(0, 0, 0, 0, 0, witnessColumns(lookups)), columnCopies(lookups, List.of()),
                "lookups");
        assertEquals(new ColumnCopies(0, 0, 0, 0, 0, witnessColumns(quartic)),
                columnCopies(quartic, quartic.instances()), "degree 5");
    }

    /** The columns of n points a proof of the circuit uploads: its advice columns, and A′ and S′ per lookup. */
    private static long witnessColumns(Circuit<?> circuit) {
        ConstraintSystem cs = Synthesis.configure(circuit);
        return cs.numAdviceColumns() + 2L * cs.lookups().size();
    }

    /**
     * The proving key keeps its fixed, σ and selector columns on the extended coset, and its fixed and σ columns over
     * H, on the engine (made by the first proof), so later proofs transform only their own columns there: the same
     * proof bytes with fewer NTT launches than with a key that keeps the coefficients only
     * ({@code -Dvampvm.prover.keepKeyColumns=false}), which every proof transforms.
     */
    @Test
    void theKeysColumnsOnTheExtendedCosetAreMadeOnceWhereKept() {
        TestCircuits.Fibonacci circuit = new TestCircuits.Fibonacci(20);
        byte[] expected = proveOnJava(circuit, circuit.instances());
        long[] nttLaunches = new long[2];
        for (int run = 0; run < 2; run++) {
            String before = System.getProperty("vampvm.prover.keepKeyColumns");
            if (run == 1) {
                System.setProperty("vampvm.prover.keepKeyColumns", "false");
            }
            RecordingDevice device = new RecordingDevice(EmulatedDevice.open());
            try (Backend cuda = new CudaBackend(device); IpaParams params = IpaParams.setup(cuda, K);
                    ProvingKey pk = Keygen.keygen(params, circuit, K)) {
                byte[] first = Prover.prove(params, pk, circuit, circuit.instances(), new SplittableRandom(11));
                assertArrayEquals(expected, first, run == 0 ? "keeping" : "not kept");
                ConstraintSystem cs = pk.verifyingKey().constraintSystem();
                long columns = cs.numFixedColumns() + cs.permutationColumns().size(); // fixed and σ
                long keptBytes = 32L * pk.extendedDomain().extended().size() * (columns + 3) // and the selectors
                        + 32L * pk.domain().size() * columns; // over H
                assertEquals(run == 0 ? 0 : keptBytes, pk.bytesToKeepOnEngine(cuda), "what is left to keep");
                device.reset();
                assertArrayEquals(expected, Prover.prove(params, pk, circuit, circuit.instances(),
                        new SplittableRandom(11)), run == 0 ? "kept" : "not kept");
                nttLaunches[run] = device.kernels.stream().filter(name -> name.contains("ntt")).count();
            } finally {
                if (before == null) {
                    System.clearProperty("vampvm.prover.keepKeyColumns");
                } else {
                    System.setProperty("vampvm.prover.keepKeyColumns", before);
                }
            }
        }
        assertTrue(nttLaunches[0] < nttLaunches[1], "NTT launches with the columns kept " + nttLaunches[0]
                + ", without " + nttLaunches[1]);
    }

    @Test
    void aProgramNeedingMoreRegistersThanAGpuThreadHoldsProvesOnTheHost() {
        // The program's sources come back as the host's program reads them (and the recording sees it): the advice
        // column, the selector's fixed column and l_active, all three made on the engine.
        assertEquals(3, columnsDownloadedWhileProving(new Wide(), List.of()));
    }
}
