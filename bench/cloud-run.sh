#!/usr/bin/env bash
# One command for a fresh cloud machine (NVIDIA driver, Java 21+, Maven): checks what it needs and says
# exactly what is missing, builds vampvm (and the CUDA kernels when the tree has a CMakeLists.txt and nvcc is
# there), runs `vampvm bench all` (with --gpu when a GPU is visible, on the CPU otherwise) and packs the
# results folder, the logs and the machine's description into one .tar.gz under bench/results/.
#
#   bench/cloud-run.sh                 # full run (see bench/README.md for how long it takes)
#   bench/cloud-run.sh --quick         # extra arguments go to `vampvm bench all`
#
# Exit status: 0 when the benchmarks ran and the archive was written, 1 when the build or a benchmark failed
# (the archive is still written with what there is), 2 when a prerequisite is missing.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$root"
# shellcheck source=../bin/lib/find-jdk.sh
. bin/lib/find-jdk.sh

say() { echo "cloud-run: $*" >&2; }

# ---- prerequisites: collect everything missing, then say it all at once --------------------------------
missing=()
if ! vampvm_find_jdk 2>/dev/null; then
    missing+=("a JDK 21 or later (java and javac): e.g. 'sudo apt-get install openjdk-21-jdk-headless', or set JAVA_HOME")
fi
command -v mvn >/dev/null 2>&1 || missing+=("Maven 3.8+ ('mvn'): e.g. 'sudo apt-get install maven'")
for tool in tar gzip; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("'$tool': e.g. 'sudo apt-get install $tool'")
done

gpu=no
if command -v nvidia-smi >/dev/null 2>&1; then
    if nvidia-smi -L 2>/dev/null | grep -q '^GPU '; then
        gpu=yes
    else
        say "nvidia-smi is installed but lists no GPU (driver not loaded?): benchmarking on the CPU"
    fi
else
    say "no NVIDIA driver (nvidia-smi not found): benchmarking on the CPU"
fi

kernels=no
if [ -f CMakeLists.txt ]; then
    if command -v nvcc >/dev/null 2>&1; then
        command -v cmake >/dev/null 2>&1 || missing+=("CMake 3.18+ ('cmake') to build the CUDA kernels: e.g. 'sudo apt-get install cmake'")
        kernels=yes
    else
        say "CMakeLists.txt is here but nvcc (the CUDA toolkit) is not on PATH: the CUDA kernels are not built"
    fi
fi

if [ ${#missing[@]} -gt 0 ]; then
    say "missing prerequisites:"
    for m in "${missing[@]}"; do
        echo "  - $m" >&2
    done
    exit 2
fi

stamp=$(date -u +%Y%m%d-%H%M%S)
commit=$(git rev-parse --short=7 HEAD 2>/dev/null || echo unknown)
name="$stamp-$commit-cloud-all"
out="$root/bench/results/$name"
logs="$out/logs"
mkdir -p "$logs"
say "JDK $VAMPVM_JDK_VERSION ($VAMPVM_JDK), $(mvn -B -v 2>/dev/null | head -n1), GPU: $gpu, kernels: $kernels"
say "results go to $out"

# ---- the machine, as its own tools describe it (the GPU engine's probe fills environment.json later) ----
{
    echo "== date"; date -u
    echo "== uname"; uname -a
    echo "== lscpu"; lscpu 2>/dev/null || cat /proc/cpuinfo
    echo "== memory"; free -h 2>/dev/null || true
    echo "== java"; "$VAMPVM_JDK/bin/java" -version 2>&1
    echo "== mvn"; mvn -B -v 2>&1
    if [ "$gpu" = yes ]; then
        echo "== nvidia-smi"; nvidia-smi 2>&1
        nvidia-smi --query-gpu=name,memory.total,driver_version,compute_cap --format=csv 2>&1 || true
    fi
    if [ "$kernels" = yes ]; then echo "== nvcc"; nvcc --version 2>&1; fi
} >"$logs/machine.txt" 2>&1

pack() {
    local archive="$root/bench/results/$name.tar.gz"
    tar -czf "$archive" -C "$root/bench/results" "$name"
    say "archive: $archive ($(du -h "$archive" | cut -f1))"
}

# ---- build ------------------------------------------------------------------------------------------------
say "building (mvn package; log in logs/build.log) ..."
if ! vampvm_mvn -B -DskipTests package >"$logs/build.log" 2>&1; then
    say "the Maven build failed; see $logs/build.log"
    pack
    exit 1
fi
if [ "$kernels" = yes ]; then
    say "building the CUDA kernels (CMake; log in logs/kernels.log) ..."
    if ! { cmake -S . -B build/cuda -DCMAKE_BUILD_TYPE=Release && cmake --build build/cuda -j "$(nproc)"; } \
            >"$logs/kernels.log" 2>&1; then
        say "the CUDA build failed; see $logs/kernels.log"
        pack
        exit 1
    fi
fi

# ---- run ----------------------------------------------------------------------------------------------------
run_bench() {
    say "running: bin/vampvm bench all $* (log in logs/bench.log) ..."
    bin/vampvm bench all "$@" --out "$out" 2>&1 | tee -a "$logs/bench.log"
    return "${PIPESTATUS[0]}"
}

status=0
start=$(date +%s)
if [ "$gpu" = yes ]; then
    run_bench --gpu "$@" || status=$?
    if [ "$status" -eq 4 ]; then
        # nvidia-smi sees a GPU that vampvm cannot use (old compute capability, kernels not built): the reason is
        # above, and the CPU figures are still worth having.
        say "vampvm cannot use this GPU (exit 4, see above): running on the CPU instead"
        status=0
        run_bench "$@" || status=$?
    fi
else
    run_bench "$@" || status=$?
fi
say "bench took $(( $(date +%s) - start )) s, exit status $status"
pack
exit "$status"
