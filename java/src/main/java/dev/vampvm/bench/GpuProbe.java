package dev.vampvm.bench;

import java.util.ServiceLoader;

/**
 * Asks the machine which GPUs it has, for the environment of a benchmark result. The bench package has no GPU
 * code: the GPU engine provides a probe (through NVML) and registers it as a service in
 * {@code META-INF/services/dev.vampvm.bench.GpuProbe}; without one, every result says "GPU: none".
 */
@FunctionalInterface
public interface GpuProbe {

    /** The machine's GPUs; {@link GpuInfo#none} with the reason when there is none or the driver cannot be read. */
    GpuInfo probe();

    /** A probe that always says there is no GPU. */
    GpuProbe NONE = () -> GpuInfo.NONE;

    /** The registered probe, or {@link #NONE} when no GPU engine registered one. */
    static GpuProbe installed() {
        return ServiceLoader.load(GpuProbe.class).findFirst().orElse(NONE);
    }
}
