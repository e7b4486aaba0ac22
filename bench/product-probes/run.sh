#!/usr/bin/env bash
# The field-product probes (probes.cu) on this machine's GPU: builds them with nvcc for the GPU's compute capability
# and times each product, inlined and as a call (probe.py). Needs nvcc, python3 and the NVIDIA driver; no Java.
#   bench/product-probes/run.sh [OUT_DIR]     # writes OUT_DIR/probes.txt (default: print only)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd -P)
cc=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader | head -1 | tr -d .)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nvcc -cubin -std=c++17 -O3 -arch="sm_$cc" -I"$here/../../kernels" -o "$work/probes.cubin" "$here/probes.cu"
if [ $# -ge 1 ]; then
    mkdir -p "$1"
    python3 "$here/probe.py" "$work/probes.cubin" | tee "$1/probes.txt"
else
    python3 "$here/probe.py" "$work/probes.cubin"
fi
