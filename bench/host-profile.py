#!/usr/bin/env python3
"""Where a proof's wall-clock time goes on the host, from an async-profiler wall-clock profile.

    bench/host-profile.py PROFILE.collapsed [--interval-ms 1] [--proofs N] [--top 25]

PROFILE is async-profiler's collapsed output of `event=wall,threads` (bench/gpu-run.sh's HOST_PROFILE=1 writes one per
stage): one line per distinct stack, its sample count last, the thread's name as its root frame. Only the main
thread's samples inside the prover (dev.vampvm.plonk.prover.Prover) count, split three ways:

  witness      the circuit's synthesis (Prover.witness);
  device wait  inside the CUDA engine's device calls (backend.cuda.TimedDevice: synchronisations, copies, launches,
               allocations), the time the bench's `device wait ms` counts, here by the prover's call site that waited
               and the device call; and the wait after the witness for the helper thread that makes the proof's random
               polynomials on the device meanwhile (Prover$Ahead), which the bench counts as device wait too;
  host         the rest: the host's own work (`host work ms`), by the innermost vampvm method above the field and
               curve arithmetic, the innermost vampvm method, and the leaf frame where that is not vampvm's.

Each row is milliseconds per proof (samples x interval / proofs). A wall-clock sample of a thread that is blocked
counts like one that runs, which is the point: it is where the proof's time goes, not the CPU's. Standard library
only, so that it runs on the GPU machine as it is.
"""
import argparse
import collections
import sys

PROVER = "dev/vampvm/plonk/prover/Prover."
WITNESS = "dev/vampvm/plonk/prover/Prover.witness"
DEVICE = "dev/vampvm/backend/cuda/TimedDevice."
# The witness's thread waiting for the helper ("vampvm-prover-ahead") to finish the random polynomials' device work.
HELPER_WAIT = "dev/vampvm/plonk/prover/Prover$Ahead.awaitFailure"


def short(frame):
    return frame.replace("dev/vampvm/", "").replace("/", ".")


def vampvm_frames(frames):
    """The vampvm frames, without lambdas' and method handles' glue."""
    return [f for f in frames if f.startswith("dev/vampvm/") and "$$Lambda" not in f]


def classify(frames):
    """(category, key) for one main-thread stack inside the prover, or None outside it."""
    if not any(f.startswith(PROVER) for f in frames):
        return None
    if any(f.startswith(WITNESS) for f in frames):
        return "witness", "synthesis"
    if any(f.startswith(HELPER_WAIT) for f in frames):
        return "device wait", "plonk.prover.Prover$Ahead.whileSynthesizing > the helper's random polynomials"
    own = vampvm_frames(frames)
    device = next((i for i, f in enumerate(frames) if f.startswith(DEVICE)), None)
    if device is not None:
        call = frames[device][len(DEVICE):]
        # The prover's frame that asked: the innermost vampvm frame outside the backends; the engine's operation:
        # the outermost CudaBackend frame.
        outside = [f for f in own if not f.startswith("dev/vampvm/backend/")]
        site = short(outside[-1]) if outside else "?"
        op = next((short(f) for f in own if f.startswith("dev/vampvm/backend/cuda/CudaBackend.")), "?")
        return "device wait", f"{site} > {op} > {call}"
    # The innermost vampvm frame above the arithmetic (what the work was for), the innermost vampvm frame, and the
    # leaf where it is not one (a native or JDK frame: a page fault, a lock, the GC's allocation path).
    above = [f for f in own if not f.startswith(("dev/vampvm/field/", "dev/vampvm/curve/"))]
    parts = [short(above[-1]) if above else "?"]
    if own and own[-1] not in above[-1:]:
        parts.append(short(own[-1]))
    if not frames[-1].startswith("dev/vampvm/"):
        parts.append(frames[-1])
    return "host", " > ".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("profile")
    ap.add_argument("--interval-ms", type=float, default=1.0, help="the profile's sampling interval (default 1)")
    ap.add_argument("--proofs", type=int, default=1, help="proofs the profile covers, to report per proof")
    ap.add_argument("--top", type=int, default=25, help="rows per category (default 25)")
    ap.add_argument("--thread", default="[main", help="the thread's root-frame prefix (default '[main')")
    args = ap.parse_args()
    per = args.interval_ms / max(args.proofs, 1)

    totals = collections.Counter()
    rows = collections.defaultdict(collections.Counter)
    with open(args.profile, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.startswith(args.thread):
                continue
            stack, _, count = line.rpartition(" ")
            try:
                n = int(count)
            except ValueError:
                continue
            got = classify(stack.split(";")[1:])
            if got is None:
                continue
            category, key = got
            totals[category] += n
            rows[category][key] += n

    whole = sum(totals.values())
    if whole == 0:
        print(f"host-profile: no samples of a thread '{args.thread}...' inside the prover in {args.profile}",
              file=sys.stderr)
        return 1
    print(f"{args.profile}: {whole * per:.1f} ms a proof in the prover ({args.proofs} proof(s), "
          f"{args.interval_ms:g} ms samples)")
    for category in ("witness", "device wait", "host"):
        print(f"  {category:12s} {totals[category] * per:9.1f} ms  ({100.0 * totals[category] / whole:4.1f}%)")
    for category in ("device wait", "host"):
        print(f"\n{category}, by site (ms a proof):")
        for key, n in rows[category].most_common(args.top):
            print(f"  {n * per:9.2f}  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
