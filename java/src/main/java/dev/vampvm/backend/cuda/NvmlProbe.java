package dev.vampvm.backend.cuda;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.vampvm.bench.GpuInfo;
import dev.vampvm.bench.GpuProbe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark environment's GPU probe: NVML (the NVIDIA driver's management library, {@code libnvidia-ml}) read
 * through JNA for each device's name, memory, compute capability, current SM and memory clocks, temperature and
 * power draw, and the driver's version. Registered as a {@link GpuProbe} service, so every benchmark result records
 * the GPUs it ran beside, before and after the run. Without the library (no NVIDIA driver) it reports no GPU and
 * why; a value NVML cannot give is left unknown rather than failing the probe.
 */
public final class NvmlProbe implements GpuProbe {
    private static final int SUCCESS = 0;
    private static final int CLOCK_SM = 1;
    private static final int CLOCK_MEM = 2;
    private static final int TEMPERATURE_GPU = 0;

    /** The NVML functions used (names as the driver exports them). */
    interface Nvml extends Library {
        int nvmlInit_v2();

        int nvmlShutdown();

        int nvmlSystemGetDriverVersion(byte[] version, int length);

        int nvmlDeviceGetCount_v2(IntByReference count);

        int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

        int nvmlDeviceGetName(Pointer device, byte[] name, int length);

        /** nvmlMemory_t: unsigned long long total, free, used. */
        int nvmlDeviceGetMemoryInfo(Pointer device, Pointer memory);

        int nvmlDeviceGetCudaComputeCapability(Pointer device, IntByReference major, IntByReference minor);

        int nvmlDeviceGetClockInfo(Pointer device, int type, IntByReference mhz);

        int nvmlDeviceGetTemperature(Pointer device, int sensor, IntByReference celsius);

        int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

        String nvmlErrorString(int result);
    }

    @Override
    public GpuInfo probe() {
        Nvml nvml;
        try {
            nvml = Native.load("nvidia-ml", Nvml.class);
        } catch (UnsatisfiedLinkError e) {
            return GpuInfo.none("NVML (libnvidia-ml) not found: no NVIDIA driver");
        }
        int r = nvml.nvmlInit_v2();
        if (r != SUCCESS) {
            return GpuInfo.none("NVML did not start: " + nvml.nvmlErrorString(r));
        }
        try {
            byte[] version = new byte[96];
            String driver = nvml.nvmlSystemGetDriverVersion(version, version.length) == SUCCESS ? text(version) : "";
            IntByReference count = new IntByReference();
            r = nvml.nvmlDeviceGetCount_v2(count);
            if (r != SUCCESS) {
                return new GpuInfo(List.of(), driver, "NVML cannot count devices: " + nvml.nvmlErrorString(r));
            }
            List<GpuInfo.Device> devices = new ArrayList<>();
            for (int i = 0; i < count.getValue(); i++) {
                PointerByReference handle = new PointerByReference();
                if (nvml.nvmlDeviceGetHandleByIndex_v2(i, handle) == SUCCESS) {
                    devices.add(device(nvml, handle.getValue()));
                }
            }
            return new GpuInfo(devices, driver, devices.isEmpty() ? "NVML lists no device" : "");
        } finally {
            nvml.nvmlShutdown();
        }
    }

    private static GpuInfo.Device device(Nvml nvml, Pointer d) {
        byte[] name = new byte[96];
        String n = nvml.nvmlDeviceGetName(d, name, name.length) == SUCCESS ? text(name) : "unknown NVIDIA GPU";
        long total = 0;
        try (Memory memory = new Memory(24)) {
            if (nvml.nvmlDeviceGetMemoryInfo(d, memory) == SUCCESS) {
                total = memory.getLong(0);
            }
        }
        IntByReference major = new IntByReference();
        IntByReference minor = new IntByReference();
        String cc = nvml.nvmlDeviceGetCudaComputeCapability(d, major, minor) == SUCCESS
                ? major.getValue() + "." + minor.getValue() : "";
        IntByReference v = new IntByReference();
        int sm = nvml.nvmlDeviceGetClockInfo(d, CLOCK_SM, v) == SUCCESS ? v.getValue() : -1;
        int mem = nvml.nvmlDeviceGetClockInfo(d, CLOCK_MEM, v) == SUCCESS ? v.getValue() : -1;
        int temp = nvml.nvmlDeviceGetTemperature(d, TEMPERATURE_GPU, v) == SUCCESS ? v.getValue() : -1;
        double watts = nvml.nvmlDeviceGetPowerUsage(d, v) == SUCCESS ? v.getValue() / 1000.0 : -1;
        return new GpuInfo.Device(n, total, cc, sm, mem, temp, watts);
    }

    private static String text(byte[] nulTerminated) {
        int end = 0;
        while (end < nulTerminated.length && nulTerminated[end] != 0) {
            end++;
        }
        return new String(nulTerminated, 0, end, StandardCharsets.UTF_8);
    }
}
