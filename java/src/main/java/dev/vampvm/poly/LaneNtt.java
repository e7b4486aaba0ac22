package dev.vampvm.poly;

import dev.vampvm.field.FieldLanes;
import dev.vampvm.field.MontgomeryField;

/**
 * {@link Radix2Ntt}'s passes with {@link FieldLanes}: w sub-transforms of a pass side by side, one per lane. A tile
 * is gathered once into lane blocks (one block per row: the row's element of each of the w sub-transforms), runs
 * all the pass's stages there, and is scattered back, so the conversion between the four-limb and the lanes' form
 * is paid once per element and pass, not per butterfly. The twiddle of a lane depends on its sub-transform's low
 * index bits: in the first pass (lo = 0) all lanes share it (a broadcast), in the others it is gathered, once per
 * stage and butterfly position, and serves every group of the stage.
 *
 * <p>A tile of 2^r rows takes 2^r·9w longs (with w = 8, 576 bytes a row: 590 KB at r = 10, which is why
 * {@link Radix2Ntt} keeps the lanes' bands to 10 stages).
 */
final class LaneNtt implements NttLanes {

    private final FieldLanes fl;
    private final int k;
    /** The transform's twiddles ω^j, j &lt; n/2, flat (shared with {@link Radix2Ntt}). */
    private final long[] twiddles;

    LaneNtt(MontgomeryField field, int k, long[] twiddles) {
        this.fl = FieldLanes.preferred(field);
        this.k = k;
        this.twiddles = twiddles;
    }

    @Override
    public int width() {
        return fl.lanes();
    }

    @Override
    public Worker worker(int rows) {
        return new TileWorker(rows);
    }

    private final class TileWorker implements Worker {

        private final int w = fl.lanes();
        private final int block = fl.blockLongs();
        /** Block 0: the twiddle; block 1: the product; from block 2 on: the tile's rows. */
        private final long[] blocks;
        /** Per lane: its sub-transform's first element (in longs), its low index, its twiddle offset (in longs). */
        private final int[] element = new int[w], low = new int[w], twiddleOffset = new int[w];

        TileWorker(int rows) {
            blocks = new long[(2 + rows) * block];
        }

        @Override
        public void tile(long[] a, int lo, int hi, int first) {
            final FieldLanes fl = LaneNtt.this.fl;
            final long[] tw = twiddles;
            final long[] b = blocks;
            final int block = this.block;
            final int rows = 1 << (hi - lo);
            final int lowMask = (1 << lo) - 1;
            for (int l = 0; l < w; l++) {
                int u = first + l;
                low[l] = u & lowMask;
                element[l] = 4 * (((u >>> lo) << hi) + low[l]);
            }
            final int t0 = 2 * block;
            for (int r = 0; r < rows; r++) {
                fl.gather(a, 4 * (r << lo), element, 0, b, t0 + r * block);
            }
            for (int s = lo; s < hi; s++) {
                int half = 1 << (s - lo);
                int twStride = 1 << (k - 1 - s);
                for (int l = 0; l < w; l++) {
                    twiddleOffset[l] = 4 * low[l] * twStride;
                }
                for (int v = 0; v < half; v++) {
                    // Lane l's twiddle: ω^((v·2^lo + low_l)·2^(k−1−s)).
                    int base = 4 * ((v << lo) * twStride);
                    if (lo == 0) {
                        fl.broadcast(tw, base, b, 0);
                    } else {
                        fl.gather(tw, base, twiddleOffset, 0, b, 0);
                    }
                    for (int group = 0; group < rows; group += 2 * half) {
                        int x = t0 + (group + v) * block;
                        int y = x + half * block;
                        fl.mul(b, y, b, 0, b, block);
                        fl.sub(b, x, b, block, b, y);
                        fl.add(b, x, b, block, b, x);
                    }
                }
            }
            for (int r = 0; r < rows; r++) {
                fl.scatter(b, t0 + r * block, a, 4 * (r << lo), element, 0, w);
            }
        }
    }
}
