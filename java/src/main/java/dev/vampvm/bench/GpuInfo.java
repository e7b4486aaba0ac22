package dev.vampvm.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The GPUs of the machine a result came from, as a {@link GpuProbe} reports them. A run without a GPU (or without
 * a GPU engine to ask) says so: {@link #NONE}.
 *
 * @param devices       the devices, in the driver's order; empty when there is none
 * @param driverVersion the NVIDIA driver's version, "" when unknown
 * @param note          why there are no devices or what could not be read, "" when nothing to say
 */
public record GpuInfo(List<Device> devices, String driverVersion, String note) {

    /** No GPU (or none that vampvm can see). */
    public static final GpuInfo NONE = new GpuInfo(List.of(), "", "");

    /**
     * One device.
     *
     * @param name              e.g. "NVIDIA H100 80GB HBM3"
     * @param memoryBytes       total device memory, 0 when unknown
     * @param computeCapability e.g. "9.0", "" when unknown
     */
    public record Device(String name, long memoryBytes, String computeCapability) {
    }

    public GpuInfo {
        devices = List.copyOf(devices);
    }

    /** No device, and why (e.g. "NVML not found"). */
    public static GpuInfo none(String why) {
        return new GpuInfo(List.of(), "", why);
    }

    public boolean present() {
        return !devices.isEmpty();
    }

    /** One line: "none", or "1 × NVIDIA H100 80GB HBM3 (79.6 GiB, compute 9.0); driver 550.54". */
    public String describe() {
        if (!present()) {
            return note.isEmpty() ? "none" : "none (" + note + ")";
        }
        String list = devices.stream().collect(Collectors.groupingBy(d -> d, java.util.LinkedHashMap::new,
                Collectors.counting())).entrySet().stream()
                .map(e -> e.getValue() + " × " + describe(e.getKey()))
                .collect(Collectors.joining(", "));
        return list + (driverVersion.isEmpty() ? "" : "; driver " + driverVersion) + (note.isEmpty() ? "" : "; " + note);
    }

    private static String describe(Device d) {
        String memory = d.memoryBytes() > 0
                ? String.format(Locale.ROOT, "%.1f GiB", d.memoryBytes() / (double) (1L << 30)) : "";
        String compute = d.computeCapability().isEmpty() ? "" : "compute " + d.computeCapability();
        String extra = memory.isEmpty() ? compute : compute.isEmpty() ? memory : memory + ", " + compute;
        return d.name() + (extra.isEmpty() ? "" : " (" + extra + ")");
    }
}
