package dev.vampvm.backend.cuda;

import dev.vampvm.backend.Arguments;
import dev.vampvm.backend.Backend;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.backend.PointProgram;
import dev.vampvm.backend.PointVector;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.field.Fq;
import dev.vampvm.field.Limbs;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.field.SeedExpander;
import dev.vampvm.msm.GeneratorFolding;
import dev.vampvm.poly.EvaluationDomain;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;

/**
 * The CUDA engine: vectors in device memory, every operation a sequence of kernel launches from the fatbin
 * built from {@code kernels/} (loaded from the jar with {@code cuModuleLoadData}), through JCuda's driver API,
 * so that a machine needs the NVIDIA driver and nothing else. Every driver call is checked
 * ({@link CudaDriver#check}): a failure names the operation and the CUDA error.
 *
 * <p>The engine talks to its device through {@link DeviceApi}: {@link #open()} gives it a GPU
 * ({@link JCudaDevice}); {@link #openEmulated()} gives it the host emulation ({@link EmulatedDevice}), where the
 * same kernels, compiled for the host, run on the CPU. The launch sequences below are written once and run on
 * both, which is how CI checks them (and the kernels' entry points) without a GPU.
 *
 * <p>First version, built for correctness and tested against the Java engine by the {@code gpu}-tagged
 * suite and, emulated, by the default one: one context (the device's primary context), the default stream,
 * operations serialised by this object's lock. Launches run ahead of the host: a kernel's failure surfaces,
 * checked and named, at the next copy to the host or {@link #synchronize} (every result that comes back is such a
 * copy); {@code -Dvampvm.cuda.syncEveryLaunch=true} waits after every launch instead, so that an error is reported at
 * the launch that caused it (bench/gpu-run.sh's checks run so). The launch sequences are those that
 * native/host_arith.cpp runs serially for KernelAlgorithmsTest; keep the two in step.
 */
public final class CudaBackend implements Backend {

    private static final int BLOCK = 256;
    private static final int MAX_REDUCTION_BLOCKS = 1024;
    /** kernels/ntt/radix2.cuh's TILE_LOG. */
    private static final int NTT_TILE_LOG = 10;
    /** kernels/ntt/radix2.cuh's RADIX4_FROM_LOG: from this log2(n) on, the NTT's passes run radix-4 steps. */
    static final int NTT_RADIX4_FROM_LOG = 19;
    /** kernels/vec/elementwise.cuh's POWERS_CHUNK, INVERT_CHUNK and INVERT_MAX_CHUNK: elements per thread. */
    private static final int POWERS_CHUNK = 16;
    static final int INVERT_CHUNK = 16;
    static final int INVERT_MAX_CHUNK = 64;
    /** About how many threads a batch inversion takes before its chunk grows past INVERT_CHUNK ({@link #invertChunk}). */
    static final int INVERT_THREADS = 1 << 15;
    /** Elements per block of the running product: 256 threads of kernels/vec/elementwise.cuh's SCAN_CHUNK (8). */
    private static final int SCAN_BLOCK_ELEMENTS = BLOCK * 8;
    /** A projective point on the device (kernels' proj_t): three field elements. */
    static final long PROJECTIVE_BYTES = 3 * 32;
    /** kernels/msm/fold.cuh's AFFINE_CHUNK: the points one thread of vv_to_affine converts with one inversion. */
    static final int AFFINE_CHUNK = 16;

    /**
     * The GPU (JCudaDevice) or the host emulation of one (EmulatedDevice), its freed allocations kept for reuse
     * ({@link CachingDevice}), timed per thread.
     */
    private final TimedDevice device;
    private final CachingDevice cache;
    /** The MSM on this engine's device: its launch sequences, fixed-base tables and settings. */
    final DevicePippenger pippenger;
    /** The IPA's generator folding on this engine's device, or its host for few points. */
    final DeviceGeneratorFolding folds = new DeviceGeneratorFolding(this);
    /**
     * The powers 1, x, x², ... of the last few points {@link #evaluate} was asked about, by field and point, least
     * recently used first: a proof evaluates some twenty polynomials at a few points, and the powers of one point
     * serve all its polynomials of at most as many coefficients.
     */
    private final Map<PowersKey, DeviceBuffer> powers = new java.util.LinkedHashMap<>(8, 0.75f, true);
    /**
     * How many points' powers {@link #powers} keeps: the points a proof's gates and arguments are evaluated at (x, ωx,
     * ω⁻¹x, ω^last·x at most), each phase's evaluations at one point following each other; the multipoint opening's
     * point then takes the least recently used place. Counted by the prover's DeviceMemoryEstimate.
     */
    public static final int POWERS_KEPT = 4;

    private record PowersKey(MontgomeryField field, List<Long> point) {
    }

    /** Each element-wise kernel's block size ({@link #fullestBlock(String)}), by name. */
    private final Map<String, Integer> fullestBlocks = new HashMap<>();
    /** Twiddle tables per domain ({@link #twiddles}), built on first use. */
    private final Map<EvaluationDomain, DeviceBuffer> twiddles = new IdentityHashMap<>();
    /** The same in kernels/ff/fp52n.cuh's form, 40 bytes an element, for {@link #nttFp52}'s transforms. */
    private final Map<EvaluationDomain, DeviceBuffer> twiddles52 = new IdentityHashMap<>();
    /** Every live allocation, freed by {@link #close}. */
    private final Set<DeviceBuffer> live = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;
    private final boolean syncEveryLaunch = booleanProperty("vampvm.cuda.syncEveryLaunch", false);
    /** {@link #NTT_RADIX4_FROM_LOG}, lowered by tests to run radix-4 steps at the sizes the emulator can take. */
    int nttRadix4FromLog = NTT_RADIX4_FROM_LOG;
    /** {@link #residentThreads} by kernel and block, asked of the device once. */
    private final Map<String, Integer> residentThreads = new HashMap<>();
    /**
     * {@link #INVERT_THREADS}, or {@code -Dvampvm.cuda.invertThreads} (2^30: chunks of INVERT_CHUNK at every size, as
     * until 2026-11-27, to time both ways); lowered by tests to run the larger chunks at the emulator's sizes.
     */
    int invertThreads = (int) parseLong("vampvm.cuda.invertThreads", System.getProperty("vampvm.cuda.invertThreads"),
            INVERT_THREADS, 1, 1 << 30);
    /**
     * {@code -Dvampvm.cuda.fp52=LIST} ({@link #fp52Kernels}): the kernels that do their arithmetic in
     * kernels/ff/fp52n.cuh's form, products on the FP64 units, for sm_80 and sm_90, whose FP64 runs at half the FP32
     * rate (the consumer parts at 1/64); the same results. {@code msm}: the MSM's bucket sums, first level
     * (vv_msm_accumulate52_*, held to two blocks of 256 a multiprocessor: by ptxas, sm_90, 128 registers and 232 bytes
     * of spills where it would take 174 and one block) and later ones
     * (vv_msm_accumulate_partials52_*), its window sums (vv_msm_reduce52_*, vv_msm_reduce_pairs52_*,
     * vv_msm_reduce_tail52_*; the later levels' points converted as they are loaded and stored, since 2026-11-27) and
     * the fixed-base table's doublings (vv_msm_table_step52_*); {@code ntt}: the NTT's butterflies (vv_ntt_group52_*: each element
     * converted as a pass loads and stores it, the twiddles from a table of their own in that form; a 40 KiB tile);
     * {@code fold}: the IPA's generator folds (vv_fold52_*, vv_fold2_52_*); {@code auto}, the default: {@link #FP52_AUTO}
     * on a device with full-rate FP64 ({@link DeviceApi#fullRateFp64}), none elsewhere; {@code none} (or an empty
     * value): none anywhere. Timed on an H200 at 509e65b (bench/results/gpu-20261127-190851-509e65b, 2^20): the MSM
     * 6.13 ms against 6.61 with the integer sums, the NTT within the spread of its integer twin (0.345-0.382 against
     * 0.356-0.363 ms), the folds no faster (26.2-26.8 against 25.8-26.5): only the MSM is auto's.
     */
    private static final String FP52 = System.getProperty("vampvm.cuda.fp52");
    /** The kernels {@code -Dvampvm.cuda.fp52=auto} takes on a device with full-rate FP64. */
    static final Set<String> FP52_AUTO = Set.of("msm");
    boolean msmFp52;
    boolean nttFp52;
    boolean foldFp52;
    /**
     * Whether an IPA round's L and R run as one batch of two MSMs over the round's generators where the batch is one
     * launch sequence ({@link #batchesMsmsOverHalves}): one launch chain and one wait where there were two, for the
     * digits of a zero half each (no entries). By the MSM's latency-bound levels alone (bench/models/msm_chains.py) a
     * chain is 40-80 additions deep at the IPA's sizes, ~0.5 ms; a k = 20 proof has ~9 such rounds. Untimed on a GPU
     * when written (2026-11-27); {@code -Dvampvm.cuda.batchHalves=false} runs two MSMs, to time both ways.
     */
    boolean batchHalves = booleanProperty("vampvm.cuda.batchHalves", true);

    /**
     * Proofs of at most 2^HOST_UP_TO_K rows run on the host's Java engine ({@link #forProof}; a VM run's small block
     * proofs too, their polynomials moved here for the shared opening when a larger block proof is here). On an
     * H200 (8706b9c, bench/results/gpu-20261126-230400-8706b9c) a small proof is launch latency: a VM block proof
     * of 2^3 to 2^10 rows waited 8-13 ms on the device whatever its size, the shared opening of 2^8 to 2^10 32-47 ms,
     * and the VM's block proofs, run at once, queued on the one device (mix: 8 block proofs, 832 ms of thread time in
     * a 183 ms proof); the 2-core development VM's CPU engine proved the same VM runs in 145-277 ms, the GPU machine's
     * 16 cores should take a fraction of that. Static proofs of 2^10 rows took 58-81 ms on the GPU against 190-270 ms
     * on the 2 cores: about even on 16, so 2^10 stays on the GPU. Not yet timed both ways on one GPU machine:
     * {@code bench/gpu-run.sh vm} with -Dvampvm.cuda.hostUpToK=-1 against the default is the next GPU session's check.
     */
    static final int HOST_UP_TO_K = 9;
    /**
     * {@link #HOST_UP_TO_K}, or {@code -Dvampvm.cuda.hostUpToK} (-1: every proof on the GPU). The emulated engine
     * takes -1 unless the property is set, so that what it checks is the GPU's code at every size.
     */
    int hostUpToK = (int) parseLong("vampvm.cuda.hostUpToK", System.getProperty("vampvm.cuda.hostUpToK"),
            HOST_UP_TO_K, -1, IpaParams.MAX_K);
    /** The host's engine for small proofs ({@link #forProof}), opened on first use, closed with this one. */
    private JavaBackend host;

    /** The system property {@code name} as a boolean; a value other than true or false is refused, not read as false. */
    static boolean booleanProperty(String name, boolean absent) {
        return parseBoolean(name, System.getProperty(name), absent);
    }

    /** A whole-number property's value, {@code absent} when not set; anything else than a number in [min, max] is refused. */
    static long parseLong(String name, String value, long absent, long min, long max) {
        if (value == null) {
            return absent;
        }
        try {
            long v = Long.parseLong(value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("-D" + name + " must be a whole number " + (max == Long.MAX_VALUE ? min
                + " or more" : "from " + min + " to " + max) + ", got '" + value + "'");
    }

    /**
     * {@code -Dvampvm.cuda.fp52}'s kernels on a device with or without full-rate FP64: a comma-separated list of msm,
     * ntt and fold, or all, or auto ({@link #FP52_AUTO} with full-rate FP64, none without; also when absent), or none
     * (also when empty).
     */
    static Set<String> fp52Kernels(String value, boolean fullRateFp64) {
        Set<String> all = Set.of("msm", "ntt", "fold");
        if (value == null) {
            return fullRateFp64 ? FP52_AUTO : Set.of();
        }
        if (value.isBlank() || value.trim().equals("none")) {
            return Set.of();
        }
        Set<String> kernels = new TreeSet<>();
        for (String k : value.split(",", -1)) {
            String name = k.trim();
            if (name.equals("all")) {
                kernels.addAll(all);
            } else if (name.equals("auto")) {
                kernels.addAll(fullRateFp64 ? FP52_AUTO : Set.of());
            } else if (all.contains(name)) {
                kernels.add(name);
            } else {
                throw new IllegalArgumentException("-Dvampvm.cuda.fp52 takes a comma-separated list of msm, ntt and "
                        + "fold, or all, or auto (the default), or none; got '" + value + "'");
            }
        }
        return kernels;
    }

    static boolean parseBoolean(String name, String value, boolean absent) {
        if (value == null) {
            return absent;
        }
        if (value.trim().equals("true") || value.trim().equals("false")) {
            return value.trim().equals("true");
        }
        throw new IllegalArgumentException("-D" + name + " must be true or false, got '" + value + "'");
    }

    /** The engine on a device; not private so that tests can put a recording device in front of the emulator. */
    CudaBackend(DeviceApi device) {
        this(device, FP52);
    }

    /** The engine on {@code device} with {@code fp52} for {@code -Dvampvm.cuda.fp52}'s value (null: auto). */
    CudaBackend(DeviceApi device, String fp52Setting) {
        Set<String> fp52;
        try {
            fp52 = fp52Kernels(fp52Setting, device.fullRateFp64());
        } catch (IllegalArgumentException e) { // the device is the engine's to close, and there will be no engine
            device.close();
            throw e;
        }
        this.cache = new CachingDevice(device);
        this.device = new TimedDevice(DeviceTimeline.ENABLED ? new DeviceTimeline(cache, DeviceTimeline.TOTALS) : cache);
        msmFp52 = fp52.contains("msm");
        nttFp52 = fp52.contains("ntt");
        foldFp52 = fp52.contains("fold");
        pippenger = new DevicePippenger(this, memoryLimitBytes());
    }

    /** The engine's device (timed), for the MSM's copies. */
    DeviceApi device() {
        return device;
    }

    /** The device memory freed by the engine and kept for reuse (given back to the driver when an allocation fails). */
    synchronized long cachedBytes() {
        return cache.cachedBytes();
    }

    @Override
    public long deviceNanos() {
        return device.nanos();
    }

    /** The engine on the first supported GPU, or the one named by {@code -Dvampvm.gpu.device=N}. */
    public static CudaBackend open() {
        return new CudaBackend(openDevice());
    }

    /** {@link #open()}'s device, for tests that put a watching device in front of it. */
    static JCudaDevice openDevice() {
        GpuProbe.Result r = GpuProbe.probe();
        if (!r.usable()) {
            throw new GpuUnavailableException(r.problem(), r.reason());
        }
        Integer wanted = Integer.getInteger("vampvm.gpu.device");
        GpuProbe.Device chosen = null;
        for (GpuProbe.Device d : r.devices()) {
            if (wanted != null ? d.index() == wanted : d.supported()) {
                chosen = d;
                break;
            }
        }
        if (chosen == null || !chosen.supported()) {
            throw new GpuUnavailableException(GpuProbe.Problem.NO_SUPPORTED_DEVICE, wanted != null
                    ? "GPU " + wanted + " (vampvm.gpu.device) is not present or older than compute capability 8.0"
                    : "no GPU of compute capability 8.0 or later");
        }
        return new JCudaDevice(chosen, NativeArtifacts.kernelImage());
    }

    /**
     * The engine with its kernels emulated on the host, no GPU needed: the same launch sequences and the same
     * kernels (kernels/vampvm.cu compiled for the host into libvampvm_native.so, run by
     * native/kernel_emulator.cpp), for checking both in CI. Slower than the Java engine: one core, and the GPU's
     * algorithms (a scalar multiplication per point in the generator folding).
     *
     * @throws IllegalStateException when libvampvm_native.so was not built into this vampvm (or does not load
     *     here); {@link #emulatorUnavailableReason()} says so beforehand
     */
    public static CudaBackend openEmulated() {
        return emulated(EmulatedDevice.open());
    }

    /** {@link #openEmulated()} running blocks and threads in another order ({@link EmulatedDevice#open(long)}). */
    static CudaBackend openEmulated(long order) {
        return emulated(EmulatedDevice.open(order));
    }

    /** The engine on an emulated device (or a test's watching device in front of one), set up as {@link #openEmulated()}. */
    static CudaBackend emulated(DeviceApi device) {
        CudaBackend b = new CudaBackend(device);
        b.folds.hostFoldBelow = GeneratorFolding.POINTWISE_BELOW;
        if (System.getProperty("vampvm.cuda.hostUpToK") == null) {
            b.hostUpToK = -1;
        }
        return b;
    }

    /** Whether {@link #openEmulated()} works here. */
    public static boolean emulatorAvailable() {
        return emulatorUnavailableReason() == null;
    }

    /** Why {@link #openEmulated()} would fail (e.g. the native build was off), or null when it would not. */
    public static String emulatorUnavailableReason() {
        return EmulatedDevice.unavailableReason();
    }

    @Override
    public String name() {
        return device.name();
    }

    @Override
    public synchronized Backend forProof(int k) {
        if (k > hostUpToK) {
            return this;
        }
        if (closed) {
            throw new IllegalStateException("the CUDA engine is closed");
        }
        if (host == null) {
            host = new JavaBackend();
        }
        return host;
    }

    @Override
    public String elsewhereReason(int k) {
        return k > hostUpToK ? null : "2^" + k + " rows is at most 2^" + hostUpToK + " (-Dvampvm.cuda.hostUpToK):"
                + " so small a proof is faster on the host's cores than through the GPU's launch latency";
    }

    @Override
    public String description() {
        return device.description();
    }

    /**
     * The device's free memory when the engine was opened, or less when {@code -Dvampvm.gpu.memoryLimit=BYTES} says
     * so (to share a GPU, and for tests: the emulated engine has no limit of its own).
     */
    @Override
    public long memoryLimitBytes() {
        Long limit = Long.getLong("vampvm.gpu.memoryLimit");
        long free = device.freeMemoryBytes();
        return limit == null ? free : Math.min(free, limit);
    }

    // ---- memory -------------------------------------------------------------------------------

    @Override
    public synchronized ScalarVector allocate(MontgomeryField field, int n) {
        checkSize(n);
        suffix(field);
        DeviceBuffer b = alloc((long) DeviceScalarVector.BYTES * n, "vector of " + n + " " + field.name());
        memsetZero(b);
        return new DeviceScalarVector(this, field, b, 0, n, true);
    }

    @Override
    public synchronized ScalarVector upload(MontgomeryField field, long[] src, int offset, int n) {
        checkSize(n);
        suffix(field);
        Arguments.checkUpload(field, src, offset, n);
        DeviceBuffer b = alloc((long) DeviceScalarVector.BYTES * n, "vector of " + n + " " + field.name());
        if (n > 0) {
            device.copyHtoD(b.ptr, src, offset, b.bytes, b.bytes + " bytes");
        }
        return new DeviceScalarVector(this, field, b, 0, n, true);
    }

    @Override
    public synchronized void upload(long[] src, int offset, ScalarVector dst) {
        DeviceScalarVector d = own(dst);
        Arguments.checkUpload(d.field, src, offset, d.size);
        if (d.size > 0) {
            long bytes = (long) DeviceScalarVector.BYTES * d.size;
            device.copyHtoD(d.ptr(), src, offset, bytes, bytes + " bytes");
        }
    }

    @Override
    public synchronized void download(ScalarVector v, long[] dst, int offset) {
        DeviceScalarVector d = own(v);
        Arguments.checkRange(dst.length, offset, 4L * d.size, "destination");
        if (d.size > 0) {
            long bytes = (long) DeviceScalarVector.BYTES * d.size;
            device.copyDtoH(dst, offset, d.ptr(), bytes, bytes + " bytes");
        }
    }

    @Override
    public synchronized void copy(ScalarVector src, ScalarVector dst) {
        DeviceScalarVector s = own(src);
        DeviceScalarVector d = own(dst);
        sameShape(s, d);
        if (s.size > 0) {
            long bytes = (long) DeviceScalarVector.BYTES * s.size;
            device.copyDtoD(d.ptr(), s.ptr(), bytes, bytes + " bytes");
        }
    }

    @Override
    public synchronized PointVector allocatePoints(ShortWeierstrassCurve curve, int n) {
        checkSize(n);
        curveSuffix(curve);
        DeviceBuffer b = alloc((long) DevicePointVector.BYTES * n, n + " " + curve.name() + " points");
        memsetZero(b); // (0, 0): the identity
        return new DevicePointVector(this, curve, b, 0, n, true);
    }

    @Override
    public synchronized PointVector uploadPoints(ShortWeierstrassCurve curve, long[] src, int offset, int n) {
        checkSize(n);
        curveSuffix(curve);
        Arguments.checkRange(src.length, offset, (long) ShortWeierstrassCurve.AFFINE_LONGS * n, "source");
        for (int i = 0; i < n; i++) {
            if (!curve.isOnCurveAffine(src, offset + ShortWeierstrassCurve.AFFINE_LONGS * i)) {
                throw new IllegalArgumentException("point " + i + " is not on " + curve.name());
            }
        }
        DeviceBuffer b = alloc((long) DevicePointVector.BYTES * n, n + " " + curve.name() + " points");
        if (n > 0) {
            device.copyHtoD(b.ptr, src, offset, b.bytes, b.bytes + " bytes");
        }
        return new DevicePointVector(this, curve, b, 0, n, true);
    }

    @Override
    public synchronized void downloadPoints(PointVector v, long[] dst, int offset) {
        DevicePointVector d = own(v);
        Arguments.checkRange(dst.length, offset, (long) ShortWeierstrassCurve.AFFINE_LONGS * d.size, "destination");
        if (d.size > 0) {
            long bytes = (long) DevicePointVector.BYTES * d.size;
            device.copyDtoH(dst, offset, d.ptr(), bytes, bytes + " bytes");
        }
    }

    // ---- transforms ---------------------------------------------------------------------------

    @Override
    public void ntt(EvaluationDomain domain, ScalarVector v) {
        transform(domain, v, 0);
    }

    @Override
    public void intt(EvaluationDomain domain, ScalarVector v) {
        transform(domain, v, 1);
    }

    @Override
    public void cosetNtt(EvaluationDomain domain, ScalarVector v) {
        transform(domain, v, 2);
    }

    @Override
    public void cosetIntt(EvaluationDomain domain, ScalarVector v) {
        transform(domain, v, 3);
    }

    /** mode: 0 ntt, 1 intt, 2 coset ntt, 3 coset intt; the sequence of native/host_arith.cpp's ntt_emulated. */
    private synchronized void transform(EvaluationDomain domain, ScalarVector v, int mode) {
        DeviceScalarVector a = own(v);
        if (a.field != domain.field()) {
            throw new IllegalArgumentException("domain over " + domain.field().name() + ", vector over " + a.field.name());
        }
        if (a.size != domain.size()) {
            throw new IllegalArgumentException("domain of size " + domain.size() + ", vector of " + a.size);
        }
        MontgomeryField f = a.field;
        String fs = suffix(f);
        int logN = domain.k();
        int n = domain.size();
        if (mode == 2) {
            launch("vv_scale_by_powers_" + fs, chunks(n, POWERS_CHUNK), a.ptr(), f.one(), domain.cosetGenerator(), n);
        }
        if (logN > 0) {
            DeviceApi.Address tw = (nttFp52 ? twiddles52(domain) : twiddles(domain)).ptr;
            int[] passes = nttPasses(logN);
            // The first pass's loads do the bit reversal, from positions that are other groups': it writes into a
            // scratch vector, the last pass back into a; a single pass is one block and works in place
            // (kernels/ntt/radix2.cuh).
            DeviceBuffer scratch = passes.length > 1 ? alloc((long) DeviceScalarVector.BYTES * n, "NTT scratch") : null;
            try {
                int s0 = 0;
                for (int p = 0; p < passes.length; p++) {
                    int t = passes[p];
                    int r = nttRadixLog(logN, t, nttRadix4FromLog);
                    DeviceApi.Address src = p == 0 ? a.ptr() : scratch.ptr;
                    DeviceApi.Address dst = p == passes.length - 1 ? a.ptr() : scratch.ptr;
                    launchGrid((nttFp52 ? "vv_ntt_group52_" : "vv_ntt_group_") + fs, n >>> t, 1 << (t - r), dst, src,
                            tw, logN, s0, t, r);
                    s0 += t;
                }
            } finally {
                if (scratch != null) {
                    release(scratch);
                }
            }
        }
        if (mode == 1 || mode == 3) {
            launch("vv_ntt_reverse_tail_" + fs, n / 2 + 1, a.ptr(), n, mode == 1 ? domain.sizeInverse() : f.one());
        }
        if (mode == 3) {
            launch("vv_scale_by_powers_" + fs, chunks(n, POWERS_CHUNK), a.ptr(), domain.sizeInverse(),
                    domain.cosetGeneratorInverse(), n);
        }
    }

    /** kernels/ntt/radix2.cuh's plan_passes: log n stages in passes of at most TILE_LOG, as even as possible. */
    static int[] nttPasses(int logN) {
        int passes = (logN + NTT_TILE_LOG - 1) / NTT_TILE_LOG;
        int[] stages = new int[passes];
        for (int p = 0; p < passes; p++) {
            stages[p] = logN / passes + (p < logN % passes ? 1 : 0);
        }
        return stages;
    }

    /**
     * kernels/ntt/radix2.cuh's group_radix_log: log2 of the elements each thread of a pass of t stages holds a step:
     * 2 (radix-4 steps) from radix4FromLog on, where the transform has threads to spare, else 1 (a butterfly a stage).
     */
    static int nttRadixLog(int logN, int t, int radix4FromLog) {
        return t >= 2 && logN >= radix4FromLog ? 2 : 1;
    }

    /** Threads for n elements at {@code chunk} per thread. */
    static int chunks(long n, int chunk) {
        return (int) ((n + (long) chunk - 1) / chunk);
    }

    /**
     * The domain's twiddle table (kernels/ntt/radix2.cuh): n elements, stage s's 2^s twiddles at 2^s, in the order
     * in which the threads of a pass read them.
     */
    private DeviceBuffer twiddles(EvaluationDomain domain) {
        DeviceBuffer tw = twiddles.get(domain);
        if (tw == null) {
            int n = domain.size();
            tw = alloc((long) DeviceScalarVector.BYTES * n, "twiddles of " + domain);
            launch("vv_ntt_twiddles_" + suffix(domain.field()), chunks(n, POWERS_CHUNK), tw.ptr, domain.omega(),
                    domain.k());
            twiddles.put(domain, tw);
        }
        return tw;
    }

    /** {@link #twiddles} in fp52n's form (vv_ntt_twiddles52_*): five 52-bit limbs an element. */
    private DeviceBuffer twiddles52(EvaluationDomain domain) {
        DeviceBuffer tw = twiddles52.get(domain);
        if (tw == null) {
            int n = domain.size();
            tw = alloc(40L * n, "fp52n twiddles of " + domain);
            launch("vv_ntt_twiddles52_" + suffix(domain.field()), chunks(n, POWERS_CHUNK), tw.ptr, domain.omega(),
                    domain.k());
            twiddles52.put(domain, tw);
        }
        return tw;
    }

    /** The domain's twiddle table as the transforms read it (Montgomery limbs, 4 per element), for the tests. */
    synchronized long[] twiddleTable(EvaluationDomain domain) {
        DeviceBuffer tw = twiddles(domain);
        long[] out = new long[4 * domain.size()];
        device.copyDtoH(out, 0, tw.ptr, tw.bytes, tw.bytes + " bytes");
        return out;
    }

    // ---- MSM and IPA --------------------------------------------------------------------------

    @Override
    public long[] msm(PointVector bases, ScalarVector scalars) {
        return msm(bases, List.of(scalars))[0];
    }

    /** The MSMs of a batch, on the device in groups ({@link DevicePippenger#msm}). */
    @Override
    public synchronized long[][] msm(PointVector bases, List<ScalarVector> scalars) {
        Arguments.checkBatch(scalars);
        DevicePointVector b = own(bases);
        ShortWeierstrassCurve curve = b.curve;
        List<DeviceScalarVector> s = new ArrayList<>();
        for (ScalarVector v : scalars) {
            DeviceScalarVector d = own(v);
            if (d.field != curve.scalarField()) {
                throw new IllegalArgumentException(curve.name() + " scalars are " + curve.scalarField().name()
                        + ", not " + d.field.name());
            }
            s.add(d);
        }
        int n = s.get(0).size;
        if (n > b.size) {
            throw new IllegalArgumentException(n + " scalars for " + b.size + " bases");
        }
        return pippenger.msm(b, s);
    }

    /**
     * A table of [2^(c·w)]G_j for every window w of the bases' MSMs ({@link DevicePippenger#prepareFixedBases}), kept
     * until the bases' buffer is freed.
     */
    @Override
    public synchronized void prepareFixedBases(PointVector bases) {
        pippenger.prepareFixedBases(own(bases));
    }

    /**
     * The bytes of the fixed-base table {@link #prepareFixedBases} makes for n bases, 0 when it makes none
     * ({@link DevicePippenger#fixedBasesBytes}).
     */
    @Override
    public long fixedBasesBytes(int n) {
        return pippenger.fixedBasesBytes(n);
    }

    /**
     * The least power of two from {@code least} to {@code most} (both powers of two) that cuts n items into at most
     * {@code threads} chunks, or {@code most}: the items a thread takes where a launch should keep about that many
     * threads (the MSM's levels, the batch inversion).
     */
    static int chunkFor(long n, int least, int most, long threads) {
        int chunk = least;
        while (chunk < most && (n + chunk - 1) / chunk > threads) {
            chunk <<= 1;
        }
        return chunk;
    }

    /**
     * The threads of a kernel the device holds at once in blocks of {@code block}, on every multiprocessor (the
     * driver's occupancy calculator), at least a block; asked once a kernel and block.
     */
    int residentThreads(String kernel, int block) {
        return residentThreads.computeIfAbsent(kernel + "<<<" + block + ">>>", k -> Math.max(block,
                device.multiprocessors() * device.residentBlocks(kernel, block) * block));
    }

    @Override
    public synchronized void foldGenerators(PointVector lo, PointVector hi, long[] u, PointVector out) {
        DevicePointVector l = own(lo);
        DevicePointVector h = own(hi);
        DevicePointVector o = own(out);
        if (l.curve != h.curve || l.curve != o.curve) {
            throw new IllegalArgumentException("generator folding over different curves");
        }
        if (l.size != h.size || l.size != o.size) {
            throw new IllegalArgumentException("generator folding of sizes " + l.size + ", " + h.size + ", " + o.size);
        }
        Arguments.checkElement(l.curve.scalarField(), u);
        if (l.size == 0) {
            return;
        }
        folds.fold(l, h, u, o);
    }

    /** The GPU's work leaves the host free; on the emulator too, so that CI runs the prover's path for a GPU. */
    @Override
    public boolean runsBesideTheHost() {
        return true;
    }

    @Override
    public boolean foldsTwoRoundsAtOnce(int m) {
        return folds.twoRoundsAtOnce(m);
    }

    /**
     * Up to bases of half a group ({@link DevicePippenger#MSM_GROUP_POINTS}), where the batch of two is one launch
     * sequence; past it the batch runs as two MSMs over all n bases, each with twice the digits of a half's and no
     * chain saved.
     */
    @Override
    public boolean batchesMsmsOverHalves(int n) {
        return batchHalves && 2L * n <= DevicePippenger.MSM_GROUP_POINTS;
    }

    @Override
    public synchronized void foldGeneratorsTwice(PointVector g, long[] u1, long[] u2, PointVector out) {
        DevicePointVector gs = own(g);
        DevicePointVector o = own(out);
        if (gs.curve != o.curve) {
            throw new IllegalArgumentException("generator folding over different curves");
        }
        int m = o.size;
        if (gs.size != 4L * m) {
            throw new IllegalArgumentException("folding two rounds of " + gs.size + " generators into " + m);
        }
        ShortWeierstrassCurve curve = gs.curve;
        MontgomeryField fr = curve.scalarField();
        Arguments.checkElement(fr, u1);
        Arguments.checkElement(fr, u2);
        if (!folds.pairOnGpu(m)) { // the two folds one at a time, on the host
            Backend.super.foldGeneratorsTwice(g, u1, u2, out);
            return;
        }
        folds.twoRoundsOnDevice(gs, u1, u2, o);
    }

    // ---- element-wise -------------------------------------------------------------------------

    @Override
    public void add(ScalarVector a, ScalarVector b, ScalarVector out) {
        binary("vv_add_", a, b, out);
    }

    @Override
    public void sub(ScalarVector a, ScalarVector b, ScalarVector out) {
        binary("vv_sub_", a, b, out);
    }

    @Override
    public void mul(ScalarVector a, ScalarVector b, ScalarVector out) {
        binary("vv_mul_", a, b, out);
    }

    private synchronized void binary(String kernel, ScalarVector a, ScalarVector b, ScalarVector out) {
        DeviceScalarVector x = own(a);
        DeviceScalarVector y = own(b);
        DeviceScalarVector r = own(out);
        sameShape(x, y);
        sameShape(x, r);
        launch(kernel + suffix(x.field), x.size, x.ptr(), y.ptr(), r.ptr(), x.size);
    }

    @Override
    public void scale(ScalarVector a, long[] c, ScalarVector out) {
        withConstant("vv_scale_", a, c, out);
    }

    @Override
    public synchronized void addScaled(ScalarVector a, long[] c, ScalarVector b, ScalarVector out) {
        DeviceScalarVector x = own(a);
        DeviceScalarVector y = own(b);
        DeviceScalarVector r = own(out);
        sameShape(x, y);
        sameShape(x, r);
        Arguments.checkElement(x.field, c);
        launch("vv_add_scaled_" + suffix(x.field), x.size, x.ptr(), c, y.ptr(), r.ptr(), x.size);
    }

    @Override
    public void addConstant(ScalarVector a, long[] c, ScalarVector out) {
        withConstant("vv_add_constant_", a, c, out);
    }

    /** out[i] = a[i] op c, for the kernels taking (a, c, out, n). */
    private synchronized void withConstant(String kernel, ScalarVector a, long[] c, ScalarVector out) {
        DeviceScalarVector x = own(a);
        DeviceScalarVector r = own(out);
        sameShape(x, r);
        Arguments.checkElement(x.field, c);
        launch(kernel + suffix(x.field), x.size, x.ptr(), c, r.ptr(), x.size);
    }

    /** kernels/vec/chacha.cuh: one thread per element; the seed as four little-endian words, R^3 mod p as limbs. */
    @Override
    public synchronized void expandSeed(byte[] seed, ScalarVector out) {
        DeviceScalarVector o = own(out);
        SeedExpander.checkSeed(seed);
        if (o.size == 0) {
            return;
        }
        long[] words = new long[4];
        for (int i = 0; i < 32; i++) {
            words[i / 8] |= (seed[i] & 0xFFL) << (8 * (i % 8));
        }
        long[] r3 = Limbs.fromBigInteger(BigInteger.ONE.shiftLeft(768).mod(o.field.modulus()));
        launch("vv_expand_seed_" + suffix(o.field), o.size, words, r3, o.ptr(), o.size);
    }

    @Override
    public synchronized void fill(ScalarVector v, long[] c) {
        DeviceScalarVector x = own(v);
        Arguments.checkElement(x.field, c);
        launch("vv_fill_" + suffix(x.field), x.size, x.ptr(), c, x.size);
    }

    @Override
    public synchronized void powers(long[] start, long[] x, ScalarVector out) {
        DeviceScalarVector r = own(out);
        Arguments.checkElement(r.field, start);
        Arguments.checkElement(r.field, x);
        launch("vv_powers_" + suffix(r.field), chunks(r.size, POWERS_CHUNK), start, x, r.ptr(), r.size);
    }

    @Override
    public synchronized void batchInvert(ScalarVector v) {
        DeviceScalarVector x = own(v);
        int chunk = invertChunk(x.size, invertThreads);
        launch("vv_invert_" + suffix(x.field), chunks(x.size, chunk), x.ptr(), x.size, chunk);
    }

    /**
     * The elements a thread of the batch inversion takes (kernels/vec/elementwise.cuh): the least power of two from
     * INVERT_CHUNK to INVERT_MAX_CHUNK that leaves at most {@code threads} threads over n elements. Each thread makes
     * one inversion (~380 products) and three products an element: at 16 a thread, 2^20 elements were 2^16 inversions,
     * a launch bound by their work; larger vectors take fewer, longer chains.
     */
    static int invertChunk(int n, int threads) {
        return chunkFor(n, INVERT_CHUNK, INVERT_MAX_CHUNK, threads);
    }

    /**
     * Three phases (kernels/vampvm.cu): every block of {@link #SCAN_BLOCK_ELEMENTS} scans its elements and writes their
     * product; the block products are scanned the same way, recursively (2^26 elements: 2^15 blocks, then 16, then
     * one); each block from the second on is multiplied by the scanned product of those before it.
     */
    @Override
    public synchronized void runningProduct(ScalarVector v) {
        DeviceScalarVector x = own(v);
        runningProduct(suffix(x.field), x.ptr(), x.size);
    }

    private void runningProduct(String fs, DeviceApi.Address a, int n) {
        if (n <= 1) {
            return;
        }
        int blocks = chunks(n, SCAN_BLOCK_ELEMENTS);
        DeviceBuffer totals = alloc((long) DeviceScalarVector.BYTES * blocks, "running-product block totals");
        try {
            launchGrid("vv_scan_mul_blocks_" + fs, blocks, BLOCK, a, n, totals.ptr);
            if (blocks > 1) {
                runningProduct(fs, totals.ptr, blocks);
                launch("vv_scan_mul_fixup_" + fs, n - SCAN_BLOCK_ELEMENTS, a, n, totals.ptr, SCAN_BLOCK_ELEMENTS);
            }
        } finally {
            release(totals);
        }
    }

    @Override
    public synchronized void runPointProgram(PointProgram program, ScalarVector sources, ScalarVector out) {
        DeviceScalarVector s = own(sources);
        DeviceScalarVector o = own(out);
        Arguments.checkPointProgram(program, s.field, s.size, o.field, o.size);
        if (o.field != Fp.FIELD) {
            throw new IllegalArgumentException("the CUDA engine runs point programs over Fp only, not " + o.field.name());
        }
        int[] code = program.code();
        long[] packed = new long[(code.length + 1) / 2]; // two 32-bit words per long, little-endian
        for (int i = 0; i < code.length; i++) {
            packed[i / 2] |= (code[i] & 0xFFFFFFFFL) << (32 * (i % 2));
        }
        DeviceBuffer c = upload(packed, 4L * code.length, "point program code");
        DeviceBuffer k = null;
        DeviceBuffer f = null;
        try {
            k = upload(program.constants(), 8L * program.constants().length, "point program constants");
            f = upload(program.factors(), 8L * program.factors().length, "point program factors");
            // The smallest register file that holds the program: local memory per thread is what bounds occupancy.
            int file = program.slots() <= 16 ? 16 : program.slots() <= 32 ? 32 : 64;
            launch("vv_eval_program" + file + "_fp", o.size, c.ptr, program.instructions(), k.ptr, s.ptr(), f.ptr,
                    program.factors().length / 4 - 1, o.ptr(), Integer.numberOfTrailingZeros(o.size));
        } finally {
            release(c);
            if (k != null) {
                release(k);
            }
            if (f != null) {
                release(f);
            }
        }
    }

    /** A fresh device buffer holding the first {@code bytes} of {@code src}. */
    private DeviceBuffer upload(long[] src, long bytes, String what) {
        DeviceBuffer b = alloc(bytes, what);
        if (bytes > 0) {
            device.copyHtoD(b.ptr, src, 0, bytes, what + " (" + bytes + " bytes)");
        }
        return b;
    }

    @Override
    public synchronized long[] evaluate(ScalarVector coeffs, long[] x) {
        DeviceScalarVector c = own(coeffs);
        Arguments.checkElement(c.field, x);
        if (c.size == 0) {
            return new long[4];
        }
        return innerProduct(c.field, c.ptr(), powersOf(c.field, x, c.size).ptr, c.size);
    }

    /** At least the first n powers of x, from {@link #powers} or made now (replacing shorter ones of the same x). */
    private DeviceBuffer powersOf(MontgomeryField field, long[] x, int n) {
        PowersKey key = new PowersKey(field, List.of(x[0], x[1], x[2], x[3]));
        long bytes = (long) DeviceScalarVector.BYTES * n;
        DeviceBuffer pw = powers.get(key);
        if (pw != null && pw.bytes >= bytes) {
            return pw;
        }
        if (pw != null) {
            release(powers.remove(key));
        }
        if (powers.size() == POWERS_KEPT) {
            var eldest = powers.entrySet().iterator().next();
            release(eldest.getValue());
            powers.remove(eldest.getKey());
        }
        pw = alloc(bytes, "powers for evaluate");
        try {
            launch("vv_powers_" + suffix(field), chunks(n, POWERS_CHUNK), field.one(), x, pw.ptr, n);
        } catch (RuntimeException e) {
            release(pw);
            throw e;
        }
        powers.put(key, pw);
        return pw;
    }

    @Override
    public synchronized long[] innerProduct(ScalarVector a, ScalarVector b) {
        DeviceScalarVector x = own(a);
        DeviceScalarVector y = own(b);
        sameShape(x, y);
        return innerProduct(x.field, x.ptr(), y.ptr(), x.size);
    }

    private long[] innerProduct(MontgomeryField f, DeviceApi.Address a, DeviceApi.Address b, int n) {
        long[] acc = new long[4];
        if (n == 0) {
            return acc;
        }
        int blocks = Math.min(MAX_REDUCTION_BLOCKS, (n + BLOCK - 1) / BLOCK);
        DeviceBuffer partials = alloc((long) DeviceScalarVector.BYTES * blocks, "inner-product partial sums");
        try {
            launchGrid("vv_inner_product_" + suffix(f), blocks, BLOCK, a, b, partials.ptr, n);
            long[] p = new long[4 * blocks];
            device.copyDtoH(p, 0, partials.ptr, partials.bytes, "inner-product partial sums");
            for (int i = 0; i < blocks; i++) {
                f.add(acc, 0, p, 4 * i, acc, 0);
            }
            return acc;
        } finally {
            release(partials);
        }
    }

    // ---- roofline -----------------------------------------------------------------------------

    /**
     * What a kernel's time is measured against (performance.md: operations over the measured arithmetic rate, bytes
     * over the measured bandwidth).
     *
     * @param productsPerSecond Fp Montgomery products per second, all threads busy (kernels/vampvm.cu's
     *                          vv_probe_products_fp: four independent chains per thread)
     * @param bytesPerSecond    device memory bandwidth: a device-to-device copy's bytes read plus written per second
     */
    public record Roofline(double productsPerSecond, double bytesPerSecond) {
    }

    /**
     * Measures the {@link Roofline}: the best of a few runs of the product probe over {@code threads} threads and of a
     * copy of {@code copyBytes} (both scaled down by the caller for the emulated engine).
     */
    public synchronized Roofline measureRoofline(int threads, int iters, long copyBytes) {
        checkOpen();
        if (threads < 1 || iters < 1 || copyBytes < 1) {
            throw new IllegalArgumentException("roofline probe of " + threads + " threads, " + iters + " rounds, "
                    + copyBytes + " bytes");
        }
        DeviceBuffer a = alloc((long) DeviceScalarVector.BYTES * threads, "product probe");
        DeviceBuffer src = alloc(copyBytes, "bandwidth probe source");
        DeviceBuffer dst = alloc(copyBytes, "bandwidth probe destination");
        try {
            memsetZero(a);
            memsetZero(src);
            double products = 0;
            double bytes = 0;
            for (int rep = 0; rep < 4; rep++) {
                long t0 = System.nanoTime();
                launch("vv_probe_products_fp", threads, a.ptr, threads, iters);
                device.synchronize("the product probe");
                long t1 = System.nanoTime();
                device.copyDtoD(dst.ptr, src.ptr, copyBytes, "bandwidth probe (" + copyBytes + " bytes)");
                device.synchronize("the bandwidth probe");
                long t2 = System.nanoTime();
                if (rep > 0) { // the first run loads the kernel and touches the memory
                    products = Math.max(products, 4.0 * threads * iters / ((t1 - t0) / 1e9));
                    bytes = Math.max(bytes, 2.0 * copyBytes / ((t2 - t1) / 1e9));
                }
            }
            return new Roofline(products, bytes);
        } finally {
            release(a);
            release(src);
            release(dst);
        }
    }

    // ---- lifetime -----------------------------------------------------------------------------

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (DeviceBuffer b : live) {
            try {
                b.free(device);
            } catch (RuntimeException e) { // free the rest, report the first failure
                first = first == null ? e : first;
            }
        }
        live.clear();
        twiddles.clear();
        twiddles52.clear();
        powers.clear();
        pippenger.clear();
        if (host != null) {
            host.close();
        }
        device.close();
        if (first != null) {
            throw first;
        }
    }

    /** Frees a vector's buffer (a vector's close) unless the backend already did. */
    synchronized void release(DeviceBuffer b) {
        if (closed || b.freed()) {
            return;
        }
        live.remove(b);
        b.free(device);
        DeviceBuffer table = pippenger.forget(b);
        if (table != null) {
            release(table);
        }
    }

    /** Waits for all launched work; reports an error any of it raised. */
    public synchronized void synchronize() {
        checkOpen();
        device.synchronize("cuCtxSynchronize (work launched since the last check)");
    }

    // ---- launching ----------------------------------------------------------------------------

    DeviceBuffer alloc(long bytes, String what) {
        DeviceBuffer b = new DeviceBuffer(device.alloc(bytes, what), bytes);
        live.add(b);
        return b;
    }

    void memsetZero(DeviceBuffer b) {
        if (b.bytes > 0) {
            device.memsetZero(b.allocation, b.bytes);
        }
    }

    /** One thread per item, in blocks of {@link #BLOCK}. */
    void launch(String kernel, int threads, Object... args) {
        if (threads <= 0) {
            return;
        }
        int block = Math.min(elementWiseBlock(threads, device.multiprocessors()), fullestBlock(kernel));
        launchGrid(kernel, (threads + block - 1) / block, block, args);
    }

    /** {@link #fullestBlock(IntUnaryOperator)} of a kernel, asked of the device once. */
    int fullestBlock(String kernel) {
        return fullestBlocks.computeIfAbsent(kernel, k -> fullestBlock(block -> device.residentBlocks(k, block)));
    }

    /**
     * The block size, a multiple of 32 up to {@link #BLOCK}, at which a multiprocessor holds the most warps of a kernel
     * ({@code residentBlocks}: how many blocks of that size it holds), the largest of equals. Most kernels take BLOCK;
     * one of many registers may fit fewer blocks of BLOCK than of a smaller size, whose remainder would otherwise sit
     * idle: at 142 registers a thread (the window sums' first level) an H100's multiprocessor has room for 12 warps,
     * one block of 256 (8 warps) or two of 192 (12); so at 134 (the fixed-base table's doublings in fp52n). A kernel
     * of 91 would have room for 20: two blocks of 256 (16) or four of 160.
     */
    static int fullestBlock(IntUnaryOperator residentBlocks) {
        int best = BLOCK;
        int bestWarps = -1;
        for (int block = BLOCK; block >= 32; block -= 32) {
            int warps = residentBlocks.applyAsInt(block) * (block / 32);
            if (warps > bestWarps) {
                best = block;
                bestWarps = warps;
            }
        }
        return best;
    }

    /**
     * Threads per block of an element-wise launch: {@link #BLOCK}, or fewer (down to a warp) when the launch has too
     * few threads to fill every multiprocessor with blocks of BLOCK. Then each thread is a long serial chain (the
     * MSM's last levels, the IPA's last folds: tens of point operations), and 256 of them on one multiprocessor
     * queue on its arithmetic units while the others idle; spread out, the launch takes about one chain's latency.
     */
    static int elementWiseBlock(int threads, int multiprocessors) {
        int sms = Math.max(1, multiprocessors);
        int perMultiprocessor = (int) ((threads + (long) sms - 1) / sms);
        int warps = (perMultiprocessor + 31) / 32;
        return Math.min(BLOCK, Math.max(32, 32 * warps));
    }

    /**
     * Launches a kernel (and waits for it with {@code -Dvampvm.cuda.syncEveryLaunch=true}, or to time it with
     * {@code -Dvampvm.cuda.profile=true}, {@link KernelProfile}): {@link DeviceApi.Address}
     * arguments are passed as device addresses, {@code Integer} as a 32-bit int, {@code long[4]} as a field element
     * (or canonical scalar) by value.
     */
    void launchGrid(String kernel, int grid, int block, Object... args) {
        if (grid <= 0) {
            return;
        }
        String what = kernel + "<<<" + grid + ", " + block + ">>>";
        long start = System.nanoTime();
        device.launch(kernel, grid, block, args);
        if (syncEveryLaunch || KernelProfile.ENABLED) {
            device.synchronize("running " + what);
        }
        if (KernelProfile.ENABLED) {
            KernelProfile.record(what, System.nanoTime() - start);
        }
    }

    // ---- checks -------------------------------------------------------------------------------

    private static String suffix(MontgomeryField f) {
        if (f == Fp.FIELD) {
            return "fp";
        }
        if (f == Fq.FIELD) {
            return "fq";
        }
        throw new IllegalArgumentException("the CUDA engine has kernels for Fp and Fq only, not " + f.name());
    }

    static String curveSuffix(ShortWeierstrassCurve c) {
        if (c == ShortWeierstrassCurve.PALLAS) {
            return "pallas";
        }
        if (c == ShortWeierstrassCurve.VESTA) {
            return "vesta";
        }
        throw new IllegalArgumentException("the CUDA engine has kernels for Pallas and Vesta only, not " + c.name());
    }

    private DeviceScalarVector own(ScalarVector v) {
        checkOpen();
        if (!(v instanceof DeviceScalarVector d) || d.backend != this) {
            throw new IllegalArgumentException(v + " does not belong to this " + name() + " backend");
        }
        d.buffer.checkOpen("vector");
        return d;
    }

    private DevicePointVector own(PointVector v) {
        checkOpen();
        if (!(v instanceof DevicePointVector d) || d.backend != this) {
            throw new IllegalArgumentException(v + " does not belong to this " + name() + " backend");
        }
        d.buffer.checkOpen("vector");
        return d;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the backend was closed");
        }
    }

    private static void sameShape(DeviceScalarVector a, DeviceScalarVector b) {
        if (a.field != b.field) {
            throw new IllegalArgumentException("vectors over " + a.field.name() + " and " + b.field.name());
        }
        if (a.size != b.size) {
            throw new IllegalArgumentException("vectors of sizes " + a.size + " and " + b.size);
        }
    }

    private void checkSize(int n) {
        checkOpen();
        if (n < 0) {
            throw new IllegalArgumentException("negative vector size " + n);
        }
    }
}
