#!/usr/bin/env bash
# Times 'bin/vampvm prove' as a user runs it: a fresh JVM each time, keys from the key cache (the first, untimed run
# fills it), end to end. Each of RUNS rounds runs every variant once, alternating, so that a shared machine's drift
# falls on all of them alike. A variant is NAME=JVM-OPTIONS, the options appended through VAMPVM_JAVA_OPTS (so they
# override bin/vampvm's own: e.g. 'no-thp=-XX:-UseTransparentHugePages'); without variants, one named 'default'.
#
#   bench/cli-prove.sh OUT_DIR PROGRAM.pir [RUNS] [NAME=OPTIONS ...]
#
# PROVE_ARGS in the environment adds arguments to every prove (e.g. PROVE_ARGS='--mode vm --inputs F.json').
#
# Writes OUT_DIR/cli-prove.jsonl (one line a run: the phases 'vampvm prove --json' reports, the wall time and the
# process's minor page faults from /usr/bin/time) and OUT_DIR/cli-prove.md (medians per variant).
set -euo pipefail

if [ $# -lt 2 ]; then
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
out=$1 program=$2 runs=${3:-3}
shift $(($# < 3 ? $# : 3))
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=("default=")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
timer=/usr/bin/time
[ -x "$timer" ] || { echo "cli-prove: $timer (GNU time) is needed for the wall time and page faults" >&2; exit 2; }
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "cli-prove: filling the key cache (untimed run) ..." >&2
# shellcheck disable=SC2086 # PROVE_ARGS is split into words on purpose
"$root/bin/vampvm" prove --quiet --out "$work/proof" ${PROVE_ARGS:-} "$program"

# The first number under the key "$1" in the run's JSON (its phases are the only keys named after them), or null
# (a VM proof has no k, setup or keygen phase; it has a run phase).
number() {
    local v
    v=$(sed -n "s/^ *\"$1\" : \([0-9.]*\).*/\1/p" "$work/json" | head -1)
    echo "${v:-null}"
}

: >"$out/cli-prove.jsonl"
for ((run = 1; run <= runs; run++)); do
    for variant in "${variants[@]}"; do
        name=${variant%%=*} opts=${variant#*=}
        VAMPVM_JAVA_OPTS="${VAMPVM_JAVA_OPTS:-} $opts" "$timer" -f '%e %R' -o "$work/time" \
            "$root/bin/vampvm" prove --json --out "$work/proof" ${PROVE_ARGS:-} "$program" >"$work/json" 2>"$work/err" || {
            cat "$work/err" >&2
            exit 1
        }
        read -r wall faults <"$work/time"
        k=$(number k)
        line=$(printf '{"variant":"%s","options":"%s","run":%d,"k":%s,"compile_ms":%s,"setup_ms":%s,"keygen_ms":%s,"run_ms":%s,"prove_ms":%s,"wall_s":%s,"minor_faults":%s}' \
            "$name" "$opts" "$run" "$k" "$(number compile)" "$(number setup)" "$(number keygen)" "$(number run)" \
            "$(number prove)" "$wall" "$faults")
        echo "$line" >>"$out/cli-prove.jsonl"
        echo "cli-prove: $line" >&2
    done
done

# The median of the numbers on stdin, printed with the given printf format.
median() { sort -g | awk -v fmt="$1" '{v[NR] = $1} END {printf fmt, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }
{
    echo "# bin/vampvm prove ${PROVE_ARGS:+$PROVE_ARGS }$(basename "$program"), fresh JVMs, keys cached"
    echo
    echo "$runs rounds, variants alternating; medians. Commit $(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown), $(nproc) cores, $(uname -sr), THP: $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo n/a)."
    echo
    echo "| variant | JVM options added | compile ms | setup ms | keygen ms | run ms | prove ms | wall s | minor page faults |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
    for variant in "${variants[@]}"; do
        name=${variant%%=*} opts=${variant#*=}
        rows=$(grep "\"variant\":\"$name\"" "$out/cli-prove.jsonl")
        printf '| %s | %s |' "$name" "${opts:-(none)}"
        for f in compile_ms setup_ms keygen_ms run_ms prove_ms wall_s minor_faults; do
            case $f in *_ms) fmt=%.0f ;; wall_s) fmt=%.2f ;; *) fmt=%.0f ;; esac
            values=$(field "$f" <<<"$rows")
            if [ -n "$values" ]; then
                printf ' %s |' "$(median "$fmt" <<<"$values")"
            else
                printf ' – |'
            fi
        done
        echo
    done
} >"$out/cli-prove.md"
cat "$out/cli-prove.md" >&2
