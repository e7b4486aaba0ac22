import dev.vampvm.field.FieldLanes;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The lanes' field product alone (FieldLanes.mul, in place over 64 blocks of the preferred species' lanes) and the
 * scalar kernel's on as many elements, in ns per element product: ROUNDS rounds of REPS passes each, the first
 * rounds warming up (C2's compile of the Vector API code takes about a second here). Both results are checked
 * against each other, so a wrong product fails the run.
 *
 *     java --add-modules jdk.incubator.vector -cp vampvm.jar bench/lanes/Product.java [ROUNDS] [REPS]
 *
 * with -Dvampvm.lanes.bits=256 for four lanes on a wider CPU, or -XX:UseAVX=2 to hold C2 to AVX2.
 */
public class Product {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        MontgomeryField f = Fp.FIELD;
        FieldLanes fl = FieldLanes.preferred(f);
        int blocks = 64;
        int bl = fl.blockLongs();
        int lanes = fl.lanes();
        int n = lanes * blocks;
        SplittableRandom rng = new SplittableRandom(1);
        long[] a = new long[4 * n];
        long[] b = new long[4 * n];
        for (int i = 0; i < n; i++) {
            f.random(rng, a, 4 * i);
            f.random(rng, b, 4 * i);
        }
        long[] x = new long[bl * blocks];
        long[] y = new long[bl * blocks];
        for (int k = 0; k < blocks; k++) {
            fl.load(a, 4 * lanes * k, x, bl * k);
            fl.load(b, 4 * lanes * k, y, bl * k);
        }
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                for (int k = 0; k < blocks; k++) {
                    fl.mul(x, bl * k, y, bl * k, x, bl * k);
                }
            }
            long t1 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                for (int i = 0; i < n; i++) {
                    f.mul(a, 4 * i, b, 4 * i, a, 4 * i);
                }
            }
            long t2 = System.nanoTime();
            System.out.printf("round %d: lanes %.2f ns, scalar %.2f ns a product (%d lanes)%n", round,
                    (double) (t1 - t0) / ((long) reps * n), (double) (t2 - t1) / ((long) reps * n), lanes);
        }
        long[] back = new long[4 * n];
        for (int k = 0; k < blocks; k++) {
            fl.store(x, bl * k, back, 4 * lanes * k);
        }
        if (!Arrays.equals(back, a)) {
            throw new AssertionError("the lanes' products differ from the scalar kernel's");
        }
        System.out.println("lanes and scalar kernel agree on " + n + " elements after " + rounds * reps + " products each");
    }
}
