package dev.vampvm.plonk.keygen;

import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.io.FileHeader;
import dev.vampvm.plonk.io.FileKind;
import dev.vampvm.plonk.io.IncompatibleFileException;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The proving-key file: what keygen computes that is expensive to redo (the commitments, inside the
 * verifying key) and what it is computed from (the fixed and σ columns' values over H), so that loading it
 * costs interpolations and coset transforms but no MSM and no synthesis:
 * <pre>
 *   header (FileHeader: PROVING_KEY, version 1)
 *   u32 length, then the verifying-key file ({@link VerifyingKey#toBytes})
 *   u32 k, u32 fixed columns, u32 σ columns
 *   (fixed + σ) × 2^k field elements, 32-byte canonical little-endian, column by column
 *   64-byte BLAKE2b-512 of everything before
 * </pre>
 * Reading checks the header, the digest (a damaged file is refused, not half-used), every element's
 * canonical form, and the verifying key against the circuit's constraint system (its hash), k and column counts,
 * as keygen with a known key does. The values are not committed again (those MSMs are what the file saves): a file
 * whose commitments do not match its values, digest recomputed, makes proofs that its verifying key refuses.
 */
public final class ProvingKeyFile {

    public static final int FILE_VERSION = 1;
    private static final MontgomeryField F = Fp.FIELD;
    private static final int DIGEST = 64;

    private ProvingKeyFile() {
    }

    /** The file bytes of a proving key (one made with its extended-coset data, as {@link Keygen#keygen} does). */
    public static byte[] toBytes(ProvingKey pk) {
        VerifyingKey vk = pk.verifyingKey();
        ConstraintSystem cs = vk.constraintSystem();
        int nf = cs.numFixedColumns();
        int ns = vk.permutationCommitmentCount();
        int n = vk.n();
        byte[] vkBytes = vk.toBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(FileHeader.current(FileKind.PROVING_KEY, FILE_VERSION).toBytes());
        ByteBuffer head = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(vkBytes.length);
        out.writeBytes(Arrays.copyOf(head.array(), 4));
        out.writeBytes(vkBytes);
        head.clear();
        head.putInt(vk.k()).putInt(nf).putInt(ns);
        out.writeBytes(Arrays.copyOf(head.array(), 12));
        byte[] element = new byte[32];
        for (int c = 0; c < nf + ns; c++) {
            long[] values = c < nf ? pk.fixedValues(c) : pk.sigmaValues(c - nf);
            for (int r = 0; r < n; r++) {
                F.toBytes(values, 4 * r, element, 0);
                out.writeBytes(element);
            }
        }
        byte[] body = out.toByteArray();
        out.writeBytes(digest(body, body.length));
        return out.toByteArray();
    }

    /**
     * Reads a proving key for the circuit whose constraint system is {@code cs}, placing its polynomials on the
     * parameters' backend.
     *
     * @throws IncompatibleFileException if the file is not a proving key this build reads, is damaged
     *     (digest), holds a non-canonical value, or was made for another circuit
     */
    public static ProvingKey fromBytes(byte[] file, IpaParams params, ConstraintSystem cs)
            throws IncompatibleFileException {
        FileHeader.read(file, FileKind.PROVING_KEY, FILE_VERSION);
        if (file.length < FileHeader.BYTES + 4 + DIGEST
                || !Arrays.equals(digest(file, file.length - DIGEST), 0, DIGEST, file, file.length - DIGEST,
                        file.length)) {
            throw new IncompatibleFileException("proving key file is damaged (its digest does not match)");
        }
        ByteBuffer b = ByteBuffer.wrap(file, 0, file.length - DIGEST).order(ByteOrder.LITTLE_ENDIAN);
        b.position(FileHeader.BYTES);
        try {
            int vkLength = b.getInt();
            if (vkLength < 0 || vkLength > b.remaining()) {
                throw new IncompatibleFileException("proving key: verifying-key length " + vkLength + " does not fit");
            }
            byte[] vkBytes = new byte[vkLength];
            b.get(vkBytes);
            VerifyingKey vk = VerifyingKey.fromBytes(vkBytes, cs);
            int k = b.getInt();
            int nf = b.getInt();
            int ns = b.getInt();
            if (k != vk.k() || nf != cs.numFixedColumns() || ns != vk.permutationCommitmentCount()) {
                throw new IncompatibleFileException("proving key: its column counts or k do not match its verifying key");
            }
            int n = 1 << k;
            if ((long) (nf + ns) * n * 32 != b.remaining()) {
                throw new IncompatibleFileException("proving key: " + b.remaining() + " bytes of values, expected "
                        + (long) (nf + ns) * n * 32);
            }
            long[][] fixed = new long[nf][];
            long[][] sigma = new long[ns][];
            byte[] element = new byte[32];
            for (int c = 0; c < nf + ns; c++) {
                long[] values = new long[4 * n];
                for (int r = 0; r < n; r++) {
                    b.get(element);
                    try {
                        F.fromBytes(element, 0, values, 4 * r);
                    } catch (IllegalArgumentException e) {
                        throw new IncompatibleFileException("proving key: value " + r + " of column " + c
                                + " is not canonical");
                    }
                }
                if (c < nf) {
                    fixed[c] = values;
                } else {
                    sigma[c - nf] = values;
                }
            }
            try {
                return Keygen.fromValues(params, cs, k, fixed, sigma, true, vk);
            } catch (IllegalArgumentException e) {
                throw new IncompatibleFileException("proving key does not fit this circuit: " + e.getMessage());
            }
        } catch (BufferUnderflowException e) {
            throw new IncompatibleFileException("proving key file is truncated");
        }
    }

    private static byte[] digest(byte[] bytes, int length) {
        Blake2bDigest d = new Blake2bDigest(512);
        d.update(bytes, 0, length);
        byte[] out = new byte[DIGEST];
        d.doFinal(out, 0);
        return out;
    }
}
