package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.plonk.keygen.ProvingKey;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.prover.TestCircuits;
import dev.vampvm.plonk.verifier.Verifier;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quotient on the CUDA engine (emulated): the committed polynomials' evaluations on the extended coset are computed
 * where their coefficients are and read there by the constraint program; none of them comes back to the host. A device
 * that records every copy to the host sits between the engine and the emulator. A constraint program that needs more
 * registers than a GPU thread holds still proves, on the host, with the evaluations brought back as it needs them.
 * Either way the proof is byte for byte the Java engine's.
 */
class QuotientOnEngineTest {
    private static final int K = 5;

    /** The emulator, recording the size of every copy to the host since the last {@link #reset}. */
    private static final class RecordingDevice implements DeviceApi {
        final DeviceApi inner;
        final List<Long> toHost = new ArrayList<>();

        RecordingDevice(DeviceApi inner) {
            this.inner = inner;
        }

        void reset() {
            toHost.clear();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public String description() {
            return inner.description();
        }

        @Override
        public long freeMemoryBytes() {
            return inner.freeMemoryBytes();
        }

        @Override
        public Allocation alloc(long bytes, String what) {
            return inner.alloc(bytes, what);
        }

        @Override
        public void free(Allocation a, long bytes) {
            inner.free(a, bytes);
        }

        @Override
        public void memsetZero(Allocation a, long bytes) {
            inner.memsetZero(a, bytes);
        }

        @Override
        public void copyHtoD(Address dst, long[] src, int srcIndex, long bytes, String what) {
            inner.copyHtoD(dst, src, srcIndex, bytes, what);
        }

        @Override
        public void copyDtoH(long[] dst, int dstIndex, Address src, long bytes, String what) {
            toHost.add(bytes);
            inner.copyDtoH(dst, dstIndex, src, bytes, what);
        }

        @Override
        public void copyDtoH(int[] dst, int dstIndex, Address src, long bytes, String what) {
            toHost.add(bytes);
            inner.copyDtoH(dst, dstIndex, src, bytes, what);
        }

        @Override
        public void copyDtoD(Address dst, Address src, long bytes, String what) {
            inner.copyDtoD(dst, src, bytes, what);
        }

        @Override
        public void launch(String kernel, int grid, int block, Object[] args) {
            inner.launch(kernel, grid, block, args);
        }

        @Override
        public void synchronize(String what) {
            inner.synchronize(what);
        }

        @Override
        public void close() {
            inner.close();
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
        String why = CudaBackend.emulatorUnavailableReason();
        assumeTrue(why == null, () -> "kernel emulator not available: " + why);
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
     * Proves on the recording emulated engine (keys made first: keygen brings the fixed and σ columns' evaluations to
     * the host for the proving key) and returns how many copies to the host while proving had the size of one column's
     * evaluations on the extended coset (2^j·n points). Nothing else a proof brings back has that size: the multipoint
     * opening's polynomials have n points, the quotient's coefficients past its pieces (checked to be zero) fewer than
     * 2^j·n, and the MSM's window sums 96 bytes times the window count, never a power of two.
     */
    private static long columnsDownloadedWhileProving(Circuit<?> circuit, List<List<Fp>> instances) {
        RecordingDevice device = new RecordingDevice(EmulatedDevice.open());
        try (Backend cuda = new CudaBackend(device); IpaParams params = IpaParams.setup(cuda, K);
                ProvingKey pk = Keygen.keygen(params, circuit, K)) {
            assertTrue(pk.extendedDomain().extensionLog() > 0, "an extended coset larger than H");
            device.reset();
            byte[] proof = Prover.prove(params, pk, circuit, instances, new SplittableRandom(11));
            assertArrayEquals(proveOnJava(circuit, instances), proof, "the engines' proofs differ");
            assertTrue(!device.toHost.isEmpty(), "the recording device saw the proof's copies to the host");
            long column = 32L * pk.extendedDomain().extended().size();
            return device.toHost.stream().filter(bytes -> bytes == column).count();
        }
    }

    @Test
    void noColumnsEvaluationsOnTheExtendedCosetComeBackToTheHost() {
        TestCircuits.Fibonacci permutation = new TestCircuits.Fibonacci(20);
        TestCircuits.RangeCheck lookups = new TestCircuits.RangeCheck(new long[] {0, 3, 3, 15, 7, 1, 1, 1, 9});
        TestCircuits.Degree5 quartic = new TestCircuits.Degree5(10);
        assertEquals(0, columnsDownloadedWhileProving(permutation, permutation.instances()), "permutation");
        assertEquals(0, columnsDownloadedWhileProving(lookups, List.of()), "lookups");
        assertEquals(0, columnsDownloadedWhileProving(quartic, quartic.instances()), "degree 5");
    }

    @Test
    void aProgramNeedingMoreRegistersThanAGpuThreadHoldsProvesOnTheHost() {
        // Its one advice column's evaluations come back, as the host's program reads them (and the recording sees it).
        assertEquals(1, columnsDownloadedWhileProving(new Wide(), List.of()));
    }
}
