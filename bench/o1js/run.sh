#!/usr/bin/env bash
# vampvm beside Mina's o1js (Kimchi: PLONKish, IPA over Pasta, Rust compiled to WebAssembly) on the same machine and
# the same computation: a <- a·a + p, N times from a private start (chain.mjs). vampvm proves it as a VampIR program
# through bin/vampvm in fresh JVMs (bench/cli-prove.sh: end to end, keys cached); o1js as one Kimchi proof
# (ZkFunction, no Pickles recursion) in one Node process, after its compile (keygen), on each of its two backends:
# wasm (its default, and the one performance.md names) and native (its Rust compiled for the machine: o1js 2.x ships
# it for linux-x64 as an optional package). Every proof is verified.
#
#   bench/o1js/run.sh [N] [RUNS]
#
# N = 43000 (the default) fills a 2^16 domain on both sides: 43,000 rows for vampvm (one row a step), 64,500 for
# Kimchi (its generic gates take a multiplication and an addition in a row and a half). Needs Node 18+ and npm
# (o1js comes from npm, pinned in package-lock.json). Results: bench/results/<UTC time>-<commit>-o1js/.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)
n=${1:-43000} runs=${2:-3}
command -v node >/dev/null && command -v npm >/dev/null || { echo "o1js/run.sh: node and npm are needed" >&2; exit 2; }
out=$root/bench/results/$(date -u +%Y%m%d-%H%M%S)-$(git -C "$root" rev-parse --short HEAD)-o1js
mkdir -p "$out"
{
    echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
    echo "node: $(node --version); java: $(. "$root/bin/lib/find-jdk.sh" && vampvm_find_jdk && echo "$VAMPVM_JDK_VERSION ($VAMPVM_JDK)")"
} >"$out/environment.txt"

node "$here/chain.mjs" vampir "$n" "$out"
"$root/bench/cli-prove.sh" "$out" "$out/chain.pir" "$runs"

# (npm install, not npm ci: npm ci refuses this lock file for the platform packages it leaves out.)
(cd "$here" && npm install --no-audit --no-fund >&2)
echo "o1js: $(node -p "require('$here/node_modules/o1js/package.json').version")" >>"$out/environment.txt"
for backend in native wasm; do
    O1JS_BACKEND=$backend node "$here/chain.mjs" o1js "$n" "$runs" | tee "$out/o1js-$backend.jsonl" >&2
done
echo "results: $out" >&2
