package dev.vampvm.plonk.verifier;

import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.io.FileHeader;
import dev.vampvm.plonk.io.FileKind;
import dev.vampvm.plonk.io.IncompatibleFileException;
import dev.vampvm.plonk.keygen.VerifyingKey;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A proof as a file: the transcript bytes the prover wrote, with what says which key and public-input shape they
 * belong to, so that a mismatch is reported plainly before any cryptography runs.
 * <pre>
 *   FileHeader (proof, version 1)
 *   u32 64, the verifying key's 64-byte hash
 *   u32 k
 *   u32 instance columns, then u32 values per column
 *   u32 transcript length, the transcript bytes
 * </pre>
 * (little-endian). The public values themselves travel separately: the verifier must get them from wherever it
 * trusts (in the VM, from the trace), not from the prover.
 */
public record Proof(byte[] vkHash, int k, int[] instanceLengths, byte[] transcript) {
    public static final int FILE_VERSION = 1;

    public Proof {
        vkHash = vkHash.clone();
        instanceLengths = instanceLengths.clone();
        transcript = transcript.clone();
    }

    /** Wraps transcript bytes made for the key and public inputs. */
    public static Proof of(VerifyingKey vk, List<List<Fp>> instances, byte[] transcript) {
        int[] lengths = new int[instances.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = instances.get(i).size();
        }
        return new Proof(vk.hash(), vk.k(), lengths, transcript);
    }

    /**
     * Verifies the proof against the key and public inputs: refused (false) if the file names another key, k or
     * public-input shape, or if {@link Verifier#verify} refuses the transcript.
     */
    public boolean verify(IpaParams params, VerifyingKey vk, List<List<Fp>> instances) {
        return matches(vk, instances) == null && Verifier.verify(params, vk, instances, transcript);
    }

    /** Null if this proof's metadata fits the key and inputs, else what does not. */
    public String matches(VerifyingKey vk, List<List<Fp>> instances) {
        if (!Arrays.equals(vkHash, vk.hash())) {
            return "the proof was made for another verifying key (hash " + HexFormat.of().formatHex(vkHash, 0, 8)
                    + "…, the key's is " + vk.hashHex().substring(0, 16) + "…)";
        }
        if (k != vk.k()) {
            return "the proof is for k = " + k + ", the key for k = " + vk.k();
        }
        if (instances.size() != instanceLengths.length) {
            return "the proof has " + instanceLengths.length + " instance columns, " + instances.size() + " were given";
        }
        for (int i = 0; i < instanceLengths.length; i++) {
            if (instances.get(i).size() != instanceLengths[i]) {
                return "instance column " + i + " has " + instanceLengths[i] + " values in the proof, "
                        + instances.get(i).size() + " were given";
            }
        }
        return null;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(FileHeader.current(FileKind.PROOF, FILE_VERSION).toBytes());
        ByteBuffer b = ByteBuffer.allocate(4 * (4 + instanceLengths.length)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(vkHash.length);
        out.writeBytes(Arrays.copyOf(b.array(), 4));
        out.writeBytes(vkHash);
        b.clear();
        b.putInt(k).putInt(instanceLengths.length);
        for (int len : instanceLengths) {
            b.putInt(len);
        }
        b.putInt(transcript.length);
        out.writeBytes(Arrays.copyOf(b.array(), b.position()));
        out.writeBytes(transcript);
        return out.toByteArray();
    }

    /**
     * Reads a proof file.
     *
     * @throws IncompatibleFileException for another kind of file, a newer version, a truncated file, trailing
     *     bytes, or fields out of range
     */
    public static Proof fromBytes(byte[] file) throws IncompatibleFileException {
        FileHeader.read(file, FileKind.PROOF, FILE_VERSION);
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        b.position(FileHeader.BYTES);
        try {
            int hashLength = b.getInt();
            if (hashLength != VerifyingKey.HASH_BYTES) {
                throw new IncompatibleFileException("proof: a verifying-key hash is " + VerifyingKey.HASH_BYTES
                        + " bytes, the file says " + hashLength);
            }
            byte[] hash = new byte[hashLength];
            b.get(hash);
            int k = b.getInt();
            if (k < 1 || k > ConstraintSystem.MAX_K) {
                throw new IncompatibleFileException("proof: k = " + k + " is out of range");
            }
            int columns = b.getInt();
            if (columns < 0 || columns > b.remaining() / 4) {
                throw new IncompatibleFileException("proof: " + columns + " instance columns do not fit the file");
            }
            int[] lengths = new int[columns];
            for (int i = 0; i < columns; i++) {
                lengths[i] = b.getInt();
                if (lengths[i] < 0 || lengths[i] >= 1 << k) {
                    throw new IncompatibleFileException("proof: instance column " + i + " has " + lengths[i]
                            + " values, more than 2^" + k + " rows hold");
                }
            }
            int length = b.getInt();
            if (length < 0 || length != b.remaining()) {
                throw new IncompatibleFileException("proof: the transcript is said to be " + length + " bytes, "
                        + b.remaining() + " follow");
            }
            byte[] transcript = new byte[length];
            b.get(transcript);
            return new Proof(hash, k, lengths, transcript);
        } catch (BufferUnderflowException e) {
            throw new IncompatibleFileException("proof file is truncated");
        }
    }

    /** A JSON rendering of the proof's metadata (not its bytes), with its layout when the key is known. */
    public String toJson(VerifyingKey vk) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"kind\": \"proof\",\n  \"version\": ").append(FILE_VERSION).append(",\n");
        sb.append("  \"vk_hash\": \"").append(HexFormat.of().formatHex(vkHash)).append("\",\n");
        sb.append("  \"k\": ").append(k).append(",\n");
        List<String> lengths = new ArrayList<>();
        for (int len : instanceLengths) {
            lengths.add(Integer.toString(len));
        }
        sb.append("  \"instance_lengths\": [").append(String.join(", ", lengths)).append("],\n");
        sb.append("  \"transcript_bytes\": ").append(transcript.length);
        if (vk != null && Arrays.equals(vk.hash(), vkHash)) {
            ProofLayout layout = ProofLayout.of(vk);
            sb.append(",\n  \"points\": ").append(layout.points());
            sb.append(",\n  \"scalars\": ").append(layout.scalars());
            sb.append(",\n  \"opening_point_sets\": ").append(layout.pointSets());
        }
        sb.append("\n}\n");
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Proof p && Arrays.equals(vkHash, p.vkHash) && k == p.k
                && Arrays.equals(instanceLengths, p.instanceLengths) && Arrays.equals(transcript, p.transcript);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(transcript);
    }

    @Override
    public String toString() {
        return "Proof[k = " + k + ", " + transcript.length + " transcript bytes, key "
                + HexFormat.of().formatHex(vkHash, 0, 8) + "…]";
    }
}
