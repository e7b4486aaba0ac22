#!/usr/bin/env bash
# The next GPU session's runs (kernels/README.md, "State and what a GPU session should do next"), one device call
# each, so that a session with 15 device minutes types one line a call:
#
#   bench/gpu-plan.sh CALL [DEST]       # CALL 1 to 3; DEST (default $OUT) receives res-CALL.tgz
#   bench/gpu-plan.sh --dry-run CALL    # the gpu-run.sh lines CALL would run, nothing run
#
# Each call runs its lines of bench/gpu-run.sh, line N into /tmp/res/N (numbered across the calls as in the README: a
# line keeps its number when it moves to another call, and the numbers of lines run are not used again), then tars
# that call's folders into DEST/res-CALL.tgz for the device tool to bring back. In order of priority: call 1 fits a
# 590-second command (its budgets sum to 575 s), call 2 about 255 s (with the machine's start, about 30-50 s, the two
# are a session's 15 minutes); call 3 (about 600 s: a line to spare when it runs short) is for the session after. A
# call whose lines end early leaves device time (at 4f085a7 call 1's lines took 403 s of their 450): --dry-run prints
# the other calls' lines, to run some of them one by one. Needs what gpu-run.sh needs: the kit (bench/gpu-pack.sh's
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
    1 | 2 | 3) ;;
    *) echo "gpu-plan: CALL must be 1, 2 or 3, got '$call' (bench/gpu-plan.sh [--dry-run] CALL [DEST])" >&2; exit 2 ;;
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
        # Correctness on the default build, whose fp52n first level now takes its next base by cp.async into shared
        # memory (the async-prefetch variant, timed at 4f085a7 but never under the gpu-tagged tests: 167 s there);
        # the issue's k = 22 row, both engines (the CPU engine's parameters, keygen and proofs about 3 minutes; its
        # proof ~16 GiB of heap by MemoryEstimate); then the kernels at 2^20 in the integer form (fp52=none), the
        # default (fp52n MSM), all-fp52n, and with the pinned slots filled by one thread a chunk (onepiece: the
        # transfer row, 32 MiB each way, 5.8 ms at 4f085a7 against 9.0-9.3 at 509e65b), each twice, interleaved, in
        # fresh JVMs (at 4f085a7 one JVM's samples at 2^20 missed the spread between JVMs: compare.py --pool on
        # kernels-NAME,kernels-NAME-2).
        line 1 BUDGET_S=185 -- checks
        line 5 BUDGET_S=240 PROVE_ENGINES=java,cuda PROOF_SIZES=22 "JVM_OPTS=$J -Xmx96g" -- prove
        line 6 BUDGET_S=150 "OPTIONS=default= int=-Dvampvm.cuda.fp52=none fp52=-Dvampvm.cuda.fp52=all onepiece=-Dvampvm.cuda.stagingPieceBytes=4194304 default-2= int-2=-Dvampvm.cuda.fp52=none fp52-2=-Dvampvm.cuda.fp52=all onepiece-2=-Dvampvm.cuda.stagingPieceBytes=4194304" COMPARE_SIZES=20 "KERNEL_INCLUDE=^(msm|msm-batch|msm-fixed|fold|ntt|transfer)$" -- options
        ;;
    2)
        # Where the NTT's passes and the MSM's bucket sums wait (Nsight Compute's stall reasons and each kernel's
        # SASS with its stall samples: at 4f085a7 both were neither memory- nor issue-bound, the NTT's second pass
        # 34% longer than its first for the same work), and the MSM at 2^20 kernel by kernel (the profile, a wait
        # after each launch: what the ~2.6 ms around the first level are, last profiled at bec0bee); then the k = 20
        # proof's host side and device timeline over five measured proofs (at 4f085a7: 264-268 ms, device wait 162,
        # host work 35, witness 69); the VM with every proof on the GPU (hostUpToK=-1; never timed against the
        # default's host proofs below 2^10 rows).
        line 22 BUDGET_S=40 NCU_SOURCE=1 NCU_KERNELS=vv_ntt_group NCU_BENCH='^ntt$' NCU_SIZE=20 NCU_COUNT=2 "JVM_OPTS=$J" -- ncu
        line 23 BUDGET_S=45 NCU_SOURCE=1 NCU_KERNELS=vv_msm_accumulate NCU_SIZE=22 NCU_COUNT=2 "JVM_OPTS=$J" -- ncu
        line 24 BUDGET_S=30 PROFILE=1 KERNEL_ENGINES=cuda SIZES=20 "KERNEL_INCLUDE=^msm$" "JVM_OPTS=$J" -- kernels
        line 7 BUDGET_S=60 HOST_PROFILE=1 TIMELINE=1 PROVE_REPEAT=5 PROVE_ENGINES=cuda PROOF_SIZES=20 "JVM_OPTS=$J" -- prove
        line 10 BUDGET_S=80 VM_SIZES=10,13 "JVM_OPTS=$J -Dvampvm.cuda.hostUpToK=-1" -- vm
        ;;
    3)
        # The k = 20 proof with the pinned slots filled by one thread a chunk, as until 2026-11-27 (against call 2's
        # line 7: at 509e65b a 32 MiB upload kept the GPU waiting 4.2 ms, ~7 a proof). The fp64-mul build's checks
        # (cut off by 135 s at 509e65b: give them 200) and its kernels at 2^20; then the k = 20 proof (three measured
        # each) with the key's columns transformed per proof, with each IPA round's L and R as two MSMs, with the
        # random polynomials made where they are used, and with the folds whole, against the defaults in the same
        # call (line 14: across calls the machine drifts ~5%); at 509e65b the folds in parts off gave 342.6 ms
        # against the default's 339-358 (one sample each), which decided nothing.
        line 9 BUDGET_S=50 PROVE_REPEAT=5 PROVE_ENGINES=cuda PROOF_SIZES=20 "JVM_OPTS=$J -Dvampvm.cuda.stagingPieceBytes=4194304" -- prove
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
