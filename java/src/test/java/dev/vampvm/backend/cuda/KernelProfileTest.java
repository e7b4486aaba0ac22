package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The per-kernel table of {@code -Dvampvm.cuda.profile=true}: launches of one kernel and geometry add up, longest first. */
class KernelProfileTest {

    @Test
    void launchesAddUpPerKernelAndGeometryLongestFirst() {
        KernelProfile.record("vv_test_short<<<1, 32>>>", 1_000);
        KernelProfile.record("vv_test_long<<<8, 256>>>", 2_000_000);
        KernelProfile.record("vv_test_long<<<8, 256>>>", 4_000_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        KernelProfile.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("       6.000        2       3000.0  vv_test_long<<<8, 256>>>"), table);
        assertTrue(table.contains("       0.001        1          1.0  vv_test_short<<<1, 32>>>"), table);
        assertTrue(table.indexOf("vv_test_long") < table.indexOf("vv_test_short"), table);
    }
}
