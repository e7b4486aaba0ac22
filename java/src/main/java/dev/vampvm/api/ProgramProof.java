package dev.vampvm.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.io.FileHeader;
import dev.vampvm.plonk.io.FileKind;
import dev.vampvm.plonk.io.IncompatibleFileException;
import dev.vampvm.plonk.verifier.Proof;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A proof of a VampIR program, as {@code vampvm prove} writes it:
 * <pre>
 *   FileHeader (program proof, version 1)
 *   u32 len, UTF-8 JSON metadata:
 *     { "program": "pythagoras.pir", "program_sha256": "…", "circuit": { "unroll": null | N },
 *       "k": 3, "public": [ { "name": "R", "value": "25" } ], "vampvm": "…" }
 *   u32 len, the proof file ({@link Proof}, which names the verifying key's hash)
 * </pre>
 * (little-endian). The metadata says how to rebuild the circuit without the private inputs ({@link CircuitChoice}),
 * binds the proof to the program's text (SHA-256) and carries the public values; the verifier recompiles the
 * program, recomputes the verifying key and checks the transcript against these public values (or against values
 * the verifier trusts, {@code --public}).
 */
public record ProgramProof(String programName, String programSha256, CircuitChoice circuit, int k,
        List<String> publicNames, List<Fp> publicValues, String vampvmVersion, Proof proof) {
    public static final int FILE_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public ProgramProof {
        publicNames = List.copyOf(publicNames);
        publicValues = List.copyOf(publicValues);
        if (publicNames.size() != publicValues.size()) {
            throw new IllegalArgumentException("public names and values differ in number");
        }
    }

    /** The public values by name, as decimal strings, in instance order. */
    public Map<String, String> publicMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < publicNames.size(); i++) {
            m.put(publicNames.get(i), publicValues.get(i).toBigInteger().toString());
        }
        return m;
    }

    /** The metadata as JSON (an object node). */
    public ObjectNode metadata() {
        ObjectNode m = JSON.createObjectNode();
        m.put("program", programName);
        m.put("program_sha256", programSha256);
        ObjectNode c = m.putObject("circuit");
        if (circuit.unroll() == null) {
            c.putNull("unroll");
        } else {
            c.put("unroll", circuit.unroll());
        }
        m.put("k", k);
        ArrayNode pub = m.putArray("public");
        for (int i = 0; i < publicNames.size(); i++) {
            pub.addObject().put("name", publicNames.get(i)).put("value",
                    publicValues.get(i).toBigInteger().toString());
        }
        m.put("vampvm", vampvmVersion);
        return m;
    }

    public byte[] toBytes() {
        byte[] meta = metadata().toString().getBytes(StandardCharsets.UTF_8);
        byte[] inner = proof.toBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(FileHeader.current(FileKind.PROGRAM_PROOF, FILE_VERSION).toBytes());
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        out.writeBytes(b.putInt(0, meta.length).array());
        out.writeBytes(meta);
        out.writeBytes(b.putInt(0, inner.length).array());
        out.writeBytes(inner);
        return out.toByteArray();
    }

    /**
     * Reads a program proof.
     *
     * @throws IncompatibleFileException for another kind of file, a newer version, a truncated file, trailing bytes,
     *     or metadata that does not parse
     */
    public static ProgramProof fromBytes(byte[] file) throws IncompatibleFileException {
        FileHeader.read(file, FileKind.PROGRAM_PROOF, FILE_VERSION);
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        b.position(FileHeader.BYTES);
        try {
            int metaLength = b.getInt();
            if (metaLength < 0 || metaLength > b.remaining()) {
                throw new IncompatibleFileException("program proof is truncated (metadata of " + metaLength
                        + " bytes, " + b.remaining() + " follow)");
            }
            byte[] meta = new byte[metaLength];
            b.get(meta);
            int innerLength = b.getInt();
            if (innerLength != b.remaining()) {
                throw new IncompatibleFileException("program proof: the proof is said to be " + innerLength
                        + " bytes, " + b.remaining() + " follow" + (innerLength > b.remaining() ? " (truncated)" : ""));
            }
            byte[] inner = new byte[innerLength];
            b.get(inner);
            Proof proof = Proof.fromBytes(inner);
            return parseMetadata(meta, proof);
        } catch (BufferUnderflowException e) {
            throw new IncompatibleFileException("program proof is truncated");
        }
    }

    private static ProgramProof parseMetadata(byte[] meta, Proof proof) throws IncompatibleFileException {
        try {
            JsonNode m = JSON.readTree(new String(meta, StandardCharsets.UTF_8));
            String name = text(m, "program");
            String sha = text(m, "program_sha256");
            if (!sha.matches("[0-9a-f]{64}")) {
                throw new IncompatibleFileException("program proof: program_sha256 is not a SHA-256 in hex");
            }
            JsonNode unroll = m.path("circuit").path("unroll");
            CircuitChoice choice;
            if (unroll.isNull()) {
                choice = CircuitChoice.none();
            } else if (unroll.isInt() && unroll.intValue() >= 0) {
                choice = CircuitChoice.unroll(unroll.intValue());
            } else {
                throw new IncompatibleFileException("program proof: circuit.unroll must be null or a count");
            }
            JsonNode kNode = m.path("k");
            if (!kNode.isInt() || kNode.intValue() != proof.k()) {
                throw new IncompatibleFileException("program proof: metadata k does not match the proof's k = "
                        + proof.k());
            }
            List<String> names = new ArrayList<>();
            List<Fp> values = new ArrayList<>();
            JsonNode pub = m.path("public");
            if (!pub.isArray()) {
                throw new IncompatibleFileException("program proof: no public values list");
            }
            for (JsonNode p : pub) {
                names.add(text(p, "name"));
                values.add(canonical(text(p, "value")));
            }
            String version = m.path("vampvm").asText("unknown");
            return new ProgramProof(name, sha, choice, proof.k(), names, values, version, proof);
        } catch (java.io.IOException e) {
            throw new IncompatibleFileException("program proof: the metadata is not valid JSON");
        }
    }

    private static String text(JsonNode n, String field) throws IncompatibleFileException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IncompatibleFileException("program proof: metadata field '" + field + "' is missing");
        }
        return v.asText();
    }

    private static Fp canonical(String decimal) throws IncompatibleFileException {
        try {
            BigInteger v = new BigInteger(decimal);
            if (v.signum() < 0 || v.compareTo(Fp.FIELD.modulus()) >= 0) {
                throw new IncompatibleFileException("program proof: public value " + decimal + " is not in the field");
            }
            return Fp.of(v);
        } catch (NumberFormatException e) {
            throw new IncompatibleFileException("program proof: public value '" + decimal + "' is not a number");
        }
    }
}
