package dev.vampvm.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.api.ProgramProof;
import dev.vampvm.api.Verification;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.plonk.io.IncompatibleFileException;
import dev.vampvm.testing.Seeds;
import dev.vampvm.vm.VmProof;
import dev.vampvm.vm.VmVerifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The verifiers on mutated proofs of valid programs: {@code Program.check}/{@code verify} (static mode) and
 * {@link VmVerifier#verify} (VM mode) must answer "invalid", never throw, and never accept a mutant that changes
 * what the proof says. Half the mutants touch only the proof's tail (the transcript), where a decoder cannot tell.
 */
class VerifierFuzzTest {
    /** Mutants tried per verifier in the default run. */
    static final int DEFAULT_ITERATIONS = 150;
    private static final Duration PER_INPUT = Duration.ofSeconds(30);

    @Test
    void mutatedProofs() {
        run(Seeds.rng("VerifierFuzzTest.mutatedProofs"), DEFAULT_ITERATIONS);
    }

    @Test
    @Tag("slow")
    void mutatedProofsLong() {
        run(Seeds.rng("VerifierFuzzTest.mutatedProofsLong"), Fuzz.slowIterations());
    }

    static void run(SplittableRandom r, int iterations) {
        Artifacts a = Artifacts.get();
        assertTrue(a.pyth.verify(a.programProof, null), "the unmutated static proof verifies");
        int[] staticCounts = new int[3]; // tried, same meaning (skipped), accepted
        int[] vmCounts = new int[3];
        try (JavaBackend backend = new JavaBackend(2)) {
            assertTrue(VmVerifier.verify(a.fib.vm(), a.vmProof, null, backend, a.cache).valid(),
                    "the unmutated VM proof verifies");
            for (int i = 0; i < iterations; i++) {
                byte[] m = mutate(r, a.programProof);
                String what = "static mutant " + i;
                if (sameMeaning(m, a.programProof)) {
                    staticCounts[1]++;
                    continue;
                }
                staticCounts[0]++;
                boolean valid = assertTimeoutPreemptively(PER_INPUT, () -> {
                    try {
                        ProgramProof p;
                        try {
                            p = ProgramProof.fromBytes(m);
                        } catch (IncompatibleFileException refused) {
                            return a.pyth.verify(m, null);
                        }
                        Verification v = a.pyth.check(p, null, a.cache, 2);
                        assertEquals(v.valid(), a.pyth.verify(m, null));
                        return v.valid();
                    } catch (Throwable e) {
                        throw new AssertionError(what + ": " + e, e);
                    }
                });
                if (valid) {
                    staticCounts[2]++;
                    throw new AssertionError(what + " was accepted: " + Arrays.toString(m));
                }
            }
            for (int i = 0; i < iterations; i++) {
                byte[] m = mutate(r, a.vmProof);
                String what = "VM mutant " + i;
                if (sameVmProof(m, a.vmProof)) {
                    vmCounts[1]++;
                    continue;
                }
                vmCounts[0]++;
                boolean valid = assertTimeoutPreemptively(PER_INPUT, () -> {
                    try {
                        return VmVerifier.verify(a.fib.vm(), m, null, backend, a.cache).valid();
                    } catch (Throwable e) {
                        throw new AssertionError(what + ": " + e, e);
                    }
                });
                if (valid) {
                    vmCounts[2]++;
                    throw new AssertionError(what + " was accepted: " + Arrays.toString(m));
                }
            }
        }
        System.out.println("[fuzz] Program.check: " + staticCounts[0] + " mutants verified, " + staticCounts[2]
                + " accepted (" + staticCounts[1] + " left the proof's meaning unchanged and were skipped)");
        System.out.println("[fuzz] VmVerifier.verify: " + vmCounts[0] + " mutants verified, " + vmCounts[2]
                + " accepted (" + vmCounts[1] + " left the proof unchanged and were skipped)");
    }

    private static byte[] mutate(SplittableRandom r, byte[] valid) {
        if (r.nextBoolean()) {
            return Fuzz.mutateBytes(r, valid, null);
        }
        // A bit flip or byte overwrite in the last 90%: past the headers, into the values and the transcript.
        byte[] m = valid.clone();
        int at = valid.length / 10 + r.nextInt(valid.length - valid.length / 10);
        if (r.nextBoolean()) {
            m[at] ^= (byte) (1 << r.nextInt(8));
        } else {
            m[at] = (byte) r.nextInt(256);
        }
        return m;
    }

    /**
     * True if a static mutant reads as the same statement and proof: only the informational metadata (the program's
     * file name, the vampvm version) changed, which the verifier rightly ignores.
     */
    private static boolean sameMeaning(byte[] m, byte[] valid) {
        try {
            ProgramProof a = ProgramProof.fromBytes(m);
            ProgramProof b = ProgramProof.fromBytes(valid);
            return a.programSha256().equals(b.programSha256()) && a.circuit().equals(b.circuit()) && a.k() == b.k()
                    && a.publicNames().equals(b.publicNames()) && a.publicValues().equals(b.publicValues())
                    && Arrays.equals(a.proof().toBytes(), b.proof().toBytes());
        } catch (IncompatibleFileException e) {
            return false;
        }
    }

    private static boolean sameVmProof(byte[] m, byte[] valid) {
        try {
            return Arrays.equals(VmProof.fromBytes(m).toBytes(), valid);
        } catch (IncompatibleFileException e) {
            return false;
        }
    }

    /**
     * Trusted public values that are not numbers, or are out of range, make the verdict invalid. Found here: the VM
     * verifier let the number parser's IllegalArgumentException escape (the command line called it an internal error).
     */
    @Test
    void malformedTrustedPublicValuesAreInvalid() {
        Artifacts a = Artifacts.get();
        for (String bad : new String[] {"abc", "", "-", "0x", "1.5", "9".repeat(100_000),
            "28948022309329048855892746252171976963363056481941560715954676764349967630337"}) {
            Verification v = assertTimeoutPreemptively(PER_INPUT,
                    () -> a.fib.checkVm(a.vmProof, java.util.Map.of("r", bad), a.cache, 2));
            assertTrue(!v.valid() && v.reason().contains("public input 'r'"), v.reason());
            Verification s = assertTimeoutPreemptively(PER_INPUT, () -> a.pyth.check(
                    ProgramProof.fromBytes(a.programProof), java.util.Map.of("R", bad), a.cache, 2));
            assertTrue(!s.valid() && s.reason().contains("public input 'R'"), s.reason());
        }
    }
}
