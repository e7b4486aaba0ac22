package dev.vampvm.backend.cuda;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Path;

/**
 * The host build of the CUDA kernels' arithmetic headers ({@code kernels/ff}, {@code kernels/ec}), compiled
 * into {@code libvampvm_native.so} from the same source the GPU runs, reached through JNA. Its only job is to
 * let tests compare the device arithmetic with {@code dev.vampvm.field} and {@code dev.vampvm.curve} on
 * machines without a GPU; nothing in the prover calls it.
 *
 * <p>Values are Montgomery-form limbs in the Java flat layouts: 4 longs per field element, 8 per affine
 * point, 12 per projective point.
 */
public final class HostArithmetic {

    /**
     * The ABI version this class and {@link EmulatedDevice} speak; native/host_arith.cpp's {@code vv_abi_version}
     * (2: the kernel emulator's {@code vv_emu_*} functions; 3: the XYZZ formulas, the MSM's balance report; 5: the
     * NTT's radix-4 threshold as an argument).
     */
    static final int ABI_VERSION = 9;

    /** The C functions; names as exported by native/host_arith.cpp. */
    public interface Lib extends Library {
        int vv_abi_version();

        void vv_fp_add(long[] r, long[] a, long[] b);
        void vv_fp_sub(long[] r, long[] a, long[] b);
        void vv_fp_mul(long[] r, long[] a, long[] b);
        void vv_fp_neg(long[] r, long[] a);
        void vv_fp_sqr(long[] r, long[] a);
        void vv_fp_inv(long[] r, long[] a);
        void vv_fp_pow(long[] r, long[] a, long e);
        void vv_fp_from_canonical(long[] r, long[] a);
        void vv_fp_to_canonical(long[] r, long[] a);

        void vv_fq_add(long[] r, long[] a, long[] b);
        void vv_fq_sub(long[] r, long[] a, long[] b);
        void vv_fq_mul(long[] r, long[] a, long[] b);
        void vv_fq_neg(long[] r, long[] a);
        void vv_fq_sqr(long[] r, long[] a);
        void vv_fq_inv(long[] r, long[] a);
        void vv_fq_pow(long[] r, long[] a, long e);
        void vv_fq_from_canonical(long[] r, long[] a);
        void vv_fq_to_canonical(long[] r, long[] a);

        /** kernels/ff/fp52n.cuh's operations on a and b (native/host_arith.cpp's vv_*_fp52n_ops): 7 results. */
        void vv_fp_fp52n_ops(long[] r, long[] a, long[] b);

        void vv_fq_fp52n_ops(long[] r, long[] a, long[] b);

        /**
         * One fp52n NTT butterfly on raw five-limb values (native/host_arith.cpp's vv_*_fp52n_butterfly): 18 longs,
         * the two raw results then the two converted out.
         */
        void vv_fp_fp52n_butterfly(long[] r, long[] x, long[] y, long[] w, int one);

        void vv_fq_fp52n_butterfly(long[] r, long[] x, long[] y, long[] w, int one);

        void vv_pallas_add(long[] r, long[] p, long[] q);
        void vv_pallas_add_mixed(long[] r, long[] p, long[] q);
        void vv_pallas_dbl(long[] r, long[] p);
        void vv_pallas_neg(long[] r, long[] p);
        void vv_pallas_to_affine(long[] r, long[] p);
        void vv_pallas_mul(long[] r, long[] p, long[] k);

        void vv_vesta_add(long[] r, long[] p, long[] q);
        void vv_vesta_add_mixed(long[] r, long[] p, long[] q);
        void vv_vesta_dbl(long[] r, long[] p);
        void vv_vesta_neg(long[] r, long[] p);
        void vv_vesta_to_affine(long[] r, long[] p);
        void vv_vesta_mul(long[] r, long[] p, long[] k);

        // The MSM buckets' XYZZ formulas (kernels/ec/xyzz.cuh): 16 longs a point (X, Y, ZZ, ZZZ).
        void vv_pallas_xyzz_add(long[] r, long[] p, long[] q);
        void vv_pallas_xyzz_add_mixed(long[] r, long[] p, long[] qAffine);
        void vv_pallas_xyzz_dbl(long[] r, long[] p);
        void vv_pallas_xyzz_to_proj(long[] r, long[] p);
        void vv_vesta_xyzz_add(long[] r, long[] p, long[] q);
        void vv_vesta_xyzz_add_mixed(long[] r, long[] p, long[] qAffine);
        void vv_vesta_xyzz_dbl(long[] r, long[] p);
        void vv_vesta_xyzz_to_proj(long[] r, long[] p);

        // The kernels' algorithms run serially on the host (native/host_arith.cpp). firstThreads: the bucket
        // accumulation's first-level thread budget (DevicePippenger.MSM_FIRST_THREADS); maxAdded[0] and [1]: the most
        // points one thread of its first level, and of its later levels, added.
        void vv_pallas_msm_emulated(long[] r, long[] basesAffine, long[] scalars, int n, int window, int firstThreads,
                int[] maxAdded);
        void vv_vesta_msm_emulated(long[] r, long[] basesAffine, long[] scalars, int n, int window, int firstThreads,
                int[] maxAdded);
        /**
         * consts: omega, 1/n, g, 1/g; mode 0 ntt, 1 intt, 2 coset ntt, 3 coset intt; radix4FromLog: the log2(n) from
         * which the passes take radix-4 steps ({@link CudaBackend#NTT_RADIX4_FROM_LOG} on the GPU).
         */
        void vv_fp_ntt_emulated(long[] a, int logN, long[] consts, int mode, int radix4FromLog);
        void vv_fq_ntt_emulated(long[] a, int logN, long[] consts, int mode, int radix4FromLog);
        /** u as {@link DeviceGeneratorFolding.FoldScalar}: the halves' wNAF digits, how many are in use, ζ. */
        void vv_pallas_fold(long[] r, long[] lo, long[] hi, byte[] digits, int length, long[] zeta);
        void vv_vesta_fold(long[] r, long[] lo, long[] hi, byte[] digits, int length, long[] zeta);
    }

    private static volatile Lib loaded;
    private static volatile Path loadedFile;

    private HostArithmetic() {
    }

    /** Whether the host library was built into this vampvm and loads on this machine. */
    public static boolean available() {
        return unavailableReason() == null;
    }

    /** Why {@link #library()} would fail, or null when it would not. */
    public static String unavailableReason() {
        if (!NativeArtifacts.supportedPlatform()) {
            return "the native library is built for linux-x86_64 only";
        }
        try {
            library();
            return null;
        } catch (IllegalStateException | UnsatisfiedLinkError e) {
            return e.getMessage();
        }
    }

    /** The file {@link #library()} loaded (for other bindings of the same library: the kernel emulator). */
    static Path libraryFile() {
        library();
        return loadedFile;
    }

    /** The loaded library. */
    static Lib library() {
        Lib l = loaded;
        if (l == null) {
            synchronized (HostArithmetic.class) {
                if (loaded == null) {
                    Path p = NativeArtifacts.hostLibrary();
                    if (p == null) {
                        throw new IllegalStateException(NativeArtifacts.HOST_LIBRARY + " is not in "
                                + NativeArtifacts.searchedLocation() + ": the native build did not run (cmake not on"
                                + " PATH when vampvm was built)");
                    }
                    Lib lib = Native.load(p.toString(), Lib.class);
                    int v = lib.vv_abi_version();
                    if (v != ABI_VERSION) {
                        throw new IllegalStateException(p + " has ABI version " + v + ", expected " + ABI_VERSION);
                    }
                    loadedFile = p;
                    loaded = lib;
                }
                l = loaded;
            }
        }
        return l;
    }
}
