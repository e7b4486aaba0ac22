package dev.vampvm.plonk.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 16-byte header of every vampvm binary file:
 * <pre>
 *   0  8  magic "VAMPVM\0\1"
 *   8  1  kind (1 proof, 2 verifying key, 3 proving key, 4 VM proof)
 *   9  2  format version, little-endian
 *  11  1  circuit field id (1 = Fp, the Pallas base field)
 *  12  1  commitment curve id (1 = Vesta)
 *  13  3  zero (reserved)
 * </pre>
 * Readers check every field and say plainly what is wrong: another kind of file, a newer version this
 * build cannot read, other curves.
 */
public record FileHeader(FileKind kind, int version, int fieldId, int curveId) {

    public static final int BYTES = 16;
    private static final byte[] MAGIC = "VAMPVM\0\1".getBytes(StandardCharsets.ISO_8859_1);
    public static final int FIELD_FP = 1;
    public static final int CURVE_VESTA = 1;

    /** The header for a file of this kind in the current format, over Fp with Vesta commitments. */
    public static FileHeader current(FileKind kind, int version) {
        return new FileHeader(kind, version, FIELD_FP, CURVE_VESTA);
    }

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) kind.code()).putShort((short) version).put((byte) fieldId).put((byte) curveId);
        return b.array();
    }

    /**
     * Reads and checks a header.
     *
     * @param expected       the kind the caller wants
     * @param newestVersion  the newest format version this build reads (older ones it still reads)
     * @throws IncompatibleFileException with a message a user can act on
     */
    public static FileHeader read(byte[] file, FileKind expected, int newestVersion) throws IncompatibleFileException {
        if (file.length < BYTES || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IncompatibleFileException("not a vampvm file (no vampvm header)");
        }
        ByteBuffer b = ByteBuffer.wrap(file, MAGIC.length, BYTES - MAGIC.length).order(ByteOrder.LITTLE_ENDIAN);
        int kindCode = b.get() & 0xFF;
        int version = b.getShort() & 0xFFFF;
        int field = b.get() & 0xFF;
        int curve = b.get() & 0xFF;
        FileKind kind = FileKind.fromCode(kindCode);
        if (kind == null) {
            throw new IncompatibleFileException("unknown vampvm file kind " + kindCode);
        }
        if (kind != expected) {
            throw new IncompatibleFileException("expected a " + expected.description() + " file, got a "
                    + kind.description() + " file");
        }
        if (version > newestVersion) {
            throw new IncompatibleFileException(kind.description() + " format version " + version
                    + " is newer than this vampvm reads (up to " + newestVersion + "); upgrade vampvm");
        }
        if (version == 0) {
            throw new IncompatibleFileException(kind.description() + " format version 0 does not exist");
        }
        if (field != FIELD_FP || curve != CURVE_VESTA) {
            throw new IncompatibleFileException(kind.description() + " is for field " + field + " and curve " + curve
                    + "; this vampvm proves over Fp with Vesta commitments (1, 1)");
        }
        for (int i = 13; i < BYTES; i++) {
            if (file[i] != 0) {
                throw new IncompatibleFileException("reserved header bytes are not zero");
            }
        }
        return new FileHeader(kind, version, field, curve);
    }
}
