package dev.vampvm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vampvm.api.ProgramProof;
import dev.vampvm.plonk.io.FileHeader;
import dev.vampvm.plonk.io.FileKind;
import dev.vampvm.plonk.io.IncompatibleFileException;
import dev.vampvm.plonk.verifier.Proof;
import dev.vampvm.vm.VmProof;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vampvm info FILE}: what a proof or key file holds. */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        description = {
            "Show what a vampvm file holds: kind, format version, k, verifying-key hash, public values, sizes.",
            "Reads program proofs (vampvm prove), VM proofs (prove --mode vm), bare proofs, verifying keys and key"
                    + " cache entries.",
            "Exit codes: 0 ok, 2 usage, 3 unreadable, malformed or incompatible file."})
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A proof or key file.")
    Path file;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            byte[] bytes = dev.vampvm.plonk.io.FileLimits.readBinary(file);
            Map<String, Object> m = describe(bytes);
            m.put("file", file.toString());
            m.put("bytes", bytes.length);
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
            } else {
                m.forEach((k, v) -> out.printf("%-18s %s%n", k, v));
            }
            out.flush();
            return Main.EXIT_OK;
        } catch (IncompatibleFileException e) {
            err.println("vampvm info: " + file + ": " + e.getMessage());
            err.flush();
            return ProgramFiles.EXIT_MALFORMED;
        } catch (IOException e) {
            err.println("vampvm info: cannot read " + file + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
            err.flush();
            return ProgramFiles.EXIT_MALFORMED;
        }
    }

    static Map<String, Object> describe(byte[] bytes) throws IncompatibleFileException {
        if (bytes.length < FileHeader.BYTES || !new String(bytes, 0, 6, java.nio.charset.StandardCharsets.ISO_8859_1)
                .equals("VAMPVM")) {
            throw new IncompatibleFileException("not a vampvm file (no vampvm header)");
        }
        FileKind kind = FileKind.fromCode(bytes[8] & 0xFF);
        if (kind == null) {
            throw new IncompatibleFileException("unknown vampvm file kind " + (bytes[8] & 0xFF));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.description());
        switch (kind) {
            case PROGRAM_PROOF -> {
                ProgramProof p = ProgramProof.fromBytes(bytes);
                m.put("version", ProgramProof.FILE_VERSION);
                m.put("program", p.programName());
                m.put("program_sha256", p.programSha256());
                m.put("circuit", p.circuit().describe());
                m.put("k", p.k());
                m.put("vk_hash", HexFormat.of().formatHex(p.proof().vkHash()));
                m.put("public_values", p.publicValues().size());
                m.put("public", p.publicMap());
                m.put("transcript_bytes", p.proof().transcript().length);
                m.put("made_by", "vampvm " + p.vampvmVersion());
            }
            case PROOF -> {
                Proof p = Proof.fromBytes(bytes);
                m.put("version", Proof.FILE_VERSION);
                m.put("k", p.k());
                m.put("vk_hash", HexFormat.of().formatHex(p.vkHash()));
                m.put("instance_lengths", java.util.Arrays.toString(p.instanceLengths()));
                m.put("transcript_bytes", p.transcript().length);
            }
            case VM_PROOF -> {
                VmProof p = VmProof.fromBytes(bytes);
                m.put("version", p.version());
                m.put("program_id", HexFormat.of().formatHex(p.programId()));
                m.put("public_values", p.publicValues().size());
                m.put("steps", p.steps().size());
                m.put("block_proofs", p.groups().size());
                m.put("block_proof_bytes", p.groups().stream().mapToLong(g -> g.transcript().length).sum());
                m.put("opening", p.opening() == null ? "one in each block proof (format 1)"
                        : "one for all block proofs, " + p.opening().length + " bytes");
            }
            case VERIFYING_KEY -> verifyingKey(bytes, 0, m);
            case KEY_CACHE_ENTRY -> {
                FileHeader.read(bytes, FileKind.KEY_CACHE_ENTRY, 1);
                ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                try {
                    b.position(FileHeader.BYTES);
                    byte[] address = new byte[b.getInt()];
                    b.get(address);
                    m.put("address", HexFormat.of().formatHex(address));
                    int len = b.getInt();
                    verifyingKey(bytes, b.position(), m);
                    m.put("verifying_key_bytes", len);
                } catch (BufferUnderflowException | NegativeArraySizeException | IllegalArgumentException e) {
                    throw new IncompatibleFileException("key cache entry is truncated");
                }
            }
            default -> {
                FileHeader h = FileHeader.read(bytes, kind, Integer.MAX_VALUE >>> 16);
                m.put("version", h.version());
                m.put("note", "this vampvm does not read " + kind.description() + " files");
            }
        }
        return m;
    }

    private static void verifyingKey(byte[] bytes, int offset, Map<String, Object> m)
            throws IncompatibleFileException {
        byte[] vk = java.util.Arrays.copyOfRange(bytes, offset, bytes.length);
        FileHeader h = FileHeader.read(vk, FileKind.VERIFYING_KEY, dev.vampvm.plonk.keygen.VerifyingKey.FILE_VERSION);
        ByteBuffer b = ByteBuffer.wrap(vk).order(ByteOrder.LITTLE_ENDIAN);
        try {
            b.position(FileHeader.BYTES);
            m.put("version", h.version());
            m.put("k", b.getInt());
            byte[] hash = new byte[64];
            b.get(hash);
            m.put("vk_hash", HexFormat.of().formatHex(hash));
            int fixed = b.getInt();
            b.position(b.position() + 32 * fixed);
            m.put("fixed_commitments", fixed);
            m.put("permutation_commitments", b.getInt());
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IncompatibleFileException("verifying key is truncated");
        }
    }
}
