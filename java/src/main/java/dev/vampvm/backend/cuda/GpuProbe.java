package dev.vampvm.backend.cuda;

import com.sun.jna.NativeLibrary;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * What a machine offers the CUDA engine, and if nothing, exactly why: the one diagnosis behind
 * {@code vampvm devices}, {@code vampvm prove --gpu} and the skipping of GPU tests. Never throws; loads
 * nothing but libcuda and JCuda's driver binding.
 */
public final class GpuProbe {

    /** The oldest compute capability the fatbin has machine code for (sm_80). */
    static final int MIN_COMPUTE_CAPABILITY = 80;

    /** Why no GPU can be used, in the order they are checked. */
    public enum Problem {
        UNSUPPORTED_PLATFORM, NO_DRIVER, DRIVER_ERROR, NO_DEVICE, NO_SUPPORTED_DEVICE, KERNELS_NOT_BUILT
    }

    /** One GPU as the driver describes it. */
    public record Device(int index, String name, long totalMemoryBytes, int ccMajor, int ccMinor) {
        /** Whether the fatbin has code for it (compute capability 8.0 or later). */
        public boolean supported() {
            return ccMajor * 10 + ccMinor >= MIN_COMPUTE_CAPABILITY;
        }

        public String computeCapability() {
            return ccMajor + "." + ccMinor;
        }

        /**
         * Whether the device runs FP64 at half its FP32 rate, as the data-centre parts do (compute capability 6.0,
         * 7.0, 8.0, 9.0, 10.0: P100, V100, A100, H100/H200, B200), where the others run it at 1/32 or 1/64: the
         * fp52n kernels' products are FP64 (CudaBackend's -Dvampvm.cuda.fp52).
         */
        public boolean fullRateFp64() {
            return ccMinor == 0 && (ccMajor == 6 || ccMajor == 7 || ccMajor == 8 || ccMajor == 9 || ccMajor == 10);
        }
    }

    /**
     * The probe's findings: the driver version (e.g. "13.0") and the devices when the driver answered, and
     * the first problem found, or null when the CUDA engine can run.
     */
    public record Result(String driverVersion, List<Device> devices, Problem problem, String reason) {
        public boolean usable() {
            return problem == null;
        }
    }

    private GpuProbe() {
    }

    private static volatile Result cached;

    /** Probes once per JVM (the answer cannot change while it runs). */
    public static Result probe() {
        Result r = cached;
        if (r == null) {
            synchronized (GpuProbe.class) {
                if (cached == null) {
                    cached = run();
                }
                r = cached;
            }
        }
        return r;
    }

    private static Result run() {
        if (!NativeArtifacts.supportedPlatform()) {
            return new Result(null, List.of(), Problem.UNSUPPORTED_PLATFORM, "the CUDA engine runs on linux-x86_64 only, not "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
        }
        try {
            NativeLibrary.getInstance("libcuda.so.1");
        } catch (UnsatisfiedLinkError e) {
            return new Result(null, List.of(), Problem.NO_DRIVER,
                    "no NVIDIA driver: libcuda.so.1 is not installed or not on the library path (install the"
                            + " NVIDIA driver; the CUDA toolkit is not needed)");
        }
        int init;
        try {
            init = JCudaDriver.cuInit(0);
        } catch (LinkageError | RuntimeException e) {
            // JCuda extracts its binding from the jar and loads it on first use; that can fail on its own.
            return new Result(null, List.of(), Problem.DRIVER_ERROR,
                    "the JCuda driver binding does not load: " + e.getMessage());
        }
        if (init == CUresult.CUDA_ERROR_NO_DEVICE) {
            return new Result(driverVersion(), List.of(), Problem.NO_DEVICE,
                    "the NVIDIA driver is installed but sees no GPU (cuInit: " + CudaDriver.errorText(init) + ")");
        }
        if (init != CUresult.CUDA_SUCCESS) {
            return new Result(driverVersion(), List.of(), Problem.DRIVER_ERROR,
                    "the NVIDIA driver failed to start: cuInit: " + CudaDriver.errorText(init));
        }
        List<Device> devices = new ArrayList<>();
        try {
            int[] count = new int[1];
            CudaDriver.check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
            for (int i = 0; i < count[0]; i++) {
                devices.add(describe(i));
            }
        } catch (CudaException e) {
            return new Result(driverVersion(), devices, Problem.DRIVER_ERROR, "querying the GPUs failed: " + e.getMessage());
        }
        String driver = driverVersion();
        if (devices.isEmpty()) {
            return new Result(driver, devices, Problem.NO_DEVICE, "the NVIDIA driver " + driver + " reports no GPU");
        }
        if (devices.stream().noneMatch(Device::supported)) {
            return new Result(driver, devices, Problem.NO_SUPPORTED_DEVICE, "no GPU of compute capability 8.0 or later"
                    + " (the kernels are built for sm_80, sm_86, sm_89 and sm_90)");
        }
        if (NativeArtifacts.kernelImage() == null) {
            return new Result(driver, devices, Problem.KERNELS_NOT_BUILT, "the CUDA kernels are not built into this"
                    + " vampvm: " + NativeArtifacts.KERNELS + " is not in " + NativeArtifacts.searchedLocation()
                    + " (build vampvm on a machine with cmake and nvcc on PATH)");
        }
        return new Result(driver, devices, null, null);
    }

    private static Device describe(int index) {
        CUdevice d = new CUdevice();
        CudaDriver.check(JCudaDriver.cuDeviceGet(d, index), "cuDeviceGet(" + index + ")");
        byte[] name = new byte[256];
        CudaDriver.check(JCudaDriver.cuDeviceGetName(name, name.length, d), "cuDeviceGetName(" + index + ")");
        long[] mem = new long[1];
        CudaDriver.check(JCudaDriver.cuDeviceTotalMem(mem, d), "cuDeviceTotalMem(" + index + ")");
        int[] major = new int[1];
        int[] minor = new int[1];
        CudaDriver.check(JCudaDriver.cuDeviceGetAttribute(major,
                CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, d), "cuDeviceGetAttribute(" + index + ", major)");
        CudaDriver.check(JCudaDriver.cuDeviceGetAttribute(minor,
                CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, d), "cuDeviceGetAttribute(" + index + ", minor)");
        int len = 0;
        while (len < name.length && name[len] != 0) {
            len++;
        }
        return new Device(index, new String(name, 0, len, java.nio.charset.StandardCharsets.US_ASCII), mem[0], major[0],
                minor[0]);
    }

    private static String driverVersion() {
        try {
            int[] v = new int[1];
            if (JCudaDriver.cuDriverGetVersion(v) != CUresult.CUDA_SUCCESS) {
                return null;
            }
            return (v[0] / 1000) + "." + (v[0] % 1000) / 10;
        } catch (LinkageError e) {
            return null;
        }
    }
}
