package dev.vampvm.cli;

import dev.vampvm.backend.cuda.GpuProbe;

/**
 * The one answer to "can vampvm use a GPU here, and if not, why": {@code vampvm devices} prints it, and
 * {@code prove --gpu} reports it (exit 4) rather than falling back to the CPU. Both read {@link GpuProbe}.
 */
final class GpuDiagnosis {

    /** Exit code of a command that needs a GPU and cannot have one. */
    static final int EXIT_NO_GPU = 4;

    private GpuDiagnosis() {
    }

    /**
     * Why {@code prove --gpu} cannot run, in one line: the probe's reason when there is no usable GPU; when
     * there is one, that the prover does not run on the CUDA engine yet (the engine exists and is tested, the
     * prover still takes the Java engine).
     */
    static String whyProveCannotUseTheGpu() {
        GpuProbe.Result r = GpuProbe.probe();
        String tail = "; run without --gpu to prove on the CPU";
        if (!r.usable()) {
            return r.reason() + tail;
        }
        GpuProbe.Device d = r.devices().stream().filter(GpuProbe.Device::supported).findFirst().orElseThrow();
        return "found GPU " + d.index() + " (" + d.name() + "), but the prover does not run on the CUDA engine yet"
                + tail;
    }
}
