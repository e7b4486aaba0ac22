package dev.vampvm.backend.cuda;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.backend.PointVector;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.poly.EvaluationDomain;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The CUDA engine's checks on a GPU machine without Maven (bench/gpu-run.sh runs it from the jar before timing
 * anything with {@code bench kernels}): the checks of the gpu-tagged tests against the Java engine (NTT in all four
 * modes across the passes, MSM on both curves with edge scalars and an identity base, the element-wise work).
 *
 * <pre>java -cp vampvm.jar dev.vampvm.backend.cuda.GpuBench</pre>
 *
 * Exit 0 when every check passed, 1 when one failed, 4 when no GPU is usable.
 */
public final class GpuBench {

    private GpuBench() {
    }

    public static void main(String[] args) {
        GpuProbe.Result probe = GpuProbe.probe();
        if (!probe.usable()) {
            System.err.println("GpuBench: no usable GPU: " + probe.reason());
            System.exit(4);
        }
        long seed = Long.getLong("vampvm.seed", System.nanoTime());
        System.out.println("seed " + seed + " (-Dvampvm.seed=" + seed + " replays)");
        SplittableRandom rng = new SplittableRandom(seed);
        int failures = 0;
        try (CudaBackend cuda = CudaBackend.open(); JavaBackend java = new JavaBackend()) {
            System.out.println(cuda.description() + "; driver " + probe.driverVersion());
            failures += checks(cuda, java, rng);
            System.out.println(failures == 0 ? "checks: all passed" : "checks: " + failures + " FAILED");
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private static int checks(CudaBackend cuda, JavaBackend java, SplittableRandom rng) {
        int failures = 0;
        for (MontgomeryField f : new MontgomeryField[] {Fp.FIELD, dev.vampvm.field.Fq.FIELD}) {
            for (int k : new int[] {1, 2, 5, 10, 11, 16, 20, 21}) {
                EvaluationDomain d = EvaluationDomain.of(f, k);
                long[] a = randomScalars(f, rng, d.size());
                for (int mode = 0; mode < 4; mode++) {
                    try (ScalarVector g = cuda.upload(f, a, 0, d.size()); ScalarVector j = java.upload(f, a, 0, d.size())) {
                        switch (mode) {
                            case 0 -> { cuda.ntt(d, g); java.ntt(d, j); }
                            case 1 -> { cuda.intt(d, g); java.intt(d, j); }
                            case 2 -> { cuda.cosetNtt(d, g); java.cosetNtt(d, j); }
                            default -> { cuda.cosetIntt(d, g); java.cosetIntt(d, j); }
                        }
                        failures += report(Arrays.equals(java.download(j), cuda.download(g)),
                                "ntt " + f.name() + " k=" + k + " mode " + mode);
                    }
                }
            }
            int n = 100_003;
            long[] a = randomScalars(f, rng, n);
            long[] b = randomScalars(f, rng, n);
            long[] c = randomScalars(f, rng, 1);
            try (ScalarVector ga = cuda.upload(f, a, 0, n); ScalarVector gb = cuda.upload(f, b, 0, n);
                    ScalarVector go = cuda.allocate(f, n); ScalarVector ja = java.upload(f, a, 0, n);
                    ScalarVector jb = java.upload(f, b, 0, n); ScalarVector jo = java.allocate(f, n)) {
                cuda.addScaled(ga, c, gb, go);
                java.addScaled(ja, c, jb, jo);
                failures += report(Arrays.equals(java.download(jo), cuda.download(go)), "addScaled " + f.name());
                failures += report(Arrays.equals(java.innerProduct(ja, jb), cuda.innerProduct(ga, gb)),
                        "innerProduct " + f.name());
                failures += report(Arrays.equals(java.evaluate(ja, c), cuda.evaluate(ga, c)), "evaluate " + f.name());
                cuda.batchInvert(ga);
                java.batchInvert(ja);
                failures += report(Arrays.equals(java.download(ja), cuda.download(ga)), "batchInvert " + f.name());
            }
        }
        for (ShortWeierstrassCurve curve : new ShortWeierstrassCurve[] {ShortWeierstrassCurve.PALLAS, ShortWeierstrassCurve.VESTA}) {
            for (int n : new int[] {1, 3, 100, 1 << 12, 1 << 16}) {
                long[] bases = curve.randomAffinePoints(n, rng);
                if (n >= 3) {
                    Arrays.fill(bases, 8, 16, 0L);
                }
                long[] scalars = randomScalars(curve.scalarField(), rng, n);
                try (PointVector gb = cuda.uploadPoints(curve, bases, 0, n);
                        ScalarVector gs = cuda.upload(curve.scalarField(), scalars, 0, n);
                        PointVector jb = java.uploadPoints(curve, bases, 0, n);
                        ScalarVector js = java.upload(curve.scalarField(), scalars, 0, n)) {
                    failures += report(curve.equalProjective(cuda.msm(gb, gs), 0, java.msm(jb, js), 0),
                            "msm " + curve.name() + " n=" + n);
                    long[] u = randomScalars(curve.scalarField(), rng, 1);
                    if (n % 2 == 0) {
                        int h = n / 2;
                        try (PointVector out = cuda.allocatePoints(curve, h); PointVector jout = java.allocatePoints(curve, h)) {
                            cuda.foldGenerators(gb.slice(0, h), gb.slice(h, n), u, out);
                            java.foldGenerators(jb.slice(0, h), jb.slice(h, n), u, jout);
                            long[] x = new long[8 * h];
                            long[] y = new long[8 * h];
                            cuda.downloadPoints(out, x, 0);
                            java.downloadPoints(jout, y, 0);
                            failures += report(Arrays.equals(x, y), "fold " + curve.name() + " n=" + n);
                        }
                    }
                }
            }
        }
        return failures;
    }

    private static int report(boolean ok, String what) {
        if (!ok) {
            System.out.println("FAILED: " + what);
        }
        return ok ? 0 : 1;
    }

    private static long[] randomScalars(MontgomeryField f, SplittableRandom rng, int n) {
        long[] v = new long[4 * n];
        for (int i = 0; i < n; i++) {
            f.random(rng, v, 4 * i);
        }
        if (n >= 3) {
            f.setZero(v, 0);
            f.setOne(v, 4);
            f.neg(v, 4, v, 8); // p − 1
        }
        return v;
    }
}
