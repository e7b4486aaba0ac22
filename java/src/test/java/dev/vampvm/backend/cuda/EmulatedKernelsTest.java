package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.PointVector;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.testing.Emulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernel emulator itself (native/kernel_emulator.cpp, behind {@link EmulatedDevice}): that it knows every
 * kernel of kernels/vampvm.cu, that its barriers really wait, and that what a GPU would fail on (a divergent
 * barrier, an unknown kernel, a bad block size, a write past an allocation) fails with a message saying so.
 * Skipped when libvampvm_native.so was not built.
 */
class EmulatedKernelsTest {

    private EmulatedDevice device;

    @BeforeEach
    void open() {
        Emulator.assumeAvailable();
        device = EmulatedDevice.open();
    }

    private static final String LAUNCH_BOUNDS = "__launch_bounds__\\(((?:[^()]|\\([^()]*\\))*)\\)";
    /**
     * A kernel's definition: its launch bounds (VV_KERNEL's, or VV_ACCUMULATE_KERNEL's or VV_TWO_BLOCKS_KERNEL's, which have
     * VV_KERNEL's thread bound in every build, or written out), then its name.
     */
    private static final Pattern KERNEL = Pattern.compile(
            "(?:VV_(?:ACCUMULATE_|TWO_BLOCKS_)?KERNEL|extern \"C\" __global__ void " + LAUNCH_BOUNDS
                    + ")\\s+(vv_\\w+?)(##NAME)?\\s*\\(");

    /**
     * The extern "C" kernels of kernels/vampvm.cu with their {@code __launch_bounds__}: those defined in the
     * VV_*_KERNELS macros (vv_x_##NAME), expanded for each instantiation of the macro, and those outside macros.
     */
    static Map<String, Integer> kernelsOfVampvmCu() throws IOException {
        String src = Files.readString(Path.of("kernels", "vampvm.cu")).replace("\\\n", " ");
        Matcher vvKernel = Pattern.compile("(?m)^#define VV_KERNEL .*" + LAUNCH_BOUNDS).matcher(src);
        assertTrue(vvKernel.find(), "#define VV_KERNEL with launch bounds not found");
        int defaultBound = evaluate(vvKernel.group(1));
        Map<String, Integer> kernels = new TreeMap<>();
        Matcher define = Pattern.compile("(?m)^#define (VV_\\w+_KERNELS)\\(NAME[^)]*\\)(.*)$").matcher(src);
        while (define.find()) {
            Map<String, Integer> templates = new TreeMap<>();
            Matcher k = KERNEL.matcher(define.group(2));
            while (k.find()) {
                templates.put(k.group(2), k.group(1) == null ? defaultBound : evaluate(k.group(1)));
            }
            assertTrue(!templates.isEmpty(), "no kernels found in macro " + define.group(1));
            Matcher use = Pattern.compile("(?m)^" + define.group(1) + "\\((\\w+)\\s*,").matcher(src);
            int uses = 0;
            while (use.find()) {
                uses++;
                String suffix = use.group(1);
                templates.forEach((t, bound) -> kernels.put(t + suffix, bound));
            }
            assertTrue(uses > 0, define.group(1) + " is never instantiated");
        }
        Matcher k = KERNEL.matcher(src.replaceAll("(?m)^#define.*$", ""));
        while (k.find()) {
            assertTrue(k.group(3) == null, "##NAME outside a macro: " + k.group());
            kernels.put(k.group(2), k.group(1) == null ? defaultBound : evaluate(k.group(1)));
        }
        return kernels;
    }

    /**
     * A launch bound's integer expression: literals, {@code constexpr int} constants of kernels/ (qualified
     * or not), + - * << and parentheses.
     */
    static int evaluate(String expression) throws IOException {
        Matcher names = Pattern.compile("(?:\\w+::)*([A-Za-z_]\\w*)").matcher(expression);
        StringBuilder e = new StringBuilder();
        while (names.find()) {
            names.appendReplacement(e, Integer.toString(constant(names.group(1))));
        }
        names.appendTail(e);
        return new Object() {
            final String x = e.toString().replace(" ", "");
            int at;

            int shift() {
                int v = sum();
                while (x.startsWith("<<", at)) {
                    at += 2;
                    v <<= sum();
                }
                return v;
            }

            int sum() {
                int v = product();
                while (at < x.length() && (x.charAt(at) == '+' || x.charAt(at) == '-')) {
                    v = x.charAt(at++) == '+' ? v + product() : v - product();
                }
                return v;
            }

            int product() {
                int v = atom();
                while (at < x.length() && x.charAt(at) == '*') {
                    at++;
                    v *= atom();
                }
                return v;
            }

            int atom() {
                if (x.charAt(at) == '(') {
                    at++;
                    int v = shift();
                    at++; // ')'
                    return v;
                }
                int from = at;
                while (at < x.length() && Character.isDigit(x.charAt(at))) {
                    at++;
                }
                return Integer.parseInt(x.substring(from, at));
            }
        }.shift();
    }

    private static int constant(String name) throws IOException {
        try (var files = Files.walk(Path.of("kernels"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".cuh"))::iterator) {
                Matcher m = Pattern.compile("constexpr int " + name + " = (\\d+);").matcher(Files.readString(f));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        throw new AssertionError("constant " + name + " of a launch bound not found in kernels/");
    }

    @Test
    void theRegistryHoldsEveryKernelOfVampvmCuWithItsLaunchBounds() throws IOException {
        Map<String, Integer> expected = kernelsOfVampvmCu();
        // A check of the parsing: names it must find, of each kind, with their bounds.
        assertEquals(256, expected.get("vv_add_fp"));
        assertEquals(256, expected.get("vv_inner_product_fq"));
        assertEquals(512, expected.get("vv_ntt_group_fp"));
        assertEquals(1024, expected.get("vv_msm_scan_blocks"));
        assertEquals(128, expected.get("vv_msm_accumulate_partials_pallas"));
        assertEquals(256, expected.get("vv_msm_scatter"));
        assertEquals(256, expected.get("vv_msm_accumulate_vesta"));
        assertEquals(256, expected.get("vv_fold_pallas"));
        EmulatedDevice.Emulator lib = EmulatedDevice.library();
        Map<String, Integer> registered = new TreeMap<>();
        for (int i = 0; i < lib.vv_emu_kernel_count(); i++) {
            String name = lib.vv_emu_kernel_name(i);
            if (!name.startsWith("vv_emu_test_")) {
                registered.put(name, lib.vv_emu_kernel_max_threads(i));
            }
        }
        assertEquals(expected, registered, "native/kernel_emulator.cpp's registry against kernels/vampvm.cu");
        for (String k : expected.keySet()) {
            assertEquals(1, lib.vv_emu_kernel_exists(k), k);
        }
        assertEquals(0, lib.vv_emu_kernel_exists("vv_no_such_kernel"));
    }

    private DeviceApi.Address upload(int[] values) {
        long[] packed = new long[(values.length + 1) / 2];
        for (int i = 0; i < values.length; i++) {
            packed[i / 2] |= (values[i] & 0xffffffffL) << (32 * (i % 2));
        }
        DeviceApi.Allocation a = device.alloc(4L * values.length, "test");
        device.copyHtoD(new DeviceApi.Address(a, 0), packed, 0, 8L * packed.length, "test");
        return new DeviceApi.Address(a, 0);
    }

    @ParameterizedTest
    @ValueSource(longs = {EmulatedDevice.ASCENDING, EmulatedDevice.DESCENDING, 0x5eed})
    void barriersWaitForTheWholeBlock(long order) {
        device = EmulatedDevice.open(order);
        int block = 1024;
        int grid = 3;
        int[] in = new int[grid * block];
        for (int i = 0; i < in.length; i++) {
            in[i] = i * 7 + 1;
        }
        DeviceApi.Address src = upload(in);
        DeviceApi.Address dst = upload(new int[in.length]);
        device.launch("vv_emu_test_reverse_block", grid, block, new Object[] {src, dst});
        int[] out = new int[in.length];
        device.copyDtoH(out, 0, dst, 4L * out.length, "test");
        for (int b = 0; b < grid; b++) {
            for (int t = 0; t < block; t++) {
                assertEquals(in[b * block + block - 1 - t], out[b * block + t], "block " + b + " thread " + t);
            }
        }
        device.free(src.allocation(), 4L * in.length);
        device.free(dst.allocation(), 4L * in.length);
    }

    /**
     * The MSM's bucket-count scan (DevicePippenger.scanCounts, three phases over vv_msm_scan_blocks) against a serial scan,
     * offsets[m] the total: at the engine's blocks of 1024 threads (8,192 counts) around a block's size, and at blocks
     * of 32 threads (256 counts) where 65,537 counts take three levels of block totals; into a separate array and in
     * place, in the three thread orders.
     */
    @ParameterizedTest
    @ValueSource(longs = {EmulatedDevice.ASCENDING, EmulatedDevice.DESCENDING, 0x5eed})
    void theBucketCountScanMatchesASerialScan(long order) {
        device = EmulatedDevice.open(order);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(order);
        int[][] cases = {{1024, 1}, {1024, 8191}, {1024, 8192}, {1024, 8193}, {1024, 3 * 8192 + 5}, {32, 1}, {32, 255},
            {32, 256}, {32, 257}, {32, 256 * 256}, {32, 256 * 256 + 1}};
        try (CudaBackend engine = new CudaBackend(device)) {
            for (int[] k : cases) {
                int block = k[0];
                int m = k[1];
                int[] counts = new int[m];
                for (int i = 0; i < m; i++) {
                    counts[i] = rng.nextInt(8) == 0 ? 0 : rng.nextInt(1 << rng.nextInt(12));
                }
                int[] expect = new int[m + 1];
                for (int i = 0; i < m; i++) {
                    expect[i + 1] = expect[i] + counts[i];
                }
                int words = (m + 2) & ~1; // m + 1, even for upload
                for (boolean inPlace : new boolean[] {false, true}) {
                    DeviceApi.Address in = upload(java.util.Arrays.copyOf(counts, words));
                    DeviceApi.Address out = inPlace ? in : upload(new int[words]);
                    engine.pippenger.scanCounts(in, m, out, block);
                    int[] got = new int[m + 1];
                    device.copyDtoH(got, 0, out, 4L * (m + 1), "test");
                    assertArrayEquals(expect, got, "block " + block + ", m = " + m + (inPlace ? ", in place" : ""));
                    device.free(in.allocation(), 4L * words);
                    if (!inPlace) {
                        device.free(out.allocation(), 4L * words);
                    }
                }
            }
        }
    }

    @Test
    void aDivergentBarrierFailsTheLaunch() {
        DeviceApi.Address out = upload(new int[256]);
        // Thread 7 exits while the others wait at the barrier.
        CudaException e = assertThrows(CudaException.class,
                () -> device.launch("vv_emu_test_divergent_barrier", 2, 256, new Object[] {7, out}));
        assertTrue(e.getMessage().startsWith("cuLaunchKernel(vv_emu_test_divergent_barrier<<<2, 256>>>): "
                + "CUDA_ERROR_LAUNCH_FAILED (emulated: barrier divergence in block 0"), e.getMessage());
        assertTrue(e.getMessage().contains("have exited") && e.getMessage().contains("(7)"), e.getMessage());
        // Thread 0 exits without the barrier the others reach (the threads-as-plain-calls path).
        e = assertThrows(CudaException.class,
                () -> device.launch("vv_emu_test_divergent_barrier", 1, 32, new Object[] {0, out}));
        assertTrue(e.getMessage().contains("thread 1 reached __syncthreads() after thread 0 had exited"), e.getMessage());
        // No thread exits early: fine.
        device.launch("vv_emu_test_divergent_barrier", 1, 256, new Object[] {1000, out});
        device.free(out.allocation(), 1024);
    }

    /** An access fault in a kernel (here a read of address 64) fails the launch; the next launch runs normally. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aFaultingKernelFailsItsLaunchInsteadOfTheProcess(int afterBarrier) {
        DeviceApi.Address out = upload(new int[1024]);
        CudaException e = assertThrows(CudaException.class,
                () -> device.launch("vv_emu_test_fault", 4, 256, new Object[] {517, afterBarrier, out}));
        assertEquals("cuLaunchKernel(vv_emu_test_fault<<<4, 256>>>): CUDA_ERROR_ILLEGAL_ADDRESS (emulated: segmentation"
                + " fault at address 0x40 in block 2, thread 5: an out-of-bounds or wild access)", e.getMessage());
        device.launch("vv_emu_test_fault", 4, 256, new Object[] {-1, afterBarrier, out});
        int[] got = new int[1024];
        device.copyDtoH(got, 0, out, 4096, "test");
        for (int i = 0; i < got.length; i++) {
            assertEquals(i, got[i]);
        }
        device.free(out.allocation(), 4096);
    }

    @Test
    void badLaunchesFailWithTheDriversError() {
        DeviceApi.Address out = upload(new int[8]);
        CudaException unknown = assertThrows(CudaException.class,
                () -> device.launch("vv_no_such_kernel", 1, 32, new Object[] {out}));
        assertEquals("cuLaunchKernel(vv_no_such_kernel<<<1, 32>>>): CUDA_ERROR_NOT_FOUND (emulated: no kernel named"
                + " vv_no_such_kernel in the emulated module)", unknown.getMessage());
        CudaException big = assertThrows(CudaException.class,
                () -> device.launch("vv_emu_test_reverse_block", 1, 2048, new Object[] {out, out}));
        assertTrue(big.getMessage().contains("CUDA_ERROR_INVALID_VALUE (emulated: block of 2048 threads"), big.getMessage());
        CudaException bounds = assertThrows(CudaException.class,
                () -> device.launch("vv_fill_fp", 1, 512, new Object[] {out, Fp.FIELD.one(), 1}));
        assertTrue(bounds.getMessage().endsWith("block of 512 threads, more than vv_fill_fp's __launch_bounds__(256))"),
                bounds.getMessage());
        // vv_fill_fp told of 3 elements in a buffer of 2: the write past the end is caught after the launch.
        DeviceApi.Allocation two = device.alloc(64, "two elements");
        CudaException past = assertThrows(CudaException.class, () -> device.launch("vv_fill_fp", 1, 256,
                new Object[] {new DeviceApi.Address(two, 0), Fp.FIELD.one(), 3}));
        assertTrue(past.getMessage().startsWith("running vv_fill_fp<<<1, 256>>>: CUDA_ERROR_ILLEGAL_ADDRESS"),
                past.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> device.launch("vv_fill_fp", 1, 256, new Object[] {out, "not an argument", 3}));
        // Arguments out of step with the kernel's parameters (vv_fill_fp(F *out, F c, uint32_t n)).
        CudaException count = assertThrows(CudaException.class,
                () -> device.launch("vv_fill_fp", 1, 256, new Object[] {out, Fp.FIELD.one()}));
        assertTrue(count.getMessage().endsWith("(emulated: vv_fill_fp takes 3 arguments, given 2)"), count.getMessage());
        CudaException type = assertThrows(CudaException.class,
                () -> device.launch("vv_fill_fp", 1, 256, new Object[] {out, 3, Fp.FIELD.one()}));
        assertTrue(type.getMessage().endsWith("(emulated: argument 1 of vv_fill_fp is a 32-byte value, given a 4-byte"
                + " value)"), type.getMessage());
        CudaException pointer = assertThrows(CudaException.class,
                () -> device.launch("vv_fill_fp", 1, 256, new Object[] {7, Fp.FIELD.one(), 3}));
        assertTrue(pointer.getMessage().endsWith("(emulated: argument 0 of vv_fill_fp is a device pointer, given a 4-byte"
                + " value)"), pointer.getMessage());
        device.free(out.allocation(), 32);
    }

    /**
     * More elements than the inner product's 1024 blocks of 256 threads cover: its grid-stride loop makes a
     * second pass, which the shared suites' sizes never reach.
     */
    @Test
    void theInnerProductsGridStrideLoopCoversEveryElement() {
        int n = 1024 * 256 + 777;
        long[] a = new long[4 * n];
        long[] b = new long[4 * n];
        java.util.SplittableRandom rng = dev.vampvm.testing.Seeds.rng("EmulatedKernelsTest.gridStride");
        for (int i = 0; i < n; i++) {
            Fp.FIELD.random(rng, a, 4 * i);
            Fp.FIELD.random(rng, b, 4 * i);
        }
        try (CudaBackend e = CudaBackend.openEmulated(EmulatedDevice.DESCENDING);
                dev.vampvm.backend.JavaBackend j = new dev.vampvm.backend.JavaBackend()) {
            assertArrayEquals(j.innerProduct(j.upload(Fp.FIELD, a, 0, n), j.upload(Fp.FIELD, b, 0, n)),
                    e.innerProduct(e.upload(Fp.FIELD, a, 0, n), e.upload(Fp.FIELD, b, 0, n)));
        }
    }

    @Test
    void closingTheEngineFreesAllItsMemory() {
        EmulatedDevice.Emulator lib = EmulatedDevice.library();
        long before = lib.vv_emu_live_allocations();
        CudaBackend b = CudaBackend.openEmulated();
        assertEquals("cuda-emulated", b.name());
        assertEquals("CUDA kernels emulated on the host (no GPU)", b.description());
        ScalarVector empty = b.allocate(Fp.FIELD, 0);
        ScalarVector v = b.upload(Fp.FIELD, new long[4 * 8], 0, 8);
        ScalarVector tail = v.slice(4, 8);
        b.fill(tail, Fp.FIELD.one());
        b.ntt(EvaluationDomain.of(Fp.FIELD, 3), v); // leaves a twiddle table behind
        long[] got = b.download(v.slice(0, 1));
        assertArrayEquals(b.download(b.upload(Fp.FIELD, got, 0, 1)), got);
        assertEquals(0, b.download(empty).length);
        PointVector none = b.allocatePoints(ShortWeierstrassCurve.VESTA, 0);
        assertEquals(ShortWeierstrassCurve.PROJECTIVE_LONGS, b.msm(none, b.allocate(Fp.FIELD, 0)).length);
        tail.close(); // a slice's close frees nothing
        assertTrue(lib.vv_emu_live_allocations() > before);
        b.close();
        assertEquals(before, lib.vv_emu_live_allocations(), "allocations left after close()");
        assertThrows(IllegalStateException.class, () -> b.download(v));
    }
}
