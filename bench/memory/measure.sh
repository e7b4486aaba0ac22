#!/usr/bin/env bash
# Measures the least heap (-Xmx) a proof completes in, and compares it with vampvm's estimate (MemoryEstimate).
#
# Each case runs dev.vampvm.bench.HeapProbe (a test-scoped main) in fresh JVMs: once with a large heap to print the
# estimate and the unconstrained time, then with -Xmx bisected between 64 MiB and the estimate (the estimate itself
# is tried first: it should fit), with -XX:+ExitOnOutOfMemoryError. A run "fits" when the proof completes within
# max(120 s, 6x the unconstrained time); the bisection stops when the bracket is within max(16 MiB, 1/16 of its top).
# -Dvampvm.heapLimit=1T keeps the estimate from refusing a heap below it. The JVM's default collector (G1) is used.
#
# Usage: bench/memory/measure.sh [CASE...]   (build first: mvn -o test-compile -Dvampvm.buildDir=BUILD)
#   CASE: static-loop:K | static:PROGRAM:INPUTS | vm:PROGRAM:INPUTS:BLOCKS_AT_ONCE
# Env: BUILD (default target), JAVA_HOME, OUT (default bench/memory/results.tsv, appended).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$root"
build=${BUILD:-target}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
out=${OUT:-bench/memory/results.tsv}
cpfile=$(mktemp)
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime >/dev/null
cp="$build/classes:$build/test-classes:$(cat "$cpfile")"
rm -f "$cpfile"
probe() { # XMX_MIB TIMEOUT_S ARGS...
    local xmx=$1 limit=$2
    shift 2
    timeout "$limit" "$java" -Xmx"${xmx}m" -XX:+ExitOnOutOfMemoryError -Dvampvm.heapLimit=1099511627776 \
        -cp "$cp" dev.vampvm.bench.HeapProbe "$@" 2>/dev/null
}
[ -f "$out" ] || printf 'case\testimate_mib\tmin_xmx_mib\tmax_fail_mib\testimate/min\tms_unconstrained\tms_at_min\tdetail\n' >"$out"
for c in "$@"; do
    IFS=: read -r -a f <<<"$c"
    case ${f[0]} in
        static-loop) args=(static-loop "${f[1]}") ;;
        static) args=(static "${f[1]}" "${f[2]}") ;;
        vm) args=(vm "${f[1]}" "${f[2]}" "${f[3]}") ;;
        *) echo "unknown case $c" >&2; exit 2 ;;
    esac
    line=$(probe 6144 1200 estimate "${args[@]}" | tail -1)
    est=$(sed -n 's/.*estimate=\([0-9]*\).*/\1/p' <<<"$line")
    ms=$(sed -n 's/.* ms=\([0-9]*\).*/\1/p' <<<"$line")
    limit=$(( ms * 6 / 1000 + 1 )); [ "$limit" -ge 120 ] || limit=120
    hi=$(( est >> 20 )); lo=64; hims=""
    # The estimate should fit; if it does not, raise until it does (and say so in the table).
    while ! r=$(probe "$hi" "$limit" prove "${args[@]}"); do lo=$hi; hi=$(( hi * 3 / 2 )); done
    hims=$(sed -n 's/.*ms=\([0-9]*\).*/\1/p' <<<"$r")
    while [ $(( hi - lo )) -gt 16 ] && [ $(( hi - lo )) -gt $(( hi / 16 )) ]; do
        mid=$(( (lo + hi) / 2 ))
        if r=$(probe "$mid" "$limit" prove "${args[@]}"); then
            hi=$mid; hims=$(sed -n 's/.*ms=\([0-9]*\).*/\1/p' <<<"$r")
        else
            lo=$mid
        fi
    done
    ratio=$(awk -v e="$est" -v m="$hi" 'BEGIN { printf "%.2f", e / 1048576 / m }')
    printf '%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n' "$c" $(( est >> 20 )) "$hi" "$lo" "$ratio" "$ms" "$hims" \
        "$(sed 's/estimate=[0-9]* //; s/ ms=[0-9]*//' <<<"$line")" | tee -a "$out"
done
