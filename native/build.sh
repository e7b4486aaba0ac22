#!/usr/bin/env bash
# Builds the native parts with CMake (see CMakeLists.txt) and copies them where Maven packs them into the
# jar: OUT/native/linux-x86_64/{libvampvm_native.so, vampvm_kernels.fatbin}. Maven calls it in the
# generate-resources phase:
#   native/build.sh BUILD_DIR OUT_DIR [auto|off]
# Without cmake or a C++ compiler, or on another platform, it says so and exits 0: the build stays pure Java,
# and the tests that need the native library are skipped. Without nvcc the host library is still built.
# With the tools present, a failed build (warnings are errors) fails Maven.
set -euo pipefail

src=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)
build=${1:?usage: native/build.sh BUILD_DIR OUT_DIR [auto|off]}
out=${2:?usage: native/build.sh BUILD_DIR OUT_DIR [auto|off]}
mode=${3:-auto}
dest="$out/native/linux-x86_64"

skip() {
    echo "[native] $1: skipping the native build (the jar stays pure Java; native tests are skipped)"
    rm -rf "$dest"
    exit 0
}

[ "$mode" = off ] && skip "-Dvampvm.native=off"
[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || skip "platform $(uname -s)-$(uname -m) is not linux-x86_64"
command -v cmake >/dev/null 2>&1 || skip "cmake not found on PATH"
command -v c++ >/dev/null 2>&1 || command -v g++ >/dev/null 2>&1 || skip "no C++ compiler (c++, g++) on PATH"

cmake_version=$(cmake --version | sed -n 's/^cmake version \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
read -r cmake_major cmake_minor <<<"${cmake_version:-0 0}"
if [ "$cmake_major" -lt 3 ] || { [ "$cmake_major" -eq 3 ] && [ "$cmake_minor" -lt 20 ]; }; then
    skip "cmake ${cmake_major}.${cmake_minor} is older than 3.20"
fi

# The kernels need nvcc 12 or later (sm_90); an older one builds the host library only.
kernels=ON
if command -v nvcc >/dev/null 2>&1; then
    nvcc_major=$(nvcc --version | sed -n 's/.*release \([0-9]*\)\..*/\1/p')
    if [ "${nvcc_major:-0}" -lt 12 ]; then
        echo "[native] nvcc ${nvcc_major:-?} is older than 12: building without the CUDA kernels"
        kernels=OFF
    fi
else
    kernels=OFF
fi

start=$(date +%s)
mkdir -p "$build"
log="$build/build.log"
if ! { cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DVAMPVM_KERNELS=$kernels &&
        cmake --build "$build" -j "$(nproc)"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "[native] the native build failed (full log above and in $log)" >&2
    exit 1
fi

mkdir -p "$dest"
cp -p "$build/libvampvm_native.so" "$dest/"
if [ "$kernels" = ON ] && [ -f "$build/vampvm_kernels.fatbin" ]; then
    cp -p "$build/vampvm_kernels.fatbin" "$dest/"
    what="libvampvm_native.so and vampvm_kernels.fatbin"
else
    rm -f "$dest/vampvm_kernels.fatbin"
    what="libvampvm_native.so (no kernels: nvcc 12+ not found)"
fi
echo "[native] built $what in $(( $(date +%s) - start )) s"
