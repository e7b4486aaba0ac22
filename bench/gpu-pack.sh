#!/usr/bin/env bash
# Packs what a GPU machine needs to run bench/gpu-run.sh, for a session that is lent one: that machine has the
# NVIDIA driver, CUDA and CMake but no Java, no Maven and no network. Run it here, then carry the one file:
#
#   bench/gpu-pack.sh                    # writes .gpu-kit.tar.gz (git-ignored) at the repository root
#
# The kit holds:
#   vampvm.jar     the shaded jar (its fatbin built here by nvcc for sm_80..sm_90 with compute_90 PTX);
#   runtime/       a Java runtime made by jlink from this JDK (java.base, java.logging, jdk.unsupported,
#                  jdk.incubator.vector for the CPU MSM, jdk.management, which the benchmarks' machine description reads);
#   test-classes/  the compiled tests (without the Jazzer fuzz targets) and lib/ the JUnit jars, so that
#                  dev.vampvm.testkit.TaggedTests runs the gpu-tagged tests there without Maven;
#   variants/      the kernels built with other flags (VARIANTS, NAME=FLAG,FLAG... separated by spaces; default: the
#                  field product on the FP64 units, kernels/ff/fp64_mul.cuh, with the bucket sums' first level held
#                  to two blocks a multiprocessor as in the default build), for sm_90 (Hopper) only, each with the
#                  host library, for gpu-run.sh's `variants` stage (VARIANTS= leaves them out; ProductProbesTest
#                  builds each default variant in CI, warnings as errors);
#   profiler/      async-profiler's agent (tools.profiler:async-profiler from Maven Central, linux-x64), for
#                  gpu-run.sh's HOST_PROFILE=1: where a GPU proof's wall-clock time goes on the host.
# bench/gpu-run.sh unpacks it when it finds .gpu-kit.tar.gz and no .gpu-kit/.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$root"
# shellcheck source=../bin/lib/find-jdk.sh
. bin/lib/find-jdk.sh
vampvm_find_jdk || exit 2
vampvm_require_mvn || exit 2

kit=$root/.gpu-kit
rm -rf "$kit" "$root/.gpu-kit.tar.gz"
mkdir -p "$kit/lib"

echo "gpu-pack: building the jar and the tests with JDK $VAMPVM_JDK_VERSION ..." >&2
vampvm_mvn -q -B -DskipTests package >&2
"$VAMPVM_JDK/bin/jar" tf target/vampvm.jar | grep -q 'vampvm_kernels.fatbin$' || {
    echo "gpu-pack: the build made no fatbin (nvcc or cmake missing?): the kit would have no kernels" >&2
    exit 1
}
cp target/vampvm.jar "$kit/"
# Only what the shaded jar lacks: JUnit and its companions (the test scope's other dependency is Jazzer).
vampvm_mvn -q -B dependency:copy-dependencies -DincludeScope=test \
    -DincludeGroupIds=org.junit.jupiter,org.junit.platform,org.opentest4j,org.apiguardian \
    -DoutputDirectory="$kit/lib" >&2
cp -r target/test-classes "$kit/test-classes"
rm -rf "$kit/test-classes/dev/vampvm/fuzz"

# Variants of the kernels, for Hopper only, each beside the host library in variants/NAME/, so that gpu-run.sh's
# `variants` stage times them against the jar's build without building on the GPU machine's time. VARIANTS is a
# space-separated list of NAME=NVCC_FLAGS (flags joined by commas); empty for none. About a minute each on 2 cores.
variants=${VARIANTS-fp64-mul=-DVV_FP64_MUL,-DVV_MSM_ACCUMULATE_MIN_BLOCKS=2}
for v in $variants; do
    name=${v%%=*}
    flags=${v#*=}
    echo "gpu-pack: kernels variant $name (${flags//,/ }) for sm_90 ..." >&2
    mkdir -p "$kit/variants/$name"
    # shellcheck disable=SC2086 # the flags are a list
    nvcc -fatbin -std=c++17 -O3 --threads 0 ${flags//,/ } -gencode=arch=compute_90,code=[sm_90,compute_90] \
        -o "$kit/variants/$name/vampvm_kernels.fatbin" kernels/vampvm.cu
    unzip -q -j -o target/vampvm.jar '*/libvampvm_native.so' -d "$kit/variants/$name"
done

# async-profiler's agent for HOST_PROFILE=1 (a tool for the runs, not part of vampvm). Left out, with a note, where
# Maven cannot fetch it: gpu-run.sh then runs without the profile.
async_profiler=tools.profiler:async-profiler:4.1
mkdir -p "$kit/profiler"
if vampvm_mvn -q -B dependency:copy -Dartifact="$async_profiler" -DoutputDirectory="$kit/profiler" >&2 &&
    unzip -q -j -o "$kit"/profiler/async-profiler-*.jar 'linux-x64/libasyncProfiler.so' -d "$kit/profiler"; then
    rm -f "$kit"/profiler/async-profiler-*.jar
else
    rm -rf "$kit/profiler"
    echo "gpu-pack: could not fetch $async_profiler: the kit has no host profiler (HOST_PROFILE=1 will say so)" >&2
fi

"$VAMPVM_JDK/bin/jlink" --add-modules java.base,java.logging,jdk.unsupported,jdk.management,jdk.incubator.vector --strip-debug --no-header-files \
    --no-man-pages --output "$kit/runtime"

# The commit the kit was built from, for the benchmarks' environment.json (the GPU machine's tree may be another's).
{ git rev-parse --short=12 HEAD; [ -z "$(git status --porcelain --untracked-files=no)" ] && echo clean || echo dirty; } \
    >"$kit/commit.txt"

tar -C "$root" -czf "$root/.gpu-kit.tar.gz" .gpu-kit
echo "gpu-pack: $(du -h "$root/.gpu-kit.tar.gz" | cut -f1) in .gpu-kit.tar.gz; carry it and run bench/gpu-run.sh" >&2
