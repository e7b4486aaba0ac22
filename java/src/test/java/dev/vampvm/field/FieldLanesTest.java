package dev.vampvm.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import jdk.incubator.vector.LongVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The lane kernels against {@link MontgomeryField}'s scalar ones, on random and edge values, both Pasta fields. */
class FieldLanesTest {

    /** Both fields, in this JVM's width (the lanes-256 test run takes four lanes: one width a JVM). */
    static Stream<MontgomeryField> shapes() {
        return Stream.of(Fp.FIELD, Fq.FIELD);
    }

    /** Edge residues (0, 1, 2, p − 1, p − 2, 2²⁵⁴ − 1, (p − 1)/2, R mod p) among random ones, flat. */
    private static long[] values(MontgomeryField f, int count, long seed) {
        BigInteger p = f.modulus();
        BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, p.subtract(BigInteger.ONE),
            p.subtract(BigInteger.TWO), BigInteger.ONE.shiftLeft(254).subtract(BigInteger.ONE),
            p.shiftRight(1), BigInteger.ONE.shiftLeft(256).mod(p)};
        long[] out = new long[4 * count];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            if (i % 3 == 0 && i / 3 < edges.length) {
                // The stored residue itself is the edge value (what the kernels see).
                System.arraycopy(limbs(edges[i / 3]), 0, out, 4 * i, 4);
            } else {
                f.random(rng, out, 4 * i);
            }
        }
        return out;
    }

    private static long[] limbs(BigInteger v) {
        long[] l = new long[4];
        for (int j = 0; j < 4; j++) {
            l[j] = v.shiftRight(64 * j).longValue();
        }
        return l;
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void mulAddAndSubMatchTheScalarKernels(MontgomeryField f) {
        FieldLanes lanes = new FieldLanes(f);
        int w = lanes.lanes();
        int blocks = 40;
        long[] a = values(f, w * blocks, 1), b = values(f, w * blocks, 2);
        // Pair every value with every edge too: rotate b by one block each round.
        long[] xa = new long[lanes.blockLongs()], xb = new long[lanes.blockLongs()], xz = new long[lanes.blockLongs()];
        long[] got = new long[4 * w], want = new long[4 * w];
        for (int rot = 0; rot < 3; rot++) {
            for (int blk = 0; blk < blocks; blk++) {
                int bb = (blk + rot) % blocks;
                lanes.load(a, 4 * w * blk, xa, 0);
                lanes.load(b, 4 * w * bb, xb, 0);
                lanes.mul(xa, 0, xb, 0, xz, 0);
                lanes.store(xz, 0, got, 0);
                for (int l = 0; l < w; l++) {
                    f.mul(a, 4 * (w * blk + l), b, 4 * (w * bb + l), want, 4 * l);
                }
                assertArrayEquals(want, got, "mul, block " + blk);
                lanes.sub(xa, 0, xb, 0, xz, 0);
                lanes.store(xz, 0, got, 0);
                for (int l = 0; l < w; l++) {
                    f.sub(a, 4 * (w * blk + l), b, 4 * (w * bb + l), want, 4 * l);
                }
                assertArrayEquals(want, got, "sub, block " + blk);
                lanes.sub(xb, 0, xa, 0, xz, 0);
                lanes.store(xz, 0, got, 0);
                for (int l = 0; l < w; l++) {
                    f.sub(b, 4 * (w * bb + l), a, 4 * (w * blk + l), want, 4 * l);
                }
                assertArrayEquals(want, got, "sub (reversed), block " + blk);
                lanes.add(xa, 0, xb, 0, xz, 0);
                lanes.store(xz, 0, got, 0);
                for (int l = 0; l < w; l++) {
                    f.add(a, 4 * (w * blk + l), b, 4 * (w * bb + l), want, 4 * l);
                }
                assertArrayEquals(want, got, "add, block " + blk);
                // In place: z aliasing x.
                lanes.mul(xa, 0, xa, 0, xa, 0);
                lanes.store(xa, 0, got, 0);
                for (int l = 0; l < w; l++) {
                    f.square(a, 4 * (w * blk + l), want, 4 * l);
                }
                assertArrayEquals(want, got, "square in place, block " + blk);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void gatherAndScatterFollowTheOffsets(MontgomeryField f) {
        FieldLanes lanes = new FieldLanes(f);
        int w = lanes.lanes();
        long[] src = values(f, 64, 3);
        int[] offsets = new int[w];
        for (int l = 0; l < w; l++) {
            offsets[l] = 4 * ((l * 37 + 5) % 64);
        }
        long[] block = new long[lanes.blockLongs()];
        lanes.gather(src, 0, offsets, 0, block, 0);
        long[] dense = new long[4 * w];
        lanes.store(block, 0, dense, 0);
        for (int l = 0; l < w; l++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(src, offsets[l], offsets[l] + 4),
                    java.util.Arrays.copyOfRange(dense, 4 * l, 4 * l + 4), "lane " + l);
        }
        // Scatter only the first w − 1 lanes into a zeroed array: the last lane's element stays zero.
        long[] dst = new long[src.length];
        lanes.scatter(block, 0, dst, 0, offsets, 0, w - 1);
        for (int l = 0; l < w; l++) {
            long[] at = java.util.Arrays.copyOfRange(dst, offsets[l], offsets[l] + 4);
            long[] expected = l < w - 1 ? java.util.Arrays.copyOfRange(src, offsets[l], offsets[l] + 4) : new long[4];
            assertArrayEquals(expected, at, "lane " + l);
        }
    }

    @Test
    void theSharedKernelsTakeTheWidthThisJvmAsks() {
        int widest = LongVector.SPECIES_PREFERRED.length();
        boolean narrow = "256".equals(System.getProperty(Lanes.BITS_PROPERTY));
        assertEquals(narrow ? Math.min(widest, 4) : widest, FieldLanes.preferred(Fp.FIELD).lanes());
        assertTrue(FieldLanes.preferred(Fq.FIELD) == FieldLanes.preferred(Fq.FIELD), "one shared instance per field");
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void broadcastFillsEveryLaneWithTheOneElement(MontgomeryField f) {
        FieldLanes lanes = new FieldLanes(f);
        int w = lanes.lanes();
        long[] src = values(f, 24, 6);
        long[] block = new long[1 + lanes.blockLongs()];
        long[] dense = new long[4 * w];
        for (int e = 0; e < 24; e++) {
            java.util.Arrays.fill(block, -1L);
            lanes.broadcast(src, 4 * e, block, 1);
            assertEquals(-1L, block[0], "nothing written before the block");
            lanes.store(block, 1, dense, 0);
            for (int l = 0; l < w; l++) {
                assertArrayEquals(java.util.Arrays.copyOfRange(src, 4 * e, 4 * e + 4),
                        java.util.Arrays.copyOfRange(dense, 4 * l, 4 * l + 4), "element " + e + ", lane " + l);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void negateWhereNegatesTheFlaggedLanesOnly(MontgomeryField f) {
        FieldLanes lanes = new FieldLanes(f);
        int w = lanes.lanes();
        long[] a = values(f, 4 * w, 4);
        long[] x = new long[lanes.blockLongs()], z = new long[lanes.blockLongs()];
        long[] got = new long[4 * w], want = new long[4 * w];
        boolean[] flags = new boolean[w + 3];
        SplittableRandom rng = new SplittableRandom(5);
        for (int blk = 0; blk < 4; blk++) {
            for (int i = 0; i < flags.length; i++) {
                flags[i] = blk == 0 || (blk != 1 && rng.nextBoolean());
            }
            lanes.load(a, 4 * w * blk, x, 0);
            lanes.negateWhere(x, 0, flags, 3, z, 0);
            lanes.store(z, 0, got, 0);
            for (int l = 0; l < w; l++) {
                if (flags[3 + l]) {
                    f.neg(a, 4 * (w * blk + l), want, 4 * l);
                } else {
                    System.arraycopy(a, 4 * (w * blk + l), want, 4 * l, 4);
                }
            }
            assertArrayEquals(want, got, "block " + blk);
        }
    }

    @Test
    void setOneFromPadsTheLastLanes() {
        FieldLanes lanes = new FieldLanes(Fq.FIELD);
        int w = lanes.lanes();
        long[] a = values(Fq.FIELD, w, 6);
        long[] block = new long[lanes.blockLongs()];
        lanes.load(a, 0, block, 0);
        lanes.setOneFrom(block, 0, 3);
        long[] dense = new long[4 * w];
        lanes.store(block, 0, dense, 0);
        for (int l = 0; l < w; l++) {
            if (l < 3) {
                assertArrayEquals(java.util.Arrays.copyOfRange(a, 4 * l, 4 * l + 4),
                        java.util.Arrays.copyOfRange(dense, 4 * l, 4 * l + 4), "lane " + l);
            } else {
                assertTrue(Fq.FIELD.isOne(dense, 4 * l), "lane " + l);
            }
        }
    }

    @Test
    void onesAreOne() {
        FieldLanes lanes = new FieldLanes(Fp.FIELD);
        long[] block = new long[lanes.blockLongs()];
        lanes.setOne(block, 0);
        long[] dense = new long[4 * lanes.lanes()];
        lanes.store(block, 0, dense, 0);
        for (int l = 0; l < lanes.lanes(); l++) {
            assertTrue(Fp.FIELD.isOne(dense, 4 * l));
        }
    }

    @Test
    void otherModuliAreRefused() {
        MontgomeryField bn = new MontgomeryField("BN254-Fr",
                new BigInteger("21888242871839275222246405745257275088548364400416034343698204186575808495617"), 5);
        assertThrows(IllegalArgumentException.class, () -> new FieldLanes(bn));
    }
}
