package dev.vampvm.backend.cuda;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-kernel times, with {@code -Dvampvm.cuda.profile=true}: the engine waits for every launch and adds the time from
 * the launch to its end to the kernel's line (name and geometry, so that sizes stay apart); the table goes to
 * standard error when the JVM exits. The wait after every launch removes the overlap of host work with the device's,
 * so the figures are for finding where a proof's device time goes, not for the proof's total.
 */
final class KernelProfile {
    static final boolean ENABLED = CudaBackend.booleanProperty("vampvm.cuda.profile", false);

    private static final Map<String, long[]> LINES = new ConcurrentHashMap<>();

    static {
        if (ENABLED) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> print(System.err), "vampvm-kernel-profile"));
        }
    }

    private KernelProfile() {
    }

    /** Adds one launch of {@code what} that took {@code nanos} from launch to end. */
    static void record(String what, long nanos) {
        long[] line = LINES.computeIfAbsent(what, k -> new long[2]);
        synchronized (line) {
            line[0]++;
            line[1] += nanos;
        }
    }

    /** The table, longest total first. */
    static void print(PrintStream out) {
        List<Map.Entry<String, long[]>> lines = new ArrayList<>(LINES.entrySet());
        lines.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        long all = lines.stream().mapToLong(e -> e.getValue()[1]).sum();
        out.printf(Locale.ROOT, "kernel profile (vampvm.cuda.profile: a wait after every launch), %.1f ms in all:%n",
                all / 1e6);
        out.printf(Locale.ROOT, "%12s %8s %12s  %s%n", "total ms", "launches", "mean us", "kernel<<<grid, block>>>");
        for (Map.Entry<String, long[]> e : lines) {
            long[] v = e.getValue();
            out.printf(Locale.ROOT, "%12.3f %8d %12.1f  %s%n", v[1] / 1e6, v[0], v[1] / 1e3 / v[0], e.getKey());
        }
    }
}
