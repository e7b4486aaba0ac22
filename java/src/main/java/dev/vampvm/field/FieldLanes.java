package dev.vampvm.field;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;

import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Montgomery arithmetic on several elements of a Pasta-shape field at once, one per lane of a SIMD vector
 * (the Vector API: 8 lanes with AVX-512, 4 with AVX2). For batches of independent products, where the scalar
 * kernels of {@link MontgomeryField} are bound by the carries Java has to spell out as compares.
 *
 * <p>Layout. A <em>block</em> holds {@link #lanes()} elements as nine limbs of 29 bits each, limb-major:
 * limb j of lane l at {@code off + j·lanes + l}. Limbs of 29 bits leave room for a whole column of products
 * (9 of them below 2⁵⁸) plus the reduction's in one 64-bit lane, so the product needs no carry until its end.
 * Values are the same Montgomery residues as {@link MontgomeryField}'s (R = 2²⁵⁶: the last of the nine
 * reduction rounds clears 24 bits instead of 29), fully reduced, every limb below 2²⁹; {@link #load}, {@link #store},
 * {@link #gather} and {@link #scatter} convert from and to the four-limb form of flat {@code long[]} vectors.
 *
 * <p>Only moduli of the Pasta shape p = 2²⁵⁴ + c, c &lt; 2¹⁴⁵ (limbs 5 to 7 zero, limb 8 = 2²²) are taken:
 * the reduction then multiplies by five limbs of p and shifts for the sixth.
 *
 * <p>The Vector API is an incubator module: this class may be loaded only when {@code jdk.incubator.vector} is in
 * the boot layer (bin/vampvm and the tests add it; {@code dev.vampvm.msm.BucketArithmetic} checks before it touches
 * this class). Instances are immutable and may be shared between threads.
 */
public final class FieldLanes {

    private static final int LIMBS = 9;
    private static final int BITS = 29;
    private static final long MASK = (1L << BITS) - 1;
    /** The last reduction round: 8·29 + 24 = 256. */
    private static final int LAST_BITS = 24;
    private static final long LAST_MASK = (1L << LAST_BITS) - 1;
    /** Limb 8 of p is 2^TOP_SHIFT. */
    private static final int TOP_SHIFT = 254 - 8 * BITS;

    private final MontgomeryField field;
    /** p in 29-bit limbs. */
    private final long[] p = new long[LIMBS];
    /** −p⁻¹ mod 2²⁹. */
    private final long inv;
    /** One block of lanes copies of 1 (Montgomery form, R mod p), and one of zeros. */
    private final long[] oneBlock, zeroBlock;

    /**
     * The kernels for a field, in this JVM's vectors ({@link #SPECIES}).
     *
     * @param field a field of the Pasta shape
     */
    public FieldLanes(MontgomeryField field) {
        if (!field.hasPastaShape()) {
            throw new IllegalArgumentException(field.name() + " is not of the Pasta shape 2^254 + c");
        }
        if (LANES < 2) {
            throw new IllegalStateException("this JVM's vectors hold " + LANES + " long: no batch (see Lanes.usable)");
        }
        this.field = field;
        BigInteger modulus = field.modulus();
        for (int j = 0; j < LIMBS; j++) {
            p[j] = modulus.shiftRight(BITS * j).longValue() & MASK;
        }
        if (p[5] != 0 || p[6] != 0 || p[7] != 0 || p[8] != 1L << TOP_SHIFT) {
            throw new IllegalArgumentException(field.name() + ": limbs 5 to 8 of p are not (0, 0, 0, 2^22)");
        }
        inv = modulus.negate().modInverse(BigInteger.ONE.shiftLeft(BITS)).longValue();
        oneBlock = new long[blockLongs()];
        zeroBlock = new long[blockLongs()];
        long[] one = field.one();
        for (int l = 0; l < LANES; l++) {
            split(one, 0, oneBlock, 0, l);
        }
    }

    /**
     * Runs the kernels that use vectors ({@link #mul}, {@link #add}, {@link #sub}, {@link #select}, {@link #broadcast})
     * on a few blocks of this field, round after round, until they have beaten the scalar kernels on the same
     * elements three rounds in a row: what a fresh JVM needs before the lanes pay ({@link Lanes#ready}). Until C2 has
     * compiled them, the Vector API runs its allocating Java fallback, many times slower than the scalar kernels.
     *
     * @return whether they did within {@code maxNanos}
     */
    static boolean warmUp(MontgomeryField field, long maxNanos) {
        FieldLanes fl = preferred(field);
        int blocks = 8;
        int bl = fl.blockLongs();
        int n = LANES * blocks;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(0x1a2e5L);
        long[] a = new long[4 * n];
        long[] b = new long[4 * n];
        for (int i = 0; i < n; i++) {
            field.random(rng, a, 4 * i);
            field.random(rng, b, 4 * i);
        }
        long[] x = new long[bl * blocks];
        long[] y = new long[bl * blocks];
        long[] z = new long[bl * blocks];
        for (int k = 0; k < blocks; k++) {
            fl.load(a, 4 * LANES * k, x, bl * k);
            fl.load(b, 4 * LANES * k, y, bl * k);
        }
        boolean[] flags = new boolean[LANES];
        for (int l = 0; l < LANES; l += 2) {
            flags[l] = true;
        }
        long[] c = new long[4 * n];
        long deadline = System.nanoTime() + maxNanos;
        int wins = 0;
        while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            for (int r = 0; r < 16; r++) {
                for (int k = 0; k < blocks; k++) {
                    int o = bl * k;
                    fl.mul(x, o, y, o, z, o);
                    fl.add(z, o, x, o, z, o);
                    fl.sub(z, o, y, o, z, o);
                    fl.select(z, o, x, o, flags, 0, z, o);
                }
                fl.broadcast(a, 4 * r, y, 0);
            }
            long lanes = System.nanoTime() - t0;
            long t1 = System.nanoTime();
            for (int r = 0; r < 16; r++) {
                for (int i = 0; i < n; i++) {
                    field.mul(a, 4 * i, b, 4 * i, c, 4 * i);
                    field.add(c, 4 * i, a, 4 * i, c, 4 * i);
                    field.sub(c, 4 * i, b, 4 * i, c, 4 * i);
                }
            }
            long scalar = System.nanoTime() - t1;
            wins = lanes < scalar ? wins + 1 : 0;
            if (wins == 3) {
                return true;
            }
        }
        return false;
    }

    /** Whether the field has the shape these kernels take (see the class comment). */
    public static boolean takes(MontgomeryField field) {
        return field.hasPastaShape();
    }

    /**
     * The vectors every instance uses: the widest this CPU runs natively, or 256 bits (four lanes, AVX2's width)
     * where {@code -Dvampvm.lanes.bits=256} asks for them ({@link Lanes#BITS_PROPERTY}: to run and time that width on
     * a wider CPU). Read once, when this class is first used, and a constant, not an instance's field: C2 turns the
     * Vector API's calls into vector instructions only where it knows the species as a constant (a mask loaded from
     * a {@code boolean[]} or a broadcast through a species held in a field ran the API's Java fallback, allocating,
     * in every {@link #select} and {@link #broadcast}); and one JVM that ran two widths through the same kernels was
     * left running that fallback for good.
     */
    private static final VectorSpecies<Long> SPECIES =
            "256".equals(System.getProperty(Lanes.BITS_PROPERTY))
                    && LongVector.SPECIES_PREFERRED.vectorBitSize() > 256
                    ? LongVector.SPECIES_256 : LongVector.SPECIES_PREFERRED;
    /** Elements per block: {@link #SPECIES}'s lanes. */
    private static final int LANES = SPECIES.length();

    /** The vectors of the kernels: see {@link #SPECIES}. */
    public static VectorSpecies<Long> preferredSpecies() {
        return SPECIES;
    }

    private static final ConcurrentHashMap<MontgomeryField, FieldLanes> PREFERRED = new ConcurrentHashMap<>();

    /** The kernels in the preferred species, one shared instance per field (every MSM batch asks for them). */
    public static FieldLanes preferred(MontgomeryField field) {
        return PREFERRED.computeIfAbsent(field, f -> new FieldLanes(f));
    }

    public MontgomeryField field() {
        return field;
    }

    /** Elements per block. */
    public int lanes() {
        return LANES;
    }

    /** Longs per block. */
    public int blockLongs() {
        return LIMBS * LANES;
    }

    /** A block of ones. */
    public void setOne(long[] z, int zo) {
        System.arraycopy(oneBlock, 0, z, zo, blockLongs());
    }

    /** Copies block x into block z. */
    public void copy(long[] x, int xo, long[] z, int zo) {
        System.arraycopy(x, xo, z, zo, blockLongs());
    }

    /**
     * z = x·y·R⁻¹ mod p, lane by lane. z may alias x or y.
     *
     * <p>Every 64-bit lane product here is of two values below 2³²: the product's limbs and the reduction's
     * multipliers and p's limbs (all below 2²⁹), and the low 29 bits of a column times −p⁻¹. C2 (JDK 24 on,
     * JDK-8341137) multiplies such lanes with one 32×32→64-bit instruction (x86 VPMULUDQ) where it sees each operand
     * masked by a constant below 2³² ({@code and(MASK)}) at the multiplication, and otherwise with a full 64×64-bit
     * one (VPMULLQ: on Intel's cores three micro-operations and 15 cycles of latency; under AVX2, which has none, a
     * sequence of several); hence the masks on values already below 2²⁹. On a Sapphire Rapids Xeon they took an
     * 8-lane product from 34.8 to 16.5 ns a lane, and held to AVX2 a 4-lane one from 82 to 39 (the scalar kernel: 45).
     *
     * <p>The product's columns ({@link #columns}) and their reduction ({@link #reduce}) are two methods, through
     * a per-thread block of 17 columns: as one method, the masks made it too large for C1's register allocator
     * at tier 3 ("out of virtual registers in linear scan"), which left it in C1's tier-2 code, where the Vector
     * API runs its allocating Java fallback, for good.
     */
    public void mul(long[] x, int xo, long[] y, int yo, long[] z, int zo) {
        long[] t = COLUMNS.get();
        columns(x, xo, y, yo, t);
        reduce(t, z, zo);
    }

    /** A per-thread block of 17 columns for {@link #mul}: the product before its reduction. */
    private static final ThreadLocal<long[]> COLUMNS = ThreadLocal.withInitial(() -> new long[(2 * LIMBS - 1) * LANES]);

    /** The columns of x·y into t (17 vectors, column k = Σ aᵢ·bⱼ over i + j = k, below 9·2⁵⁸: no carries). */
    private static void columns(long[] x, int xo, long[] y, int yo, long[] t) {
        final VectorSpecies<Long> s = SPECIES;
        final int w = LANES;
        final LongVector a0 = LongVector.fromArray(s, x, xo).and(MASK);
        final LongVector a1 = LongVector.fromArray(s, x, xo + 1 * w).and(MASK);
        final LongVector a2 = LongVector.fromArray(s, x, xo + 2 * w).and(MASK);
        final LongVector a3 = LongVector.fromArray(s, x, xo + 3 * w).and(MASK);
        final LongVector a4 = LongVector.fromArray(s, x, xo + 4 * w).and(MASK);
        final LongVector a5 = LongVector.fromArray(s, x, xo + 5 * w).and(MASK);
        final LongVector a6 = LongVector.fromArray(s, x, xo + 6 * w).and(MASK);
        final LongVector a7 = LongVector.fromArray(s, x, xo + 7 * w).and(MASK);
        final LongVector a8 = LongVector.fromArray(s, x, xo + 8 * w).and(MASK);
        final LongVector b0 = LongVector.fromArray(s, y, yo).and(MASK);
        final LongVector b1 = LongVector.fromArray(s, y, yo + 1 * w).and(MASK);
        final LongVector b2 = LongVector.fromArray(s, y, yo + 2 * w).and(MASK);
        final LongVector b3 = LongVector.fromArray(s, y, yo + 3 * w).and(MASK);
        final LongVector b4 = LongVector.fromArray(s, y, yo + 4 * w).and(MASK);
        final LongVector b5 = LongVector.fromArray(s, y, yo + 5 * w).and(MASK);
        final LongVector b6 = LongVector.fromArray(s, y, yo + 6 * w).and(MASK);
        final LongVector b7 = LongVector.fromArray(s, y, yo + 7 * w).and(MASK);
        final LongVector b8 = LongVector.fromArray(s, y, yo + 8 * w).and(MASK);
        LongVector t0 = a0.mul(b0);
        LongVector t1 = a0.mul(b1).add(a1.mul(b0));
        LongVector t2 = a0.mul(b2).add(a1.mul(b1)).add(a2.mul(b0));
        LongVector t3 = a0.mul(b3).add(a1.mul(b2)).add(a2.mul(b1)).add(a3.mul(b0));
        LongVector t4 = a0.mul(b4).add(a1.mul(b3)).add(a2.mul(b2)).add(a3.mul(b1)).add(a4.mul(b0));
        LongVector t5 = a0.mul(b5).add(a1.mul(b4)).add(a2.mul(b3)).add(a3.mul(b2)).add(a4.mul(b1)).add(a5.mul(b0));
        LongVector t6 = a0.mul(b6).add(a1.mul(b5)).add(a2.mul(b4)).add(a3.mul(b3)).add(a4.mul(b2)).add(a5.mul(b1)).add(a6.mul(b0));
        LongVector t7 = a0.mul(b7).add(a1.mul(b6)).add(a2.mul(b5)).add(a3.mul(b4)).add(a4.mul(b3)).add(a5.mul(b2)).add(a6.mul(b1)).add(a7.mul(b0));
        LongVector t8 = a0.mul(b8).add(a1.mul(b7)).add(a2.mul(b6)).add(a3.mul(b5)).add(a4.mul(b4)).add(a5.mul(b3)).add(a6.mul(b2)).add(a7.mul(b1)).add(a8.mul(b0));
        LongVector t9 = a1.mul(b8).add(a2.mul(b7)).add(a3.mul(b6)).add(a4.mul(b5)).add(a5.mul(b4)).add(a6.mul(b3)).add(a7.mul(b2)).add(a8.mul(b1));
        LongVector t10 = a2.mul(b8).add(a3.mul(b7)).add(a4.mul(b6)).add(a5.mul(b5)).add(a6.mul(b4)).add(a7.mul(b3)).add(a8.mul(b2));
        LongVector t11 = a3.mul(b8).add(a4.mul(b7)).add(a5.mul(b6)).add(a6.mul(b5)).add(a7.mul(b4)).add(a8.mul(b3));
        LongVector t12 = a4.mul(b8).add(a5.mul(b7)).add(a6.mul(b6)).add(a7.mul(b5)).add(a8.mul(b4));
        LongVector t13 = a5.mul(b8).add(a6.mul(b7)).add(a7.mul(b6)).add(a8.mul(b5));
        LongVector t14 = a6.mul(b8).add(a7.mul(b7)).add(a8.mul(b6));
        LongVector t15 = a7.mul(b8).add(a8.mul(b7));
        LongVector t16 = a8.mul(b8);
        t0.intoArray(t, 0);
        t1.intoArray(t, 1 * w);
        t2.intoArray(t, 2 * w);
        t3.intoArray(t, 3 * w);
        t4.intoArray(t, 4 * w);
        t5.intoArray(t, 5 * w);
        t6.intoArray(t, 6 * w);
        t7.intoArray(t, 7 * w);
        t8.intoArray(t, 8 * w);
        t9.intoArray(t, 9 * w);
        t10.intoArray(t, 10 * w);
        t11.intoArray(t, 11 * w);
        t12.intoArray(t, 12 * w);
        t13.intoArray(t, 13 * w);
        t14.intoArray(t, 14 * w);
        t15.intoArray(t, 15 * w);
        t16.intoArray(t, 16 * w);
    }

    /** z = the Montgomery reduction of the 17 columns in t, fully reduced. */
    private void reduce(long[] t, long[] z, int zo) {
        final VectorSpecies<Long> s = SPECIES;
        final int w = LANES;
        final LongVector q0 = LongVector.broadcast(s, p[0]).and(MASK), q1 = LongVector.broadcast(s, p[1]).and(MASK),
                q2 = LongVector.broadcast(s, p[2]).and(MASK), q3 = LongVector.broadcast(s, p[3]).and(MASK),
                q4 = LongVector.broadcast(s, p[4]).and(MASK), n = LongVector.broadcast(s, inv).and(MASK);
        LongVector t0 = LongVector.fromArray(s, t, 0);
        LongVector t1 = LongVector.fromArray(s, t, 1 * w);
        LongVector t2 = LongVector.fromArray(s, t, 2 * w);
        LongVector t3 = LongVector.fromArray(s, t, 3 * w);
        LongVector t4 = LongVector.fromArray(s, t, 4 * w);
        LongVector t5 = LongVector.fromArray(s, t, 5 * w);
        LongVector t6 = LongVector.fromArray(s, t, 6 * w);
        LongVector t7 = LongVector.fromArray(s, t, 7 * w);
        LongVector t8 = LongVector.fromArray(s, t, 8 * w);
        LongVector t9 = LongVector.fromArray(s, t, 9 * w);
        LongVector t10 = LongVector.fromArray(s, t, 10 * w);
        LongVector t11 = LongVector.fromArray(s, t, 11 * w);
        LongVector t12 = LongVector.fromArray(s, t, 12 * w);
        LongVector t13 = LongVector.fromArray(s, t, 13 * w);
        LongVector t14 = LongVector.fromArray(s, t, 14 * w);
        LongVector t15 = LongVector.fromArray(s, t, 15 * w);
        LongVector t16 = LongVector.fromArray(s, t, 16 * w);
        LongVector m;
        // Eight rounds of 29 bits: t += m·p with m making column r divisible by 2²⁹, its carry moved up.
        m = t0.and(MASK).mul(n).and(MASK);
        t1 = t1.add(m.mul(q1)).add(t0.add(m.mul(q0)).lanewise(LSHR, BITS));
        t2 = t2.add(m.mul(q2));
        t3 = t3.add(m.mul(q3));
        t4 = t4.add(m.mul(q4));
        t8 = t8.add(m.lanewise(LSHL, TOP_SHIFT));
        m = t1.and(MASK).mul(n).and(MASK);
        t2 = t2.add(m.mul(q1)).add(t1.add(m.mul(q0)).lanewise(LSHR, BITS));
        t3 = t3.add(m.mul(q2));
        t4 = t4.add(m.mul(q3));
        t5 = t5.add(m.mul(q4));
        t9 = t9.add(m.lanewise(LSHL, TOP_SHIFT));
        m = t2.and(MASK).mul(n).and(MASK);
        t3 = t3.add(m.mul(q1)).add(t2.add(m.mul(q0)).lanewise(LSHR, BITS));
        t4 = t4.add(m.mul(q2));
        t5 = t5.add(m.mul(q3));
        t6 = t6.add(m.mul(q4));
        t10 = t10.add(m.lanewise(LSHL, TOP_SHIFT));
        m = t3.and(MASK).mul(n).and(MASK);
        t4 = t4.add(m.mul(q1)).add(t3.add(m.mul(q0)).lanewise(LSHR, BITS));
        t5 = t5.add(m.mul(q2));
        t6 = t6.add(m.mul(q3));
        t7 = t7.add(m.mul(q4));
        t11 = t11.add(m.lanewise(LSHL, TOP_SHIFT));
        m = t4.and(MASK).mul(n).and(MASK);
        t5 = t5.add(m.mul(q1)).add(t4.add(m.mul(q0)).lanewise(LSHR, BITS));
        t6 = t6.add(m.mul(q2));
        t7 = t7.add(m.mul(q3));
        t8 = t8.add(m.mul(q4));
        t12 = t12.add(m.lanewise(LSHL, TOP_SHIFT));
        m = t5.and(MASK).mul(n).and(MASK);
        t6 = t6.add(m.mul(q1)).add(t5.add(m.mul(q0)).lanewise(LSHR, BITS));
        t7 = t7.add(m.mul(q2));
        t8 = t8.add(m.mul(q3));
        t9 = t9.add(m.mul(q4));
        t13 = t13.add(m.lanewise(LSHL, TOP_SHIFT));
        m = t6.and(MASK).mul(n).and(MASK);
        t7 = t7.add(m.mul(q1)).add(t6.add(m.mul(q0)).lanewise(LSHR, BITS));
        t8 = t8.add(m.mul(q2));
        t9 = t9.add(m.mul(q3));
        t10 = t10.add(m.mul(q4));
        t14 = t14.add(m.lanewise(LSHL, TOP_SHIFT));
        m = t7.and(MASK).mul(n).and(MASK);
        t8 = t8.add(m.mul(q1)).add(t7.add(m.mul(q0)).lanewise(LSHR, BITS));
        t9 = t9.add(m.mul(q2));
        t10 = t10.add(m.mul(q3));
        t11 = t11.add(m.mul(q4));
        t15 = t15.add(m.lanewise(LSHL, TOP_SHIFT));
        // The last round clears 24 bits, so that the whole product is divided by 2²⁵⁶ = R.
        m = t8.and(MASK).mul(n).and(LAST_MASK);
        t8 = t8.add(m.mul(q0));
        t9 = t9.add(m.mul(q1));
        t10 = t10.add(m.mul(q2));
        t11 = t11.add(m.mul(q3));
        t12 = t12.add(m.mul(q4));
        t16 = t16.add(m.lanewise(LSHL, TOP_SHIFT));
        // Carries through columns 8..17; then the result is bits 24.. of columns 8..17, re-cut at 29 bits.
        t9 = t9.add(t8.lanewise(LSHR, BITS));
        t8 = t8.and(MASK);
        t10 = t10.add(t9.lanewise(LSHR, BITS));
        t9 = t9.and(MASK);
        t11 = t11.add(t10.lanewise(LSHR, BITS));
        t10 = t10.and(MASK);
        t12 = t12.add(t11.lanewise(LSHR, BITS));
        t11 = t11.and(MASK);
        t13 = t13.add(t12.lanewise(LSHR, BITS));
        t12 = t12.and(MASK);
        t14 = t14.add(t13.lanewise(LSHR, BITS));
        t13 = t13.and(MASK);
        t15 = t15.add(t14.lanewise(LSHR, BITS));
        t14 = t14.and(MASK);
        t16 = t16.add(t15.lanewise(LSHR, BITS));
        t15 = t15.and(MASK);
        // Column 17 is only this carry (no LongVector.zero: C2 left it to the Java fallback there, 7% of a proof).
        LongVector t17 = t16.lanewise(LSHR, BITS);
        t16 = t16.and(MASK);
        LongVector r0 = t8.lanewise(LSHR, LAST_BITS).or(t9.lanewise(LSHL, BITS - LAST_BITS).and(MASK));
        LongVector r1 = t9.lanewise(LSHR, LAST_BITS).or(t10.lanewise(LSHL, BITS - LAST_BITS).and(MASK));
        LongVector r2 = t10.lanewise(LSHR, LAST_BITS).or(t11.lanewise(LSHL, BITS - LAST_BITS).and(MASK));
        LongVector r3 = t11.lanewise(LSHR, LAST_BITS).or(t12.lanewise(LSHL, BITS - LAST_BITS).and(MASK));
        LongVector r4 = t12.lanewise(LSHR, LAST_BITS).or(t13.lanewise(LSHL, BITS - LAST_BITS).and(MASK));
        LongVector r5 = t13.lanewise(LSHR, LAST_BITS).or(t14.lanewise(LSHL, BITS - LAST_BITS).and(MASK));
        LongVector r6 = t14.lanewise(LSHR, LAST_BITS).or(t15.lanewise(LSHL, BITS - LAST_BITS).and(MASK));
        LongVector r7 = t15.lanewise(LSHR, LAST_BITS).or(t16.lanewise(LSHL, BITS - LAST_BITS).and(MASK));
        LongVector r8 = t16.lanewise(LSHR, LAST_BITS).or(t17.lanewise(LSHL, BITS - LAST_BITS).and(MASK));
        // Through z rather than as arguments: a call with nine vectors would box them wherever C2 does not inline it.
        r0.intoArray(z, zo);
        r1.intoArray(z, zo + w);
        r2.intoArray(z, zo + 2 * w);
        r3.intoArray(z, zo + 3 * w);
        r4.intoArray(z, zo + 4 * w);
        r5.intoArray(z, zo + 5 * w);
        r6.intoArray(z, zo + 6 * w);
        r7.intoArray(z, zo + 7 * w);
        r8.intoArray(z, zo + 8 * w);
        reduceOnce(z, zo);
    }

    /** Block z −= p in the lanes where z ≥ p (z &lt; 2p, limbs normalised). */
    private void reduceOnce(long[] z, int zo) {
        final VectorSpecies<Long> s = SPECIES;
        final int w = LANES;
        final LongVector r0 = LongVector.fromArray(s, z, zo), r1 = LongVector.fromArray(s, z, zo + w);
        final LongVector r2 = LongVector.fromArray(s, z, zo + 2 * w), r3 = LongVector.fromArray(s, z, zo + 3 * w);
        final LongVector r4 = LongVector.fromArray(s, z, zo + 4 * w), r5 = LongVector.fromArray(s, z, zo + 5 * w);
        final LongVector r6 = LongVector.fromArray(s, z, zo + 6 * w), r7 = LongVector.fromArray(s, z, zo + 7 * w);
        final LongVector r8 = LongVector.fromArray(s, z, zo + 8 * w);
        LongVector d0 = r0.sub(p[0]);
        LongVector d1 = r1.sub(p[1]).add(d0.lanewise(ASHR, BITS));
        LongVector d2 = r2.sub(p[2]).add(d1.lanewise(ASHR, BITS));
        LongVector d3 = r3.sub(p[3]).add(d2.lanewise(ASHR, BITS));
        LongVector d4 = r4.sub(p[4]).add(d3.lanewise(ASHR, BITS));
        LongVector d5 = r5.add(d4.lanewise(ASHR, BITS));
        LongVector d6 = r6.add(d5.lanewise(ASHR, BITS));
        LongVector d7 = r7.add(d6.lanewise(ASHR, BITS));
        LongVector d8 = r8.sub(p[8]).add(d7.lanewise(ASHR, BITS));
        // d8 < 0: r < p, keep r.
        VectorMask<Long> keep = d8.compare(LT, 0L);
        d0.and(MASK).blend(r0, keep).intoArray(z, zo);
        d1.and(MASK).blend(r1, keep).intoArray(z, zo + w);
        d2.and(MASK).blend(r2, keep).intoArray(z, zo + 2 * w);
        d3.and(MASK).blend(r3, keep).intoArray(z, zo + 3 * w);
        d4.and(MASK).blend(r4, keep).intoArray(z, zo + 4 * w);
        d5.and(MASK).blend(r5, keep).intoArray(z, zo + 5 * w);
        d6.and(MASK).blend(r6, keep).intoArray(z, zo + 6 * w);
        d7.and(MASK).blend(r7, keep).intoArray(z, zo + 7 * w);
        d8.blend(r8, keep).intoArray(z, zo + 8 * w);
    }

    /** z = x + y mod p, lane by lane. z may alias x or y. */
    public void add(long[] x, int xo, long[] y, int yo, long[] z, int zo) {
        final VectorSpecies<Long> s = SPECIES;
        final int w = LANES;
        // x + y − p with the carries and borrows carried up (arithmetic shifts): x + y < 2p < 2²⁵⁶, no overflow.
        LongVector d0 = LongVector.fromArray(s, x, xo).add(LongVector.fromArray(s, y, yo)).sub(p[0]);
        LongVector d1 = LongVector.fromArray(s, x, xo + w).add(LongVector.fromArray(s, y, yo + w)).sub(p[1]).add(d0.lanewise(ASHR, BITS));
        LongVector d2 = LongVector.fromArray(s, x, xo + 2 * w).add(LongVector.fromArray(s, y, yo + 2 * w)).sub(p[2]).add(d1.lanewise(ASHR, BITS));
        LongVector d3 = LongVector.fromArray(s, x, xo + 3 * w).add(LongVector.fromArray(s, y, yo + 3 * w)).sub(p[3]).add(d2.lanewise(ASHR, BITS));
        LongVector d4 = LongVector.fromArray(s, x, xo + 4 * w).add(LongVector.fromArray(s, y, yo + 4 * w)).sub(p[4]).add(d3.lanewise(ASHR, BITS));
        LongVector d5 = LongVector.fromArray(s, x, xo + 5 * w).add(LongVector.fromArray(s, y, yo + 5 * w)).add(d4.lanewise(ASHR, BITS));
        LongVector d6 = LongVector.fromArray(s, x, xo + 6 * w).add(LongVector.fromArray(s, y, yo + 6 * w)).add(d5.lanewise(ASHR, BITS));
        LongVector d7 = LongVector.fromArray(s, x, xo + 7 * w).add(LongVector.fromArray(s, y, yo + 7 * w)).add(d6.lanewise(ASHR, BITS));
        LongVector d8 = LongVector.fromArray(s, x, xo + 8 * w).add(LongVector.fromArray(s, y, yo + 8 * w)).sub(p[8]).add(d7.lanewise(ASHR, BITS));
        // x + y < p: add p back. The same tail as sub's, written out: a helper taking these nine vectors would box
        // them wherever C2 did not inline it (see reduceOnce).
        LongVector mask = d8.lanewise(ASHR, 63);
        LongVector e0 = d0.and(MASK).add(mask.and(p[0]));
        LongVector e1 = d1.and(MASK).add(mask.and(p[1])).add(e0.lanewise(LSHR, BITS));
        LongVector e2 = d2.and(MASK).add(mask.and(p[2])).add(e1.lanewise(LSHR, BITS));
        LongVector e3 = d3.and(MASK).add(mask.and(p[3])).add(e2.lanewise(LSHR, BITS));
        LongVector e4 = d4.and(MASK).add(mask.and(p[4])).add(e3.lanewise(LSHR, BITS));
        LongVector e5 = d5.and(MASK).add(e4.lanewise(LSHR, BITS));
        LongVector e6 = d6.and(MASK).add(e5.lanewise(LSHR, BITS));
        LongVector e7 = d7.and(MASK).add(e6.lanewise(LSHR, BITS));
        LongVector e8 = d8.and(MASK).add(mask.and(p[8])).add(e7.lanewise(LSHR, BITS));
        e0.and(MASK).intoArray(z, zo);
        e1.and(MASK).intoArray(z, zo + w);
        e2.and(MASK).intoArray(z, zo + 2 * w);
        e3.and(MASK).intoArray(z, zo + 3 * w);
        e4.and(MASK).intoArray(z, zo + 4 * w);
        e5.and(MASK).intoArray(z, zo + 5 * w);
        e6.and(MASK).intoArray(z, zo + 6 * w);
        e7.and(MASK).intoArray(z, zo + 7 * w);
        e8.and(MASK).intoArray(z, zo + 8 * w);
    }

    /** z = x − y mod p, lane by lane. z may alias x or y. */
    public void sub(long[] x, int xo, long[] y, int yo, long[] z, int zo) {
        final VectorSpecies<Long> s = SPECIES;
        final int w = LANES;
        // x − y with the borrows carried up (arithmetic shifts); a negative top limb means x < y.
        LongVector d0 = LongVector.fromArray(s, x, xo).sub(LongVector.fromArray(s, y, yo));
        LongVector d1 = LongVector.fromArray(s, x, xo + w).sub(LongVector.fromArray(s, y, yo + w)).add(d0.lanewise(ASHR, BITS));
        LongVector d2 = LongVector.fromArray(s, x, xo + 2 * w).sub(LongVector.fromArray(s, y, yo + 2 * w)).add(d1.lanewise(ASHR, BITS));
        LongVector d3 = LongVector.fromArray(s, x, xo + 3 * w).sub(LongVector.fromArray(s, y, yo + 3 * w)).add(d2.lanewise(ASHR, BITS));
        LongVector d4 = LongVector.fromArray(s, x, xo + 4 * w).sub(LongVector.fromArray(s, y, yo + 4 * w)).add(d3.lanewise(ASHR, BITS));
        LongVector d5 = LongVector.fromArray(s, x, xo + 5 * w).sub(LongVector.fromArray(s, y, yo + 5 * w)).add(d4.lanewise(ASHR, BITS));
        LongVector d6 = LongVector.fromArray(s, x, xo + 6 * w).sub(LongVector.fromArray(s, y, yo + 6 * w)).add(d5.lanewise(ASHR, BITS));
        LongVector d7 = LongVector.fromArray(s, x, xo + 7 * w).sub(LongVector.fromArray(s, y, yo + 7 * w)).add(d6.lanewise(ASHR, BITS));
        LongVector d8 = LongVector.fromArray(s, x, xo + 8 * w).sub(LongVector.fromArray(s, y, yo + 8 * w)).add(d7.lanewise(ASHR, BITS));
        // On a borrow add p back: mask is all ones in the lanes where x < y. The carry out of limb 8 wraps the
        // 2²⁶¹ the borrow stood for.
        LongVector mask = d8.lanewise(ASHR, 63);
        LongVector e0 = d0.and(MASK).add(mask.and(p[0]));
        LongVector e1 = d1.and(MASK).add(mask.and(p[1])).add(e0.lanewise(LSHR, BITS));
        LongVector e2 = d2.and(MASK).add(mask.and(p[2])).add(e1.lanewise(LSHR, BITS));
        LongVector e3 = d3.and(MASK).add(mask.and(p[3])).add(e2.lanewise(LSHR, BITS));
        LongVector e4 = d4.and(MASK).add(mask.and(p[4])).add(e3.lanewise(LSHR, BITS));
        LongVector e5 = d5.and(MASK).add(e4.lanewise(LSHR, BITS));
        LongVector e6 = d6.and(MASK).add(e5.lanewise(LSHR, BITS));
        LongVector e7 = d7.and(MASK).add(e6.lanewise(LSHR, BITS));
        LongVector e8 = d8.and(MASK).add(mask.and(p[8])).add(e7.lanewise(LSHR, BITS));
        e0.and(MASK).intoArray(z, zo);
        e1.and(MASK).intoArray(z, zo + w);
        e2.and(MASK).intoArray(z, zo + 2 * w);
        e3.and(MASK).intoArray(z, zo + 3 * w);
        e4.and(MASK).intoArray(z, zo + 4 * w);
        e5.and(MASK).intoArray(z, zo + 5 * w);
        e6.and(MASK).intoArray(z, zo + 6 * w);
        e7.and(MASK).intoArray(z, zo + 7 * w);
        e8.and(MASK).intoArray(z, zo + 8 * w);
    }

    /**
     * Loads lane l of block z from the four-limb element at {@code src[base + offsets[oo + l]]}, for every lane.
     * Plain loads: on the EPYC measured, the Vector API's gather (which checks every index) took 1.5 times as long.
     */
    public void gather(long[] src, int base, int[] offsets, int oo, long[] z, int zo) {
        for (int l = 0; l < LANES; l++) {
            split(src, base + offsets[oo + l], z, zo, l);
        }
    }

    /** Every lane of block z = the four-limb element at src[so]. */
    public void broadcast(long[] src, int so, long[] z, int zo) {
        split(src, so, z, zo, 0);
        final VectorSpecies<Long> s = SPECIES;
        final int w = LANES;
        for (int j = 0; j < LIMBS; j++) {
            LongVector.broadcast(s, z[zo + j * w]).intoArray(z, zo + j * w);
        }
    }

    /** Loads a block from {@code lanes} four-limb elements stored one after the other at src[so]. */
    public void load(long[] src, int so, long[] z, int zo) {
        for (int l = 0; l < LANES; l++) {
            split(src, so + 4 * l, z, zo, l);
        }
    }

    /** Stores the block as {@code lanes} four-limb elements one after the other at dst[dOff]. */
    public void store(long[] x, int xo, long[] dst, int dOff) {
        for (int l = 0; l < LANES; l++) {
            join(x, xo, l, dst, dOff + 4 * l);
        }
    }

    /**
     * Stores lanes 0 to count − 1 of block x as the four-limb elements at {@code dst[base + offsets[oo + l]]}.
     */
    public void scatter(long[] x, int xo, long[] dst, int base, int[] offsets, int oo, int count) {
        for (int l = 0; l < count; l++) {
            join(x, xo, l, dst, base + offsets[oo + l]);
        }
    }

    /** The four-limb element at dst[o] = lane {@code lane} of block x. */
    private void join(long[] x, int xo, int lane, long[] dst, int o) {
        final int w = LANES;
        final int i = xo + lane;
        long l0 = x[i], l1 = x[i + w], l2 = x[i + 2 * w], l3 = x[i + 3 * w], l4 = x[i + 4 * w];
        long l5 = x[i + 5 * w], l6 = x[i + 6 * w], l7 = x[i + 7 * w], l8 = x[i + 8 * w];
        dst[o] = l0 | (l1 << 29) | (l2 << 58);
        dst[o + 1] = (l2 >>> 6) | (l3 << 23) | (l4 << 52);
        dst[o + 2] = (l4 >>> 12) | (l5 << 17) | (l6 << 46);
        dst[o + 3] = (l6 >>> 18) | (l7 << 11) | (l8 << 40);
    }

    /** Sets lanes {@code from} to lanes − 1 of block z to one (padding a partial block). */
    public void setOneFrom(long[] z, int zo, int from) {
        final int w = LANES;
        for (int j = 0; j < LIMBS; j++) {
            for (int l = from; l < w; l++) {
                z[zo + j * w + l] = oneBlock[j * w + l];
            }
        }
    }

    /** z = −x in the lanes l where {@code negate[no + l]}, x elsewhere. z must not overlap x. */
    public void negateWhere(long[] x, int xo, boolean[] negate, int no, long[] z, int zo) {
        sub(zeroBlock, 0, x, xo, z, zo);
        select(x, xo, z, zo, negate, no, z, zo);
    }

    /**
     * z = the lanes of y where {@code flags[fo + l]} is set, those of x elsewhere. z may alias x or y (limb j of
     * both is read before limb j of z is written).
     */
    public void select(long[] x, int xo, long[] y, int yo, boolean[] flags, int fo, long[] z, int zo) {
        final VectorSpecies<Long> s = SPECIES;
        final int w = LANES;
        VectorMask<Long> m = VectorMask.fromArray(s, flags, fo);
        for (int j = 0; j < LIMBS; j++) {
            int o = j * w;
            LongVector.fromArray(s, x, xo + o).blend(LongVector.fromArray(s, y, yo + o), m).intoArray(z, zo + o);
        }
    }

    /** Lane {@code lane} of block z = the four-limb element at src[so], cut into 29-bit limbs (limb j from bit 29j). */
    private void split(long[] src, int so, long[] z, int zo, int lane) {
        final long w0 = src[so], w1 = src[so + 1], w2 = src[so + 2], w3 = src[so + 3];
        final int w = LANES;
        int o = zo + lane;
        z[o] = w0 & MASK;
        z[o + w] = (w0 >>> 29) & MASK;
        z[o + 2 * w] = ((w0 >>> 58) | (w1 << 6)) & MASK;
        z[o + 3 * w] = (w1 >>> 23) & MASK;
        z[o + 4 * w] = ((w1 >>> 52) | (w2 << 12)) & MASK;
        z[o + 5 * w] = (w2 >>> 17) & MASK;
        z[o + 6 * w] = ((w2 >>> 46) | (w3 << 18)) & MASK;
        z[o + 7 * w] = (w3 >>> 11) & MASK;
        z[o + 8 * w] = w3 >>> 40;
    }
}
