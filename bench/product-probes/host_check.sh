#!/usr/bin/env bash
# fp64.cuh's products checked against kernels/ff/mont256.cuh's on this machine's CPU (host_check.cpp); needs g++ only.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd -P)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
g++ -std=c++17 -O2 -frounding-math -DVV_FP64_HOST_FMA -Wall -Wextra -Werror -I"$here/../../kernels" -o "$work/host_check" "$here/host_check.cpp"
"$work/host_check"
