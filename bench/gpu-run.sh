#!/usr/bin/env bash
# The CUDA engine on a GPU machine (for a session that is lent one), in stages that each fit one device call:
#
#   bench/gpu-run.sh [STAGE ...]        # default: checks kernels prove vm
#
# Stages, in the order given (a stage that fails does not stop the next; the exit status is the first failure's):
#   checks   every gpu-tagged JUnit test (dev.vampvm.testkit.TaggedTests, from the kit), with a synchronisation after
#            every launch so that a failure names its kernel: every kernel against the Java engine (NTT at every
#            power of two to 2^22 in four modes, MSM to 2^20 with edge and skewed scalars and special bases, batched
#            MSMs, folding, element-wise work, running products), the engine suites, proofs made on the GPU
#            byte-identical to the CPU's and verified both ways -> tests.txt
#   kernels  `bench kernels`: MSM and NTT at 2^$SIZES (default 16,18,20,22,24) with the data on the device, against
#            their arithmetic and bandwidth floors measured there, and the CPU engine up to 2^20 -> kernels/
#   prove    whole proofs, the CPU engine then the GPU engine in one run (`bench prove --gpu`, the standard-gate
#            circuit at k = $PROOF_SIZES, default 16,18,20; every proof verified) -> prove/
#   vm       VM against static mode (`bench vm`, engines $VM_ENGINES, default cuda, sizes $VM_SIZES, default 10,13;
#            one cold and one measured run of each mode: with the default 1 + 3 it ran out of time twice on an H200;
#            each block proof's phases printed, -Dvampvm.vm.timings) -> vm/
#   variants `bench kernels` (GPU engine) on each of the kit's kernel variants (bench/gpu-pack.sh's VARIANTS: by
#            default the field product on the FP64 units in every kernel, against the jar's build; results checked
#            against the Java engine up to 2^20), or on those of $VARIANT_LIST (names, in that order) -> kernels-NAME/
#   options  `bench kernels` (GPU engine) under each of $OPTIONS, a space-separated list of NAME=JVM_OPTIONS (options
#            joined by commas; NAME= alone runs the defaults, to compare in the same call), to time the engine's
#            switches both ways in one call; default: the defaults (default=), every kernel in the integer form
#            (int=-Dvampvm.cuda.fp52=none: the MSM's sums are in the five-limb FP64 form, kernels/ff/fp52n.cuh, by
#            default on an A100, H100 or H200) and every one in the FP64 form (fp52=-Dvampvm.cuda.fp52=all)
#            -> kernels-NAME/
#   probes   the field-product probes (bench/product-probes/run.sh: mont256.cuh's product against the candidates in
#            bench/product-probes/candidates.cuh, built here with nvcc, timed with Python; no Java) -> probes.txt
#   ncu      Nsight Compute's hardware counters (the GPU machine's ncu, --clock-control none) for the first
#            $NCU_COUNT (default 4) launches matching $NCU_KERNELS (default the MSM's digits, scatter and bucket sums:
#            vv_msm_(digits|scatter|accumulate)) in the `bench kernels` benchmarks matching $NCU_BENCH (default ^msm$)
#            at 2^$NCU_SIZE (default 22), one run each: speed of light, memory and compute workload, occupancy,
#            launch, the schedulers' issue and the warps' stall reasons, the instruction mix, the source counters ->
#            ncu.ncu-rep, ncu.txt (the details page); NCU_SOURCE=1 adds ncu-source.csv.gz, each kernel's SASS with
#            its stall samples line by line. Each profiled launch is replayed once a counter pass with the device's
#            memory saved and restored (13 passes a launch at 4f085a7 with the first five sections: 13-25 s for 3 or
#            4 launches). E.g. NCU_KERNELS=vv_ntt_group NCU_BENCH='^ntt$'.
#
# Settings (environment): SIZES, PROOF_SIZES, VM_SIZES as above; PROVE_REPEAT the prove stage's measured proofs a
# size (default 1, after a cold one); COMPARE_SIZES for `variants` and `options` (default
# SIZES: e.g. 20,24 where the kernels run at 16,20,24); KERNEL_INCLUDE (a regular expression, e.g. '^msm$') keeps the
# kernels, variants and options stages to the benchmarks it matches; KERNEL_ENGINES (default java,cuda) and
# PROVE_ENGINES (default: java then cuda, `--gpu`) to leave the CPU engine out of a short run, e.g. `cuda`;
# JVM_OPTS adds options to every JVM (e.g. "-Xms16g -XX:+AlwaysPreTouch": a heap taken and touched at start, as a
# long-running prover's is, so that a proof does not pay the machine's first touch of fresh memory);
# VARIANT=NAME runs every stage on that kit variant's kernels instead of the jar's (the gpu-tagged tests too: e.g.
# VARIANT=fp64-mul bench/gpu-run.sh checks prove, to check and time a variant as the default build is);
# PROFILE=1 runs every benchmark with -Dvampvm.cuda.profile=true: a wait after every launch, and a table of the time
# per kernel and launch geometry at the end of each log (where the device time goes, not the totals to report).
# TIMELINE=1 runs every benchmark with -Dvampvm.cuda.timeline=true: CUDA events around every launch and copy, read at
# the waits the engine makes anyway, and a table at the end of each log of each operation's device time and of the
# device's idle gaps by the operations around them (where the GPU waited for the host), without PROFILE's waits.
# HOST_PROFILE=1 (with PROVE_ENGINES=cuda) runs the prove stage's JVM under async-profiler's wall clock (the kit's
# profiler/, 1 ms samples of every thread): prove-host.collapsed, and bench/host-profile.py's summary of the main
# thread's time in the prover, a proof's average over the run's proofs (the cold one too; PROVE_REPEAT, default 1,
# sets the measured ones): witness, device waits by the prover's call site, the host's own work by method
# -> prove-host-profile.txt. Launches do not wait (unless PROFILE=1), so a device wait shows where the host waited
# (a copy back, a synchronisation), for all the work queued before it.
# What it needs: the kit from bench/gpu-pack.sh (.gpu-kit.tar.gz, unpacked on first use into .gpu-kit/: the jar,
# a jlinked Java runtime, the tests, the kernel variants), the NVIDIA driver. No Maven, no network.
# Without a kit it takes $JAR (default target/vampvm.jar) and $JAVA (else $JAVA_HOME/bin/java, else java) for the
# benchmarks, and `checks` fails (the tests are in the kit).
# Time: each stage runs under `timeout` so that the whole run ends within $BUDGET_S seconds (default 540, under
# the device tool's 600 s per call) and what was measured is kept; a stage that would start with under 30 s left
# is skipped and says so. Output: ${OUT:-bench/results/gpu-<UTC time>}/, a summary last.
set -uo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)
start=$(date +%s)
budget=${BUDGET_S:-540}
out=${OUT:-$root/bench/results/gpu-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out"
stages=("$@")
[ ${#stages[@]} -eq 0 ] && stages=(checks kernels prove vm)
for s in "${stages[@]}"; do
    case $s in
        checks | kernels | prove | vm | variants | options | probes | ncu) ;;
        *) echo "gpu-run: unknown stage '$s' (checks, kernels, prove, vm, variants, options, probes, ncu)" >&2; exit 2 ;;
    esac
done

kit=$root/.gpu-kit
if [ ! -d "$kit" ] && [ -f "$root/.gpu-kit.tar.gz" ]; then
    tar -C "$root" -xzf "$root/.gpu-kit.tar.gz" || { echo "gpu-run: cannot unpack .gpu-kit.tar.gz" >&2; exit 2; }
fi
if [ -d "$kit" ]; then
    jar=$kit/vampvm.jar
    java=$kit/runtime/bin/java
else
    jar=${JAR:-$root/target/vampvm.jar}
    java=${JAVA:-}
    for c in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)"; do
        [ -z "$java" ] && [ -n "$c" ] && [ -x "$c" ] && java=$c
    done
fi
[ -n "$java" ] && [ -x "$java" ] || { echo "gpu-run: no java (make a kit with bench/gpu-pack.sh, or set JAVA)" >&2; exit 2; }
[ -f "$jar" ] || { echo "gpu-run: no jar at $jar (make a kit with bench/gpu-pack.sh)" >&2; exit 2; }
jvm=("$java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Xmx96g -Dvampvm.home="$root")
[ "${PROFILE:-0}" = 1 ] && jvm+=(-Dvampvm.cuda.profile=true)
[ "${TIMELINE:-0}" = 1 ] && jvm+=(-Dvampvm.cuda.timeline=true)
# shellcheck disable=SC2206 # JVM_OPTS is a list of options, split on spaces
[ -n "${JVM_OPTS:-}" ] && jvm+=(${JVM_OPTS})
if [ -n "${VARIANT:-}" ]; then
    [ -f "$kit/variants/$VARIANT/vampvm_kernels.fatbin" ] || {
        echo "gpu-run: the kit has no kernels variant '$VARIANT' (bench/gpu-pack.sh's VARIANTS)" >&2
        exit 2
    }
    jvm+=(-Dvampvm.native.dir="$kit/variants/$VARIANT/")
fi
if [ -f "$kit/commit.txt" ]; then
    jvm+=(-Dvampvm.sourceCommit="$(sed -n 1p "$kit/commit.txt")")
    [ "$(sed -n 2p "$kit/commit.txt")" = dirty ] && jvm+=(-Dvampvm.sourceDirty=true)
fi

{ nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv || true; } >"$out/gpu.txt" 2>&1
cat "$out/gpu.txt"
"${jvm[@]}" -jar "$jar" devices 2>&1 | tee "$out/devices.txt"
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
    echo "gpu-run: no usable GPU here (above); nothing to check or time" >&2
    exit 4
fi

# The variants and options stages compare builds and settings at COMPARE_SIZES (default: SIZES), which may be fewer.
compare_sizes=${COMPARE_SIZES:-${SIZES:-16,18,20,22,24}}
# KERNEL_INCLUDE keeps the kernels, variants and options stages to the `bench kernels` benchmarks it matches.
include=()
[ -n "${KERNEL_INCLUDE:-}" ] && include=(--include "$KERNEL_INCLUDE")

status=0
# run NAME LOGFILE COMMAND...: the command under the time left, its output teed to the log.
run() {
    local name=$1 log=$2 left rc
    shift 2
    left=$((budget - ($(date +%s) - start)))
    if [ "$left" -lt 30 ]; then
        echo "gpu-run: $name skipped: ${left} s of the ${budget} s budget left" | tee -a "$out/skipped.txt"
        return
    fi
    echo "== $name (up to ${left} s)"
    timeout --signal=TERM --kill-after=10 "$left" "$@" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    [ "$rc" -eq 124 ] && echo "gpu-run: $name ran out of time (partial results in $log)" | tee -a "$out/skipped.txt"
    [ "$rc" -ne 0 ] && [ "$status" -eq 0 ] && status=$rc
}

for s in "${stages[@]}"; do
    case $s in
        checks)
            if [ -d "$kit/test-classes" ]; then
                # -Dvampvm.cuda.hostUpToK=-1: the smallest circuits' proofs on the GPU too, not the host's engine.
                run "gpu-tagged tests" "$out/tests.txt" "${jvm[@]}" -Dvampvm.cuda.syncEveryLaunch=true \
                    -Dvampvm.cuda.hostUpToK=-1 \
                    -cp "$jar:$kit/test-classes:$kit/lib/*" dev.vampvm.testkit.TaggedTests gpu
            else
                echo "gpu-run: checks need the kit's tests (bench/gpu-pack.sh makes one)" | tee -a "$out/skipped.txt"
                [ "$status" -eq 0 ] && status=2
            fi
            ;;
        kernels)
            run "bench kernels" "$out/kernels.txt" "${jvm[@]}" -jar "$jar" bench kernels --engines "${KERNEL_ENGINES:-java,cuda}" \
                --sizes "${SIZES:-16,18,20,22,24}" ${include[@]+"${include[@]}"} --out "$out/kernels"
            ;;
        prove)
            engines=(--gpu)
            [ -n "${PROVE_ENGINES:-}" ] && engines=(--engines "$PROVE_ENGINES")
            sizes=${PROOF_SIZES:-16,18,20}
            repeat=${PROVE_REPEAT:-1}
            profiler=()
            if [ "${HOST_PROFILE:-0}" = 1 ]; then
                lib=$kit/profiler/libasyncProfiler.so
                if [ "${PROVE_ENGINES:-}" != cuda ]; then
                    echo "gpu-run: HOST_PROFILE=1 profiles the GPU engine's proofs alone: set PROVE_ENGINES=cuda" | tee -a "$out/skipped.txt"
                elif [ -f "$lib" ] && "$java" -agentpath:"$lib"=version -version >/dev/null 2>&1; then
                    rm -f "$out/prove-host.collapsed"
                    profiler=(-agentpath:"$lib"=start,event=wall,interval=1ms,threads,collapsed,file="$out/prove-host.collapsed")
                else
                    echo "gpu-run: HOST_PROFILE=1 but no usable profiler at $lib (bench/gpu-pack.sh): proving unprofiled" | tee -a "$out/skipped.txt"
                fi
            fi
            run "whole proofs, CPU vs GPU" "$out/prove.txt" "${jvm[@]}" ${profiler[@]+"${profiler[@]}"} -jar "$jar" \
                bench prove "${engines[@]}" --include standard-gate --sizes "$sizes" --warmup 0 --repeat "$repeat" \
                --out "$out/prove"
            if [ -s "$out/prove-host.collapsed" ]; then
                # Every proof of the run is in the profile: the cold one and the measured ones, at each size.
                proofs=$(( (1 + repeat) * $(tr ',' '\n' <<<"$sizes" | grep -c .) ))
                python3 "$root/bench/host-profile.py" "$out/prove-host.collapsed" --proofs "$proofs" \
                    >"$out/prove-host-profile.txt" 2>&1
                head -4 "$out/prove-host-profile.txt"
            fi
            ;;
        vm)
            run "VM vs static" "$out/vm.txt" "${jvm[@]}" -Dvampvm.vm.timings=true -jar "$jar" bench vm --engines "${VM_ENGINES:-cuda}" \
                --sizes "${VM_SIZES:-10,13}" --warmup 0 --repeat 1 --out "$out/vm"
            ;;
        variants)
            found=0
            dirs=("$kit"/variants/*/)
            if [ -n "${VARIANT_LIST:-}" ]; then
                dirs=()
                for n in $VARIANT_LIST; do dirs+=("$kit/variants/$n/"); done
            fi
            for b in "${dirs[@]}"; do
                if [ ! -f "$b/vampvm_kernels.fatbin" ]; then
                    [ -n "${VARIANT_LIST:-}" ] && echo "gpu-run: variants: the kit has no variant $(basename "$b")" | tee -a "$out/skipped.txt"
                    continue
                fi
                found=1
                name=$(basename "$b")
                run "bench kernels, variant $name" "$out/kernels-$name.txt" "${jvm[@]}" -Dvampvm.native.dir="$b" \
                    -jar "$jar" bench kernels --engines cuda --sizes "$compare_sizes" ${include[@]+"${include[@]}"} --out "$out/kernels-$name"
            done
            [ "$found" = 1 ] || echo "gpu-run: variants: the kit has none (bench/gpu-pack.sh with VARIANTS)" | tee -a "$out/skipped.txt"
            ;;
        options)
            for o in ${OPTIONS-default= int=-Dvampvm.cuda.fp52=none fp52=-Dvampvm.cuda.fp52=all}; do
                name=${o%%=*}
                opts=${o#*=}
                # shellcheck disable=SC2086 # the options are a list
                run "bench kernels, options $name" "$out/kernels-$name.txt" "${jvm[@]}" ${opts//,/ } -jar "$jar" \
                    bench kernels --engines cuda --sizes "$compare_sizes" ${include[@]+"${include[@]}"} --out "$out/kernels-$name"
            done
            ;;
        probes)
            run "field-product probes" "$out/probes.txt" "$root/bench/product-probes/run.sh"
            ;;
        ncu)
            ncu=$(command -v ncu || true)
            for c in /opt/nvidia/nsight-compute/*/ncu /usr/local/cuda/bin/ncu; do
                [ -z "$ncu" ] && [ -x "$c" ] && ncu=$c
            done
            if [ -z "$ncu" ]; then
                echo "gpu-run: ncu: no Nsight Compute here (not on the PATH, nor under /opt/nvidia/nsight-compute)" | tee -a "$out/skipped.txt"
            else
                rm -f "$out/ncu.ncu-rep"
                run "ncu, ${NCU_BENCH:-msm} at 2^${NCU_SIZE:-22}" "$out/ncu-run.txt" "$ncu" --clock-control none --target-processes all \
                    --kernel-name "regex:${NCU_KERNELS:-vv_msm_(digits|scatter|accumulate)}" --launch-count "${NCU_COUNT:-4}" \
                    --section SpeedOfLight --section MemoryWorkloadAnalysis --section ComputeWorkloadAnalysis \
                    --section Occupancy --section LaunchStats --section SchedulerStats --section WarpStateStats \
                    --section InstructionStats --section SourceCounters -o "$out/ncu" \
                    "${jvm[@]}" -jar "$jar" bench kernels --engines cuda --sizes "${NCU_SIZE:-22}" --include "${NCU_BENCH:-^msm\$}" \
                    --warmup 0 --repeat 1 --out "$out/ncu-kernels"
                [ -f "$out/ncu.ncu-rep" ] && "$ncu" --import "$out/ncu.ncu-rep" --page details >"$out/ncu.txt" 2>&1
                # Each kernel's SASS with its stall samples line by line (where the warps wait), gzipped: several MB.
                if [ -f "$out/ncu.ncu-rep" ] && [ "${NCU_SOURCE:-0}" = 1 ]; then
                    "$ncu" --import "$out/ncu.ncu-rep" --page source --csv --print-source sass 2>&1 | gzip >"$out/ncu-source.csv.gz"
                fi
            fi
            ;;
    esac
done

echo
echo "summary ($out, $(($(date +%s) - start)) s):"
[ -f "$out/tests.txt" ] && grep -E '^tagged ' "$out/tests.txt"
for f in "$out"/kernels.txt "$out"/kernels-*.txt; do
    [ -f "$f" ] && { echo "-- $(basename "$f" .txt)"; grep -E '^(msm|msm-skewed|msm-batch|msm-fixed|ntt|transfer) 2\^' "$f"; }
done
[ -f "$out/prove.txt" ] && grep -E 'standard-gate k = ' "$out/prove.txt"
[ -f "$out/vm.txt" ] && grep -E 'vm/static' "$out/vm.txt"
[ -f "$out/ncu.txt" ] && grep -E '^  vv_|Duration|Memory Throughput|Compute \(SM\) Throughput|Achieved Occupancy' "$out/ncu.txt"
[ -f "$out/skipped.txt" ] && cat "$out/skipped.txt"
exit $status
