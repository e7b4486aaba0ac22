package dev.vampvm.backend;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.msm.CombMsm;
import dev.vampvm.msm.FixedBaseMsm;
import dev.vampvm.msm.Workers;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fixed-base tables ({@link FixedBaseMsm}) for the Java engine's small MSMs over prepared bases (the IPA's
 * generators, {@link Backend#prepareFixedBases}): the table of 2^j bases, made from the first 2^j, serves every MSM
 * of more than 2^(j−1) and up to 2^j terms over them. On the 2-core development machine (Vesta; {@code bench arith
 * --include 'MsmBenchmark.(variableBase|fixedBase)$' --sizes 5,...,13}, bench/results/20261126-080424-e226fb9-arith)
 * an MSM with its table took 1.15–1.85x less time than without from 64 to 4,096 terms, and a table cost the saving
 * of 5 to 25 MSMs of its size; at 32 terms the table was slower (0.79 against 0.73 ms), and above 4,096 the saving
 * stays near 15% while a table costs over 30 MSMs. Results are the same limb for limb ({@link FixedBaseMsm#msm}).
 *
 * <p>The tables are the process's, keyed by the bases' content: every {@code IpaParams.setup} uploads the same
 * generators into a new vector, so a prover that makes many proofs (a service, the VM's block proofs of each size,
 * {@code bench}) builds each table once. A table is built only when {@value #BUILD_AFTER} MSMs of its size have asked
 * for it, so that a process that commits only a few times at a size does not pay for a table it would not use
 * enough. At most {@value #MAX_TABLES} tables are kept, the least recently used going first (about 12 MB for the
 * sizes from 64 to 4,096).
 *
 * <p>Up to {@value #COMB_MAX_TERMS} terms (a small VM block proof's commitments) a comb table ({@link CombMsm}: every
 * digit's multiple of every base looked up, summed in lock step) of the first {@value #COMB_MAX_TERMS} bases (or all
 * that are prepared, when fewer) serves instead: 4.75 MiB, built like the others on its {@value #BUILD_AFTER}th ask. On
 * the development machine (Vesta, one thread, warm) it took 29 against 124 µs at 1 term, 85 against 430 at 8, 242
 * against 1,450 at 32 and 474 against 623 (the 64-term bucket table) at 64; from 128 terms on the bucket tables are as
 * fast or faster, and the comb table would cost 76 KiB a base.
 */
final class SmallFixedBaseTables {

    static final int MIN_TERMS = 64;
    static final int MAX_TERMS = 4096;
    static final int BUILD_AFTER = 8;
    static final int MAX_TABLES = 16;
    static final int COMB_MAX_TERMS = 64;
    private static final int AFF = ShortWeierstrassCurve.AFFINE_LONGS;

    private record Key(ShortWeierstrassCurve curve, int size, boolean comb, long hash) {
    }

    private static final class Slot {
        /** The bases the table is (or will be) made of, to tell another set of bases with the same hash apart. */
        final long[] bases;
        int asked;
        FixedBaseMsm.Precomputation table;
        CombMsm.Table comb;

        Slot(long[] bases) {
            this.bases = bases;
        }
    }

    private static final Map<Key, Slot> TABLES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Slot> eldest) {
            return size() > MAX_TABLES;
        }
    };

    private SmallFixedBaseTables() {
    }

    /**
     * The table for an MSM of {@code n} terms over the bases at {@code data[offset..]}, of which {@code available}
     * are prepared, or null: n out of [{@value #MIN_TERMS}, {@value #MAX_TERMS}], fewer bases prepared than the
     * table's size, or the table not yet asked for {@value #BUILD_AFTER} times (it is built on that call, on
     * {@code workers}).
     */
    static FixedBaseMsm.Precomputation lookup(ShortWeierstrassCurve curve, long[] data, int offset, int available, int n,
                                              Workers workers) {
        if (n < MIN_TERMS || n > MAX_TERMS) {
            return null;
        }
        int size = Integer.highestOneBit(n - 1) << 1;
        if (size > available) {
            return null;
        }
        Slot e = slot(new Key(curve, size, false, hash(data, offset, AFF * size)), data, offset);
        if (e == null) {
            return null;
        }
        synchronized (e) {
            if (e.table == null && ++e.asked >= BUILD_AFTER) {
                e.table = FixedBaseMsm.precompute(curve, e.bases, 0, size, 0, 0, FixedBaseMsm.DEFAULT_MEMORY_BUDGET,
                        workers);
            }
            return e.table;
        }
    }

    /**
     * The comb table for an MSM of {@code n} terms over the bases at {@code data[offset..]}, of which {@code available}
     * are prepared, or null: n out of [1, {@value #COMB_MAX_TERMS}], more terms than bases prepared, or the table not
     * yet asked for {@value #BUILD_AFTER} times (it is built on that call, on the calling thread).
     */
    static CombMsm.Table comb(ShortWeierstrassCurve curve, long[] data, int offset, int available, int n) {
        int size = Math.min(COMB_MAX_TERMS, available);
        if (n < 1 || n > size) {
            return null;
        }
        Slot e = slot(new Key(curve, size, true, hash(data, offset, AFF * size)), data, offset);
        if (e == null) {
            return null;
        }
        synchronized (e) {
            if (e.comb == null && ++e.asked >= BUILD_AFTER) {
                e.comb = CombMsm.precompute(curve, e.bases, 0, size);
            }
            return e.comb;
        }
    }

    /** The key's slot (made now if new), or null when another set of bases has the same hash. */
    private static Slot slot(Key key, long[] data, int offset) {
        int longs = AFF * key.size();
        synchronized (TABLES) {
            Slot e = TABLES.get(key);
            if (e == null) {
                e = new Slot(Arrays.copyOfRange(data, offset, offset + longs));
                TABLES.put(key, e);
            } else if (!Arrays.equals(e.bases, 0, longs, data, offset, offset + longs)) {
                return null;
            }
            return e;
        }
    }

    /** How many tables are built (for tests). */
    static int built() {
        synchronized (TABLES) {
            return (int) TABLES.values().stream().filter(e -> {
                synchronized (e) {
                    return e.table != null || e.comb != null;
                }
            }).count();
        }
    }

    /** Forgets every table (for tests). */
    static void clear() {
        synchronized (TABLES) {
            TABLES.clear();
        }
    }

    private static long hash(long[] data, int offset, int longs) {
        long h = longs;
        for (int i = 0; i < longs; i++) {
            h = (h ^ data[offset + i]) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        return h;
    }
}
