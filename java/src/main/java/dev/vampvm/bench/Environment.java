package dev.vampvm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The machine and build a benchmark result came from. A timing without its machine is not a result:
 * performance.md's figures hold only on the hardware named, so every report carries one of these.
 *
 * @param time           when the run started (UTC)
 * @param gitCommit      the commit of the source tree, "unknown" outside a git checkout
 * @param gitDirty       whether tracked files differed from that commit (the numbers may not be its)
 * @param vampvmVersion  the jar's Implementation-Version, "dev" when run from classes
 * @param javaVmName     java.vm.name
 * @param javaVmVersion  java.vm.version
 * @param javaVendor     java.vendor
 * @param os             os.name, os.version and os.arch
 * @param cpuModel       the CPU's model name from /proc/cpuinfo, "unknown" where there is none
 * @param cores          processors available to the JVM
 * @param totalMemoryBytes physical memory, 0 when unknown
 * @param maxHeapBytes   the JVM's maximum heap
 * @param loadAverage    the system's one-minute load average when the run started, −1 when unknown: on a
 *                       shared machine, the first thing to look at when a number surprises
 * @param gpu            the GPUs, as the installed {@link GpuProbe} sees them ({@link GpuInfo#NONE} without one)
 * @param settings       the {@code vampvm.*} system properties the run was made under, by name (the engines'
 *                       switches, e.g. {@code -Dvampvm.cuda.fp52=all}), but for the commit's two, which are above,
 *                       and the checkout's path: two runs of one commit compare only under the same settings
 */
public record Environment(
        Instant time,
        String gitCommit,
        boolean gitDirty,
        String vampvmVersion,
        String javaVmName,
        String javaVmVersion,
        String javaVendor,
        String os,
        String cpuModel,
        int cores,
        long totalMemoryBytes,
        long maxHeapBytes,
        double loadAverage,
        GpuInfo gpu,
        Map<String, String> settings) {

    public Environment {
        settings = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(settings));
    }

    /** The version in the jar manifest, or "dev" when vampvm runs from a classes directory. */
    public static String runningVersion() {
        String v = Environment.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    /** Captures this JVM's environment; {@code sourceTree} is where git is asked for the commit. */
    public static Environment capture(Path sourceTree) {
        return capture(sourceTree, GpuProbe.installed());
    }

    /** Captures this JVM's environment, with the GPUs as {@code gpus} reports them. */
    public static Environment capture(Path sourceTree, GpuProbe gpus) {
        String[] git = gitState(sourceTree);
        return new Environment(
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                git[0],
                "dirty".equals(git[1]),
                runningVersion(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"),
                System.getProperty("java.vendor"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                cpuModel(readLines(Path.of("/proc/cpuinfo"))),
                Runtime.getRuntime().availableProcessors(),
                totalMemory(),
                Runtime.getRuntime().maxMemory(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                probe(gpus),
                settings(System.getProperties()));
    }

    /** Properties that are not settings: the source commit's two ({@link #gitState}) and bin/vampvm's checkout. */
    private static final java.util.Set<String> NOT_SETTINGS = java.util.Set.of("vampvm.sourceCommit",
            "vampvm.sourceDirty", "vampvm.home");

    /** The {@code vampvm.*} properties but {@link #NOT_SETTINGS}. */
    static Map<String, String> settings(java.util.Properties properties) {
        Map<String, String> m = new java.util.TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("vampvm.") && !NOT_SETTINGS.contains(name)) {
                m.put(name, properties.getProperty(name));
            }
        }
        return m;
    }

    /** A probe that fails (no driver, an old one) must not lose the run's results: the failure becomes the note. */
    private static GpuInfo probe(GpuProbe gpus) {
        try {
            return gpus.probe();
        } catch (RuntimeException | LinkageError e) {
            return GpuInfo.none("the GPU probe failed: " + e);
        }
    }

    /** Names this environment in results.jsonl: the UTC start time and the commit, e.g. "20261125-194700-fc98e49". */
    public String id() {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(time);
        String commit = gitCommit.length() > 7 ? gitCommit.substring(0, 7) : gitCommit;
        return stamp + "-" + commit;
    }

    /** The first "model name" in /proc/cpuinfo lines (x86), else "Model"/"Hardware" (ARM), else "unknown". */
    public static String cpuModel(List<String> cpuinfo) {
        for (String key : new String[] {"model name", "Model", "Hardware", "cpu model"}) {
            for (String line : cpuinfo) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    String value = line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                    if (!value.isEmpty()) {
                        return value;
                    }
                }
            }
        }
        return "unknown";
    }

    /**
     * The short commit and "dirty"/"clean", or "unknown" twice when git or the checkout is missing. A build run away
     * from its checkout (bench/gpu-run.sh, from a kit packed elsewhere, where the tree's git may be another commit's)
     * names its own: {@code -Dvampvm.sourceCommit=COMMIT} and {@code -Dvampvm.sourceDirty=true|false}.
     */
    private static String[] gitState(Path tree) {
        String given = System.getProperty("vampvm.sourceCommit");
        if (given != null && !given.isBlank()) {
            return new String[] {given.trim(), Boolean.getBoolean("vampvm.sourceDirty") ? "dirty" : "clean"};
        }
        String commit = run(tree, "git", "rev-parse", "--short=12", "HEAD");
        if (commit == null || commit.isEmpty()) {
            return new String[] {"unknown", "unknown"};
        }
        String status = run(tree, "git", "status", "--porcelain", "--untracked-files=no");
        return new String[] {commit, status == null ? "unknown" : status.isEmpty() ? "clean" : "dirty"};
    }

    private static String run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null; // no git: the commit is unknown, which the report says
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static long totalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return new ArrayList<>();
        }
    }

    /** The fields in report order, as label → printable value. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("time (UTC)", time.toString());
        m.put("git commit", gitCommit + (gitDirty ? " (uncommitted changes)" : ""));
        m.put("vampvm", vampvmVersion);
        m.put("JVM", javaVmName + " " + javaVmVersion + " (" + javaVendor + ")");
        m.put("OS", os);
        m.put("CPU", cpuModel);
        m.put("cores", Integer.toString(cores));
        m.put("memory", gib(totalMemoryBytes) + " total, " + gib(maxHeapBytes) + " max heap");
        m.put("load average at start", loadAverage < 0 ? "unknown"
                : String.format(java.util.Locale.ROOT, "%.2f (1 minute, over %d cores)", loadAverage, cores));
        m.put("GPU", gpu.describe());
        m.put("settings", settings.isEmpty() ? "defaults" : String.join(", ",
                settings.entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue()).toList()));
        gpu.states().forEach(st -> m.put("GPU state at start, " + st.substring(0, st.indexOf(':')),
                st.substring(st.indexOf(':') + 2)));
        return m;
    }

    private static String gib(long bytes) {
        return bytes <= 0 ? "unknown" : String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    /** This environment as a JSON object (environment.json). */
    public String toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id());
        o.put("time", time.toString());
        o.put("gitCommit", gitCommit);
        o.put("gitDirty", gitDirty);
        o.put("vampvmVersion", vampvmVersion);
        o.put("javaVmName", javaVmName);
        o.put("javaVmVersion", javaVmVersion);
        o.put("javaVendor", javaVendor);
        o.put("os", os);
        o.put("cpuModel", cpuModel);
        o.put("cores", cores);
        o.put("totalMemoryBytes", totalMemoryBytes);
        o.put("maxHeapBytes", maxHeapBytes);
        o.put("loadAverage", loadAverage);
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("summary", gpu.describe());
        g.put("driverVersion", gpu.driverVersion());
        g.put("note", gpu.note());
        g.put("devices", gpu.devices().stream().map(Environment::device).toList());
        o.put("gpu", g);
        o.put("settings", settings);
        return Json.pretty(o);
    }

    /** A device as JSON (environment.json, and the state after a run). */
    static Map<String, Object> device(GpuInfo.Device d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("memoryBytes", d.memoryBytes());
        m.put("computeCapability", d.computeCapability());
        m.put("smClockMhz", d.smClockMhz());
        m.put("memoryClockMhz", d.memoryClockMhz());
        m.put("temperatureC", d.temperatureC());
        m.put("powerWatts", d.powerWatts());
        return m;
    }

    /** Reads what {@link #toJson} wrote. */
    public static Environment fromJson(String json) {
        JsonNode o = Json.read(json);
        JsonNode g = o.path("gpu");
        List<GpuInfo.Device> devices = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>(); // absent in results written before 2026-11-27
        o.path("settings").properties().forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
        g.path("devices").forEach(d -> devices.add(new GpuInfo.Device(d.path("name").asText(),
                d.path("memoryBytes").asLong(), d.path("computeCapability").asText(), d.path("smClockMhz").asInt(-1),
                d.path("memoryClockMhz").asInt(-1), d.path("temperatureC").asInt(-1),
                d.path("powerWatts").asDouble(-1))));
        return new Environment(Instant.parse(o.path("time").asText()), o.path("gitCommit").asText(),
                o.path("gitDirty").asBoolean(), o.path("vampvmVersion").asText(), o.path("javaVmName").asText(),
                o.path("javaVmVersion").asText(), o.path("javaVendor").asText(), o.path("os").asText(),
                o.path("cpuModel").asText(), o.path("cores").asInt(), o.path("totalMemoryBytes").asLong(),
                o.path("maxHeapBytes").asLong(), o.path("loadAverage").asDouble(-1),
                new GpuInfo(devices, g.path("driverVersion").asText(""), g.path("note").asText("")), settings);
    }
}
