package dev.vampvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.cuda.GpuProbe;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code vampvm devices}: exit 0 with a list where a GPU is usable, else exit 4 and the probe's reason. */
class DevicesCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void listsGpusOrSaysWhyThereAreNone() {
        GpuProbe.Result probe = GpuProbe.probe();
        Run r = run("devices");
        if (probe.usable()) {
            assertEquals(0, r.exit, r.err);
            assertTrue(r.out.contains("GPU 0: "), r.out);
        } else {
            assertEquals(4, r.exit, r.err);
            assertTrue(r.err.contains("no usable GPU: " + probe.reason()), r.err);
            assertTrue(r.out.contains("kernels: "), r.out);
        }
        if (dev.vampvm.backend.cuda.NativeArtifacts.kernelImage() != null) {
            // Read from the fat binary itself, not said from memory.
            assertTrue(r.out.contains("kernels: vampvm_kernels.fatbin (sm_80, sm_86, sm_89, sm_90, compute_90 PTX)"),
                    r.out);
        }
        Run json = run("devices", "--json");
        assertEquals(r.exit, json.exit);
        assertTrue(json.out.contains("\"usable\" : " + probe.usable()), json.out);
    }
}
