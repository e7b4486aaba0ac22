package dev.vampvm.backend.cuda;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The device's own timeline, with {@code -Dvampvm.cuda.timeline=true}: a marker ({@link DeviceApi#mark}, a CUDA event)
 * recorded before and after every launch, copy and memset, and read back at the next wait the engine makes anyway (a
 * synchronisation, a copy back, the engine's close), so that each operation's device time and the device's idle time
 * between operations are known without a wait of its own, where {@link KernelProfile} waits after every launch. An idle
 * gap is time in which nothing was queued: the host had not yet asked for the next operation, being busy with its own
 * work or waiting for a result it needed. Recording costs the host two marker records an operation (microseconds
 * each).
 *
 * <p>The table ({@link Totals#print}) goes to standard error when the JVM exits: the span from the first operation's
 * start to the last one's end, split into busy and idle; each operation's device time (name and geometry, as
 * KernelProfile's); the idle time by the pair of operations around each gap, which says where the device waited for
 * the host. The idle gaps of a benchmark include those between its proofs (set-up, verification): read the pairs.
 */
final class DeviceTimeline extends ForwardingDevice {
    static final boolean ENABLED = CudaBackend.booleanProperty("vampvm.cuda.timeline", false);
    /** What every timeline of this JVM adds up to, printed at exit when {@link #ENABLED}. */
    static final Totals TOTALS = new Totals();
    /** Markers held unread at most: past it the timeline reads them (a wait of its own; a proof waits far sooner). */
    static final int MAX_PENDING = 1 << 15;

    static {
        if (ENABLED) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TOTALS.print(System.err), "vampvm-device-timeline"));
        }
    }

    private record Pending(String what, Marker start, Marker end) {
    }

    private final Totals totals;
    private final List<Pending> pending = new ArrayList<>();
    /** The last operation read: its end marker (kept for the next gap) and name. */
    private Marker lastEnd;
    private String lastWhat;

    DeviceTimeline(DeviceApi inner, Totals totals) {
        super(inner);
        this.totals = totals;
    }

    private void around(String what, Runnable operation) {
        Marker start = mark();
        try {
            operation.run();
        } catch (RuntimeException | Error e) {
            release(start);
            throw e;
        }
        pending.add(new Pending(what, start, mark()));
        if (pending.size() >= MAX_PENDING) {
            read();
        }
    }

    /** Reads every pending marker into the totals (waiting for the last), keeping the last end for the next gap. */
    private void read() {
        for (Pending p : pending) {
            double busy = elapsedMs(p.start(), p.end());
            totals.operation(p.what(), busy);
            if (lastEnd != null) {
                totals.gap(lastWhat, p.what(), Math.max(0, elapsedMs(lastEnd, p.start())));
                release(lastEnd);
            }
            release(p.start());
            lastEnd = p.end();
            lastWhat = p.what();
        }
        pending.clear();
    }

    @Override
    public void memsetZero(Allocation a, long bytes) {
        around("memset " + bytes + " bytes", () -> super.memsetZero(a, bytes));
    }

    @Override
    public void copyHtoD(Address dst, long[] src, int srcIndex, long bytes, String what) {
        around("copy to device: " + what, () -> super.copyHtoD(dst, src, srcIndex, bytes, what));
    }

    @Override
    public void copyDtoH(long[] dst, int dstIndex, Address src, long bytes, String what) {
        around("copy to host: " + what, () -> super.copyDtoH(dst, dstIndex, src, bytes, what));
        read();
    }

    @Override
    public void copyDtoH(int[] dst, int dstIndex, Address src, long bytes, String what) {
        around("copy to host: " + what, () -> super.copyDtoH(dst, dstIndex, src, bytes, what));
        read();
    }

    @Override
    public void copyDtoD(Address dst, Address src, long bytes, String what) {
        around("copy on device: " + what, () -> super.copyDtoD(dst, src, bytes, what));
    }

    @Override
    public void launch(String kernel, int grid, int block, Object[] args) {
        around(kernel + "<<<" + grid + ", " + block + ">>>", () -> super.launch(kernel, grid, block, args));
    }

    @Override
    public void synchronize(String what) {
        super.synchronize(what);
        read();
    }

    @Override
    public void close() {
        try {
            read();
            if (lastEnd != null) {
                release(lastEnd);
                lastEnd = null;
            }
        } finally {
            super.close();
        }
    }

    /** The sums over timelines: per operation and per gap between two operations, a count and milliseconds. */
    static final class Totals {
        private final Map<String, double[]> operations = new HashMap<>();
        private final Map<String, double[]> gaps = new HashMap<>();
        private double busy;
        private double idle;

        synchronized void operation(String what, double ms) {
            double[] line = operations.computeIfAbsent(what, k -> new double[2]);
            line[0]++;
            line[1] += ms;
            busy += ms;
        }

        synchronized void gap(String before, String after, double ms) {
            double[] line = gaps.computeIfAbsent(before + " -> " + after, k -> new double[3]);
            line[0]++;
            line[1] += ms;
            line[2] = Math.max(line[2], ms);
            idle += ms;
        }

        synchronized double busyMs() {
            return busy;
        }

        synchronized double idleMs() {
            return idle;
        }

        /** The operations' device time and count, by name. */
        synchronized Map<String, double[]> operations() {
            Map<String, double[]> copy = new HashMap<>();
            operations.forEach((k, v) -> copy.put(k, v.clone()));
            return copy;
        }

        /** The idle gaps' count, total and largest, by "before -> after". */
        synchronized Map<String, double[]> gaps() {
            Map<String, double[]> copy = new HashMap<>();
            gaps.forEach((k, v) -> copy.put(k, v.clone()));
            return copy;
        }

        /** The table: the span, then the {@code 40} longest operations and the {@code 40} largest idle pairs. */
        synchronized void print(PrintStream out) {
            out.printf(Locale.ROOT, "device timeline (vampvm.cuda.timeline: markers around every operation, no waits"
                    + " added): %.1f ms from the first operation to the last, busy %.1f ms, idle %.1f ms%n",
                    busy + idle, busy, idle);
            out.printf(Locale.ROOT, "%12s %8s %12s  %s%n", "device ms", "count", "mean us", "operation");
            for (Map.Entry<String, double[]> e : longest(operations)) {
                double[] v = e.getValue();
                out.printf(Locale.ROOT, "%12.3f %8d %12.1f  %s%n", v[1], (long) v[0], 1e3 * v[1] / v[0], e.getKey());
            }
            out.printf(Locale.ROOT, "%12s %8s %12s  %s%n", "idle ms", "count", "largest ms", "between");
            for (Map.Entry<String, double[]> e : longest(gaps)) {
                double[] v = e.getValue();
                out.printf(Locale.ROOT, "%12.3f %8d %12.3f  %s%n", v[1], (long) v[0], v[2], e.getKey());
            }
        }

        private static List<Map.Entry<String, double[]>> longest(Map<String, double[]> lines) {
            List<Map.Entry<String, double[]>> sorted = new ArrayList<>(lines.entrySet());
            sorted.sort((a, b) -> Double.compare(b.getValue()[1], a.getValue()[1]));
            return sorted.subList(0, Math.min(40, sorted.size()));
        }
    }
}
