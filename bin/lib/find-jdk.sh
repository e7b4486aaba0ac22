# Sourced by bin/vampvm, bin/test and .ci/run: finds a JDK (java and javac) of version 21 or later, and Maven.
#
# vampvm_find_jdk      sets VAMPVM_JDK (the JDK's home) and VAMPVM_JDK_VERSION (its major version), or
#                      prints what is missing and how to fix it on stderr and returns 1.
#                      Order: $JAVA_HOME if >= 21; /usr/lib/jvm/temurin-25*; the newest other JDK >= 21
#                      under /usr/lib/jvm; the JDK of `java` on PATH if >= 21.
# vampvm_require_mvn   returns 0 if `mvn` is on PATH, else prints how to get it and returns 1.
# vampvm_lock FILE     takes an exclusive lock on FILE through file descriptor 9 (waits, says why).

VAMPVM_MIN_JDK=21

# Prints the major version of the JDK at $1 (nothing if it is not a JDK: java and javac both needed).
vampvm_jdk_major() {
    local home=$1 line version
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
    if [ -f "$home/release" ]; then
        # JAVA_VERSION="25.0.1" (or "1.8.0_392" for old JDKs)
        line=$(grep -m1 '^JAVA_VERSION=' "$home/release" 2>/dev/null || true)
        version=${line#JAVA_VERSION=}
        version=${version//\"/}
    fi
    if [ -z "${version:-}" ]; then
        # openjdk version "17.0.15" 2025-04-15
        line=$("$home/bin/java" -version 2>&1 | head -n1 || true)
        version=$(printf '%s\n' "$line" | sed -n 's/.*version "\([^"]*\)".*/\1/p')
    fi
    case $version in
        1.*) version=${version#1.} ;;
    esac
    version=${version%%[.+-]*}
    case $version in
        '' | *[!0-9]*) return 0 ;;
    esac
    printf '%s\n' "$version"
}

# Succeeds (and sets VAMPVM_JDK, VAMPVM_JDK_VERSION) if $1 is a JDK >= 21.
vampvm_try_jdk() {
    local home=$1 major
    [ -n "$home" ] && [ -d "$home" ] || return 1
    major=$(vampvm_jdk_major "$home")
    [ -n "$major" ] && [ "$major" -ge "$VAMPVM_MIN_JDK" ] || return 1
    VAMPVM_JDK=$(cd "$home" && pwd -P)
    VAMPVM_JDK_VERSION=$major
    return 0
}

# Why the directory $1 was not taken, for the error message.
vampvm_describe() {
    local major
    major=$(vampvm_jdk_major "$1")
    if [ -n "$major" ]; then
        echo "JDK $major, too old"
    elif [ -x "$1/bin/java" ]; then
        echo "a runtime without javac, not a full JDK"
    else
        echo "no bin/java"
    fi
}

vampvm_find_jdk() {
    local seen="" home major best="" best_major=0 path_java path_home
    if [ -n "${JAVA_HOME:-}" ]; then
        vampvm_try_jdk "$JAVA_HOME" && return 0
        seen="$seen
  JAVA_HOME=$JAVA_HOME: $(vampvm_describe "$JAVA_HOME")"
    fi
    for home in /usr/lib/jvm/temurin-25*; do
        vampvm_try_jdk "$home" && return 0
    done
    for home in /usr/lib/jvm/*; do
        [ -L "$home" ] && continue # aliases such as default-java point at a directory seen anyway
        major=$(vampvm_jdk_major "$home")
        [ -n "$major" ] || continue
        if [ "$major" -ge "$VAMPVM_MIN_JDK" ] && [ "$major" -gt "$best_major" ]; then
            best=$home
            best_major=$major
        elif [ "$major" -lt "$VAMPVM_MIN_JDK" ]; then
            seen="$seen
  $home: JDK $major, too old"
        fi
    done
    if [ -n "$best" ]; then
        vampvm_try_jdk "$best" && return 0
    fi
    path_java=$(command -v java 2>/dev/null || true)
    if [ -n "$path_java" ]; then
        path_home=$(dirname "$(dirname "$(readlink -f "$path_java")")")
        vampvm_try_jdk "$path_home" && return 0
        seen="$seen
  java on PATH ($path_java, in $path_home): $(vampvm_describe "$path_home")"
    else
        seen="$seen
  java on PATH: none"
    fi
    cat >&2 <<EOF
vampvm: no JDK $VAMPVM_MIN_JDK or later found. vampvm needs one (java and javac) to build and run.
Looked at:${seen:-
  nothing: no JAVA_HOME, nothing under /usr/lib/jvm, no java on PATH}
Fix: install one, e.g. 'sudo apt-get install openjdk-21-jdk-headless' (Debian/Ubuntu) or Temurin 25
from https://adoptium.net, then run again (or point JAVA_HOME at it).
EOF
    return 1
}

vampvm_require_mvn() {
    command -v mvn >/dev/null 2>&1 && return 0
    cat >&2 <<EOF
vampvm: Maven ('mvn') is not on PATH; it is needed to build vampvm.
Fix: install it, e.g. 'sudo apt-get install maven' (Debian/Ubuntu) or from https://maven.apache.org,
then run again.
EOF
    return 1
}

# Serialises builds of one tree: two Maven runs writing the same target/ corrupt each other's output.
vampvm_lock() {
    local file=$1
    mkdir -p "$(dirname "$file")"
    exec 9>"$file"
    command -v flock >/dev/null 2>&1 || return 0 # no flock (not Linux?): build unlocked
    if ! flock -n 9; then
        echo "vampvm: waiting for another build of this tree to finish ($file)" >&2
        flock 9
    fi
}

# JVM options that silence JDK 24+'s warnings about sun.misc.Unsafe, which JMH and Maven's own libraries
# still call: the warnings say nothing about vampvm and bury its output. Prints nothing for older JDKs,
# which do not know the option.
vampvm_quiet_jvm_opts() {
    if [ "${VAMPVM_JDK_VERSION:-0}" -ge 24 ]; then
        echo "--sun-misc-unsafe-memory-access=allow"
    fi
}

# Transparent huge pages for the heap, where the kernel hands them out on request (its THP mode is madvise; in mode
# always the heap gets them anyway, in mode never or off Linux the JVM does not know or cannot use the option). A proof
# writes gigabytes of heap that a fresh JVM has never touched: with 4 KiB pages a 'vampvm prove' at k = 16 took
# ~550,000 page faults, with huge pages ~38,000, and its compile, keygen and prove phases 25-30% less time (2-core
# dev VM; bench/README.md).
vampvm_huge_pages_jvm_opts() {
    local mode=/sys/kernel/mm/transparent_hugepage/enabled
    if [ "$(uname -s)" = Linux ] && [ -r "$mode" ] && grep -q '\[madvise\]' "$mode"; then
        echo "-XX:+UseTransparentHugePages"
    fi
}

# Options for running vampvm itself: the quiet ones, huge pages where asked for, and the Vector API's incubator
# module, which the CPU engine's lane kernels use when present (dev.vampvm.field.Lanes; the JVM then notes the
# incubator module on stderr).
vampvm_run_jvm_opts() {
    echo "$(vampvm_quiet_jvm_opts) $(vampvm_huge_pages_jvm_opts) --add-modules jdk.incubator.vector"
}

# Runs Maven with the JDK found, quietly about Unsafe, without colour codes in logs.
vampvm_mvn() {
    JAVA_HOME=$VAMPVM_JDK MAVEN_OPTS="${MAVEN_OPTS:-} $(vampvm_quiet_jvm_opts)" mvn -Dstyle.color=never "$@"
}
