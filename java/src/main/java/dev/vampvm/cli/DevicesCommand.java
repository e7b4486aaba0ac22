package dev.vampvm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vampvm.backend.cuda.GpuProbe;
import dev.vampvm.backend.cuda.NativeArtifacts;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vampvm devices}: the GPUs the CUDA engine can use, or exactly why there are none. */
@Command(name = "devices",
        mixinStandardHelpOptions = true,
        description = {
            "List the GPUs the CUDA engine sees (name, memory, compute capability) and the NVIDIA driver version,",
            "or say exactly why none can be used: no driver, no device, no device of compute capability 8.0 or",
            "later, or the kernels not built into this vampvm.",
            "Exit codes: 0 a GPU is usable, 4 none is."})
final class DevicesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GpuProbe.Result r = GpuProbe.probe();
        byte[] image = NativeArtifacts.kernelImage();
        boolean kernels = image != null;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("usable", r.usable());
            m.put("problem", r.problem() == null ? null : r.problem().name().toLowerCase(java.util.Locale.ROOT));
            m.put("reason", r.reason());
            m.put("driver", r.driverVersion());
            m.put("kernels", kernels);
            m.put("kernelArchitectures", kernels ? describe(image) : null);
            List<Map<String, Object>> ds = new ArrayList<>();
            for (GpuProbe.Device d : r.devices()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("index", d.index());
                e.put("name", d.name());
                e.put("memoryBytes", d.totalMemoryBytes());
                e.put("computeCapability", d.computeCapability());
                e.put("supported", d.supported());
                e.put("fullRateFp64", d.fullRateFp64());
                ds.add(e);
            }
            m.put("devices", ds);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } else {
            if (r.driverVersion() != null) {
                out.println("NVIDIA driver " + r.driverVersion() + " (CUDA driver API)");
            }
            for (GpuProbe.Device d : r.devices()) {
                out.printf("GPU %d: %s, %d MiB, compute capability %s%s%s%n", d.index(), d.name(),
                        d.totalMemoryBytes() >> 20, d.computeCapability(), d.supported() ? "" : " (too old: needs 8.0)",
                        d.fullRateFp64() ? ", FP64 at full rate (the MSM's bucket sums on the FP64 units: "
                                + "-Dvampvm.cuda.fp52)" : "");
            }
            out.println("kernels: " + (kernels ? NativeArtifacts.KERNELS + " (" + describe(image) + ") from "
                    + NativeArtifacts.searchedLocation() : "not built into this vampvm"));
        }
        out.flush();
        if (!r.usable()) {
            err.println("vampvm devices: no usable GPU: " + r.reason());
            err.flush();
            return ProveCommand.EXIT_NO_GPU;
        }
        return Main.EXIT_OK;
    }

    /** The architectures a kernel image holds, or why they cannot be read (the image is still what the engine loads). */
    private static String describe(byte[] image) {
        try {
            return String.join(", ", NativeArtifacts.fatbinArchitectures(image));
        } catch (IllegalArgumentException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
