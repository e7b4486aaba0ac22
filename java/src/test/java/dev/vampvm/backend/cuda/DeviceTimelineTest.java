package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vampvm.backend.ScalarVector;
import dev.vampvm.field.Fp;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.testing.Emulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code -Dvampvm.cuda.timeline=true}'s device timeline: each operation's time between its markers, the idle gaps by
 * the operations around them, read at the waits the engine makes anyway, every marker given back; on a device whose
 * clock the test moves, then on the emulated engine.
 */
class DeviceTimelineTest {

    /**
     * A device with a clock of its own: an operation takes the milliseconds {@link #next} says, and the host's work
     * between operations is {@link #host}; a marker is the clock when recorded. Counts the markers not given back.
     */
    private static class ClockDevice extends ForwardingDevice {
        private record At(double ms) implements Marker {
        }

        double clock;
        double next;
        int live;

        ClockDevice() {
            super(null);
        }

        void host(double ms) {
            clock += ms;
        }

        private void run() {
            clock += next;
        }

        @Override
        public Marker mark() {
            live++;
            return new At(clock);
        }

        @Override
        public double elapsedMs(Marker a, Marker b) {
            return ((At) b).ms() - ((At) a).ms();
        }

        @Override
        public void release(Marker m) {
            live--;
        }

        @Override
        public void launch(String kernel, int grid, int block, Object[] args) {
            run();
        }

        @Override
        public void copyHtoD(Address dst, long[] src, int srcIndex, long bytes, String what) {
            run();
        }

        @Override
        public void copyDtoH(long[] dst, int dstIndex, Address src, long bytes, String what) {
            run();
        }

        @Override
        public void synchronize(String what) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void operationsAndIdleGapsAddUpAndEveryMarkerIsGivenBack() {
        ClockDevice clock = new ClockDevice();
        DeviceTimeline.Totals totals = new DeviceTimeline.Totals();
        DeviceTimeline timeline = new DeviceTimeline(clock, totals);
        clock.next = 2;
        timeline.copyHtoD(null, new long[4], 0, 32, "32 bytes");
        clock.next = 5;
        timeline.launch("vv_a", 4, 128, new Object[0]);
        clock.host(3); // the device idle while the host works
        timeline.launch("vv_a", 4, 128, new Object[0]);
        assertEquals(0, totals.busyMs(), "nothing read before a wait");
        clock.next = 1;
        timeline.copyDtoH(new long[4], 0, null, 32, "result");
        assertEquals(13, totals.busyMs(), 1e-9);
        assertEquals(3, totals.idleMs(), 1e-9);
        clock.host(7);
        clock.next = 4;
        timeline.launch("vv_b", 1, 32, new Object[0]);
        timeline.synchronize("vv_b");
        timeline.close();
        assertEquals(0, clock.live, "every marker given back");
        assertEquals(17, totals.busyMs(), 1e-9);
        assertEquals(10, totals.idleMs(), 1e-9);
        Map<String, double[]> ops = totals.operations();
        assertArrayEquals(new double[] {2, 10}, ops.get("vv_a<<<4, 128>>>"), 1e-9);
        assertArrayEquals(new double[] {1, 2}, ops.get("copy to device: 32 bytes"), 1e-9);
        assertArrayEquals(new double[] {1, 1}, ops.get("copy to host: result"), 1e-9);
        assertArrayEquals(new double[] {1, 4}, ops.get("vv_b<<<1, 32>>>"), 1e-9);
        Map<String, double[]> gaps = totals.gaps();
        assertArrayEquals(new double[] {1, 3, 3}, gaps.get("vv_a<<<4, 128>>> -> vv_a<<<4, 128>>>"), 1e-9);
        assertArrayEquals(new double[] {1, 7, 7}, gaps.get("copy to host: result -> vv_b<<<1, 32>>>"), 1e-9);
        assertArrayEquals(new double[] {1, 0, 0}, gaps.get("copy to device: 32 bytes -> vv_a<<<4, 128>>>"), 1e-9);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        totals.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("27.0 ms from the first operation to the last, busy 17.0 ms, idle 10.0 ms"), table);
        assertTrue(table.contains("      10.000        2       5000.0  vv_a<<<4, 128>>>"), table);
        assertTrue(table.contains("       7.000        1        7.000  copy to host: result -> vv_b<<<1, 32>>>"),
                table);
        assertTrue(table.indexOf("vv_a<<<4, 128>>>") < table.indexOf("vv_b<<<1, 32>>>"), "longest first: " + table);
    }

    @Test
    void aFailedOperationGivesItsMarkerBackAndIsNotCounted() {
        ClockDevice clock = new ClockDevice() {
            @Override
            public void launch(String kernel, int grid, int block, Object[] args) {
                throw new IllegalStateException("launch failed: " + kernel);
            }
        };
        DeviceTimeline.Totals totals = new DeviceTimeline.Totals();
        DeviceTimeline timeline = new DeviceTimeline(clock, totals);
        assertThrows(IllegalStateException.class, () -> timeline.launch("vv_bad", 1, 32, new Object[0]));
        timeline.close();
        assertEquals(0, clock.live);
        assertTrue(totals.operations().isEmpty());
    }

    /** On the emulated engine: a transform and a copy back show as operations. */
    @Test
    void theEmulatedEnginesOperationsAreTimed() {
        Emulator.assumeAvailable();
        transformAndRead(EmulatedDevice.open(), 8);
    }

    /** On a GPU: the same through CUDA events, at 2^16, twice (the second time on markers given back). */
    @Test
    @Tag("gpu")
    void aGpusOperationsAreTimedByEvents() {
        GpuProbe.Result r = GpuProbe.probe();
        assumeTrue(r.usable(), () -> "no usable GPU: " + r.reason());
        transformAndRead(CudaBackend.openDevice(), 16);
    }

    private static void transformAndRead(DeviceApi device, int k) {
        DeviceTimeline.Totals totals = new DeviceTimeline.Totals();
        int n = 1 << k;
        long[] values = new long[4 * n];
        for (int i = 0; i < n; i++) {
            Fp.of(i + 1).copyInto(values, 4 * i);
        }
        try (CudaBackend cuda = new CudaBackend(new DeviceTimeline(device, totals))) {
            for (int round = 0; round < 2; round++) {
                try (ScalarVector v = cuda.upload(Fp.FIELD, values, 0, n)) {
                    cuda.ntt(EvaluationDomain.of(Fp.FIELD, k), v);
                    cuda.intt(EvaluationDomain.of(Fp.FIELD, k), v);
                    assertArrayEquals(values, cuda.download(v), "the transforms undone");
                }
            }
        }
        Map<String, double[]> ops = totals.operations();
        assertTrue(ops.keySet().stream().anyMatch(o -> o.startsWith("vv_ntt")), ops.keySet().toString());
        assertTrue(ops.keySet().stream().anyMatch(o -> o.startsWith("copy to host: ")), ops.keySet().toString());
        assertTrue(ops.keySet().stream().anyMatch(o -> o.startsWith("copy to device: ")), ops.keySet().toString());
        assertTrue(totals.busyMs() > 0, "busy " + totals.busyMs());
        assertTrue(totals.idleMs() >= 0, "idle " + totals.idleMs());
    }
}
