package dev.vampvm.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vampvm.curve.Generators;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.msm.Msm;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Java engine's MSMs over prepared bases: the same points as without tables, tables built only where they pay. */
class SmallFixedBaseTablesTest {

    private static final ShortWeierstrassCurve CURVE = ShortWeierstrassCurve.VESTA;
    private static final int AFF = ShortWeierstrassCurve.AFFINE_LONGS;
    private static final long[] BASES = Generators.vesta().generatorsAffine(256);

    private final JavaBackend backend = new JavaBackend(2);
    private final Random rnd = new Random(7);

    @BeforeEach
    @AfterEach
    void forgetTables() {
        SmallFixedBaseTables.clear();
    }

    @AfterEach
    void close() {
        backend.close();
    }

    private long[] scalars(int n) {
        MontgomeryField fr = CURVE.scalarField();
        long[] s = new long[4 * n];
        for (int i = 0; i < n; i++) {
            fr.random(rnd, s, 4 * i);
        }
        return s;
    }

    /** The engine's MSM of these scalars over the vector, checked against the plain MSM over the same bases. */
    private void checkMsm(PointVector bases, long[] basesArray, int basesOffset, long[] scalars) {
        int n = scalars.length / 4;
        try (ScalarVector s = backend.upload(CURVE.scalarField(), scalars, 0, n)) {
            assertArrayEquals(Msm.msm(CURVE, basesArray, AFF * basesOffset, scalars, 0, n), backend.msm(bases, s),
                    n + " terms");
        }
    }

    @Test
    void msmsOverPreparedBasesGiveTheSamePointsBeforeAndAfterTheTableIsBuilt() {
        try (PointVector g = backend.uploadPoints(CURVE, BASES, 0, 256)) {
            backend.prepareFixedBases(g);
            for (int i = 0; i < SmallFixedBaseTables.BUILD_AFTER + 2; i++) {
                assertEquals(i < SmallFixedBaseTables.BUILD_AFTER ? 0 : 1, SmallFixedBaseTables.built(), "after " + i + " MSMs");
                checkMsm(g, BASES, 0, scalars(100));
            }
            // other sizes of the same class and of others, through a prefix slice as IpaParams.truncate makes
            PointVector prefix = g.slice(0, 128);
            for (int n : new int[] {65, 128, 64, 255, 256}) {
                for (int i = 0; i < SmallFixedBaseTables.BUILD_AFTER; i++) {
                    checkMsm(n <= 128 ? prefix : g, BASES, 0, scalars(n));
                }
            }
            assertEquals(3, SmallFixedBaseTables.built(), "tables of 64, 128 and 256 bases");
        }
    }

    @Test
    void tablesAreSharedByEveryVectorOfTheSameBases() {
        for (int round = 0; round < SmallFixedBaseTables.BUILD_AFTER; round++) {
            try (PointVector g = backend.uploadPoints(CURVE, BASES, 0, 128)) {
                backend.prepareFixedBases(g);
                checkMsm(g, BASES, 0, scalars(128));
            }
        }
        assertEquals(1, SmallFixedBaseTables.built());
    }

    @Test
    void otherBasesOfTheSameSizeGetTheirOwnTable() {
        long[] other = BASES.clone();
        System.arraycopy(BASES, AFF * 200, other, AFF * 5, AFF); // base 5 replaced by base 200
        try (PointVector g = backend.uploadPoints(CURVE, BASES, 0, 128);
             PointVector h = backend.uploadPoints(CURVE, other, 0, 128)) {
            backend.prepareFixedBases(g);
            backend.prepareFixedBases(h);
            for (int i = 0; i < SmallFixedBaseTables.BUILD_AFTER + 1; i++) {
                checkMsm(g, BASES, 0, scalars(128));
                checkMsm(h, other, 0, scalars(128));
            }
            assertEquals(2, SmallFixedBaseTables.built());
        }
    }

    @Test
    void noTableOutsideTheRangeOrForBasesNotPreparedOrNotFromTheFirst() {
        try (PointVector g = backend.uploadPoints(CURVE, BASES, 0, 256);
             PointVector unprepared = backend.uploadPoints(CURVE, BASES, 0, 256)) {
            backend.prepareFixedBases(g);
            PointVector later = g.slice(64, 256);
            for (int i = 0; i < SmallFixedBaseTables.BUILD_AFTER + 1; i++) {
                checkMsm(unprepared, BASES, 0, scalars(128));
                checkMsm(unprepared, BASES, 0, scalars(16));
                checkMsm(later, BASES, 64, scalars(128));
            }
            assertEquals(0, SmallFixedBaseTables.built());
            // a table needs that many prepared bases: 129 terms over a prepared vector of 128 take none
            try (PointVector small = backend.uploadPoints(CURVE, BASES, 0, 129)) {
                backend.prepareFixedBases(small.slice(0, 128));
                for (int i = 0; i < SmallFixedBaseTables.BUILD_AFTER + 1; i++) {
                    checkMsm(small, BASES, 0, scalars(129));
                }
            }
            assertEquals(0, SmallFixedBaseTables.built());
        }
    }

    /**
     * Up to {@link SmallFixedBaseTables#COMB_MAX_TERMS} terms a comb table of the first 64 bases (or of all that are
     * prepared, when fewer) serves every size, through prefix slices too; from 65 terms the bucket tables.
     */
    @Test
    void fewTermsShareOneCombTable() {
        try (PointVector g = backend.uploadPoints(CURVE, BASES, 0, 256)) {
            backend.prepareFixedBases(g);
            int[] sizes = {1, 2, 3, 8, 31, 64, 17, 5};
            for (int i = 0; i < SmallFixedBaseTables.BUILD_AFTER + 2 * sizes.length; i++) {
                assertEquals(i < SmallFixedBaseTables.BUILD_AFTER ? 0 : 1, SmallFixedBaseTables.built(), "after " + i
                        + " MSMs");
                int n = sizes[i % sizes.length];
                checkMsm(i % 2 == 0 ? g : g.slice(0, 64), BASES, 0, scalars(n));
            }
            checkMsm(g, BASES, 0, new long[4 * 40]);
            assertEquals(1, SmallFixedBaseTables.built(), "one comb table for 1 to 64 terms");
        }
        // Parameters of k = 3: a comb table of their 8 bases.
        try (PointVector g8 = backend.uploadPoints(CURVE, BASES, 0, 8)) {
            backend.prepareFixedBases(g8);
            for (int i = 0; i < SmallFixedBaseTables.BUILD_AFTER + 1; i++) {
                checkMsm(g8, BASES, 0, scalars(1 + i % 8));
            }
            assertEquals(2, SmallFixedBaseTables.built());
        }
    }

    /**
     * Batches run side by side, each MSM on its share of the pool's workers (three workers: two and one for a batch of
     * two, one each for a batch of five), while the comb and bucket tables are built under them: each MSM's own points.
     */
    @Test
    void batchesSideBySideGiveEachMsmItsPoints() {
        try (JavaBackend three = new JavaBackend(3);
                PointVector g = three.uploadPoints(CURVE, BASES, 0, 256)) {
            three.prepareFixedBases(g);
            for (int round = 0; round <= SmallFixedBaseTables.BUILD_AFTER; round++) {
                for (int n : new int[] {40, 200}) {
                    int m = round % 2 == 0 ? 2 : 5;
                    long[][] batch = new long[m][];
                    List<ScalarVector> vectors = new ArrayList<>();
                    try {
                        for (int i = 0; i < m; i++) {
                            batch[i] = i == 1 ? new long[4 * n] : scalars(n);
                            vectors.add(three.upload(CURVE.scalarField(), batch[i], 0, n));
                        }
                        long[][] got = three.msm(g, vectors);
                        for (int i = 0; i < m; i++) {
                            assertArrayEquals(Msm.msm(CURVE, BASES, 0, batch[i], 0, n), got[i],
                                    "round " + round + ", " + n + " terms, MSM " + i + " of " + m);
                        }
                    } finally {
                        vectors.forEach(ScalarVector::close);
                    }
                }
            }
        }
        assertEquals(2, SmallFixedBaseTables.built(), "the comb table and the bucket table of 256 bases");
    }

    @Test
    void proversOnSeveralThreadsShareOneTable() throws Exception {
        long[][] scalars = new long[4 * SmallFixedBaseTables.BUILD_AFTER][];
        long[][] expected = new long[scalars.length][];
        for (int i = 0; i < scalars.length; i++) {
            scalars[i] = scalars(65 + i);
            expected[i] = Msm.msm(CURVE, BASES, 0, scalars[i], 0, 65 + i);
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (PointVector g = backend.uploadPoints(CURVE, BASES, 0, 128)) {
            backend.prepareFixedBases(g);
            List<Future<long[]>> results = new ArrayList<>();
            for (long[] s : scalars) {
                results.add(threads.submit(() -> {
                    try (ScalarVector v = backend.upload(CURVE.scalarField(), s, 0, s.length / 4)) {
                        return backend.msm(g, v);
                    }
                }));
            }
            for (int i = 0; i < scalars.length; i++) {
                assertArrayEquals(expected[i], results.get(i).get(), "MSM " + i);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, SmallFixedBaseTables.built(), "one table of 128 bases for all threads");
    }
}
