package dev.vampvm.plonk.keygen;

import dev.vampvm.curve.Generators;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.io.FileHeader;
import dev.vampvm.plonk.io.FileKind;
import dev.vampvm.plonk.io.IncompatibleFileException;
import dev.vampvm.poly.EvaluationDomain;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * What a verifier needs to know about a circuit: k, the constraint system, the commitments to the fixed columns
 * and to the permutation's σ columns, and the hash of all of it that every transcript absorbs first.
 *
 * <h2>The hash</h2>
 * BLAKE2b-512, personalization {@value #HASH_PERSONALIZATION} (zero-padded to 16 bytes), over:
 * <pre>
 *   u32 len, "vampvm/plonk/verifying-key"; u32 version = 1
 *   0x01 u8 field id, u8 curve id                      (FileHeader's ids: Fp, Vesta)
 *   0x02 u32 len, the transcript domain                 (binds the protocol: {@value #TRANSCRIPT_DOMAIN})
 *   0x03 u32 len, the IPA generator prefix              (binds the commitment key: "Halo2-Parameters")
 *   0x04 u32 k
 *   0x05 u32 len, ConstraintSystem.pinnedBytes()        (columns, queries, gates, lookups, equality, degree, blinding)
 *   0x06 u32 count, 32-byte compressed fixed commitments
 *   0x07 u32 count, 32-byte compressed σ commitments
 * </pre>
 * all integers little-endian. Every part is tagged and length-prefixed, so no two keys share an encoding. The
 * 64-byte digest is reduced to Fp ({@link Fp#fromUniformBytes}) and absorbed as a scalar
 * ({@link #transcriptRepresentative()}), as halo2 absorbs its {@code transcript_repr}.
 *
 * <h2>The file</h2>
 * {@link FileHeader} (verifying key, version 1), u32 k, the 64-byte hash, u32 count and the fixed commitments,
 * u32 count and the σ commitments. The constraint system is not in the file: the reader takes it from the
 * circuit ({@link #fromBytes}) and refuses the file unless the recomputed hash matches, so a key can never be
 * used with a circuit it was not made for.
 */
public final class VerifyingKey {
    public static final String HASH_PERSONALIZATION = "vampvm-vk";
    /** The transcript domain of every proof (BLAKE2b personalization of the Fiat–Shamir transcript). */
    public static final String TRANSCRIPT_DOMAIN = "vampvm-plonk";
    public static final String HASH_MAGIC = "vampvm/plonk/verifying-key";
    public static final int HASH_VERSION = 1;
    /** The newest verifying-key file version this build writes and reads. */
    public static final int FILE_VERSION = 1;
    public static final int HASH_BYTES = 64;

    private static final ShortWeierstrassCurve CURVE = ShortWeierstrassCurve.VESTA;
    private static final int A = ShortWeierstrassCurve.AFFINE_LONGS;
    private static final int E = ShortWeierstrassCurve.ENCODED_BYTES;

    private final int k;
    private final ConstraintSystem cs;
    private final long[][] fixedCommitments;
    private final long[][] permutationCommitments;
    private final byte[] hash;
    private final Fp representative;
    private final boolean[][] gatedConstraints;
    private final int quotientDegree;

    private VerifyingKey(int k, ConstraintSystem cs, long[][] fixed, long[][] permutation) {
        this.k = k;
        this.cs = cs;
        this.fixedCommitments = fixed;
        this.permutationCommitments = permutation;
        this.hash = computeHash(k, cs.pinnedBytes(), encodeAll(fixed), encodeAll(permutation));
        this.representative = Fp.fromUniformBytes(hash);
        this.gatedConstraints = ActiveRows.gatedConstraints(cs);
        this.quotientDegree = ActiveRows.quotientDegree(cs, gatedConstraints);
    }

    /**
     * A key from its parts (affine commitments, 8 longs each, identity allowed: an all-zero fixed column commits
     * to it).
     *
     * @throws IllegalArgumentException if the counts do not match the constraint system or a point is not on Vesta
     */
    public static VerifyingKey of(int k, ConstraintSystem cs, List<long[]> fixed, List<long[]> permutation) {
        Objects.requireNonNull(cs, "cs");
        cs.checkK(k);
        if (fixed.size() != cs.numFixedColumns()) {
            throw new IllegalArgumentException(fixed.size() + " fixed commitments for " + cs.numFixedColumns()
                    + " fixed columns");
        }
        if (permutation.size() != cs.permutationColumns().size()) {
            throw new IllegalArgumentException(permutation.size() + " σ commitments for "
                    + cs.permutationColumns().size() + " permutation columns");
        }
        return new VerifyingKey(k, cs, copyPoints(fixed), copyPoints(permutation));
    }

    private static long[][] copyPoints(List<long[]> points) {
        long[][] out = new long[points.size()][];
        for (int i = 0; i < out.length; i++) {
            long[] p = points.get(i);
            if (p.length != A || !CURVE.isOnCurveAffine(p, 0)) {
                throw new IllegalArgumentException("commitment " + i + " is not an affine Vesta point");
            }
            out[i] = p.clone();
        }
        return out;
    }

    /** The hash over the parts as the class comment lays them out. */
    static byte[] computeHash(int k, byte[] pinned, List<byte[]> fixed, List<byte[]> permutation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        string(out, HASH_MAGIC);
        u32(out, HASH_VERSION);
        out.write(0x01);
        out.write(FileHeader.FIELD_FP);
        out.write(FileHeader.CURVE_VESTA);
        out.write(0x02);
        string(out, TRANSCRIPT_DOMAIN);
        out.write(0x03);
        string(out, Generators.HALO2_PREFIX);
        out.write(0x04);
        u32(out, k);
        out.write(0x05);
        u32(out, pinned.length);
        out.writeBytes(pinned);
        out.write(0x06);
        u32(out, fixed.size());
        fixed.forEach(out::writeBytes);
        out.write(0x07);
        u32(out, permutation.size());
        permutation.forEach(out::writeBytes);
        byte[] personal = new byte[16];
        byte[] p = HASH_PERSONALIZATION.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(p, 0, personal, 0, p.length);
        Blake2bDigest d = new Blake2bDigest(null, HASH_BYTES, null, personal);
        byte[] data = out.toByteArray();
        d.update(data, 0, data.length);
        byte[] digest = new byte[HASH_BYTES];
        d.doFinal(digest, 0);
        return digest;
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(out, b.length);
        out.writeBytes(b);
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private static List<byte[]> encodeAll(long[][] points) {
        List<byte[]> out = new ArrayList<>();
        for (long[] p : points) {
            byte[] e = new byte[E];
            CURVE.encodeAffine(p, 0, e, 0);
            out.add(e);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------

    public int k() {
        return k;
    }

    /** n = 2^k. */
    public int n() {
        return 1 << k;
    }

    public ConstraintSystem constraintSystem() {
        return cs;
    }

    public EvaluationDomain domain() {
        return EvaluationDomain.of(Fp.FIELD, k);
    }

    /**
     * Whether constraint c of gate g is multiplied by l_active in the proof ({@link ActiveRows}: it is not
     * switched off on the non-usable rows by a fixed column).
     */
    public boolean isGatedByActiveRows(int g, int c) {
        return gatedConstraints[g][c];
    }

    /**
     * The degree the quotient is built for: the constraint system's degree, or one more than a constraint that
     * {@link #isGatedByActiveRows} multiplies by l_active. The quotient has this minus one pieces.
     */
    public int quotientDegree() {
        return quotientDegree;
    }

    public int fixedCommitmentCount() {
        return fixedCommitments.length;
    }

    /** Fixed column i's commitment, affine (a copy). */
    public long[] fixedCommitment(int i) {
        return fixedCommitments[i].clone();
    }

    public int permutationCommitmentCount() {
        return permutationCommitments.length;
    }

    /** σᵢ's commitment, affine (a copy). */
    public long[] permutationCommitment(int i) {
        return permutationCommitments[i].clone();
    }

    /** The 64-byte BLAKE2b digest (a copy). */
    public byte[] hash() {
        return hash.clone();
    }

    /** The digest as hex. */
    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }

    /** The digest reduced to Fp: the first thing every transcript absorbs. */
    public Fp transcriptRepresentative() {
        return representative;
    }

    // ---------------------------------------------------------------------------------------------
    // Public inputs.

    /**
     * Checks the shape of public inputs: one list per instance column, each no longer than the usable rows.
     *
     * @return null if they fit, else a message saying what is wrong
     */
    public String checkInstances(List<List<Fp>> instances) {
        if (instances == null) {
            return "no instances given";
        }
        if (instances.size() != cs.numInstanceColumns()) {
            return "the circuit has " + cs.numInstanceColumns() + " instance columns but " + instances.size()
                    + " were given";
        }
        int usable = cs.usableRows(k);
        for (int c = 0; c < instances.size(); c++) {
            List<Fp> column = instances.get(c);
            if (column == null) {
                return "instance column " + c + " is null";
            }
            if (column.size() > usable) {
                return "instance column " + cs.instanceColumns().get(c).name() + " has " + column.size()
                        + " values but only " + usable + " usable rows at k = " + k;
            }
            for (Fp v : column) {
                if (v == null) {
                    return "instance column " + c + " holds a null value";
                }
            }
        }
        return null;
    }

    /**
     * Absorbs public inputs as every transcript does right after the key's hash: per instance column its length,
     * then its values (instance columns are not committed; see the prover's class comment).
     */
    public static void absorbInstances(List<List<Fp>> instances, java.util.function.Consumer<Fp> absorb) {
        for (List<Fp> column : instances) {
            absorb.accept(Fp.of(column.size()));
            for (Fp v : column) {
                absorb.accept(v);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // File format.

    /** The key file: header, k, hash, commitments (see the class comment). */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(FileHeader.current(FileKind.VERIFYING_KEY, FILE_VERSION).toBytes());
        u32(out, k);
        out.writeBytes(hash);
        u32(out, fixedCommitments.length);
        encodeAll(fixedCommitments).forEach(out::writeBytes);
        u32(out, permutationCommitments.length);
        encodeAll(permutationCommitments).forEach(out::writeBytes);
        return out.toByteArray();
    }

    /**
     * Reads a key file for the circuit whose constraint system is {@code cs}.
     *
     * @throws IncompatibleFileException if the file is not a verifying key this build reads, is truncated or
     *     has trailing bytes, holds an invalid point, or does not match {@code cs} (its hash differs)
     */
    public static VerifyingKey fromBytes(byte[] file, ConstraintSystem cs) throws IncompatibleFileException {
        FileHeader.read(file, FileKind.VERIFYING_KEY, FILE_VERSION);
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        b.position(FileHeader.BYTES);
        try {
            int k = b.getInt();
            if (k < 1 || k > ConstraintSystem.MAX_K) {
                throw new IncompatibleFileException("verifying key: k = " + k + " is out of range");
            }
            byte[] hash = new byte[HASH_BYTES];
            b.get(hash);
            List<long[]> fixed = readPoints(b, "fixed");
            List<long[]> permutation = readPoints(b, "σ");
            if (b.hasRemaining()) {
                throw new IncompatibleFileException("verifying key: " + b.remaining() + " trailing bytes");
            }
            VerifyingKey vk;
            try {
                vk = of(k, cs, fixed, permutation);
            } catch (IllegalArgumentException e) {
                throw new IncompatibleFileException("verifying key does not fit this circuit: " + e.getMessage());
            }
            if (!Arrays.equals(vk.hash, hash)) {
                throw new IncompatibleFileException("verifying key was made for another circuit or protocol: its hash "
                        + "does not match the one recomputed from this circuit's constraint system and the commitments");
            }
            return vk;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IncompatibleFileException("verifying key file is truncated");
        }
    }

    private static List<long[]> readPoints(ByteBuffer b, String what) throws IncompatibleFileException {
        int count = b.getInt();
        if (count < 0 || (long) count * E > b.remaining()) {
            throw new IncompatibleFileException("verifying key: " + what + " commitment count " + count
                    + " does not fit the file");
        }
        List<long[]> out = new ArrayList<>();
        byte[] e = new byte[E];
        for (int i = 0; i < count; i++) {
            b.get(e);
            long[] p = new long[A];
            try {
                CURVE.decodeAffine(e, 0, p, 0, true);
            } catch (IllegalArgumentException ex) {
                throw new IncompatibleFileException("verifying key: " + what + " commitment " + i + " is invalid: "
                        + ex.getMessage());
            }
            out.add(p);
        }
        return out;
    }

    /** A JSON rendering of the key's metadata and commitments, for people and tools. */
    public String toJson() {
        HexFormat hex = HexFormat.of();
        StringBuilder sb = new StringBuilder();
        sb.append("{\n");
        sb.append("  \"kind\": \"verifying key\",\n");
        sb.append("  \"version\": ").append(FILE_VERSION).append(",\n");
        sb.append("  \"field\": \"Fp\",\n  \"curve\": \"Vesta\",\n");
        sb.append("  \"transcript\": \"").append(TRANSCRIPT_DOMAIN).append("\",\n");
        sb.append("  \"k\": ").append(k).append(",\n");
        sb.append("  \"hash\": \"").append(hashHex()).append("\",\n");
        sb.append("  \"advice_columns\": ").append(cs.numAdviceColumns()).append(",\n");
        sb.append("  \"fixed_columns\": ").append(cs.numFixedColumns()).append(",\n");
        sb.append("  \"instance_columns\": ").append(cs.numInstanceColumns()).append(",\n");
        sb.append("  \"permutation_columns\": ").append(cs.permutationColumns().size()).append(",\n");
        sb.append("  \"gates\": ").append(cs.gates().size()).append(",\n");
        sb.append("  \"lookups\": ").append(cs.lookups().size()).append(",\n");
        sb.append("  \"degree\": ").append(cs.degree()).append(",\n");
        sb.append("  \"quotient_pieces\": ").append(quotientDegree - 1).append(",\n");
        sb.append("  \"blinding_factors\": ").append(cs.blindingFactors()).append(",\n");
        sb.append("  \"usable_rows\": ").append(cs.usableRows(k)).append(",\n");
        sb.append("  \"fixed_commitments\": ").append(jsonPoints(fixedCommitments, hex)).append(",\n");
        sb.append("  \"permutation_commitments\": ").append(jsonPoints(permutationCommitments, hex)).append('\n');
        sb.append("}\n");
        return sb.toString();
    }

    private static String jsonPoints(long[][] points, HexFormat hex) {
        List<String> parts = new ArrayList<>();
        for (byte[] e : encodeAll(points)) {
            parts.add("\"" + hex.formatHex(e) + "\"");
        }
        return "[" + String.join(", ", parts) + "]";
    }

    @Override
    public String toString() {
        return "VerifyingKey[k = " + k + ", " + cs + ", hash " + hashHex().substring(0, 16) + "…]";
    }
}
