package dev.vampvm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vampvm.ir.layout.Layout;
import dev.vampvm.ir.syntax.SourceFile;
import dev.vampvm.plonk.keygen.Keygen;
import dev.vampvm.vm.VmProgram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compiled circuits of every example stay what they were: for each examples/*.pir (with its inputs) and
 * examples/vm/*.pir (its small inputs) the static layout's circuit digest ({@link Keygen#circuitDigest}: constraint
 * system, k, fixed and σ values, what the verifying key is derived from) and a hash of its row listing (which
 * variable sits in which cell, the coefficients, each row's source); for examples/vm/*.pir also the VM program id
 * (every block's circuit digest). The expected values in {@code layout/circuit-digests.txt} were computed before
 * the compile-time work on {@code Fusion} (which must not change a circuit); regenerate them only for a deliberate
 * change of the layout, with {@code -Dvampvm.digests.write=FILE}.
 */
class CircuitDigestsTest {

    @Test
    void everyExampleCompilesToTheRecordedCircuit() throws IOException {
        Map<String, String> actual = actual();
        String write = System.getProperty("vampvm.digests.write");
        if (write != null) {
            StringBuilder sb = new StringBuilder();
            actual.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
            Files.writeString(Path.of(write), sb.toString());
        }
        Map<String, String> expected = new LinkedHashMap<>();
        try (InputStream in = CircuitDigestsTest.class.getResourceAsStream("/layout/circuit-digests.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    int sp = line.indexOf(' ');
                    expected.put(line.substring(0, sp), line.substring(sp + 1));
                }
            }
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected.keySet(), actual.keySet(), "the examples changed: regenerate the digests");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), actual.get(e.getKey()), e.getKey());
        }
    }

    private static Map<String, String> actual() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Path dir = IrTesting.examples();
        for (Path pir : sorted(dir)) {
            String name = pir.getFileName().toString().replace(".pir", "");
            Path inputs = dir.resolve(name + ".inputs.json");
            record(out, name, pir, Files.exists(inputs) ? Inputs.read(inputs) : null);
        }
        Path vm = dir.resolve("vm");
        for (Path pir : sorted(vm)) {
            String file = pir.getFileName().toString();
            String name = file.replace(".pir", "");
            // straight.SIZE.pir goes with straight.SIZE.inputs.json, NAME.pir with NAME.small.inputs.json.
            Path inputs = vm.resolve(name.contains(".") ? name + ".inputs.json" : name + ".small.inputs.json");
            record(out, "vm/" + name, pir, Inputs.read(inputs));
            VmProgram p = VmProgram.compile(new SourceFile(file, Files.readString(pir)));
            out.put("vm/" + name + ".vm-id", p.idHex());
        }
        return out;
    }

    private static void record(Map<String, String> out, String key, Path pir, Inputs inputs) throws IOException {
        CompiledProgram p = Compiler.compile(new SourceFile(pir.getFileName().toString(), Files.readString(pir)),
                inputs, null);
        Layout l = p.layout();
        out.put(key + ".circuit", l.k() + " " + HexFormat.of().formatHex(Keygen.circuitDigest(l.circuit(), l.k())));
        out.put(key + ".listing", l.rows() + " " + sha256(l.listing()));
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(f -> f.toString().endsWith(".pir")).sorted().toList());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
