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
     * One device, with its state when probed (clocks, temperature and power drift with load: results record them
     * before and after a run).
     *
     * @param name              e.g. "NVIDIA H100 80GB HBM3"
     * @param memoryBytes       total device memory, 0 when unknown
     * @param computeCapability e.g. "9.0", "" when unknown
     * @param smClockMhz        current SM clock, −1 when unknown
     * @param memoryClockMhz    current memory clock, −1 when unknown
     * @param temperatureC      GPU temperature, −1 when unknown
     * @param powerWatts        power draw, −1 when unknown
     */
    public record Device(String name, long memoryBytes, String computeCapability, int smClockMhz,
            int memoryClockMhz, int temperatureC, double powerWatts) {

        /** A device whose state was not read. */
        public Device(String name, long memoryBytes, String computeCapability) {
            this(name, memoryBytes, computeCapability, -1, -1, -1, -1);
        }

        /** "SM 1980 MHz, memory 2619 MHz, 41 °C, 72 W", or "" when nothing was read. */
        public String state() {
            List<String> parts = new java.util.ArrayList<>();
            if (smClockMhz >= 0) {
                parts.add("SM " + smClockMhz + " MHz");
            }
            if (memoryClockMhz >= 0) {
                parts.add("memory " + memoryClockMhz + " MHz");
            }
            if (temperatureC >= 0) {
                parts.add(temperatureC + " °C");
            }
            if (powerWatts >= 0) {
                parts.add(String.format(Locale.ROOT, "%.0f W", powerWatts));
            }
            return String.join(", ", parts);
        }
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

    /** One line per device with its state, e.g. "GPU 0: SM 1980 MHz, memory 2619 MHz, 41 °C, 72 W"; empty if none. */
    public List<String> states() {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            String st = devices.get(i).state();
            if (!st.isEmpty()) {
                out.add("GPU " + i + ": " + st);
            }
        }
        return out;
    }

    private static String describe(Device d) {
        String memory = d.memoryBytes() > 0
                ? String.format(Locale.ROOT, "%.1f GiB", d.memoryBytes() / (double) (1L << 30)) : "";
        String compute = d.computeCapability().isEmpty() ? "" : "compute " + d.computeCapability();
        String extra = memory.isEmpty() ? compute : compute.isEmpty() ? memory : memory + ", " + compute;
        return d.name() + (extra.isEmpty() ? "" : " (" + extra + ")");
    }
}
