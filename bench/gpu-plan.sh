#!/usr/bin/env bash
# The next GPU session's runs (kernels/README.md, "State and what a GPU session should do next"), one device call
# each, so that a session with 15 device minutes types one line a call:
#
#   bench/gpu-plan.sh CALL [DEST]       # CALL 1 to 4; DEST (default $OUT) receives res-CALL.tgz
#   bench/gpu-plan.sh --dry-run CALL    # the gpu-run.sh lines CALL would run, nothing run
#
# Each call runs its lines of bench/gpu-run.sh, line N into /tmp/res/N (numbered across the calls as in the README),
# then tars that call's folders into DEST/res-CALL.tgz for the device tool to bring back. In order of priority: call 1
# fits a 590-second command (its budgets sum to 540 s), call 2 about 270 s (with the machine's start, the two are a
# session's 15 minutes); calls 3 (about 300 s) and 4 (about 510 s) are for the session after. Needs what gpu-run.sh
# needs: the kit (bench/gpu-pack.sh's .gpu-kit.tar.gz) and the driver.
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
        # Correctness on the default build (the fp52n kernels among the checks) and on fp64-mul; the k = 20 proof on
        # both builds; small proofs on both engines (where the host's cores and the GPU cross); the VM as users get
        # it; the MSM, the NTT and the folds in fp52n against the defaults at 2^20, in one call, the MSM's first level
        # also from its build held to two blocks a multiprocessor (occupancy against spills), and as the loop over runs
        # it was until 2026-11-27 (the nested-runs build) against the one loop it is now.
        line 1 BUDGET_S=305 PROVE_ENGINES=java,cuda PROOF_SIZES=8,10,12,20 VM_SIZES=10,13 "JVM_OPTS=$J" -- checks prove vm
        line 2 BUDGET_S=100 "OPTIONS=default= fp52=-Dvampvm.cuda.fp52=all fp52x2=-Dvampvm.cuda.fp52=all,-Dvampvm.cuda.fp52.msmTwoBlocks=true" \
            VARIANT_LIST=nested-runs COMPARE_SIZES=20 -- options variants
        line 3 BUDGET_S=135 VARIANT=fp64-mul PROVE_ENGINES=cuda PROOF_SIZES=20 "JVM_OPTS=$J" -- checks prove
        ;;
    2)
        # The k = 20 proof with the IPA's rounds one at a time, then with every fp52n kernel, against call 1's; then
        # where its GPU time goes (a wait after every launch, the time per kernel); last, the kernels at 2^20 with the
        # bucket sums' later levels at 2^15 threads as until 2026-11-27 (now as many as the GPU holds of the kernel, ~2^16),
        # against call 1's default row; then the k = 20 proof's host side (HOST_PROFILE=1: async-profiler's wall clock,
        # bench/host-profile.py): where the witness's, the host work's and the device waits' milliseconds go by call
        # site, the part of a GPU proof (~200 of 494 ms at 8706b9c) that no kernel timing shows; with the device's
        # timeline in the same run (TIMELINE=1: CUDA events, no waits added), each kernel's own time and the GPU's
        # idle gaps by the operations around them.
        line 4 BUDGET_S=60 PROVE_ENGINES=cuda PROOF_SIZES=20 "JVM_OPTS=$J -Dvampvm.cuda.foldTwice=false" -- prove
        line 5 BUDGET_S=60 PROVE_ENGINES=cuda PROOF_SIZES=20 "JVM_OPTS=$J -Dvampvm.cuda.fp52=all" -- prove
        line 6 BUDGET_S=100 PROFILE=1 PROVE_ENGINES=cuda PROOF_SIZES=20 "JVM_OPTS=$J" -- prove
        line 12 BUDGET_S=30 "OPTIONS=partials15=-Dvampvm.cuda.msmPartialsThreads=32768" COMPARE_SIZES=20 -- options
        line 14 BUDGET_S=45 HOST_PROFILE=1 TIMELINE=1 PROVE_REPEAT=3 PROVE_ENGINES=cuda PROOF_SIZES=20 "JVM_OPTS=$J" -- prove
        ;;
    3)
        # The issue's table of whole proofs at k = 16 to 22, both engines in one run (with call 1's k = 20): the CPU
        # engine's k = 22 alone (parameters, keygen, two proofs) takes about 3 minutes; its proof ~16 GiB of heap by
        # MemoryEstimate, which -Xmx96g leaves room around.
        line 7 BUDGET_S=300 PROVE_ENGINES=java,cuda PROOF_SIZES=16,18,22 "JVM_OPTS=$J -Xmx96g" -- prove
        ;;
    4)
        # The VM with every proof on the GPU, and the key's columns transformed per proof, against call 1's; the
        # kernels at 2^18 and 2^22, never timed (the issue's table runs 2^16 to 2^24), and 2^24 with the fixed-base
        # table the device's memory now allows (12.9 GB on an H200: no table under the old 2 GiB cap); then the MSM's
        # and the NTT's time per kernel at 2^20 and 2^24 (PROFILE=1: a wait after every launch), the stages' shares
        # since the first level's loop and the scatter changed (2026-11-27; last profiled at bec0bee); last, the k = 20
        # proof with each IPA round's L and R as two MSMs, against call 1's (one batch since 2026-11-27), and with its
        # random polynomials made where they are used, not beside the witness (Prover's Ahead, 2026-11-27).
        line 8 BUDGET_S=90 VM_SIZES=10,13 "JVM_OPTS=$J -Dvampvm.cuda.hostUpToK=-1" -- vm
        line 9 BUDGET_S=60 PROVE_ENGINES=cuda PROOF_SIZES=20 "JVM_OPTS=$J -Dvampvm.prover.keepKeyColumns=false" -- prove
        line 10 BUDGET_S=110 KERNEL_ENGINES=cuda SIZES=18,22,24 "JVM_OPTS=$J" -- kernels
        line 11 BUDGET_S=70 PROFILE=1 KERNEL_ENGINES=cuda SIZES=20,24 "JVM_OPTS=$J" -- kernels
        line 13 BUDGET_S=60 PROVE_ENGINES=cuda PROOF_SIZES=20 "JVM_OPTS=$J -Dvampvm.cuda.batchHalves=false" -- prove
        line 15 BUDGET_S=60 PROVE_ENGINES=cuda PROOF_SIZES=20 "JVM_OPTS=$J -Dvampvm.prover.ahead=false" -- prove
        line 16 BUDGET_S=60 PROVE_ENGINES=cuda PROOF_SIZES=16,20 "JVM_OPTS=$J -Dvampvm.cuda.foldSplitThreads=0" -- prove
        ;;
esac

[ "$dry" = 1 ] && exit 0
mkdir -p "$dest"
tar czf "$dest/res-$call.tgz" -C /tmp/res "${lines[@]}" || { [ "$status" = 0 ] && status=1; }
# (the first failure's status is the script's; a folder a line never made fails the tar, which says which)
echo "gpu-plan: call $call's results in $dest/res-$call.tgz (lines ${lines[*]})"
exit "$status"
