#!/usr/bin/env bash
# The standard-gate benchmark's witness at 2^K rows (default 20), COUNT times (default 12) in each of RUNS fresh JVMs
# (default 3), each JVM's times on one line: the first proofs of a process against the settled ones (the prove
# benchmark measures after one cold and one warm-up proof). JAR (default target/vampvm.jar, built by bin/vampvm) is
# the build measured; JARS="a.jar b.jar" alternates several, run by run, to compare two builds in one sitting.
# Heap as a long-running prover's: -Xms8g -XX:+AlwaysPreTouch.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd -P)
. "$root/bin/lib/find-jdk.sh"
vampvm_find_jdk || exit 2
jars=${JARS:-${JAR:-$root/target/vampvm.jar}}
for run in $(seq "${RUNS:-3}"); do
    for jar in $jars; do
        printf '%s run %s:' "$(basename "$jar")" "$run"
        "$VAMPVM_JDK/bin/java" -Xms8g -XX:+AlwaysPreTouch -cp "$jar" "$root/bench/witness/Witnesses.java" \
            "${1:-20}" "${2:-12}" | sed 's/^witness ms, k = [0-9]*://'
    done
done
