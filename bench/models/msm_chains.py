#!/usr/bin/env python3
"""The MSM's latency-bound levels (kernels/msm/pippenger.cuh) by count: a model, not a measurement.

After the first level of bucket sums, an MSM runs levels of few threads, each thread a chain of point operations:
the bucket sums' later levels (stage 4: blocks of 128 threads, k slots a thread then a 7-step tree) and the window
sums (stage 5: segments of 4 buckets, then pairs). Where a level's threads fit the GPU at once it costs its chain
(depth x an addition's latency in one thread, ~10 us on an H200 by the runs of 2026-11-26); where they do not, its
waves each cost the chain. Prints, for the sizes of bench kernels (c as DevicePippenger.chooseWindow picks it), each
level's threads, waves and depth, and the levels' total in additions of latency, for the schedule until 2026-11-27
(later levels at 2^15 busy threads; window-sum pairs one thread each, 3 additions and a doubling deep) and since
(2^16 busy threads; two threads a pair, 2 additions deep). A doubling counts 0.6 of an addition (6M + 2S against the
RCB addition's 12M). The first level, digits, scan and scatter are the same in both and left out.

    python3 bench/models/msm_chains.py [--latency-us 10]
"""
import argparse

from first_level_runs import MSM_CHUNK, first_chunk, window

PARTIALS_BLOCK = 128
PARTIALS_LAST = 8
REDUCE_FIRST_LOG = 2
REDUCE_TAIL_THREADS = 256
MULTIPROCESSORS = 132        # an H100 SXM or H200
PARTIALS_BLOCKS_PER_SM = 4   # 114 registers, blocks of 128 (ptxas, sm_90)
REDUCE_WARPS_PER_SM = 16     # 117-140 registers: 12-16 warps a multiprocessor
DBL = 0.6                    # a doubling in additions


def partials_per_thread(count, busy):
    k = 1
    if count <= PARTIALS_BLOCK * PARTIALS_LAST:
        while PARTIALS_BLOCK * k < count:
            k <<= 1
        return k
    while k < MSM_CHUNK and -(-count // k) > busy:
        k <<= 1
    return k


def later_levels(max_entries, busy):
    """Stage 4 after the first level: (threads, waves, depth) a level, as DevicePippenger.msm launches them."""
    blocks = -(-max_entries // first_chunk(max_entries))
    levels = []
    while blocks > 1:
        count = 2 * blocks
        k = partials_per_thread(count, busy)
        blocks = -(-count // (PARTIALS_BLOCK * k))
        waves = -(-blocks // (MULTIPROCESSORS * PARTIALS_BLOCKS_PER_SM))
        levels.append((blocks * PARTIALS_BLOCK, waves, k + 7))
    return levels


def window_sums(windows, buckets, pairs_two_threads):
    """Stage 5: (threads, waves, depth) a launch, the tail's levels as one launch."""
    seg = min(REDUCE_FIRST_LOG, buckets.bit_length() - 1)
    length = buckets >> seg
    s = 1 << seg
    first_depth = (s - 1) + (s - 2) + 1 + seg * DBL  # the running sums, the last addition, the doublings
    resident = MULTIPROCESSORS * REDUCE_WARPS_PER_SM * 32

    def launch(threads, depth):
        return threads, -(-threads // resident), depth

    levels = [launch(windows * length, first_depth)]
    pair_depth = 2 if pairs_two_threads else 3 + DBL
    threads_per_pair = 2 if pairs_two_threads else 1
    tail_len = REDUCE_TAIL_THREADS if pairs_two_threads else 2 * REDUCE_TAIL_THREADS  # pairs a window the tail starts at
    while length > tail_len:
        levels.append(launch(windows * length // 2 * threads_per_pair, pair_depth))
        length //= 2
    if length > 1:
        levels.append(launch(windows * length // 2 * threads_per_pair, pair_depth * (length.bit_length() - 1)))
    return levels


def total(levels):
    return sum(waves * depth for _, waves, depth in levels)


def describe(levels):
    return " ".join(f"{t}x{d:g}" + (f"({w} waves)" if w > 1 else "") for t, w, d in levels)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--latency-us", type=float, default=10.0, help="one thread's addition, in microseconds")
    args = ap.parse_args()
    print("threads x depth (additions) a level; totals in additions of latency and in ms at "
          f"{args.latency_us:g} us an addition\n")
    print(f"{'n':>5} {'c':>3} | {'later levels, until':<34} {'since':<34} | {'window sums, until':<26} "
          f"{'since':<26} | {'total until':>11} {'since':>8} {'saved ms':>8}")
    for log_n in range(10, 25, 2):
        c = window(log_n)
        windows = (256 + c - 1) // c
        max_entries = windows << log_n
        old_p, new_p = later_levels(max_entries, 1 << 15), later_levels(max_entries, 1 << 16)
        old_w, new_w = window_sums(windows, 1 << (c - 1), False), window_sums(windows, 1 << (c - 1), True)
        old, new = total(old_p) + total(old_w), total(new_p) + total(new_w)
        print(f"2^{log_n:<3} {c:>3} | {describe(old_p):<34} {describe(new_p):<34} | {total(old_w):<26.1f} "
              f"{total(new_w):<26.1f} | {old:>11.1f} {new:>8.1f} {(old - new) * args.latency_us / 1000:>8.2f}")


if __name__ == "__main__":
    main()
