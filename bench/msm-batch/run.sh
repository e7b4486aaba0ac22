#!/usr/bin/env bash
# A batch of M MSMs of N terms over the IPA generators on the Java engine (default 256 terms, 2 and 8 MSMs, the
# machine's cores), one batch after another (-Dvampvm.java.msmSideBySide=false) against side by side, alternating in
# fresh JVMs RUNS times (default 3): wall and CPU time a batch. JAR defaults to target/vampvm.jar (bin/vampvm builds it).
#
#     bench/msm-batch/run.sh [N [M ... ]]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd -P)
. "$root/bin/lib/find-jdk.sh"
vampvm_find_jdk || exit 2
jar=${JAR:-$root/target/vampvm.jar}
n=${1:-256}
[ $# -gt 0 ] && shift
batches=("$@")
[ ${#batches[@]} -eq 0 ] && batches=(2 8)
threads=${THREADS:-$(nproc)}
read -r -a jvm <<<"$(vampvm_run_jvm_opts)"
for run in $(seq "${RUNS:-3}"); do
    for m in "${batches[@]}"; do
        for side in false true; do
            "$VAMPVM_JDK/bin/java" "${jvm[@]}" -Dvampvm.java.msmSideBySide=$side -cp "$jar" \
                "$root/bench/msm-batch/Batches.java" "$n" "$m" "$threads" 2>&1 | grep -v '^WARNING: Using incubator'
        done
    done
done
