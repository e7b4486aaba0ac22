#!/usr/bin/env bash
# The next GPU session's runs (kernels/README.md, "State and what a GPU session should do next"), one device call
# each, so that a session with 15 device minutes types one line a call:
#
#   bench/gpu-plan.sh CALL [DEST]       # CALL 1 to 4; DEST (default $OUT) receives res-CALL.tgz
#   bench/gpu-plan.sh --dry-run CALL    # the gpu-run.sh lines CALL would run, nothing run
#
# Each call runs its lines of bench/gpu-run.sh, line N into /tmp/res/N (numbered across the calls as in the README),
# then tars that call's folders into DEST/res-CALL.tgz for the device tool to bring back. In order of priority: call 1
# fits a 590-second command (its budgets sum to 575 s), call 2 about 240 s (with the machine's start, about 50 s, the
# two are a session's 15 minutes); calls 3 (about 560 s) and 4 (about 550 s) are for the session after. A call whose
# lines end early leaves device time: at 509e65b a call took 32 s of its 270, and the rest ran other calls' lines one
# by one (--dry-run prints them, to pick from). Needs what gpu-run.sh needs: the kit (bench/gpu-pack.sh's
# .gpu-kit.tar.gz) and the driver.
set -uo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)
dry=0
if [ "${1:-}" = "--dry-run" ]; then
    dry=1
    shift
fi
call=${1:-}
dest=${2:-${OUT:-}}
case $call in
    1 | 2 | 3 | 4) ;;
    *) echo "gpu-plan: CALL must be 1, 2, 3 or 4, got '$call' (bench/gpu-plan.sh [--dry-run] CALL [DEST])" >&2; exit 2 ;;
esac
if [ "$dry" = 0 ] && [ -z "$dest" ]; then
    echo "gpu-plan: no DEST and no \$OUT: where should res-$call.tgz go?" >&2
    exit 2
fi

J="-Xms16g -XX:+AlwaysPreTouch"
lines=()
status=0

# line N VAR=VALUE ... -- STAGE ...: gpu-run.sh with those settings, into /tmp/res/N.
line() {
    local n=$1
    shift
    local vars=()
    while [ "$1" != "--" ]; do
        vars+=("$1")
        shift
    done
    shift
    lines+=("$n")
    if [ "$dry" = 1 ]; then
        printf 'OUT=/tmp/res/%s' "$n"
        printf ' %q' "${vars[@]}"
        printf ' bench/gpu-run.sh %s\n' "$*"
        return
    fi
    local rc=0
    env OUT="/tmp/res/$n" "${vars[@]}" "$root/bench/gpu-run.sh" "$@" || rc=$?
    [ "$status" = 0 ] && status=$rc
}

case $call in
    1)
        # Correctness on the default build, whose MSM now sums in fp52n on this card (auto, since 2026-11-27; the
        # gpu-tagged tests took 183 s at 509e65b); the kernels at 2^20 and 2^24 on it (the issue's targets; 2^24's
        # batch and fixed-base rows never timed with the table the memory now allows); the issue's proofs at k = 16
        # to 20 on both engines, two measured each (one at 509e65b: the spread was not known); then Nsight Compute's
        # counters for the MSM's digits, scatter and first level at 2^22 (at 509e65b, 2^24: 4.1, 5.5 and 60.6 ms of
        # 76.4, the first level at its products' floor).
        line 1 BUDGET_S=195 -- checks
        line 2 BUDGET_S=135 KERNEL_ENGINES=cuda SIZES=20,24 "JVM_OPTS=$J" -- kernels
        line 3 BUDGET_S=145 PROVE_ENGINES=java,cuda PROOF_SIZES=16,18,20 PROVE_REPEAT=2 "JVM_OPTS=$J" -- prove
        line 4 BUDGET_S=100 "JVM_OPTS=$J" -- ncu
        ;;
    2)
        # The issue's k = 22 row, both engines (the CPU engine's parameters, keygen and proofs about 3 minutes; its
        # proof ~16 GiB of heap by MemoryEstimate).
        line 5 BUDGET_S=240 PROVE_ENGINES=java,cuda PROOF_SIZES=22 "JVM_OPTS=$J -Xmx96g" -- prove
        ;;
    3)
        # The kernels at 2^20 in the integer form, the default (fp52n MSM) and all-fp52n, and the transfers with the
        # pinned slots filled by one thread a chunk (the transfer row: 6.3 GB/s each way at 509e65b), in one call; the
        # k = 20 proof's host side and device timeline over five measured proofs, then the same proof with the pinned
        # slots filled by one thread a chunk, as until 2026-11-27 (at 509e65b a 32 MiB upload kept the GPU waiting
        # 4.2 ms, ~7 a proof); the VM with every proof
        # on the GPU (hostUpToK=-1; never timed against the default's host proofs below 2^10 rows); the NTT's passes at
        # 2^20 under Nsight Compute (0.36 ms against a 0.248 ms product floor, and no faster with fp52n's faster
        # products: something else bounds it).
        line 6 BUDGET_S=130 "OPTIONS=default= int=-Dvampvm.cuda.fp52=none fp52=-Dvampvm.cuda.fp52=all onepiece=-Dvampvm.cuda.stagingPieceBytes=4194304" COMPARE_SIZES=20 -- options
        line 7 BUDGET_S=60 HOST_PROFILE=1 TIMELINE=1 PROVE_REPEAT=5 PROVE_ENGINES=cuda PROOF_SIZES=20 "JVM_OPTS=$J" -- prove
        line 9 BUDGET_S=50 PROVE_REPEAT=5 PROVE_ENGINES=cuda PROOF_SIZES=20 "JVM_OPTS=$J -Dvampvm.cuda.stagingPieceBytes=4194304" -- prove
        line 10 BUDGET_S=80 VM_SIZES=10,13 "JVM_OPTS=$J -Dvampvm.cuda.hostUpToK=-1" -- vm
        line 11 BUDGET_S=60 NCU_KERNELS=vv_ntt_ NCU_BENCH='^ntt$' NCU_SIZE=20 NCU_COUNT=3 "JVM_OPTS=$J" -- ncu
        # The MSM with its first level's next base copied by cp.async into shared memory (the async-prefetch variant:
        # the fp52n first level spills 112 bytes against the default's 232, by ptxas) and the NTT with its integer
        # pass held to 48 registers (ntt-48: 5 blocks of 256 a multiprocessor in the radix-4 passes where the default's
        # 50 registers fit 4) and with a radix-4 step's two butterflies of a stage run as a pair of inlined products
        # (ntt-pairs, -DVV_NTT_PAIRS: 56 registers, still 4 blocks, the two products free to interleave) against the
        # default build, at 2^20 and 2^24, in this call (lines 19 and 20; numbered after call 4's, added 2026-11-27 and
        # 2026-11-28, when line 8, the k = 20 proof all-integer, left for line 20's third variant: line 6 compares the
        # two forms kernel by kernel); the variants at 2^16 too, where bench kernels checks their results against the
        # Java engine (the emulator runs no variant's device code).
        line 19 BUDGET_S=60 KERNEL_ENGINES=cuda SIZES=20,24 KERNEL_INCLUDE='^(msm|ntt)$' "JVM_OPTS=$J" -- kernels
        line 20 BUDGET_S=120 "VARIANT_LIST=async-prefetch ntt-48 ntt-pairs" COMPARE_SIZES=16,20,24 KERNEL_INCLUDE='^(msm|ntt)$' "JVM_OPTS=$J" -- variants
        ;;
    4)
        # The fp64-mul build's checks (cut off by 135 s at 509e65b: give them 200) and its kernels at 2^20; then the
        # k = 20 proof (three measured each) with the key's columns transformed per proof, with each IPA round's L and
        # R as two MSMs, with the random polynomials made where they are used, and with the folds whole, against
        # the defaults in the same call (line 14: across calls the machine drifts ~5%); at 509e65b the folds in
        # parts off gave 342.6 ms against the default's 339-358 (one sample each), which decided nothing.
        line 12 BUDGET_S=200 VARIANT=fp64-mul -- checks
        line 13 BUDGET_S=50 VARIANT_LIST=fp64-mul COMPARE_SIZES=20 -- variants
        line 14 BUDGET_S=60 PROVE_REPEAT=3 PROVE_ENGINES=cuda PROOF_SIZES=16,20 "JVM_OPTS=$J" -- prove
        line 15 BUDGET_S=60 PROVE_REPEAT=3 PROVE_ENGINES=cuda PROOF_SIZES=20 "JVM_OPTS=$J -Dvampvm.prover.keepKeyColumns=false" -- prove
        line 16 BUDGET_S=60 PROVE_REPEAT=3 PROVE_ENGINES=cuda PROOF_SIZES=20 "JVM_OPTS=$J -Dvampvm.cuda.batchHalves=false" -- prove
        line 17 BUDGET_S=60 PROVE_REPEAT=3 PROVE_ENGINES=cuda PROOF_SIZES=20 "JVM_OPTS=$J -Dvampvm.prover.ahead=false" -- prove
        line 18 BUDGET_S=60 PROVE_REPEAT=3 PROVE_ENGINES=cuda PROOF_SIZES=16,20 "JVM_OPTS=$J -Dvampvm.cuda.foldSplitThreads=0" -- prove
        ;;
esac

[ "$dry" = 1 ] && exit 0
mkdir -p "$dest"
tar czf "$dest/res-$call.tgz" -C /tmp/res "${lines[@]}" || { [ "$status" = 0 ] && status=1; }
# (the first failure's status is the script's; a folder a line never made fails the tar, which says which)
echo "gpu-plan: call $call's results in $dest/res-$call.tgz (lines ${lines[*]})"
exit "$status"
