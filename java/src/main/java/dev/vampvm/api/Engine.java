package dev.vampvm.api;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.backend.cuda.CudaBackend;
import dev.vampvm.backend.cuda.GpuUnavailableException;
import java.util.List;
import java.util.Locale;

/**
 * Which engine does a proof's heavy work (MSM, NTT, IPA folding, element-wise vector work): every engine
 * produces the same proof bytes for the same randomness; only where the work runs differs. Never a silent
 * fall-back: asking for {@link #CUDA} on a machine without a usable GPU is an error that says why.
 */
public enum Engine {
    /** The pure-Java engine on the CPU's cores (the default). */
    JAVA,
    /** The CUDA engine on the first supported GPU (or {@code -Dvampvm.gpu.device=N}). */
    CUDA,
    /**
     * The CUDA engine's kernels run on the host by emulation, one thread after another (no GPU needed; far
     * slower than {@link #JAVA}): for checking the GPU engine's code on machines without a GPU.
     */
    CUDA_EMULATED;

    /** The name on the command line: java, cuda, cuda-emulated. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The engine named {@code s} ({@link #cliName}), or an IllegalArgumentException listing the names. */
    public static Engine parse(String s) {
        for (Engine e : values()) {
            if (e.cliName().equals(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + s + "' (java, cuda, cuda-emulated)");
    }

    /**
     * Opens the engine.
     *
     * @param threads worker threads of the Java engine, 0 for one per core (the CUDA engines ignore it)
     * @throws VampvmException of kind {@link VampvmException.Kind#NO_GPU} when the CUDA engine cannot run here
     */
    public Backend open(int threads) {
        try {
            return switch (this) {
                case JAVA -> threads > 0 ? new JavaBackend(threads) : new JavaBackend();
                case CUDA -> CudaBackend.open();
                case CUDA_EMULATED -> {
                    String why = CudaBackend.emulatorUnavailableReason();
                    if (why != null) {
                        throw new VampvmException(VampvmException.Kind.NO_GPU, why, List.of());
                    }
                    yield CudaBackend.openEmulated();
                }
            };
        } catch (GpuUnavailableException e) {
            throw new VampvmException(VampvmException.Kind.NO_GPU, e.getMessage(), List.of());
        }
    }
}
