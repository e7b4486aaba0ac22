#!/usr/bin/env bash
# Builds or settings compared in one sitting, as this shared machine allows (its speed drifts by more than many
# changes gain): `vampvm bench SUITE ...` with each variant of VARIANTS in turn, RUNS rounds (default 3), each run a
# fresh JVM writing OUT/<variant>/run-<round>/. A variant is NAME=JAR, or NAME=JAR,OPTION,... with JVM options of
# its own (no spaces). Then
#
#     python3 bench/compare.py --pool OUT/<first> OUT/<second>
#
# pools each variant's runs, so that the drift spreads over both instead of lining up against one.
# JAVA_OPTS adds JVM options to every run.
#
#     VARIANTS="before=/tmp/before.jar after=target/vampvm.jar" bench/ab.sh /tmp/ab vm --engines java --sizes 10
#     VARIANTS="seq=target/vampvm.jar,-Dvampvm.java.msmSideBySide=false side=target/vampvm.jar" bench/ab.sh ...
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)
if [ $# -lt 2 ] || [ -z "${VARIANTS:-}" ]; then
    echo "usage: VARIANTS=\"NAME=JAR[,JVM-OPTION...] ...\" [RUNS=3] [JAVA_OPTS=...] bench/ab.sh OUT SUITE [bench options...]" >&2
    exit 2
fi
for v in $VARIANTS; do
    name=${v%%=*}
    spec=${v#*=}
    if [ "$name" = "$v" ] || [ -z "$name" ] || [ ! -f "${spec%%,*}" ]; then
        echo "ab: variant '$v' is not NAME=JAR[,OPTION...] with an existing jar" >&2
        exit 2
    fi
done
. "$root/bin/lib/find-jdk.sh"
vampvm_find_jdk || exit 2
out=$1
shift
read -r -a jvm <<<"$(vampvm_run_jvm_opts) ${JAVA_OPTS:-}"
for run in $(seq "${RUNS:-3}"); do
    for v in $VARIANTS; do
        name=${v%%=*}
        IFS=, read -r -a spec <<<"${v#*=}"
        dir=$out/$name/run-$run
        mkdir -p "$out/$name"
        echo "== $name run $run -> $dir" >&2
        "$VAMPVM_JDK/bin/java" "${jvm[@]}" "${spec[@]:1}" -Dvampvm.home="$root" -jar "${spec[0]}" bench "$@" --out "$dir" \
            >"$dir.log" 2>&1 || { echo "ab: the run failed, see $dir.log" >&2; exit 1; }
    done
done
