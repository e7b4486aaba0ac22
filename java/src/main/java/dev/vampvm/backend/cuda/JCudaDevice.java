package dev.vampvm.backend.cuda;

import java.util.HashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * A GPU through JCuda's driver API: the device's primary context, the fatbin loaded with
 * {@code cuModuleLoadData}, the default stream. Every call is checked ({@link CudaDriver#check}) and makes the
 * context current first, so that the engine may be used from any thread.
 */
final class JCudaDevice implements DeviceApi {

    private record Allocation(CUdeviceptr ptr) implements DeviceApi.Allocation {
    }

    private final GpuProbe.Device device;
    private final CUdevice cuDevice = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final CUmodule module = new CUmodule();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final long freeBytes;
    private final int multiprocessors;

    JCudaDevice(GpuProbe.Device device, byte[] image) {
        this.device = device;
        CudaDriver.check(JCudaDriver.cuDeviceGet(cuDevice, device.index()), "cuDeviceGet(" + device.index() + ")");
        CudaDriver.check(JCudaDriver.cuDevicePrimaryCtxRetain(context, cuDevice),
                "cuDevicePrimaryCtxRetain(device " + device.index() + ")");
        current();
        CudaDriver.check(JCudaDriver.cuModuleLoadData(module, image),
                "cuModuleLoadData(" + NativeArtifacts.KERNELS + ", " + image.length + " bytes, on " + device.name()
                        + " sm_" + device.ccMajor() + device.ccMinor() + ")");
        long[] free = new long[1];
        long[] total = new long[1];
        CudaDriver.check(JCudaDriver.cuMemGetInfo(free, total), "cuMemGetInfo(device " + device.index() + ")");
        this.freeBytes = free[0];
        int[] sms = new int[1];
        CudaDriver.check(JCudaDriver.cuDeviceGetAttribute(sms, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT,
                cuDevice), "cuDeviceGetAttribute(" + device.index() + ", multiprocessors)");
        this.multiprocessors = sms[0];
    }

    @Override
    public int multiprocessors() {
        return multiprocessors;
    }

    @Override
    public long freeMemoryBytes() {
        return freeBytes;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String description() {
        return "CUDA on GPU " + device.index() + ": " + device.name() + ", compute capability "
                + device.computeCapability() + ", " + (device.totalMemoryBytes() >> 20) + " MiB";
    }

    private void current() {
        CudaDriver.check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent(device " + device.index() + ")");
    }

    private static CUdeviceptr ptr(Address a) {
        return ((Allocation) a.allocation()).ptr().withByteOffset(a.offset());
    }

    @Override
    public DeviceApi.Allocation alloc(long bytes, String what) {
        current();
        CUdeviceptr p = new CUdeviceptr();
        // A zero-byte request still gets a real (tiny) allocation, so that every vector has an address.
        CudaDriver.check(JCudaDriver.cuMemAlloc(p, Math.max(bytes, 32)),
                "cuMemAlloc(" + bytes + " bytes for " + what + ")");
        return new Allocation(p);
    }

    @Override
    public void free(DeviceApi.Allocation a, long bytes) {
        current();
        CudaDriver.check(JCudaDriver.cuMemFree(((Allocation) a).ptr()), "cuMemFree(" + bytes + " bytes)");
    }

    @Override
    public void memsetZero(DeviceApi.Allocation a, long bytes) {
        current();
        CudaDriver.check(JCudaDriver.cuMemsetD8(((Allocation) a).ptr(), (byte) 0, bytes),
                "cuMemsetD8(" + bytes + " bytes)");
    }

    @Override
    public void copyHtoD(Address dst, long[] src, int srcIndex, long bytes, String what) {
        current();
        CudaDriver.check(JCudaDriver.cuMemcpyHtoD(ptr(dst), Pointer.to(src).withByteOffset(8L * srcIndex), bytes),
                "cuMemcpyHtoD(" + what + ")");
    }

    @Override
    public void copyDtoH(long[] dst, int dstIndex, Address src, long bytes, String what) {
        current();
        CudaDriver.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(dst).withByteOffset(8L * dstIndex), ptr(src), bytes),
                "cuMemcpyDtoH(" + what + ")");
    }

    @Override
    public void copyDtoH(int[] dst, int dstIndex, Address src, long bytes, String what) {
        current();
        CudaDriver.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(dst).withByteOffset(4L * dstIndex), ptr(src), bytes),
                "cuMemcpyDtoH(" + what + ")");
    }

    @Override
    public void copyDtoD(Address dst, Address src, long bytes, String what) {
        current();
        CudaDriver.check(JCudaDriver.cuMemcpyDtoD(ptr(dst), ptr(src), bytes), "cuMemcpyDtoD(" + what + ")");
    }

    private CUfunction function(String name) {
        CUfunction f = functions.get(name);
        if (f == null) {
            f = new CUfunction();
            CudaDriver.check(JCudaDriver.cuModuleGetFunction(f, module, name), "cuModuleGetFunction(" + name + ")");
            functions.put(name, f);
        }
        return f;
    }

    @Override
    public void launch(String kernel, int grid, int block, Object[] args) {
        current();
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Address p) {
                params[i] = Pointer.to(ptr(p));
            } else if (a instanceof Integer v) {
                params[i] = Pointer.to(new int[] {v});
            } else if (a instanceof long[] v && v.length == 4) {
                params[i] = Pointer.to(v.clone());
            } else {
                throw new IllegalArgumentException("kernel argument " + i + " of " + kernel + ": " + a);
            }
        }
        String what = kernel + "<<<" + grid + ", " + block + ">>>";
        CudaDriver.check(JCudaDriver.cuLaunchKernel(function(kernel), grid, 1, 1, block, 1, 1, 0, null,
                Pointer.to(params), null), "cuLaunchKernel(" + what + ")");
    }

    @Override
    public void synchronize(String what) {
        current();
        CudaDriver.check(JCudaDriver.cuCtxSynchronize(), what);
    }

    @Override
    public void close() {
        current();
        CudaDriver.check(JCudaDriver.cuModuleUnload(module), "cuModuleUnload");
        CudaDriver.check(JCudaDriver.cuDevicePrimaryCtxRelease(cuDevice), "cuDevicePrimaryCtxRelease");
    }
}
