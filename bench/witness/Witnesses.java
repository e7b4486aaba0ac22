import dev.vampvm.bench.ProveBenchmark.StandardGateChain;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.Synthesis;
import java.util.List;

/**
 * The standard-gate benchmark's witness, synthesized again and again in one JVM, each time printed: how the first
 * proofs of a process pay for the JIT settling (bench/witness/run.sh). Usage: Witnesses K COUNT.
 */
public class Witnesses {
    public static void main(String[] args) {
        int k = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        StandardGateChain chain = new StandardGateChain((1 << k) - 16, 7);
        List<List<Fp>> instances = List.of(List.of(chain.output()));
        StringBuilder line = new StringBuilder();
        for (int r = 0; r < count; r++) {
            long t0 = System.nanoTime();
            Synthesis.witnessForProving(chain, k, instances);
            line.append(String.format(" %.1f", (System.nanoTime() - t0) / 1e6));
        }
        System.out.println("witness ms, k = " + k + ":" + line);
    }
}
