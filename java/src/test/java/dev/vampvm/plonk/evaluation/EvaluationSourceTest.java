package dev.vampvm.plonk.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.backend.cuda.CudaBackend;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.poly.ExtendedDomain;
import dev.vampvm.testing.Emulator;
import dev.vampvm.testing.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sources of a constraint program: a committed polynomial's evaluations on the extended coset are the same whether
 * the host asks for them (the Java engine's transform that skips the zero half) or the engine writes them into a slice
 * of its sources vector (the coefficients zero-padded in place, whatever the slice held); sources are shared by
 * identity.
 */
class EvaluationSourceTest {
    private static final MontgomeryField F = Fp.FIELD;

    private static long[] random(SplittableRandom rng, int n) {
        long[] v = new long[4 * n];
        for (int i = 0; i < n; i++) {
            F.random(rng, v, 4 * i);
        }
        return v;
    }

    /** A polynomial with the given coefficients on a backend; the commitment is no part of what is tested. */
    private static CommittedPolynomial polynomial(Backend backend, long[] coeffs) {
        return new CommittedPolynomial(backend.upload(F, coeffs, 0, coeffs.length / 4), new long[4], new long[8],
                new byte[32]);
    }

    /** The Java engine, and the emulated CUDA engine where libvampvm_native.so was built (the caller closes them). */
    private static Backend[] engines() {
        return CudaBackend.emulatorUnavailableReason() == null
                ? new Backend[] {new JavaBackend(1), CudaBackend.openEmulated()}
                : new Backend[] {new JavaBackend(1)};
    }

    /** Writes the source into the middle of a vector full of junk, as into its slice of the sources vector. */
    private static long[] writtenAmidJunk(Backend backend, EvaluationSource source, long[] junk) {
        int size = source.size();
        try (ScalarVector all = backend.allocate(F, 3 * size)) {
            backend.fill(all, junk);
            source.writeTo(all.slice(size, 2 * size));
            long[] out = backend.download(all);
            for (int i = 0; i < size; i++) {
                assertArrayEquals(junk, java.util.Arrays.copyOfRange(out, 4 * i, 4 * i + 4), "before the slice");
                assertArrayEquals(junk, java.util.Arrays.copyOfRange(out, 4 * (2 * size + i), 4 * (2 * size + i) + 4),
                        "after the slice");
            }
            return java.util.Arrays.copyOfRange(out, 4 * size, 8 * size);
        }
    }

    private static void sameOnEveryPath(Backend engine, SplittableRandom rng) {
        for (int degree : new int[] {2, 3, 5, 9}) {
            EvaluationDomain domain = EvaluationDomain.of(F, 4);
            ExtendedDomain extended = ExtendedDomain.of(domain, degree);
            long[] coeffs = random(rng, domain.size());
            long[] expected = extended.coeffToExtended(coeffs);
            long[] junk = random(rng, 1);
            try (JavaBackend java = new JavaBackend(1);
                    CommittedPolynomial onJava = polynomial(java, coeffs);
                    CommittedPolynomial onEngine = polynomial(engine, coeffs)) {
                EvaluationSource host = onJava.onExtendedCoset(extended);
                EvaluationSource device = onEngine.onExtendedCoset(extended);
                assertEquals(extended.extended().size(), device.size());
                assertArrayEquals(expected, host.onHost(), "degree " + degree + ": the host's transform");
                assertArrayEquals(expected, device.onHost(), "degree " + degree + ": the engine's, downloaded");
                assertArrayEquals(expected, writtenAmidJunk(engine, device, junk),
                        "degree " + degree + ": written into a slice on the engine");
                assertArrayEquals(expected, writtenAmidJunk(java, host, junk),
                        "degree " + degree + ": written into a slice on the Java engine");
            }
        }
    }

    @Test
    void aCommittedPolynomialsCosetEvaluationsAreTheSameOnTheHostAndWrittenOnTheJavaEngine() {
        try (JavaBackend java = new JavaBackend(2)) {
            sameOnEveryPath(java, Seeds.rng("EvaluationSourceTest.java"));
        }
    }

    @Test
    void andOnTheEmulatedCudaEngine() {
        Emulator.assumeAvailable();
        try (CudaBackend cuda = CudaBackend.openEmulated()) {
            sameOnEveryPath(cuda, Seeds.rng("EvaluationSourceTest.cuda"));
        }
    }

    @Test
    void aHostArrayIsUploadedAsItIs() {
        SplittableRandom rng = Seeds.rng("EvaluationSourceTest.host");
        long[] values = random(rng, 8);
        EvaluationSource source = EvaluationSource.of(values);
        assertSame(values, source.onHost());
        try (JavaBackend java = new JavaBackend(1)) {
            assertArrayEquals(values, writtenAmidJunk(java, source, random(rng, 1)));
        }
    }

    /**
     * A host array with zeros after its first points (an instance column): the points written are the array's, with
     * the zeros made by the engine over whatever the destination held; the same array through a program builder
     * keeps the source it came with.
     */
    @Test
    void aHostArrayWithTrailingZerosWritesThemWithoutUploadingThem() {
        SplittableRandom rng = Seeds.rng("EvaluationSourceTest.trailingZeros");
        long[] values = new long[4 * 16];
        System.arraycopy(random(rng, 3), 0, values, 0, 12);
        for (Backend backend : engines()) {
            try (backend) {
                for (int nonZero : new int[] {0, 3, 16}) {
                    long[] column = new long[4 * 16];
                    System.arraycopy(random(rng, nonZero), 0, column, 0, 4 * nonZero);
                    EvaluationSource source = EvaluationSource.of(column, nonZero);
                    assertSame(column, source.onHost());
                    assertArrayEquals(column, writtenAmidJunk(backend, source, random(rng, 1)),
                            backend.name() + ", " + nonZero + " uploaded");
                }
            }
        }
        EvaluationSource prefix = EvaluationSource.of(values, 3);
        ProgramBuilder pb = new ProgramBuilder();
        int id = pb.source(prefix);
        assertEquals(id, pb.source(values), "one array, one source");
        pb.output(pb.load(id, 0));
        assertSame(prefix, pb.build(4, 1).sources().get(id), "the source first given, with its zeros");
        assertThrows(IllegalArgumentException.class, () -> EvaluationSource.of(values, 17));
        assertThrows(IllegalArgumentException.class, () -> EvaluationSource.of(values, -1));
    }

    @Test
    void aVectorOfTheWrongSizeOrARaggedArrayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EvaluationSource.of(new long[6]));
        EvaluationDomain domain = EvaluationDomain.of(F, 3);
        ExtendedDomain extended = ExtendedDomain.of(domain, 3);
        try (JavaBackend java = new JavaBackend(1);
                CommittedPolynomial p = polynomial(java, new long[4 * domain.size()]);
                ScalarVector small = java.allocate(F, domain.size())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.onExtendedCoset(extended).writeTo(small));
            assertTrue(e.getMessage().contains("a source of 16 points written to a vector of 8"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> EvaluationSource.of(new long[4 * 4]).writeTo(small));
        }
    }

    /** Values over H from coefficients on the engine (the permutation's columns on a GPU): the domain's NTT, in place. */
    @Test
    void valuesOverHAreTheNttOfTheCoefficientsOnEveryEngine() {
        SplittableRandom rng = Seeds.rng("EvaluationSourceTest.overH");
        EvaluationDomain domain = EvaluationDomain.of(F, 5);
        long[] coeffs = random(rng, domain.size());
        long[] expect = coeffs.clone();
        domain.ntt(expect);
        for (Backend backend : engines()) {
            try (backend; ScalarVector c = backend.upload(F, coeffs, 0, domain.size());
                    ScalarVector out = backend.allocate(F, domain.size())) {
                EvaluationSource values = EvaluationSource.overH(c, domain);
                values.writeTo(out);
                assertArrayEquals(expect, backend.download(out), backend.name());
                assertArrayEquals(expect, values.onHost(), backend.name() + " on the host");
                assertArrayEquals(coeffs, backend.download(c), backend.name() + ": the coefficients are left as they were");
                assertThrows(IllegalArgumentException.class, () -> values.writeTo(out.slice(0, 8)));
                assertThrows(IllegalArgumentException.class,
                        () -> EvaluationSource.overH(c.slice(0, 16), domain));
            }
        }
    }

    @Test
    void aSourceReadAtSeveralRotationsIsOneSource() {
        EvaluationDomain domain = EvaluationDomain.of(F, 2);
        ExtendedDomain extended = ExtendedDomain.of(domain, 3);
        try (JavaBackend java = new JavaBackend(1);
                CommittedPolynomial p = polynomial(java, new long[4 * domain.size()])) {
            ProgramBuilder pb = new ProgramBuilder();
            EvaluationSource z = p.onExtendedCoset(extended);
            long[] fixed = new long[4 * extended.extended().size()];
            int sum = pb.add(pb.add(pb.load(z, 0), pb.load(z, 1)), pb.add(pb.load(fixed, 0), pb.load(fixed, -1)));
            pb.output(pb.add(sum, pb.load(p.onExtendedCoset(extended), 0)));
            Program program = pb.build(extended.extended().k(), 2);
            assertEquals(3, program.sources().size(), "z, the fixed column, and the second source of p");
            assertSame(z, program.sources().get(0));
            assertSame(fixed, program.sources().get(1).onHost());
        }
    }
}
