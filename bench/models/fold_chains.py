#!/usr/bin/env python3
"""The IPA's generator folds on the GPU (kernels/msm/fold.cuh) by count: a model, not a measurement.

A fold on the GPU is one thread's chain of point operations an output point, so a fold whose threads all fit the GPU
at once costs its chain (operations x an operation's latency in one thread, ~10 us on an H200 by the runs of
2026-11-26, as msm_chains.py takes it), whatever its work. Counted here, in additions of latency (a doubling 0.6 of
one, 6M + 2S against the RCB addition's 12M; the 8 products by zeta of a table 8/12): mul_glv_wnaf_sum over T terms
(a table a term, one doubling per digit position, an addition per non-zero digit of the 2T halves' width-5 wNAF), as
fold_body (T = 1) and fold2_body (T = 3) run it, against the same in parts (fold_part_body: one GLV half a thread,
then fold_join_body's additions of a point's parts). The halves are drawn as random 127-bit numbers (the GLV split
makes them below 2^127), their wNAF digits computed as PointArithmetic.wnaf does. Then, for a proof of 2^k rows, the
IPA's rounds as the CUDA engine takes them (pairs where the second fold's output has at least hostFoldBelow points,
folds below it on the host; DeviceGeneratorFolding) and, for each fold on the GPU, whether it runs in parts (its
2 T m parts at most the threads the GPU holds of vv_fold_parts_* at once) and the chains both ways. The conversion to
affine after each fold is the same both ways and left out; so are waves (a fold that does not fit the GPU at once is
never split, and is throughput- more than latency-bound).

    python3 bench/models/fold_chains.py [--latency-us 10] [--host-fold-below 352] [--resident 67584] [--k 16,18,20,22]
        [--cores 16] [--host-us-per-point 100] [--copy-us 50]

Last, where the pairs should start: every fold, on the GPU and the host, pairing as the engine did until 2026-11-27
(from the second fold's output of hostFoldBelow points on) and as it does since (from the first fold's: the second
fold then in parts on the GPU where the host would have taken it).
"""
import argparse
import random

WINDOW = 5
DBL = 0.6            # a doubling in additions
ZETA_PRODUCTS = 8 / 12  # a table's 8 products by zeta, in additions


def wnaf(k):
    """Width-5 non-adjacent form of k >= 0, least significant digit first."""
    digits = []
    while k > 0:
        if k & 1:
            d = k & ((1 << WINDOW) - 1)
            if d >= 1 << (WINDOW - 1):
                d -= 1 << WINDOW
            k -= d
        else:
            d = 0
        digits.append(d)
        k >>= 1
    return digits


def chain(halves):
    """Additions of latency of mul_glv_wnaf_sum over the terms whose GLV halves' wNAF digits are given (a list of
    pairs), plus the fold's addition of its own point."""
    length = max(len(h) for pair in halves for h in pair)
    tables = len(halves) * (DBL + 7 + ZETA_PRODUCTS)
    additions = sum(1 for pair in halves for h in pair for d in h if d != 0)
    return tables + length * DBL + additions + 1


def part_chain(half, length):
    """One part: a table, the doublings of the longest half of its scalars (the launch's digit count), its half's
    additions."""
    return DBL + 7 + ZETA_PRODUCTS + length * DBL + sum(1 for d in half if d != 0)


def fold_chains(terms, rng, samples):
    """Mean (whole, parts) chains in additions for a fold of `terms` scalar multiplications a point."""
    whole = parts = 0.0
    for _ in range(samples):
        halves = [(wnaf(rng.getrandbits(127)), wnaf(rng.getrandbits(127))) for _ in range(terms)]
        length = max(len(h) for pair in halves for h in pair)
        whole += chain(halves)
        # The slowest part sets the launch's chain; the join adds 2T - 1 parts and the point itself.
        parts += max(part_chain(h, length) for pair in halves for h in pair) + 2 * terms
    return whole / samples, parts / samples


def folds(k, host_fold_below, pair_from_first):
    """(output points, terms, on the GPU) of a proof of 2^k rows' folds, in order: pairs where the second fold's output
    has at least host_fold_below points, or with pair_from_first (DeviceGeneratorFolding.twoRoundsAtOnce since
    2026-11-27) where the first fold's has (its second then on the GPU too, in parts); folds below host_fold_below on
    the host, one round at a time."""
    out = []
    n = 1 << k
    j = 0
    while j < k:
        half = n >> (j + 1)
        if j + 1 < k and (half if pair_from_first else half // 2) >= host_fold_below:
            out.append((half // 2, 3, True))
            j += 2
        else:
            out.append((half, 1, half >= host_fold_below))
            j += 1
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--latency-us", type=float, default=10.0, help="an addition's latency in one thread (default 10)")
    ap.add_argument("--host-fold-below", type=int, default=352, help="hostFoldBelow (default 352: 16 cores)")
    ap.add_argument("--resident", type=int, default=67584,
                    help="threads of vv_fold_parts_* the GPU holds at once (default 67,584: 132 x 512)")
    ap.add_argument("--k", default="16,18,20,22", help="proof sizes (default 16,18,20,22)")
    ap.add_argument("--samples", type=int, default=200, help="challenges drawn per fold shape (default 200)")
    ap.add_argument("--cores", type=int, default=16, help="the host's cores (default 16)")
    ap.add_argument("--host-us-per-point", type=float, default=100.0,
                    help="a host core's time to fold a point (default 100: GeneratorFolding's comment)")
    ap.add_argument("--copy-us", type=float, default=50.0, help="a host fold's copies there and back (default 50)")
    args = ap.parse_args()
    rng = random.Random(1)
    chains = {t: fold_chains(t, rng, args.samples) for t in (1, 3)}
    ms = args.latency_us / 1000
    for t, (whole, parts) in chains.items():
        print(f"T = {t}: whole {whole:6.1f} additions ({whole * ms:.2f} ms), in parts {parts:6.1f} "
              f"({parts * ms:.2f} ms): {parts / whole:.2f}x")
    print()
    print("   k  fold into m  terms  in parts  whole ms  parts ms  saved ms   (the GPU's folds)")
    for k in (int(x) for x in args.k.split(",")):
        saved = 0.0
        for m, t, gpu in folds(k, args.host_fold_below, True):
            if not gpu:
                continue
            whole, parts = chains[t]
            split = 2 * t * m <= args.resident
            taken = parts if split else whole
            saved += (whole - taken) * ms
            print(f"  {k:2d}  {m:11d}  {t:5d}  {'yes' if split else 'no':>8s}  {whole * ms:8.2f}  "
                  f"{(parts * ms if split else float('nan')):8.2f}  {(whole - taken) * ms:8.2f}")
        print(f"  {k:2d}  {'':11s}  {'':5s}  {'':8s}  {'':8s}  {'total':>8s}  {saved:8.2f}")
    # Where the pairs start: every fold's time, the GPU's by its chain (a fold too large to run at once counted at its
    # chain too: the same under both rules) and the host's by its work (m points x host_us / cores, and the copies'
    # round trip), pairing from the second fold's size or from the first's; the two differ only from the last pairs on.
    print()
    print(f"Every fold, pairing from the second or the first fold's size ({args.cores} host cores at "
          f"{args.host_us_per_point:g} us a point, {args.copy_us:g} us of copies a host fold):")
    for k in (int(x) for x in args.k.split(",")):
        totals = []
        for first in (False, True):
            total = 0.0
            shape = []
            for m, t, gpu in folds(k, args.host_fold_below, first):
                if gpu:
                    whole, parts = chains[t]
                    total += (parts if 2 * t * m <= args.resident else whole) * ms
                    shape.append(f"GPU{'x2' if t == 3 else ''} {m}")
                else:
                    total += (m * args.host_us_per_point / args.cores + args.copy_us) / 1000
                    shape.append(f"host {m}")
            totals.append(total)
            rule = "first " if first else "second"
            print(f"  k = {k}, from the {rule} fold's size: {total:6.2f} ms  ({', '.join(shape[-8:])})")
        print(f"  k = {k}: pairing from the first fold's size saves {totals[0] - totals[1]:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
