package dev.vampvm.backend.cuda;

/** The CUDA engine cannot run here; the message says exactly why ({@link GpuProbe}). */
public final class GpuUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient GpuProbe.Problem problem;

    GpuUnavailableException(GpuProbe.Problem problem, String reason) {
        super(reason);
        this.problem = problem;
    }

    public GpuProbe.Problem problem() {
        return problem;
    }
}
