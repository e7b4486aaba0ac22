import dev.vampvm.backend.JavaBackend;
import dev.vampvm.backend.PointVector;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.curve.Generators;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The Java engine's batch of M MSMs of N terms over the IPA generators (prepared bases: the process's fixed-base
 * tables, as a proof's commitments and an unfolded IPA round's L and R use them), on THREADS workers: wall and
 * process CPU time a batch, medians of 7 rounds after a warm-up that builds the tables. Run by run.sh.
 *
 *     java -cp vampvm.jar Batches.java N M THREADS [BATCHES-A-ROUND]
 */
public class Batches {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int m = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        ShortWeierstrassCurve curve = ShortWeierstrassCurve.VESTA;
        MontgomeryField fr = curve.scalarField();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Random rnd = new Random(1);
        try (JavaBackend backend = new JavaBackend(threads);
                PointVector g = backend.uploadPoints(curve, Generators.vesta().generatorsAffine(n), 0, n)) {
            backend.prepareFixedBases(g);
            List<ScalarVector> batch = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                long[] s = new long[4 * n];
                for (int j = 0; j < n; j++) {
                    fr.random(rnd, s, 4 * j);
                }
                batch.add(backend.upload(fr, s, 0, n));
            }
            int per = args.length > 3 ? Integer.parseInt(args[3]) : Math.max(1, 100_000 / (n * m));
            for (int i = 0; i < 3 * per; i++) {
                backend.msm(g, batch);
            }
            double[] wall = new double[7];
            double[] cpu = new double[7];
            for (int r = 0; r < wall.length; r++) {
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < per; i++) {
                    backend.msm(g, batch);
                }
                wall[r] = (System.nanoTime() - t0) / 1e6 / per;
                cpu[r] = (os.getProcessCpuTime() - c0) / 1e6 / per;
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            System.out.printf("%d MSMs of %d terms, %d workers, side by side %s: wall %.2f ms (%.2f-%.2f), cpu %.2f ms%n",
                    m, n, threads, System.getProperty("vampvm.java.msmSideBySide", "true"), wall[3], wall[0], wall[6],
                    cpu[3]);
            batch.forEach(ScalarVector::close);
        }
    }
}
