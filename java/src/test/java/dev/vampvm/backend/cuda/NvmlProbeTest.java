package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vampvm.bench.GpuInfo;
import dev.vampvm.bench.GpuProbe;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The NVML probe is the installed one; without a driver it says why, with one it reads every device's state. */
class NvmlProbeTest {

    @Test
    void isTheInstalledProbe() {
        assertInstanceOf(NvmlProbe.class, GpuProbe.installed());
    }

    @Test
    void withoutNvmlItReportsNoGpuAndWhy() {
        GpuInfo info = new NvmlProbe().probe();
        assumeFalse(info.present(), "this machine has a GPU");
        assertFalse(info.note().isEmpty(), "no GPU must come with a reason");
        assertTrue(info.describe().startsWith("none ("), info.describe());
    }

    @Test
    @Tag("gpu")
    void withAGpuItReadsNameMemoryComputeCapabilityAndState() {
        GpuInfo info = new NvmlProbe().probe();
        assumeTrue(info.present(), "no GPU: " + info.note());
        for (GpuInfo.Device d : info.devices()) {
            assertFalse(d.name().isEmpty());
            assertTrue(d.memoryBytes() > 0, d.toString());
            assertTrue(d.computeCapability().matches("\\d+\\.\\d+"), d.toString());
            assertTrue(d.smClockMhz() >= 0 && d.temperatureC() >= 0, d.toString());
        }
        assertFalse(info.driverVersion().isEmpty());
    }
}
