package dev.vampvm.vm;

import dev.vampvm.field.Fp;
import dev.vampvm.field.NonCanonicalEncodingException;
import dev.vampvm.plonk.io.FileHeader;
import dev.vampvm.plonk.io.FileKind;
import dev.vampvm.plonk.io.IncompatibleFileException;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A proof of a run of a VM program, as {@code vampvm prove --mode vm} writes it (little-endian):
 * <pre>
 *   FileHeader (VM proof, version 2)
 *   32 bytes   program id
 *   u32 n, n × 32 bytes       public input values, in pub order
 *   u32 s, s × { u32 block, u32 v, v × 32 bytes }   the trace: each step's block and public values (imports, exports)
 *   u32 g, g × { u32 block, u32 m, u32 len, len bytes }   one proof per block run, of its executions stacked m times,
 *                                                         up to its evaluations
 *   u32 len, len bytes        the block proofs' one multipoint opening ({@link SharedOpening}; empty with no proofs)
 * </pre>
 * Version 1, still read and verified, had no shared opening: each block proof ended in its own ({@link #opening} is
 * null for it). Every byte is checked by the verifier: the header, the id against the program's, the public values
 * against the entry block's exports, the trace by the runtime's rules, the proofs' transcripts against keys derived
 * from the program and instances derived from the trace, the opening against all of them. Nothing in the file is free
 * text.
 *
 * @param opening the shared opening (format 2), or null for a version 1 proof, whose block proofs open themselves
 */
public record VmProof(byte[] programId, List<Fp> publicValues, List<Step> steps, List<Group> groups, byte[] opening) {
    public static final int FILE_VERSION = 2;
    /** The format whose block proofs each end in their own opening. */
    public static final int SEPARATE_OPENINGS_VERSION = 1;
    /** Bounds that keep a hostile file from making the reader allocate without limit. */
    private static final int MAX_COUNT = 1 << 24;

    /** A step of the trace. */
    public record Step(int block, List<Fp> values) {
        public Step {
            values = List.copyOf(values);
        }
    }

    /** The proof of one block's executions, stacked {@code copies} times. */
    public record Group(int block, int copies, byte[] transcript) {
        public Group {
            transcript = transcript.clone();
        }

        @Override
        public byte[] transcript() {
            return transcript.clone();
        }
    }

    public VmProof {
        programId = programId.clone();
        publicValues = List.copyOf(publicValues);
        steps = List.copyOf(steps);
        groups = List.copyOf(groups);
        opening = opening == null ? null : opening.clone();
    }

    @Override
    public byte[] programId() {
        return programId.clone();
    }

    @Override
    public byte[] opening() {
        return opening == null ? null : opening.clone();
    }

    /** The file format: {@link #FILE_VERSION}, or {@link #SEPARATE_OPENINGS_VERSION} for a proof without an opening. */
    public int version() {
        return opening == null ? SEPARATE_OPENINGS_VERSION : FILE_VERSION;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(FileHeader.current(FileKind.VM_PROOF, version()).toBytes());
        out.writeBytes(programId);
        u32(out, publicValues.size());
        publicValues.forEach(v -> out.writeBytes(v.toBytes()));
        u32(out, steps.size());
        for (Step s : steps) {
            u32(out, s.block());
            u32(out, s.values().size());
            s.values().forEach(v -> out.writeBytes(v.toBytes()));
        }
        u32(out, groups.size());
        for (Group g : groups) {
            u32(out, g.block());
            u32(out, g.copies());
            u32(out, g.transcript.length);
            out.writeBytes(g.transcript);
        }
        if (opening != null) {
            u32(out, opening.length);
            out.writeBytes(opening);
        }
        return out.toByteArray();
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    /**
     * Reads a VM proof.
     *
     * @throws IncompatibleFileException for another kind of file, a newer version, a truncated file, trailing bytes,
     *     a count out of range or a value that is not a canonical field element
     */
    public static VmProof fromBytes(byte[] file) throws IncompatibleFileException {
        int version = FileHeader.read(file, FileKind.VM_PROOF, FILE_VERSION).version();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        b.position(FileHeader.BYTES);
        try {
            byte[] id = new byte[32];
            b.get(id);
            List<Fp> pub = values(b, count(b, 32, "public values"));
            int n = count(b, 8, "steps");
            List<Step> steps = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int block = b.getInt();
                steps.add(new Step(block, values(b, count(b, 32, "values of step " + i))));
            }
            int g = count(b, 12, "proofs");
            List<Group> groups = new ArrayList<>(g);
            for (int i = 0; i < g; i++) {
                int block = b.getInt();
                int copies = b.getInt();
                byte[] t = new byte[count(b, 1, "bytes of proof " + i)];
                b.get(t);
                groups.add(new Group(block, copies, t));
            }
            byte[] opening = null;
            if (version >= FILE_VERSION) {
                opening = new byte[count(b, 1, "bytes of the opening")];
                b.get(opening);
            }
            if (b.hasRemaining()) {
                throw new IncompatibleFileException("VM proof has " + b.remaining() + " trailing bytes");
            }
            return new VmProof(id, pub, steps, groups, opening);
        } catch (BufferUnderflowException e) {
            throw new IncompatibleFileException("VM proof is truncated");
        }
    }

    /** A count, checked against what the rest of the file can hold at {@code bytesEach} bytes per item. */
    private static int count(ByteBuffer b, int bytesEach, String what) throws IncompatibleFileException {
        int n = b.getInt();
        if (n < 0 || n > MAX_COUNT || (long) n * bytesEach > b.remaining()) {
            throw new IncompatibleFileException("VM proof: " + Integer.toUnsignedString(n) + " " + what
                    + " cannot fit in the " + b.remaining() + " bytes left");
        }
        return n;
    }

    private static List<Fp> values(ByteBuffer b, int n) throws IncompatibleFileException {
        List<Fp> out = new ArrayList<>(n);
        byte[] e = new byte[32];
        for (int i = 0; i < n; i++) {
            b.get(e);
            try {
                out.add(Fp.fromBytes(e));
            } catch (NonCanonicalEncodingException x) {
                throw new IncompatibleFileException("VM proof: a value is not a canonical field element");
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VmProof p && Arrays.equals(toBytes(), p.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }
}
