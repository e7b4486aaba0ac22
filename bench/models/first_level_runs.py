#!/usr/bin/env python3
"""How many additions a warp issues in the MSM's first level of bucket sums (kernels/msm/pippenger.cuh,
accumulate_entries_body), by the shape of its loop, for random scalars: a model, not a measurement.

Each of a warp's 32 threads adds up a chunk of L consecutive entries (first_chunk: 32 from about 2^17 points on) of the entries sorted by bucket, in runs
(one run per bucket the chunk touches). As one loop over the chunk's entries (the default since 2026-11-27) a warp
issues L additions. As a loop over runs holding a loop over a run's entries (the build until 2026-11-27, whose MSM
was 1.62x slower at 2^20 on an H200 at 509e65b: 10.69 ms against 6.61), if the warp
reconverges at the end of the inner loop, its k-th pass over runs lasts as long as the longest k-th run among its
threads: it issues the sum over k of those maxima. Prints that sum over L for the sizes of bench kernels (c as
DevicePippenger.chooseWindow picks it; bucket sizes drawn as the signed digits of random scalars fill a window's
2^(c-1) buckets, every window alike).

    python3 bench/models/first_level_runs.py [--warps N] [--seed S]
"""
import argparse
import random
from bisect import bisect_left, bisect_right

MSM_CHUNK = 32
FIRST_THREADS = 1 << 17  # DevicePippenger.MSM_FIRST_THREADS
WARP = 32


def window(log_n):
    return max(4, min(16, log_n - 3))


def first_chunk(max_entries):
    """pippenger.cuh's first_chunk: the least power of two up to MSM_CHUNK leaving at most FIRST_THREADS threads."""
    chunk = 1
    while chunk < MSM_CHUNK and -(-max_entries // chunk) > FIRST_THREADS:
        chunk <<= 1
    return chunk


def issued_over_needed(log_n, warps, rng):
    n = 1 << log_n
    c = window(log_n)
    buckets = 1 << (c - 1)
    windows = (256 + c - 1) // c
    counts = [0] * buckets
    for _ in range(n):
        counts[rng.randrange(buckets)] += 1
    offsets = [0]
    for _ in range(windows):
        for k in counts:
            offsets.append(offsets[-1] + k)
    entries = offsets[-1]
    chunk = first_chunk(windows * n)
    chunks = entries // chunk
    issued = 0
    for _ in range(warps):
        first = rng.randrange(chunks - WARP)
        runs = []
        for t in range(first, first + WARP):
            b, e = t * chunk, (t + 1) * chunk
            cuts = [b] + offsets[bisect_right(offsets, b):bisect_left(offsets, e)] + [e]
            runs.append([cuts[i + 1] - cuts[i] for i in range(len(cuts) - 1)])
        passes = max(len(r) for r in runs)
        issued += sum(max(r[k] if k < len(r) else 0 for r in runs) for k in range(passes))
    return c, chunk, issued / (warps * chunk)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--warps", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    print("points  c   chunk  nested-loop additions issued / additions (one loop: 1.00)")
    for log_n in (16, 18, 20, 22, 24):
        c, chunk, ratio = issued_over_needed(log_n, args.warps, rng)
        print(f"2^{log_n:<5} {c:<3} {chunk:<6} {ratio:.2f}")


if __name__ == "__main__":
    main()
