import dev.vampvm.curve.Generators;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.msm.FixedBaseMsm;
import dev.vampvm.msm.Workers;
import java.util.Arrays;
import java.util.Random;

/**
 * One fixed-base MSM of N terms over the IPA generators on one thread, with a table of each window width C given
 * (0: the planner's), one after another in this JVM: medians of 7 rounds after a warm-up, to check the planner's
 * choice (FixedBaseMsm.plan) on a machine. The first width measured also carries the JIT's warm-up: list the
 * planner's (0) first and again later, or compare fresh JVMs.
 *
 *     java --add-modules jdk.incubator.vector -cp vampvm.jar Windows.java N C [C ...] [-Drounds=50]
 */
public class Windows {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int perRound = Integer.getInteger("rounds", 50);
        ShortWeierstrassCurve curve = ShortWeierstrassCurve.VESTA;
        MontgomeryField fr = curve.scalarField();
        long[] bases = Generators.vesta().generatorsAffine(n);
        long[] scalars = new long[4 * n];
        Random rnd = new Random(1);
        for (int j = 0; j < n; j++) {
            fr.random(rnd, scalars, 4 * j);
        }
        for (int i = 1; i < args.length; i++) {
            int c = Integer.parseInt(args[i]);
            FixedBaseMsm.Precomputation table = FixedBaseMsm.precompute(curve, bases, 0, n, c, c == 0 ? 0 : 1,
                    FixedBaseMsm.DEFAULT_MEMORY_BUDGET, Workers.single());
            for (int w = 0; w < 6 * perRound; w++) {
                FixedBaseMsm.msm(table, scalars, 0, n, Workers.single());
            }
            double[] ms = new double[7];
            for (int r = 0; r < ms.length; r++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < perRound; k++) {
                    FixedBaseMsm.msm(table, scalars, 0, n, Workers.single());
                }
                ms[r] = (System.nanoTime() - t0) / 1e6 / perRound;
            }
            Arrays.sort(ms);
            System.out.printf("%d terms, c = %d%s, one thread: %.2f ms (%.2f-%.2f)%n", n, table.windowBits(),
                    c == 0 ? " (the planner's)" : "", ms[3], ms[0], ms[6]);
        }
    }
}
