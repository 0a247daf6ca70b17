#!/usr/bin/env bash
# bench/run.sh [N...] — times sockscope against ss, netstat and lsof under loopback loads of N
# sockets (rows `ss -tuan` lists), of two kinds, side by side in one run:
#   spread  bench/loadgen: N/2 idle TCP connections, both ends held, in processes of at most
#           9,000 connections each (so `ss -p` walks many fd tables)
#   few     bench/loadmix: N sockets in four processes (more where the hard RLIMIT_NOFILE cannot
#           be raised: six at 100k under 20,000), 95% TCP connection ends over v4 and v6 with v4
#           and v6 listeners, 5% UDP, plus N/20 unix sockets
# N = 0 is the idle machine (no load, one kind) and adds the start-up comparison with
# bench/Trivial.java on the launcher's JDK and on JDK 17. Default loads: 0 10000 40000 100000.
#
# Per load and kind: `ss -tuanp`, `netstat -tuanp`, `lsof -nP -iTCP`, `sockscope --list -tu`
# (table and JSON), peak RSS; at REPEAT_AT 11 snapshots against 11 x ss; at LIVE_AT the live
# view's CPU at --interval 1 (bench/lib.sh, live_cpu).
#
# Raw results go to the ignored bench/out/<stamp>/ (hyperfine JSON per load, kind and command,
# meta.tsv); the summary, kept in git, to bench/results/<stamp>.md and bench/results/latest.md.
#
# Environment knobs:
#   KINDS="spread few"  the loads' kinds, in this order at each N
#   RUNS=5 WARMUP=1     hyperfine runs and warm-ups per command (fast commands)
#   STARTUP_RUNS=30     runs of sockscope and Trivial at load 0, measured one right after the
#                       other: their 30-80 ms move by several ms between runs on a shared machine
#   SLOW_MS=5000        a command whose single probe run takes longer gets --warmup 0 --runs 3
#   VERY_SLOW_MS=60000  ... and longer than this, --runs VERY_SLOW_RUNS (2; 1 for a quick check:
#                       eleven `ss -tuanp` at 40k take minutes on a busy machine)
#   TOOL_TIMEOUT=300    seconds; a probe run that takes longer is recorded as a timeout
#   REPEAT_AT="40000"   loads at which the 11-snapshot comparison runs
#   LIVE_AT="40000"     loads at which the live view's CPU is measured
#   LIVE_WARMUP=20 LIVE_WINDOW=60   seconds of the live view before and during the measurement
#   JDK17=auto          the JDK 17 home for the second start-up comparison (auto: the one under
#                       /usr/lib/jvm; no: leave it out)
#   SKIP=""             space-separated command names to leave out (ss netstat lsof sockscope
#                       sockscope-json trivial jdk17 ss-x11 sockscope-x11 live rss)
#   LOAD_SECONDS=3600   hard upper bound on the life of each load generator
#   SOCKSCOPE=auto      auto: measure bin/sockscope when it runs; no: leave it out
#   ARCHIVE_WAIT=120    seconds to wait for the launcher's class-data archive (trained in the
#                       background by its first run) before measuring without one
set -euo pipefail

bench=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(dirname "$bench")
cd "$root"
# shellcheck source=bench/lib.sh
. "$bench/lib.sh"

KINDS=${KINDS:-spread few}
RUNS=${RUNS:-5}
STARTUP_RUNS=${STARTUP_RUNS:-30}
WARMUP=${WARMUP:-1}
SLOW_MS=${SLOW_MS:-5000}
VERY_SLOW_MS=${VERY_SLOW_MS:-60000}
VERY_SLOW_RUNS=${VERY_SLOW_RUNS:-2}
TOOL_TIMEOUT=${TOOL_TIMEOUT:-300}
REPEAT_AT=${REPEAT_AT:-40000}
LIVE_AT=${LIVE_AT:-40000}
LIVE_WARMUP=${LIVE_WARMUP:-20}
LIVE_WINDOW=${LIVE_WINDOW:-60}
JDK17=${JDK17:-auto}
SKIP=${SKIP:-}
LOAD_SECONDS=${LOAD_SECONDS:-3600}
SOCKSCOPE=${SOCKSCOPE:-auto}
ARCHIVE_WAIT=${ARCHIVE_WAIT:-120}

loads=("$@")
[ "${#loads[@]}" -gt 0 ] || loads=(0 10000 40000 100000)

die() { printf 'run.sh: %s\n' "$1" >&2; exit 1; }
note() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

for n in "${loads[@]}"; do
  case $n in '' | *[!0-9]*) die "load must be a number of sockets, got '$n'" ;; esac
done
read -r -a kinds <<<"$KINDS"
[ "${#kinds[@]}" -gt 0 ] || die "KINDS is empty (spread, few or both)"
for k in "${kinds[@]}"; do
  case $k in spread | few) ;; *) die "unknown kind '$k' in KINDS (spread, few)" ;; esac
done
for v in RUNS STARTUP_RUNS WARMUP VERY_SLOW_RUNS SLOW_MS VERY_SLOW_MS LIVE_WARMUP LIVE_WINDOW TOOL_TIMEOUT LOAD_SECONDS ARCHIVE_WAIT; do
  case ${!v} in '' | *[!0-9]*) die "$v must be a number, got '${!v}'" ;; esac
done
for tool in hyperfine ss gcc python3; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (apt-get install -y hyperfine iproute2 gcc python3)"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install -y time)"

started=$(date +%s)
stamp=$(date +%Y%m%d-%H%M%S)
out="$bench/out/$stamp"
mkdir -p "$out" "$bench/out"
meta="$out/meta.tsv"
: >"$meta"
# record TAG KEY VALUE: TAG is "-" for the run, else KIND-LOAD (idle-0, spread-10000, few-10000)
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$meta"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
skipped() { case " $SKIP " in *" $1 "*) return 0 ;; esac; return 1; }
at() { case " $2 " in *" $1 "*) return 0 ;; esac; return 1; }

record - loadavg_start "$(loadavg)"
record - kinds "${kinds[*]}"

# --- build the load generators and the start-up baseline ----------------------------------
bench_build || die "could not build bench/out/loadgen and bench/out/loadmix"

# launcher_cmd [JAVA_HOME]: sets java_cmd to the JVM command line bin/sockscope ends in (java
# path and flags before -cp), read from the launcher's own trace, so the baseline follows
# whatever JDK, flags and class-data archive (AppCDS -XX:SharedArchiveFile on JDK 17-24, AOT
# cache -XX:AOTCache on 25) the launcher uses for a snapshot. Waits up to ARCHIVE_WAIT seconds
# for the archive the launcher trains in the background on its first run with a JDK.
launcher_cmd() {
  local home=${1:-} line="" arg which
  local env=()
  which=${1:-"the launcher's JDK"}
  [ -n "$home" ] && env=(JAVA_HOME="$home")
  java_cmd=()
  # the launcher keeps two archives (bin/sockscope, Training.java): the full one (JSON, repeated
  # snapshots, the live view) and the plain table's; both are trained before anything is timed
  archive_line "$which, full" --list -tu --format json >/dev/null
  line=$(archive_line "$which, plain table" --list -tu)
  [ -n "$line" ] || return 1
  eval "launch=(${line#+ exec })"
  for arg in "${launch[@]}"; do
    [ "$arg" = -cp ] && break
    java_cmd+=("$arg")
  done
}

# archive_line WHAT ARGS...: the launcher's exec line for ARGS (env: the caller's array), once
# the class-data archive of that kind of run is there or ARCHIVE_WAIT seconds have passed
archive_line() {
  local what=$1 line="" waited=0
  shift
  while :; do
    line=$(env "${env[@]}" bash -x bin/sockscope "$@" 2>&1 >/dev/null | grep -E '^\+ exec [^ ]*/bin/java ' | tail -1 || true)
    case $line in *-XX:AOTCache=* | *-XX:SharedArchiveFile=*) break ;; esac
    [ "$waited" -lt "$ARCHIVE_WAIT" ] || { note "no class-data archive for $what after ${ARCHIVE_WAIT}s: measuring without one"; break; }
    [ "$waited" -eq 0 ] && note "waiting for the launcher's class-data archive ($what)"
    sleep 2
    waited=$((waited + 2))
  done
  printf '%s\n' "$line"
}

# trivial_cmd_for SUFFIX: sets trivial_cmd to run Trivial on java_cmd's JVM with its flags
# (without the -D properties and sockscope's own archive) and an archive of the same kind as
# the launcher's, made once in bench/out/ (trivial-SUFFIX.jsa or .aot); records the kind.
trivial_cmd_for() {
  local sfx=$1 arg kind=default-cds java_bin=${java_cmd[0]}
  local flags=()
  for arg in "${java_cmd[@]:1}"; do
    case $arg in
      -XX:SharedArchiveFile=*) kind=appcds ;;
      -XX:AOTCache=*) kind=aot ;;
      -XX:AOTMode=* | -XX:ArchiveClassesAtExit=* | -XX:AOTCacheOutput=* | -D*) ;;
      *) flags+=("$arg") ;;
    esac
  done
  trivial_cmd=("$java_bin" "${flags[@]}")
  # an archive made with other flags (one more --enable-native-access) is refused by the JVM,
  # which then runs Trivial without it: made again whenever the flags change
  local made="$bench/out/trivial-$sfx.flags"
  if [ "$(cat "$made" 2>/dev/null)" != "${flags[*]}" ]; then
    rm -f "$bench/out/trivial-$sfx.jsa" "$bench/out/trivial-$sfx.aot"
    printf '%s' "${flags[*]}" >"$made"
  fi
  case $kind in
    appcds)
      [ -s "$bench/out/trivial-$sfx.jsa" ] || "$java_bin" "${flags[@]}" \
        "-XX:ArchiveClassesAtExit=$bench/out/trivial-$sfx.jsa" -cp "$bench/out/trivial.jar" Trivial >/dev/null 2>&1 || true
      if [ -s "$bench/out/trivial-$sfx.jsa" ]; then
        trivial_cmd+=("-XX:SharedArchiveFile=$bench/out/trivial-$sfx.jsa")
      else
        kind="appcds (Trivial's failed: default CDS)"
      fi ;;
    aot)
      [ -s "$bench/out/trivial-$sfx.aot" ] || "$java_bin" "${flags[@]}" \
        "-XX:AOTCacheOutput=$bench/out/trivial-$sfx.aot" -cp "$bench/out/trivial.jar" Trivial >/dev/null 2>&1 || true
      if [ -s "$bench/out/trivial-$sfx.aot" ]; then
        trivial_cmd+=("-XX:AOTCache=$bench/out/trivial-$sfx.aot")
      else
        kind="aot (Trivial's failed: default CDS)"
      fi ;;
  esac
  trivial_cmd+=(-cp "$bench/out/trivial.jar" Trivial)
  record - "archive$2" "$kind"
  record - "java_cmd$2" "${java_cmd[*]}"
  record - "trivial_cmd$2" "${trivial_cmd[*]}"
}

jdk_version() { sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$1/release" 2>/dev/null; }

sockscope_ok=false
java_cmd=()
if [ "$SOCKSCOPE" != no ]; then
  note "checking bin/sockscope (builds the jar on first use)"
  set +e
  timeout 900 bin/sockscope --list -tu >/dev/null 2>"$out/sockscope-check.err"
  rc=$?
  set -e
  if [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; then
    sockscope_ok=true
    launcher_cmd || true
    # a checkout's launcher rebuilds the jar when a source is newer: an edit during the run
    # would make the rest of it measure another build, with no class-data archive at first
    jar_id=$(stat -c '%Y.%s' "$root/target/sockscope.jar" 2>/dev/null || true)
  else
    note "bin/sockscope does not run yet (exit $rc, see $out/sockscope-check.err); measuring the others only"
    record - sockscope "unavailable (exit $rc)"
  fi
fi
if [ "${#java_cmd[@]}" -eq 0 ]; then
  # the launcher's choice without it: the newest JDK >= 17 under /usr/lib/jvm, its flags
  best=""; best_v=0
  for j in /usr/lib/jvm/*; do
    [ -x "$j/bin/java" ] && [ -r "$j/release" ] || continue
    v=$(jdk_version "$j"); v=${v%%.*}
    [ -n "$v" ] && [ "$v" -gt "$best_v" ] && { best=$j; best_v=$v; }
  done
  [ -n "$best" ] || die "no JDK under /usr/lib/jvm"
  java_cmd=("$best/bin/java" -XX:+UseSerialGC -XX:-UsePerfData -Xss512k)
fi
java_bin=${java_cmd[0]}
java_home=$(dirname "$(dirname "$java_bin")")
java_major=$(jdk_version "$java_home"); java_major=${java_major%%.*}
javac_bin="$java_home/bin/javac"
[ -x "$javac_bin" ] || javac_bin=javac
record - java "$("$java_bin" -version 2>&1 | head -1) at $java_home"

if [ ! -f "$bench/out/Trivial.class" ] || [ "$bench/Trivial.java" -nt "$bench/out/Trivial.class" ]; then
  "$javac_bin" --release 17 -d "$bench/out" "$bench/Trivial.java"
  rm -f "$bench/out"/trivial*.jsa "$bench/out"/trivial*.aot "$bench/out/trivial.jar"
fi
# class-data archives take classes from jars only, as the launcher runs sockscope.jar
[ -f "$bench/out/trivial.jar" ] || "$(dirname "$javac_bin")/jar" cf "$bench/out/trivial.jar" -C "$bench/out" Trivial.class
trivial_cmd_for "$java_major" ""
trivial_main=("${trivial_cmd[@]}")

# the second start-up comparison: JDK 17, through the launcher's JAVA_HOME
jdk17=""
trivial_17=()
if [ "$JDK17" != no ] && ! skipped jdk17 && at 0 "${loads[*]}"; then
  if [ "$JDK17" = auto ]; then
    for j in /usr/lib/jvm/*; do
      [ -x "$j/bin/java" ] && [ ! -L "$j" ] || continue
      case $(jdk_version "$j") in 17 | 17.*) jdk17=$j; break ;; esac
    done
  else
    jdk17=$JDK17
  fi
  if [ -z "$jdk17" ]; then
    note "no JDK 17 under /usr/lib/jvm: start-up on JDK 17 left out"
    record - jdk17 "not found"
  elif [ "$java_major" = 17 ]; then
    note "the launcher already runs JDK 17: one start-up comparison"
    jdk17=""
  elif $sockscope_ok; then
    saved=("${java_cmd[@]}")
    if launcher_cmd "$jdk17"; then
      record - java17 "$("$jdk17/bin/java" -version 2>&1 | head -1) at $jdk17"
      trivial_cmd_for 17 17
      trivial_17=("${trivial_cmd[@]}")
    else
      note "bin/sockscope with JAVA_HOME=$jdk17 did not run: start-up on JDK 17 left out"
      jdk17=""
    fi
    java_cmd=("${saved[@]}")
  else
    jdk17=""
  fi
fi

# --- measuring ---------------------------------------------------------------------------------
# measure TAG NAME CMD...: one probe run (bounded by TOOL_TIMEOUT) that checks the exit status
# and picks the number of runs, then hyperfine with the JSON export. MEASURE_ENV (an array of
# NAME=VALUE) is put in hyperfine's environment, so the measured command is not an `env` run.
MEASURE_ENV=()
measure() {
  local tag=$1 name=$2; shift 2
  skipped "$name" && return 0
  local t0 t1 ms rc
  t0=$(date +%s%N)
  set +e
  env "${MEASURE_ENV[@]}" timeout "$TOOL_TIMEOUT" "$@" >/dev/null 2>"$out/$tag-$name.err"
  rc=$?
  set -e
  t1=$(date +%s%N)
  ms=$(((t1 - t0) / 1000000))
  if [ "$rc" -eq 124 ]; then
    note "$name at $tag: timed out after ${TOOL_TIMEOUT}s"
    record "$tag" "status.$name" "timeout>${TOOL_TIMEOUT}s"
    return 0
  fi
  # exit 1 means "nothing matched" for sockscope and lsof (lsof -iTCP on an idle machine)
  if [ "$rc" -ne 0 ] && ! { [ "$rc" -eq 1 ] && [[ $name == sockscope* || $name == lsof ]]; }; then
    note "$name at $tag: exit $rc (see $out/$tag-$name.err)"
    record "$tag" "status.$name" "exit $rc"
    return 0
  fi
  local runs=$RUNS warmup=$WARMUP
  case $name in sockscope | trivial | sockscope-17 | trivial-17)
    if [ "$tag" = idle-0 ]; then runs=$STARTUP_RUNS; warmup=3; fi ;;
  esac
  if [ "$ms" -gt "$VERY_SLOW_MS" ]; then runs=$VERY_SLOW_RUNS; warmup=0
  elif [ "$ms" -gt "$SLOW_MS" ]; then runs=3; warmup=0
  fi
  record "$tag" "probe_ms.$name" "$ms"
  record "$tag" "loadavg.$name" "$(cut -d' ' -f1 /proc/loadavg)"
  note "$name at $tag: probe ${ms} ms, hyperfine --warmup $warmup --runs $runs"
  local cmd q
  cmd=""
  for q in "$@"; do cmd+="$(printf '%q' "$q") "; done
  env "${MEASURE_ENV[@]}" hyperfine -N -i --style basic --warmup "$warmup" --runs "$runs" \
    --export-json "$out/$tag-$name.json" --command-name "$name" -- "${cmd% }" >"$out/$tag-$name.txt" 2>&1 \
    || { note "$name at $tag: hyperfine failed (see $out/$tag-$name.txt)"; record "$tag" "status.$name" "hyperfine failed"; }
}

# rss TAG NAME CMD...: peak RSS (KiB, GNU time %M) of three runs; the median is recorded.
rss() {
  local tag=$1 name=$2; shift 2
  skipped rss && return 0
  skipped "$name" && return 0
  local i vals=()
  for i in 1 2 3; do
    vals+=("$(/usr/bin/time -f %M timeout "$TOOL_TIMEOUT" "$@" 2>&1 >/dev/null | tail -1)")
  done
  record "$tag" "rss_kib.$name" "$(printf '%s\n' "${vals[@]}" | sort -n | sed -n 2p)"
}

# live TAG: the live view's CPU and memory at --interval 1 under the load that is up
live() {
  local tag=$1 line dir="$out/$tag-live"
  skipped live && return 0
  mkdir -p "$dir"
  record "$tag" loadavg.live "$(cut -d' ' -f1 /proc/loadavg)"
  note "live view at $tag: ${LIVE_WARMUP}s warm-up, ${LIVE_WINDOW}s measured"
  if line=$(live_cpu "$LIVE_WARMUP" "$LIVE_WINDOW" "$dir"); then
    record "$tag" live "$line"
    note "live view at $tag: $line"
  else
    record "$tag" status.live "${line:-failed} (see $dir)"
    note "live view at $tag: did not run ($line, see $dir)"
  fi
}

trap 'load_stop' EXIT
trap 'exit 130' INT TERM

record - host "$(uname -n) $(uname -r), $(nproc) CPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
record - tools "$(ss -V 2>&1 | head -1); $(netstat -V 2>&1 | head -1); lsof $(lsof -v 2>&1 | sed -n 's/^ *revision: *//p' | head -1); $(hyperfine --version)"
record - nofile "hard $(ulimit -Hn), fs.nr_open $(cat /proc/sys/fs/nr_open), fs.file-max $(cat /proc/sys/fs/file-max), tcp_max_orphans $(cat /proc/sys/net/ipv4/tcp_max_orphans), ip_local_port_range $(tr '\t' '-' </proc/sys/net/ipv4/ip_local_port_range)"
record - commit "$(git -C "$root" describe --always --dirty 2>/dev/null || echo '?')"
record - before "$(inet_sockets)"

for n in "${loads[@]}"; do
  if [ "$n" -eq 0 ]; then tag_kinds=(idle); else tag_kinds=("${kinds[@]}"); fi
  for kind in "${tag_kinds[@]}"; do
    tag=$kind-$n
    base=$(inet_sockets)
    if [ "$n" -gt 0 ]; then
      load_start "$kind" "$n" "$LOAD_SECONDS" "$out/$tag-load.log" \
        || die "could not build the $kind load of $n sockets: $(tail -3 "$out/$tag-load.log")"
      note "$kind load of $n sockets up: $(cat "$out/$tag-load.log")"
      record "$tag" load "$(head -1 "$out/$tag-load.log")"
    fi
    record "$tag" baseline "$base"
    record "$tag" sockets "$(inet_sockets)"
    if [ "$n" -eq 0 ] && [ "$base" -gt 1000 ]; then
      note "warning: $base sockets already open: the idle figures are not idle"
    fi
    measure "$tag" ss ss -tuanp
    command -v netstat >/dev/null 2>&1 && measure "$tag" netstat netstat -tuanp
    command -v lsof >/dev/null 2>&1 && measure "$tag" lsof lsof -nP -iTCP
    if $sockscope_ok; then
      measure "$tag" sockscope bin/sockscope --list -tu
      if [ "$n" -eq 0 ]; then
        # the start-up comparisons: Trivial right after sockscope, under the same conditions
        measure "$tag" trivial "${trivial_main[@]}"
        if [ -n "$jdk17" ]; then
          MEASURE_ENV=(JAVA_HOME="$jdk17")
          measure "$tag" sockscope-17 bin/sockscope --list -tu
          MEASURE_ENV=()
          measure "$tag" trivial-17 "${trivial_17[@]}"
        fi
      fi
      measure "$tag" sockscope-json bin/sockscope --list -tu --format json
      rss "$tag" sockscope bin/sockscope --list -tu
      rss "$tag" sockscope-json bin/sockscope --list -tu --format json
    elif [ "$n" -eq 0 ]; then
      measure "$tag" trivial "${trivial_main[@]}"
    fi
    if at "$n" "$REPEAT_AT"; then
      measure "$tag" ss-x11 "$bench/repeat.sh" 11 ss -tuanp
      $sockscope_ok && measure "$tag" sockscope-x11 bin/sockscope --list -tu --count 11 --interval 0
    fi
    if $sockscope_ok && at "$n" "$LIVE_AT"; then live "$tag"; fi
    record "$tag" sockets_end "$(inet_sockets)"
    if [ "$n" -gt 0 ]; then load_stop; fi
  done
done

record - loadavg_end "$(loadavg)"
if [ -n "${jar_id:-}" ] && [ "$(stat -c '%Y.%s' "$root/target/sockscope.jar" 2>/dev/null || true)" != "$jar_id" ]; then
  note "target/sockscope.jar was rebuilt during the run: the figures after that measure another build"
  record - rebuilt yes
fi
record - elapsed_s "$(($(date +%s) - started))"
python3 "$bench/summarize.py" "$out" | tee "$out/summary.md"
cp "$out/summary.md" "$bench/results/$stamp.md"
cp "$out/summary.md" "$bench/results/latest.md"
note "results in $out (took $(($(date +%s) - started)) s)"
