package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The diagnosis runs anywhere (this test is not GPU-tagged): without a GPU it names why, it never throws. */
class GpuProbeTest {

    @Test
    void aMachineWithoutAGpuGetsAReasonAndOpenSaysTheSame() {
        GpuProbe.Result r = GpuProbe.probe();
        System.out.println("GpuProbe: " + (r.usable() ? "usable: " + r.devices() : r.problem() + ": " + r.reason()));
        if (r.usable()) {
            return;
        }
        assertNotNull(r.problem());
        assertFalse(r.reason().isBlank());
        GpuUnavailableException e = assertThrows(GpuUnavailableException.class, CudaBackend::open);
        assertEquals(r.reason(), e.getMessage());
        assertEquals(r.problem(), e.problem());
    }
}
