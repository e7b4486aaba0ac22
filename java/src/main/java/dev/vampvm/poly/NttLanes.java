package dev.vampvm.poly;

/**
 * The passes of {@link Radix2Ntt} in SIMD lanes: an interface so that nothing loads the Vector API's classes unless
 * {@link dev.vampvm.field.Lanes#usable} said so (its one implementation is {@link LaneNtt}).
 */
interface NttLanes {

    /** Sub-transforms per tile: one per lane. */
    int width();

    /** A worker for one thread, with room for tiles of up to {@code rows} rows. */
    Worker worker(int rows);

    interface Worker {

        /**
         * Runs stages lo .. hi − 1 on the {@link #width()} sub-transforms u = first, first + 1, … of a pass (index
         * bits [high | mid | low], u = high·2^lo + low; see {@link Radix2Ntt}), one per lane.
         */
        void tile(long[] a, int lo, int hi, int first);
    }
}
