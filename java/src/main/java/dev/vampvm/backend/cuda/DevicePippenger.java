package dev.vampvm.backend.cuda;

import static dev.vampvm.backend.cuda.CudaBackend.booleanProperty;
import static dev.vampvm.backend.cuda.CudaBackend.chunkFor;
import static dev.vampvm.backend.cuda.CudaBackend.chunks;
import static dev.vampvm.backend.cuda.CudaBackend.curveSuffix;
import static dev.vampvm.backend.cuda.CudaBackend.parseLong;

import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.curve.ShortWeierstrassCurve;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The CUDA engine's multi-scalar multiplication: kernels/msm/pippenger.cuh's stages as one launch sequence per group
 * of a batch's MSMs (signed digits, the bucket counts' scan, the counting sort, the bucket sums in levels, the window
 * sums in levels, the host's Horner), the fixed-base tables that give the IPA's generators one set of buckets for
 * all windows, and the sizes of each stage's launches, which native/host_arith.cpp mirrors for KernelAlgorithmsTest.
 * Part of {@link CudaBackend}, which checks the vectors, owns the device and its buffers, and launches; the MSM's
 * settings ({@code -Dvampvm.cuda.msm*}, {@code -Dvampvm.cuda.fixedBases}, {@code -Dvampvm.cuda.fixedTableMaxBytes})
 * are read here, its fp52n form ({@code -Dvampvm.cuda.fp52=msm}) by the engine with the others'.
 */
public final class DevicePippenger {
    /** kernels/msm/pippenger.cuh's MSM_CHUNK: the most points one thread of the bucket accumulation adds. */
    static final int MSM_CHUNK = 32;
    /**
     * Below this many threads' worth of entries the bucket accumulation's first level takes fewer a thread
     * (first_chunk).
     */
    static final int MSM_FIRST_THREADS = 1 << 17;
    /**
     * kernels/msm/pippenger.cuh's PARTIALS_BLOCK, PARTIALS_THREADS and PARTIALS_LAST: the bucket sums' later levels (the
     * engine takes its busy threads from the device's occupancy, {@link #partialsBusy}; PARTIALS_THREADS is what that
     * comes to for the integer kernel on an H100 or H200, which the host mirror of the kernels uses).
     */
    static final int MSM_PARTIALS_BLOCK = 128;
    static final int MSM_PARTIALS_THREADS = 1 << 16;
    static final int MSM_PARTIALS_LAST = 8;
    /** kernels/msm/pippenger.cuh's MSM_SCAN_PER_THREAD: bucket counts per thread of vv_msm_scan_blocks. */
    static final int MSM_SCAN_PER_THREAD = 8;
    /** kernels/msm/pippenger.cuh's REDUCE_TAIL_THREADS: the threads of a block of vv_msm_reduce_tail_*, two a pair. */
    static final int MSM_REDUCE_TAIL_THREADS = 256;
    /** kernels/msm/pippenger.cuh's REDUCE_FIRST_LOG: log2 of stage 5's first segments (the later levels take pairs). */
    static final int MSM_REDUCE_FIRST_LOG = 2;
    /** A point in XYZZ coordinates on the device (kernels/ec/xyzz.cuh): four field elements. */
    static final int XYZZ_BYTES = 4 * 32;
    /** The most scalars (and buckets) one launch sequence of a batched MSM takes: 2^20, about what fills a GPU. */
    static final int MSM_GROUP_POINTS = 1 << 20;
    /** Bucket counts a block of vv_msm_scan_blocks scans (1,024 threads of MSM_SCAN_PER_THREAD). */
    private static final int SCAN_BLOCK = 1024;

    private final CudaBackend engine;
    /**
     * {@link #MSM_FIRST_THREADS}, or {@code -Dvampvm.cuda.msmFirstThreads} (1: a chunk of MSM_CHUNK at every size, as
     * before it shrank, to time both ways); lowered by tests to run the larger chunks at the emulator's sizes.
     */
    int msmFirstThreads = (int) parseLong("vampvm.cuda.msmFirstThreads", System.getProperty(
            "vampvm.cuda.msmFirstThreads"), MSM_FIRST_THREADS, 1, 1 << 30);
    /**
     * About how many threads a later level of the bucket sums keeps busy before its threads take more than one slot
     * each: {@code -Dvampvm.cuda.msmPartialsThreads} (2^15 was the constant until 2026-11-27, to time both ways), or 0
     * for as many as the device holds of the level's kernel at once ({@link #partialsBusy}); set by tests to run many
     * slots a thread at the emulator's sizes.
     */
    int msmPartialsThreads = (int) parseLong("vampvm.cuda.msmPartialsThreads", System.getProperty(
            "vampvm.cuda.msmPartialsThreads"), 0, 1, 1 << 30);
    /** The fixed-base tables ({@link #prepareFixedBases}), by the buffer of the base vector they were made for. */
    private final Map<DeviceBuffer, FixedBases> fixedBases = new IdentityHashMap<>();
    /** {@code -Dvampvm.cuda.fixedBases=false} turns {@link #prepareFixedBases} off, to time MSMs both ways. */
    private final boolean fixedBasesOn = booleanProperty("vampvm.cuda.fixedBases", true);

    /** The MSM of {@code engine}, whose device has {@code memory} bytes free (Long.MAX_VALUE: not known). */
    DevicePippenger(CudaBackend engine, long memory) {
        this.engine = engine;
        fixedTableMaxBytes = fixedTableMaxBytes(System.getProperty("vampvm.cuda.fixedTableMaxBytes"), memory);
    }

    /**
     * The MSMs of a batch over b, its vectors of scalars of one size and at most b's (checked by the engine), in groups
     * of up to {@link #MSM_GROUP_POINTS} scalars and as many buckets, each group as one MSM of group × nw windows
     * (kernels/msm/pippenger.cuh): small MSMs, a VM block's columns, fill the GPU together where one alone would leave
     * most of it idle; from 2^20 points on, one MSM fills it, and a group would only add scratch memory (the bound on
     * buckets matters for tiny MSMs, which have many windows of few points).
     */
    long[][] msm(DevicePointVector b, List<DeviceScalarVector> s) {
        ShortWeierstrassCurve curve = b.curve;
        int n = s.get(0).size;
        long[][] out = new long[s.size()][];
        FixedBases table = fixedBasesFor(b, n);
        int c = table != null ? table.c : chooseWindow(n);
        long bucketsEach = table != null ? 1L << (c - 1) : (long) ((256 + c - 1) / c) << (c - 1);
        int group = (int) Math.max(1, Math.min(MSM_GROUP_POINTS / Math.max(1, n), MSM_GROUP_POINTS / bucketsEach));
        for (int from = 0; from < out.length; from += group) {
            List<DeviceScalarVector> part = s.subList(from, Math.min(out.length, from + group));
            if (n == 0) {
                for (int i = 0; i < part.size(); i++) {
                    out[from + i] = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
                    curve.setIdentityProjective(out[from + i], 0);
                }
            } else {
                msmGroup(b, table, part, n, out, from);
            }
        }
        return out;
    }

    /**
     * A table of [2^(c·w)]G_j for every window w of c = {@link #fixedWindow}(n) bits, n = bases.size(), so that the MSMs
     * over these bases (or over a slice of at least half of them) put all their windows' entries in
     * one set of buckets (kernels/msm/pippenger.cuh, fixed bases): at 2^20, 13 windows of 2^19 buckets summed once,
     * where the plain path takes 16 windows of 2^15 buckets each and a Horner over their sums. Built on the device,
     * one launch of c doublings a point and one conversion to affine per window, kept until the bases' buffer is freed;
     * skipped past its cap ({@link #fixedTableMaxBytes(String, long)}), for fewer than {@link #FIXED_MIN_POINTS}
     * bases, and with {@code -Dvampvm.cuda.fixedBases=false} ({@link #fixedBasesBytes} is 0 then).
     */
    void prepareFixedBases(DevicePointVector b) {
        int n = b.size;
        if (b.start != 0 || fixedBases.containsKey(b.buffer) || fixedBasesBytes(n) == 0) {
            return;
        }
        int c = fixedWindow(n);
        int nw = (256 + c - 1) / c;
        String cs = curveSuffix(b.curve);
        long bytes = (long) DevicePointVector.BYTES * n;
        DeviceBuffer table = engine.alloc(bytes * nw, "fixed-base MSM table");
        DeviceBuffer cur = engine.alloc(CudaBackend.PROJECTIVE_BYTES * n,
                "fixed-base MSM table, a window in projective form");
        try {
            engine.device().copyDtoD(table.ptr, b.ptr(), bytes, "fixed-base MSM table, window 0");
            for (int w = 1; w < nw; w++) {
                engine.launch((engine.msmFp52 ? "vv_msm_table_step52_" : "vv_msm_table_step_") + cs, n, b.ptr(),
                        cur.ptr, n, c, w == 1 ? 1 : 0);
                engine.launch("vv_to_affine_" + cs, chunks(n, CudaBackend.AFFINE_CHUNK), cur.ptr,
                        table.ptr.plus(bytes * w), n);
            }
        } catch (RuntimeException e) {
            engine.release(table);
            throw e;
        } finally {
            engine.release(cur);
        }
        fixedBases.put(b.buffer, new FixedBases(table, n, c));
    }

    /** A fixed-base table: nw windows of n affine points, window w at offset w·n. */
    private record FixedBases(DeviceBuffer table, int n, int c) {
    }

    /**
     * The table for an MSM of n scalars over b: b's buffer has one, b's first n bases are among the table's, and they
     * are at least half of them (as the IPA's first round's halves are), so that the table's wide window still pays.
     * Any slice will do: table point (w, i) is at w·stride + i, so the bases from b.start on are the table seen from
     * point b.start on (msmGroup).
     */
    private FixedBases fixedBasesFor(DevicePointVector b, int n) {
        FixedBases t = fixedBases.get(b.buffer);
        return t != null && 2L * n >= t.n && (long) b.start + n <= t.n ? t : null;
    }

    /** The fixed-base table cap's floor, and the whole cap where the device's memory is not known (the emulator). */
    public static final long FIXED_TABLE_MIN_CAP = 2L << 30;

    /** A fixed-base table may take up to the device's free memory over this (while at least FIXED_TABLE_MIN_CAP). */
    static final int FIXED_TABLE_MEMORY_SHARE = 8;

    /**
     * The most device memory a fixed-base table may take ({@link #fixedTableMaxBytes(String, long)}): an eighth of the
     * device memory free when the engine opened ({@link CudaBackend#memoryLimitBytes}), at least 2 GiB.
     */
    private final long fixedTableMaxBytes;

    /**
     * The most device memory a fixed-base table may take on a device with {@code memory} bytes free when the engine
     * opened (Long.MAX_VALUE: not known): {@code property} ({@code -Dvampvm.cuda.fixedTableMaxBytes}; 0: no tables)
     * when set, else memory / {@link #FIXED_TABLE_MEMORY_SHARE} and at least {@link #FIXED_TABLE_MIN_CAP}. A
     * table for n = 2^k bases takes 64·n·⌈256 / min(k, 22)⌉ bytes: 2^21 bases 1.6 GiB, 2^22 3.2 GB, 2^23 6.4 GB,
     * 2^24 12.9 GB, so that an H100's ~80 GB free takes tables up to 2^23 bases and an H200's ~140 GB up to 2^24,
     * while a proof's own vectors keep seven eighths. On an H200 (8706b9c) the 12.9 GB table of 2^24 bases took the fixed-base
     * MSM from 124.4 to 107.0 ms, made in 932 ms; the 2 GiB cap everywhere had left it without a table.
     */
    static long fixedTableMaxBytes(String property, long memory) {
        long byMemory = memory == Long.MAX_VALUE ? FIXED_TABLE_MIN_CAP
                : Math.max(FIXED_TABLE_MIN_CAP, memory / FIXED_TABLE_MEMORY_SHARE);
        return parseLong("vampvm.cuda.fixedTableMaxBytes", property, byMemory, 0, Long.MAX_VALUE);
    }

    /** Fewer bases than this get no table: their MSMs are latency, not additions. */
    static final int FIXED_MIN_POINTS = 64;

    /** The fixed-base table's window for n bases: log2(n) rounded up, from 4 to 22 (pippenger.cuh, fixed bases). */
    public static int fixedWindow(int n) {
        int lg = 0;
        while ((1L << lg) < n && lg < 31) {
            lg++;
        }
        return Math.max(4, Math.min(22, lg));
    }

    /**
     * The bytes of the fixed-base table {@link #prepareFixedBases} makes for n bases, 0 when it makes none (too few
     * bases, over its cap {@link #fixedTableMaxBytes(String, long)}, or tables turned off).
     */
    long fixedBasesBytes(int n) {
        return fixedBasesOn ? fixedTableBytes(n, fixedTableMaxBytes) : 0;
    }

    /** The bytes of a fixed-base table for n bases, or 0 when none would be made for them under {@code cap}. */
    public static long fixedTableBytes(int n, long cap) {
        if (n < FIXED_MIN_POINTS) {
            return 0;
        }
        int c = fixedWindow(n);
        long bytes = (long) DevicePointVector.BYTES * n * ((256 + c - 1) / c);
        return bytes <= cap ? bytes : 0;
    }

    /**
     * One group of MSMs of n scalars each, as one launch sequence (native/host_arith.cpp's msm_emulated for a group of
     * one); out[from + i] gets MSM i's sum.
     */
    private void msmGroup(DevicePointVector b, FixedBases table, List<DeviceScalarVector> group, int n, long[][] out,
            int from) {
        ShortWeierstrassCurve curve = b.curve;
        String cs = curveSuffix(curve);
        int batch = group.size();
        int all = batch * n;
        int c = table != null ? table.c : chooseWindow(n);
        int nw = (256 + c - 1) / c;
        // With a fixed-base table every MSM is one window to the stages after the digits (pippenger.cuh).
        int windows = table != null ? batch : batch * nw;
        int stride = table != null ? table.n : 0;
        DeviceApi.Address basesPtr = table != null ? table.table.ptr.plus((long) DevicePointVector.BYTES * b.start)
                : b.ptr();
        int buckets = 1 << (c - 1);
        int m = windows * buckets;
        int proj = 12 * 8;
        DeviceBuffer scalars = null;
        DeviceBuffer digits = engine.alloc(4L * nw * all, "MSM digits");
        DeviceBuffer ranks = engine.alloc(4L * nw * all, "MSM digit ranks");
        DeviceBuffer counts = engine.alloc(4L * m, "MSM bucket counts");
        DeviceBuffer offsets = engine.alloc(4L * (m + 1), "MSM bucket offsets");
        DeviceBuffer bucketSums = engine.alloc((long) proj * m, "MSM buckets");
        // Stage 5's pairs (P, U), P then U in one buffer, ping-pong between this one, which takes the first level's,
        // and the buckets' (the later levels write at most a quarter of it).
        DeviceBuffer reduced = engine.alloc(2L * proj * windows * (buckets >>> reduceFirstLog(buckets)),
                "MSM window sums");
        DeviceBuffer entries = null;
        DeviceBuffer[] keys = new DeviceBuffer[2];
        DeviceBuffer[] parts = new DeviceBuffer[2];
        try {
            DeviceApi.Address scalarsPtr = group.get(0).ptr();
            if (batch > 1) { // the group's scalars side by side, as the digits kernel reads them
                long bytes = (long) DeviceScalarVector.BYTES * n;
                scalars = engine.alloc(bytes * batch, "MSM batch scalars");
                for (int i = 0; i < batch; i++) {
                    engine.device().copyDtoD(scalars.ptr.plus(bytes * i), group.get(i).ptr(), bytes,
                            "MSM batch scalars");
                }
                scalarsPtr = scalars.ptr;
            }
            engine.memsetZero(counts);
            engine.launch("vv_msm_digits_" + cs, all, scalarsPtr, all, n, c, stride, digits.ptr, ranks.ptr, counts.ptr);
            scanCounts(counts.ptr, m, offsets.ptr, SCAN_BLOCK);
            // Sized for the most entries there can be (every digit non-zero), not for this call's count, so that
            // every MSM of this size reuses the same buffers (CachingDevice), and so is the first level's launch: the
            // count stays on the device (threads past it have nothing to add) and the host queues the whole MSM
            // without waiting for it.
            long maxEntries = (long) nw * all;
            entries = engine.alloc(4L * maxEntries, "MSM bucket entries");
            engine.launch("vv_msm_scatter", Math.toIntExact(maxEntries), digits.ptr, ranks.ptr, all, n, c, stride,
                    offsets.ptr, entries.ptr);
            // The bucket sums in levels (pippenger.cuh, stage 4): the first over the entries, a thread per chunk of
            // firstChunk, each later one over the previous level's partial sums, a block per chunk, until one block
            // holds them all. The partials ping-pong between two pairs of buffers, sized for the first level's output
            // and the second's (a block of at least MSM_PARTIALS_BLOCK slots leaves 2; later levels write fewer).
            int chunk = firstChunk(maxEntries, msmFirstThreads);
            int threads = chunks(maxEntries, chunk);
            long[] slots = partialSlots(maxEntries, msmFirstThreads);
            for (int i = 0; i < 2; i++) {
                keys[i] = engine.alloc(4L * Math.max(1, slots[i]), "MSM partial sums' buckets");
                parts[i] = engine.alloc((long) XYZZ_BYTES * Math.max(1, slots[i]), "MSM partial sums");
            }
            String accumulate = engine.msmFp52 ? "vv_msm_accumulate52_" : "vv_msm_accumulate_";
            engine.launch(accumulate + cs, threads, basesPtr, entries.ptr, offsets.ptr, m, bucketSums.ptr, keys[0].ptr,
                    parts[0].ptr, threads, chunk);
            // The later levels and the window sums do their arithmetic in fp52n too when the first level does.
            String levels = (engine.msmFp52 ? "52_" : "_") + cs;
            for (int f = 0, blocks = threads; blocks > 1; f ^= 1) {
                int count = 2 * blocks;
                int k = partialsPerThread(count, partialsBusy("vv_msm_accumulate_partials" + levels));
                blocks = chunks(count, MSM_PARTIALS_BLOCK * k);
                engine.launchGrid("vv_msm_accumulate_partials" + levels, blocks, MSM_PARTIALS_BLOCK, keys[f].ptr,
                        parts[f].ptr, count, k, bucketSums.ptr, keys[f ^ 1].ptr, parts[f ^ 1].ptr);
            }
            // The window sums in levels (pippenger.cuh, stage 5): the first over the buckets, each later one over the
            // last's pairs (two threads a pair), until a window's pairs fit one block of vv_msm_reduce_tail, which does
            // the remaining levels in place and writes the window sums to the other buffer.
            int segLog = reduceFirstLog(buckets);
            int len = buckets >>> segLog;
            int count = windows * len;
            DeviceApi.Address p = reduced.ptr;
            DeviceApi.Address u = reduced.ptr.plus((long) proj * count);
            engine.launch("vv_msm_reduce" + levels, count, bucketSums.ptr, offsets.ptr, buckets, segLog, p, u, count);
            DeviceBuffer[] into = {bucketSums, reduced};
            int f = 0;
            for (; len > MSM_REDUCE_TAIL_THREADS; len >>>= 1, f ^= 1) {
                count = windows * len / 2;
                DeviceApi.Address pOut = into[f].ptr;
                DeviceApi.Address uOut = into[f].ptr.plus((long) proj * count);
                engine.launch("vv_msm_reduce_pairs" + levels, 2 * count, p, u, pOut, uOut, count);
                p = pOut;
                u = uOut;
            }
            if (len > 1) {
                int perBlock = MSM_REDUCE_TAIL_THREADS / len;
                engine.launchGrid("vv_msm_reduce_tail" + levels, chunks(windows, perBlock),
                        Math.min(perBlock, windows) * len, p, u, windows, len, into[f].ptr);
                p = into[f].ptr;
            }
            long[] w = new long[12 * windows];
            engine.device().copyDtoH(w, 0, p, (long) proj * windows, "MSM window sums");
            // Per MSM, Horner over its windows, c doublings apart (kernels/msm/pippenger.cuh's combine_windows); with
            // a fixed-base table the MSM's one window sum is its result. The MSMs of a batch on as many threads: each
            // is a chain of ~240 doublings, ~0.3 ms on a core, that the next GPU work waits for (an IPA round's L
            // and R: the H200 machine's timeline at 509e65b had the GPU idle ~1.1 ms between a round's window sums
            // and its inner products, ~0.35 ms in the first round, whose MSMs are fixed-base and have no Horner).
            int perMsm = windows / batch;
            IntStream.range(0, batch).parallel().forEach(j -> {
                PointArithmetic ops = curve.arithmetic();
                long[] result = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
                System.arraycopy(w, 12 * (j * perMsm + perMsm - 1), result, 0, 12);
                for (int i = perMsm - 2; i >= 0; i--) {
                    ops.dblTimes(result, 0, c, result, 0);
                    ops.add(result, 0, w, 12 * (j * perMsm + i), result, 0);
                }
                out[from + j] = result;
            });
        } finally {
            for (DeviceBuffer t : new DeviceBuffer[] {scalars, digits, ranks, counts, offsets, bucketSums, reduced,
                entries, keys[0], keys[1], parts[0], parts[1]}) {
                if (t != null) {
                    engine.release(t);
                }
            }
        }
    }

    /**
     * The exclusive scan of m ≥ 1 bucket counts into offsets[0..m], offsets[m] the total, in three phases
     * (kernels/vampvm.cu, vv_msm_scan_blocks): each block of {@code block} threads scans block × MSM_SCAN_PER_THREAD
     * counts and writes their total; the totals are scanned the same way, in place (2^26 counts at 1024 threads:
     * 8,192 totals, one block); each block's offsets from the second on get the scanned total of those before it.
     * counts may be offsets. Not private so that tests can scan at small blocks, where several levels are cheap.
     */
    void scanCounts(DeviceApi.Address counts, int m, DeviceApi.Address offsets, int block) {
        int perBlock = block * MSM_SCAN_PER_THREAD;
        int blocks = chunks(m, perBlock);
        DeviceBuffer totals = engine.alloc(4L * (blocks + 1), "MSM scan block totals");
        try {
            engine.launchGrid("vv_msm_scan_blocks", blocks, block, counts, m, offsets, totals.ptr);
            if (blocks > 1) {
                scanCounts(totals.ptr, blocks, totals.ptr, block);
                engine.launch("vv_msm_scan_fixup", m + 1 - perBlock, offsets, m, totals.ptr, perBlock);
            }
        } finally {
            engine.release(totals);
        }
    }

    /** The entries per thread of the bucket accumulation's first level: pippenger.cuh's first_chunk. */
    static int firstChunk(long maxEntries, int firstThreads) {
        return chunkFor(maxEntries, 1, MSM_CHUNK, firstThreads);
    }

    /**
     * The partial sums' slots of an MSM of at most maxEntries bucket entries: of its first level (two a thread) and of
     * its second (two a block), what {@link #msm} allocates for them.
     */
    static long[] partialSlots(long maxEntries, int firstThreads) {
        long threads = chunks(maxEntries, firstChunk(maxEntries, firstThreads));
        return new long[] {2 * threads, 2 * chunks(2 * threads, MSM_PARTIALS_BLOCK)};
    }

    /** {@link #partialSlots} of both levels together, at the default first-level budget: for memory estimates. */
    public static long msmPartialSlots(long maxEntries) {
        long[] s = partialSlots(maxEntries, MSM_FIRST_THREADS);
        return s[0] + s[1];
    }

    /**
     * The slots per thread of the bucket accumulation's later level over count slots, keeping about busy threads busy:
     * pippenger.cuh's partials_per_thread (whose PARTIALS_THREADS is {@link #MSM_PARTIALS_THREADS}).
     */
    static int partialsPerThread(int count, int busy) {
        if (count <= MSM_PARTIALS_BLOCK * MSM_PARTIALS_LAST) {
            return chunkFor(count, 1, MSM_PARTIALS_LAST, MSM_PARTIALS_BLOCK); // the fewest that fit one block
        }
        return chunkFor(count, 1, MSM_CHUNK, busy);
    }

    /**
     * The threads a later level of the bucket sums keeps busy ({@link #partialsPerThread}): {@link #msmPartialsThreads}
     * when set, else as many as the device holds of that level's kernel at once, blocks of MSM_PARTIALS_BLOCK on every
     * multiprocessor (the driver's occupancy calculator): at 114 registers a thread four blocks of 128 on each of an
     * H100's or H200's 132, 67,584 (about 2^16), at the fp52n kernel's 184 two, 33,792. More would run in waves, each
     * as deep as the level's chain; fewer leave warp slots empty on a latency-bound chain.
     */
    int partialsBusy(String kernel) {
        if (msmPartialsThreads > 0) {
            return msmPartialsThreads;
        }
        return engine.residentThreads(kernel, MSM_PARTIALS_BLOCK);
    }

    /** log2 of stage 5's first segments for windows of a power of two buckets: pippenger.cuh's reduce_segment_log. */
    private static int reduceFirstLog(int buckets) {
        return Math.min(MSM_REDUCE_FIRST_LOG, Integer.numberOfTrailingZeros(buckets));
    }

    /**
     * The widest window {@link #chooseWindow} takes: 16, as pippenger.cuh's choose_window, unless
     * {@code -Dvampvm.cuda.msmWindowMax} (16 to 22) says otherwise, for tuning large MSMs on a GPU: a wider window
     * means fewer windows, so fewer bucket additions and digits, for 2^(c-1) buckets a window. On an H200, c = 17 to 19
     * were slower than 16 at 2^20 and 2^22 (bench/results/gpu-20261126-035410-f65e091). The prover's memory check
     * ({@code DeviceMemoryEstimate}) assumes the default.
     */
    static final int MSM_WINDOW_MAX = msmWindowMax(System.getProperty("vampvm.cuda.msmWindowMax"));

    static int msmWindowMax(String property) {
        return (int) parseLong("vampvm.cuda.msmWindowMax", property, 16, 16, 22);
    }

    /**
     * The MSM's window width for n points, kernels/msm/pippenger.cuh's choose_window: about log2(n) − 3, from 4 to
     * {@link #MSM_WINDOW_MAX}.
     */
    public static int chooseWindow(int n) {
        return chooseWindow(n, MSM_WINDOW_MAX);
    }

    static int chooseWindow(int n, int max) {
        int lg = 0;
        while ((1L << lg) < n && lg < 31) {
            lg++;
        }
        return Math.max(4, Math.min(max, lg - 3));
    }


    /** Forgets the fixed-base table made for a freed buffer of bases; returns the table's buffer, or null. */
    DeviceBuffer forget(DeviceBuffer bases) {
        FixedBases table = fixedBases.remove(bases);
        return table != null ? table.table : null;
    }

    /** Forgets every table (the engine frees all its buffers). */
    void clear() {
        fixedBases.clear();
    }
}
