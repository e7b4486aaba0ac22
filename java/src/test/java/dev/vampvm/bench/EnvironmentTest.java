package dev.vampvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a result records about its machine, GPU section included; no GPU is needed. */
class EnvironmentTest {

    static final GpuInfo H100 = new GpuInfo(List.of(new GpuInfo.Device("NVIDIA H100 80GB HBM3", 85_520_809_984L, "9.0")),
            "550.54.15", "");

    static Environment env(GpuInfo gpu) {
        return new Environment(Instant.parse("2025-01-02T03:04:05Z"), "abcdef123456", true, "0.1.0",
                "OpenJDK 64-Bit Server VM", "25+36", "Eclipse \"Adoptium\"", "Linux 6.1 amd64",
                "AMD EPYC 7B13 | 64-Core", 2, 8L << 30, 2L << 30, 0.75, gpu,
                Map.of("vampvm.cuda.fp52", "all", "vampvm.prover.keepKeyColumns", "false"));
    }

    @Test
    void capturedWithoutAGpuSaysNone() {
        Environment e = Environment.capture(Path.of("").toAbsolutePath(), GpuProbe.NONE);
        assertTrue(e.cores() >= 1);
        assertFalse(e.javaVmVersion().isEmpty());
        assertFalse(e.gitCommit().isEmpty());
        assertTrue(e.maxHeapBytes() > 0);
        assertEquals("none", e.describe().get("GPU"));
        assertTrue(e.toJson().contains("\"summary\": \"none\""), e.toJson());
    }

    @Test
    void aKitRunAwayFromItsCheckoutNamesItsOwnCommit(@org.junit.jupiter.api.io.TempDir Path notACheckout) {
        try {
            System.setProperty("vampvm.sourceCommit", "c779eb6aa5e2");
            System.setProperty("vampvm.sourceDirty", "true");
            Environment e = Environment.capture(notACheckout, GpuProbe.NONE);
            assertEquals("c779eb6aa5e2", e.gitCommit());
            assertTrue(e.gitDirty());
        } finally {
            System.clearProperty("vampvm.sourceCommit");
            System.clearProperty("vampvm.sourceDirty");
        }
        assertEquals("unknown", Environment.capture(notACheckout, GpuProbe.NONE).gitCommit());
    }

    @Test
    void capturedWithAGpuProbeRecordsItsDevices() {
        Environment e = Environment.capture(Path.of("").toAbsolutePath(), () -> H100);
        assertEquals(H100, e.gpu());
        assertEquals("1 × NVIDIA H100 80GB HBM3 (79.6 GiB, compute 9.0); driver 550.54.15", e.describe().get("GPU"));
    }

    @Test
    void aFailingProbeBecomesANoteNotAFailedRun() {
        Environment e = Environment.capture(Path.of("").toAbsolutePath(), () -> {
            throw new UnsatisfiedLinkError("libnvidia-ml.so.1: cannot open shared object file");
        });
        assertFalse(e.gpu().present());
        assertTrue(e.describe().get("GPU").startsWith("none (the GPU probe failed: "), e.describe().get("GPU"));
    }

    @Test
    void theDevicesStateIsReportedAndReadsBack() {
        GpuInfo hot = new GpuInfo(List.of(new GpuInfo.Device("NVIDIA H100 80GB HBM3", 85_520_809_984L, "9.0", 1980,
                2619, 41, 72.0)), "550.54.15", "");
        Environment e = env(hot);
        assertEquals("SM 1980 MHz, memory 2619 MHz, 41 °C, 72 W", e.describe().get("GPU state at start, GPU 0"));
        assertEquals(e, Environment.fromJson(e.toJson()));
        assertEquals(List.of(), H100.states(), "a device whose state was not read has none to show");
    }

    @Test
    void jsonIsEscapedCompleteAndReadsBack() {
        for (GpuInfo gpu : List.of(GpuInfo.NONE, H100, GpuInfo.none("NVML not found"))) {
            Environment e = env(gpu);
            String json = e.toJson();
            assertTrue(json.contains("\"id\": \"20250102-030405-abcdef1\""), json);
            assertTrue(json.contains("\"gitDirty\": true"), json);
            assertTrue(json.contains("\"javaVendor\": \"Eclipse \\\"Adoptium\\\"\""), json);
            assertTrue(json.contains("\"totalMemoryBytes\": 8589934592"), json);
            assertTrue(json.contains("\"loadAverage\": 0.75"), json);
            assertTrue(json.contains("\"vampvm.cuda.fp52\": \"all\""), json);
            assertTrue(json.startsWith("{\n") && json.endsWith("\n}\n"), json);
            assertEquals(e, Environment.fromJson(json));
        }
    }

    @Test
    void theRunsSettingsAreItsVampvmPropertiesButTheCommitsOwn() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("vampvm.cuda.fp52", "msm");
        p.setProperty("vampvm.sourceCommit", "c779eb6aa5e2");
        p.setProperty("vampvm.sourceDirty", "false");
        p.setProperty("vampvm.home", "/repo");
        p.setProperty("java.version", "25");
        p.setProperty("vampvmish", "x");
        assertEquals(Map.of("vampvm.cuda.fp52", "msm"), Environment.settings(p));
        Environment none = new Environment(Instant.EPOCH, "c", false, "v", "vm", "25", "vendor", "os", "cpu", 1, 0, 0,
                -1, GpuInfo.NONE, Map.of());
        assertEquals("defaults", none.describe().get("settings"));
        assertEquals(none, Environment.fromJson(none.toJson()));
        // Written before the settings were recorded: none.
        String old = none.toJson().replaceAll(",\\s*\"settings\": \\{\\s*}", "");
        assertFalse(old.contains("settings"), old);
        assertEquals(Map.of(), Environment.fromJson(old).settings());
    }

    @Test
    void describeListsEveryFieldForTheReports() {
        var d = env(GpuInfo.NONE).describe();
        assertEquals("-Dvampvm.cuda.fp52=all, -Dvampvm.prover.keepKeyColumns=false", d.get("settings"));
        assertEquals("abcdef123456 (uncommitted changes)", d.get("git commit"));
        assertEquals("8.0 GiB total, 2.0 GiB max heap", d.get("memory"));
        assertEquals("0.75 (1 minute, over 2 cores)", d.get("load average at start"));
        assertEquals("none", d.get("GPU"));
    }

    @Test
    void cpuModelFromProcCpuinfo() {
        assertEquals("Intel(R) Xeon(R) CPU @ 2.20GHz", Environment.cpuModel(List.of(
                "processor\t: 0", "vendor_id\t: GenuineIntel", "model\t\t: 79",
                "model name\t: Intel(R) Xeon(R)  CPU @ 2.20GHz", "processor\t: 1")));
        assertEquals("Raspberry Pi 4 Model B Rev 1.4", Environment.cpuModel(List.of(
                "processor\t: 0", "CPU part\t: 0xd08", "Model\t\t: Raspberry Pi 4 Model B Rev 1.4")));
        assertEquals("unknown", Environment.cpuModel(List.of()));
    }

    @Test
    void defaultOutDirIsDatedAndNamesTheCommitAndSuite() {
        assertEquals(Path.of("/repo/bench/results/20250102-030405-abcdef1-dirty-prove"),
                BenchRun.defaultOutDir(Path.of("/repo"), env(GpuInfo.NONE), "prove"));
    }
}
