#!/usr/bin/env python3
"""Compares benchmark runs measure by measure, against the first run's spread: a GPU session's decisions made the same
way every time ("a setting wins where its range clears the default's", kernels/README.md).

    python3 bench/compare.py BASE OTHER [OTHER ...]

Each run is a results.jsonl (what `vampvm bench --out` writes) or a folder holding one or more (searched recursively:
a gpu-plan.sh line's folder, e.g. bench/results/gpu-.../line07), or several of those joined by commas, one build's
runs in folders of their own (a call's interleaved rounds: gpu-run.sh's kernels-NAME next to kernels-NAME-2). For
every measurement (suite, name and parameters) that BASE and an OTHER both hold, one line: each side's median and
range of samples, OTHER's median over BASE's, and a verdict: faster or slower where the two ranges do not overlap,
"within spread" where they do, and "one sample" where either side has fewer than two (one sample has no spread to
clear: it decides nothing). With --pool, a measurement's samples from every results.jsonl under a run's folder are
taken together (bench/ab.sh's rounds of one build) instead of the last file's alone: pool the runs of one build from
one call, each in a fresh JVM, where one JVM's samples miss the spread between JVMs (at 4f085a7 the unchanged MSM at
2^20 read 6.35 and 6.11 ms, ranges apart, in two JVMs of one call). With --details, the prove suite's phase figures
(witness ms, device wait ms, ...) too, as the runs report them (averages over a run's proofs): no spread, so no
verdict.

Compare runs from one device call where the question is small: across calls the machine drifts (at 509e65b the NTT,
unchanged between two calls, read 0.360 and 0.378 ms, ranges apart). Exit status 0, or 2 when a run holds no results
or two runs share no measurement.
"""
import argparse
import json
import os
import statistics
import sys


def load(paths, pool=False):
    """{(suite, name, params): record} of every results.jsonl at or under the comma-separated paths, in their order; a
    later record of a key wins, or with pool its samples join the earlier ones'."""
    files = []
    for path in paths.split(","):
        if os.path.isdir(path):
            for root, _, names in sorted(os.walk(path)):
                files += [os.path.join(root, n) for n in sorted(names) if n == "results.jsonl"]
        elif os.path.isfile(path):
            files.append(path)
    runs = {}
    for f in files:
        with open(f) as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                r = json.loads(line)
                params = tuple(sorted((r.get("params") or {}).items()))
                key = (r.get("suite", ""), r["name"], params)
                if pool and key in runs:
                    r["samples"] = runs[key]["samples"] + r["samples"]
                runs[key] = r
    return runs


def label(paths):
    names = []
    for path in paths.split(","):
        p = os.path.normpath(path)
        if os.path.basename(p) == "results.jsonl":
            p = os.path.dirname(p)
        names.append(os.path.basename(p) or p)
    return "+".join(names)


def verdict(base, other):
    if len(base) < 2 or len(other) < 2:
        return "one sample"
    if max(other) < min(base):
        return "faster"
    if min(other) > max(base):
        return "slower"
    return "within spread"


def fmt(samples):
    return "%.4g (%.4g-%.4g)" % (statistics.median(samples), min(samples), max(samples))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base")
    ap.add_argument("others", nargs="+")
    ap.add_argument("--details", action="store_true", help="also the prove suite's phase figures")
    ap.add_argument("--pool", action="store_true", help="every results.jsonl's samples of a measurement together")
    args = ap.parse_args(argv)
    base = load(args.base, args.pool)
    if not base:
        print("compare: no results.jsonl at or under %s" % args.base, file=sys.stderr)
        return 2
    status = 0
    for path in args.others:
        other = load(path, args.pool)
        if not other:
            print("compare: no results.jsonl at or under %s" % path, file=sys.stderr)
            status = 2
            continue
        shared = [k for k in base if k in other]
        print("%s against %s" % (label(path), label(args.base)))
        if not shared:
            print("  no measurement in common")
            status = 2
            continue
        for key in shared:
            b, o = base[key], other[key]
            bs, os_ = b["samples"], o["samples"]
            params = " ".join("%s=%s" % kv for kv in key[2])
            unit = b.get("unit", "")
            print("  %-28s %-22s %s: %s -> %s, x%.3f, %s" % (key[1], params, unit, fmt(bs), fmt(os_),
                  statistics.median(os_) / statistics.median(bs), verdict(bs, os_)))
            if args.details:
                bd, od = b.get("details") or {}, o.get("details") or {}
                for name in [n for n in bd if n in od and n.endswith(" ms") and isinstance(bd[n], (int, float))]:
                    if bd[name]:
                        print("  %-28s %-22s %s: %.4g -> %.4g, x%.3f" % ("", "", name, bd[name], od[name],
                              od[name] / bd[name]))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
