#!/usr/bin/env bash
# The CUDA engine on a GPU machine, in one command (for a session that is lent a GPU):
#   bench/gpu-run.sh [JAR] [SIZES]
# 1. builds the kernels with CMake twice, the default (field product as a device call) and with the
#    product inlined (-DVAMPVM_KERNEL_INLINE=ON), when cmake and nvcc are on PATH;
# 2. for each build, from the jar with that build's fatbin (-Dvampvm.native.dir; without cmake/nvcc, once with the
#    fatbin packed in the jar): dev.vampvm.backend.cuda.GpuBench, the gpu-tagged tests' checks against the Java
#    engine (a synchronisation after every launch, so that a failure names its kernel); then `bench kernels`: MSM
#    and NTT at 2^SIZES (default 16,18,20,22,24) with the data on the device, against their arithmetic and
#    bandwidth floors measured on the GPU (the CPU engine's figures, up to 2^20, with the first build only), into
#    $OUT/kernels-<build>/;
# 3. whole proofs on the CPU engine and on the GPU engine, one after the other in one run (`bench prove --gpu`:
#    the standard-gate circuit at k = $PROOF_SIZES, default 16,18,20; every proof verified), into $OUT/prove/;
#    PROOF_SIZES=none skips it;
# 4. VM mode against static mode on the GPU engine (`bench vm --engines cuda`, sizes $VM_SIZES, default 10,13,
#    i.e. small and medium), into $OUT/vm/; VM_SIZES=none skips it.
# Needs: the jar (default target/vampvm.jar) and a Java 21+ runtime ($JAVA, else .runtime/bin/java, else
# $JAVA_HOME/bin/java, else java on PATH); the NVIDIA driver. No Maven, no network.
# Writes logs to ${OUT:-bench/results/gpu-<UTC time>}/ and prints a summary table last.
set -uo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)
jar=${1:-$root/target/vampvm.jar}
sizes=${2:-16,18,20,22,24}
out=${OUT:-$root/bench/results/gpu-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out"

java=${JAVA:-}
for c in "$root/.runtime/bin/java" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)"; do
    [ -z "$java" ] && [ -n "$c" ] && [ -x "$c" ] && java=$c
done
[ -n "$java" ] || { echo "gpu-run: no java found (set JAVA)" >&2; exit 2; }
[ -f "$jar" ] || { echo "gpu-run: no jar at $jar (build it with bin/vampvm --version, or pass its path)" >&2; exit 2; }

{ nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv || true; } >"$out/gpu.txt" 2>&1
cat "$out/gpu.txt"
"$java" --enable-native-access=ALL-UNNAMED -jar "$jar" devices 2>&1 | tee "$out/devices.txt"
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
    echo "gpu-run: no usable GPU here (above); nothing to check or time" >&2
    exit 4
fi

variants=()
if command -v cmake >/dev/null && command -v nvcc >/dev/null; then
    for v in call inline; do
        flag=OFF; [ "$v" = inline ] && flag=ON
        b="$out/build-$v"
        s=$(date +%s)
        if cmake -S "$root" -B "$b" -DCMAKE_BUILD_TYPE=Release -DVAMPVM_KERNEL_INLINE=$flag >"$out/cmake-$v.log" 2>&1 &&
            cmake --build "$b" -j "$(nproc)" >>"$out/cmake-$v.log" 2>&1; then
            echo "built kernels ($v) in $(( $(date +%s) - s )) s"
            variants+=("$v")
        else
            echo "kernel build ($v) FAILED: see $out/cmake-$v.log"; tail -20 "$out/cmake-$v.log"
        fi
    done
else
    echo "cmake or nvcc not on PATH: using the fatbin packed in the jar"
    variants=(jar)
fi

status=0
for v in "${variants[@]}"; do
    opts=()
    [ "$v" != jar ] && opts=(-Dvampvm.native.dir="$out/build-$v")
    echo "== $v"
    "$java" --enable-native-access=ALL-UNNAMED -Xmx48g -Dvampvm.cuda.syncEveryLaunch=true "${opts[@]}" -cp "$jar" \
        dev.vampvm.backend.cuda.GpuBench 2>&1 | tee "$out/bench-$v.txt"
    rc=${PIPESTATUS[0]}
    [ "$rc" -ne 0 ] && status=$rc
    [ "$rc" -ne 0 ] && continue
    # The kernels against their floors; the CPU engine's figures once, with the first build.
    engines=cuda
    [ "$v" = "${variants[0]}" ] && engines=java,cuda
    "$java" --enable-native-access=ALL-UNNAMED -Xmx48g "${opts[@]}" -jar "$jar" bench kernels --engines "$engines" \
        --sizes "$sizes" --out "$out/kernels-$v" 2>&1 | tee "$out/kernels-$v.txt"
    rc=${PIPESTATUS[0]}
    [ "$rc" -ne 0 ] && status=$rc
done

proof_sizes=${PROOF_SIZES:-16,18,20}
if [ "$proof_sizes" != none ]; then
    echo "== whole proofs, CPU vs GPU engine, k = $proof_sizes"
    "$java" --enable-native-access=ALL-UNNAMED -Xmx96g -jar "$jar" bench prove --gpu --include standard-gate \
        --sizes "$proof_sizes" --warmup 0 --repeat 1 --out "$out/prove" 2>&1 | tee "$out/prove.txt"
    rc=${PIPESTATUS[0]}
    [ "$rc" -ne 0 ] && status=$rc
fi

vm_sizes=${VM_SIZES:-10,13}
if [ "$vm_sizes" != none ]; then
    echo "== VM against static mode on the GPU engine, sizes $vm_sizes"
    "$java" --enable-native-access=ALL-UNNAMED -Xmx96g -jar "$jar" bench vm --engines cuda --sizes "$vm_sizes" \
        --out "$out/vm" 2>&1 | tee "$out/vm.txt"
    rc=${PIPESTATUS[0]}
    [ "$rc" -ne 0 ] && status=$rc
fi

echo
echo "summary ($out):"
for v in "${variants[@]}"; do
    echo "-- $v: $(grep -E '^checks:' "$out/bench-$v.txt" || echo 'no result')"
    [ -f "$out/kernels-$v.txt" ] && grep -E '^(msm|msm-skewed|ntt) 2\^' "$out/kernels-$v.txt"
done
[ -f "$out/prove.txt" ] && grep -E 'standard-gate k = ' "$out/prove.txt"
[ -f "$out/vm.txt" ] && grep -E 'vm/static' "$out/vm.txt"
exit $status
