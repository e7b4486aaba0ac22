package dev.vampvm.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vampvm.backend.cuda.CudaBackend;

/** For tests that run the CUDA engine on the kernel emulator: skip them, with the reason, where it was not built. */
public final class Emulator {
    private Emulator() {
    }

    /** Skips the calling test unless the kernel emulator (native/, built by CMake) can be loaded. */
    public static void assumeAvailable() {
        String why = CudaBackend.emulatorUnavailableReason();
        assumeTrue(why == null, () -> "kernel emulator not available: " + why);
    }
}
