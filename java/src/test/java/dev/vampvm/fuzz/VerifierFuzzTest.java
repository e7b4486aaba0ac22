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
        int[] staticCounts = new int[2]; // verified (and refused), same meaning (skipped)
        int[] vmCounts = new int[2];
        try (JavaBackend backend = new JavaBackend(2)) {
            assertTrue(VmVerifier.verify(a.fib.vm(), a.vmProof, null, backend, a.cache).valid(),
                    "the unmutated VM proof verifies");
            for (int i = 0; i < iterations; i++) {
                staticCounts[checkStatic(a, mutate(r, a.programProof), "static mutant " + i) ? 0 : 1]++;
            }
            for (int i = 0; i < iterations; i++) {
                vmCounts[checkVm(a, backend, mutate(r, a.vmProof), "VM mutant " + i) ? 0 : 1]++;
            }
        }
        System.out.println("[fuzz] Program.check: " + staticCounts[0] + " mutants verified, 0 accepted ("
                + staticCounts[1] + " left the proof's meaning unchanged and were skipped)");
        System.out.println("[fuzz] VmVerifier.verify: " + vmCounts[0] + " mutants verified, 0 accepted ("
                + vmCounts[1] + " left the proof unchanged and were skipped)");
    }

    /**
     * Verifies {@code m} as a static proof of the artifacts' Pythagoras program, through {@code Program.check} and
     * {@code Program.verify}: true if verified (and refused), false if skipped because it says what the valid proof
     * says. Fails if the verifiers accept it, disagree, throw, or take longer than the time limit.
     */
    static boolean checkStatic(Artifacts a, byte[] m, String what) {
        if (sameMeaning(m, a.programProof)) {
            return false;
        }
        assertRefused(m, what, () -> {
            ProgramProof p;
            try {
                p = ProgramProof.fromBytes(m);
            } catch (IncompatibleFileException refused) {
                return a.pyth.verify(m, null);
            }
            Verification v = a.pyth.check(p, null, a.cache, 2);
            assertEquals(v.valid(), a.pyth.verify(m, null));
            return v.valid();
        });
        return true;
    }

    /**
     * Verifies {@code m} as a VM proof of the artifacts' Fibonacci program: true if verified (and refused), false if
     * skipped because it re-encodes to the valid proof. Fails if it is accepted, throws or takes too long.
     */
    static boolean checkVm(Artifacts a, JavaBackend backend, byte[] m, String what) {
        if (sameVmProof(m, a.vmProof)) {
            return false;
        }
        assertRefused(m, what, () -> VmVerifier.verify(a.fib.vm(), m, null, backend, a.cache).valid());
        return true;
    }

    /** Runs a verifier on {@code m} under the time limit: it must answer, without throwing, and answer "invalid". */
    private static void assertRefused(byte[] m, String what, java.util.concurrent.Callable<Boolean> verify) {
        boolean valid = assertTimeoutPreemptively(PER_INPUT, () -> {
            try {
                return verify.call();
            } catch (Throwable e) {
                throw new AssertionError(what + ": " + e, e);
            }
        }, () -> what + ": no verdict within " + PER_INPUT);
        if (valid) {
            throw new AssertionError(what + " was accepted: " + Arrays.toString(m));
        }
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
