package dev.vampvm.plonk.keygen;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.DenseAssignment;
import dev.vampvm.plonk.Synthesis;
import dev.vampvm.plonk.permutation.PermutationKeygen;
import dev.vampvm.poly.EvaluationDomain;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * What a circuit's keys are computed from, at 2^k rows: its constraint system, its fixed columns' values and the
 * permutation's σ values over H (Montgomery limbs, 4n longs a column). Made by one shape-only synthesis, so that a
 * caller who needs both the {@link #digest} (a key cache's address) and then the keys ({@link Keygen}) synthesizes
 * once: at 2^16 rows of a VampIR circuit a synthesis and its σ values took a good part of a second. The arrays are
 * the key's own once a key is made from them: do not change them.
 */
public record CircuitShape(ConstraintSystem constraintSystem, int k, long[][] fixedValues, long[][] sigmaValues) {

    /** Synthesizes the circuit in shape-only mode at 2^k rows. */
    public static CircuitShape of(Circuit<?> circuit, int k) {
        DenseAssignment shape = Synthesis.shape(circuit, k);
        ConstraintSystem cs = shape.constraintSystem();
        long[][] fixedValues = new long[cs.numFixedColumns()][];
        for (int i = 0; i < fixedValues.length; i++) {
            fixedValues[i] = shape.fixedValues(i);
        }
        long[][] sigmaValues = PermutationKeygen.sigmaValues(shape.permutation(), EvaluationDomain.of(Fp.FIELD, k));
        return new CircuitShape(cs, k, fixedValues, sigmaValues);
    }

    /**
     * BLAKE2b-512 over k, the constraint system's pinned bytes, the fixed columns' values and the σ values. Equal
     * digests mean equal keys (for the same IPA generators), so a key cache can be addressed by it.
     */
    public byte[] digest() {
        Blake2bDigest d = new Blake2bDigest(512);
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(k);
        byte[] pinned = constraintSystem.pinnedBytes();
        head.putInt(pinned.length);
        d.update(head.array(), 0, 8);
        d.update(pinned, 0, pinned.length);
        // Each value as 8 little-endian bytes, in chunks rather than one update per value: the same bytes in the same
        // order, without a call and a buffer write per 8 bytes.
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (long[][] columns : new long[][][] {fixedValues, sigmaValues}) {
            for (long[] values : columns) {
                for (int from = 0; from < values.length; from += chunk.capacity() / 8) {
                    int count = Math.min(chunk.capacity() / 8, values.length - from);
                    chunk.clear();
                    chunk.asLongBuffer().put(values, from, count);
                    d.update(chunk.array(), 0, 8 * count);
                }
            }
        }
        byte[] out = new byte[64];
        d.doFinal(out, 0);
        return out;
    }
}
