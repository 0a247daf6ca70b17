#!/usr/bin/env bash
# bench/run.sh [N...] — times sockscope against ss, netstat and lsof under N idle loopback TCP
# connections (each connection is two sockets, both ends held by bench/loadgen), side by side in
# one run. N = 0 is the idle machine (no load) and adds the start-up comparison with
# bench/Trivial.java. Default loads: 0 10000 40000 100000.
#
# Raw results go to the ignored bench/out/<stamp>/ (hyperfine JSON per load and command, meta.tsv);
# the summary, kept in git, to bench/results/<stamp>.md and bench/results/latest.md.
#
# Environment knobs:
#   RUNS=5 WARMUP=1     hyperfine runs and warm-ups per command (fast commands)
#   STARTUP_RUNS=30     runs of sockscope and Trivial at load 0, measured one right after the
#                       other: their 30-80 ms move by several ms between runs on a shared machine
#   SLOW_MS=5000        a command whose single probe run takes longer gets --warmup 0 --runs 3
#   VERY_SLOW_MS=60000  ... and longer than this, --runs 2
#   TOOL_TIMEOUT=300    seconds; a probe run that takes longer is recorded as a timeout
#   REPEAT_AT="40000"   loads at which the 11-snapshot comparison runs
#   SKIP=""             space-separated command names to leave out (ss netstat lsof sockscope
#                       sockscope-json trivial ss-x11 sockscope-x11)
#   LOAD_SECONDS=3600   hard upper bound on the life of each load generator
#   SOCKSCOPE=auto      auto: measure bin/sockscope when it runs; no: leave it out
set -euo pipefail

bench=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(dirname "$bench")
cd "$root"

RUNS=${RUNS:-5}
STARTUP_RUNS=${STARTUP_RUNS:-30}
WARMUP=${WARMUP:-1}
SLOW_MS=${SLOW_MS:-5000}
VERY_SLOW_MS=${VERY_SLOW_MS:-60000}
TOOL_TIMEOUT=${TOOL_TIMEOUT:-300}
REPEAT_AT=${REPEAT_AT:-40000}
SKIP=${SKIP:-}
LOAD_SECONDS=${LOAD_SECONDS:-3600}
SOCKSCOPE=${SOCKSCOPE:-auto}

loads=("$@")
[ "${#loads[@]}" -gt 0 ] || loads=(0 10000 40000 100000)

die() { printf 'run.sh: %s\n' "$1" >&2; exit 1; }
note() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

for n in "${loads[@]}"; do
  case $n in '' | *[!0-9]*) die "load must be a number of connections, got '$n'" ;; esac
done
for tool in hyperfine ss gcc python3; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (apt-get install -y hyperfine iproute2 gcc python3)"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install -y time)"

stamp=$(date +%Y%m%d-%H%M%S)
out="$bench/out/$stamp"
mkdir -p "$out" "$bench/out"
meta="$out/meta.tsv"
: >"$meta"
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$meta"; }

skipped() { case " $SKIP " in *" $1 "*) return 0 ;; esac; return 1; }

# --- build the load generator and the start-up baseline --------------------------------------
loadgen="$bench/out/loadgen"
if [ ! -x "$loadgen" ] || [ "$bench/loadgen.c" -nt "$loadgen" ]; then
  gcc -O2 -Wall -Wextra -o "$loadgen" "$bench/loadgen.c"
fi

# --- the JVM command line bin/sockscope ends in (java path and flags before -jar) ------------
# Read from the launcher's own trace, so the baseline follows whatever JDK, flags and class-data
# archive (CDS -XX:SharedArchiveFile or JDK 25 -XX:AOTCache) the launcher uses.
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
    line=$(bash -x bin/sockscope --list -tu 2>&1 >/dev/null | grep -E '^\+ exec [^ ]*/bin/java ' | tail -1 || true)
    if [ -n "$line" ]; then
      eval "launch=(${line#+ exec })"
      for arg in "${launch[@]}"; do
        [ "$arg" = -jar ] && break
        java_cmd+=("$arg")
      done
    fi
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
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$j/release")
    [ -n "$v" ] && [ "$v" -gt "$best_v" ] && { best=$j; best_v=$v; }
  done
  [ -n "$best" ] || die "no JDK under /usr/lib/jvm"
  java_cmd=("$best/bin/java" -XX:+UseSerialGC -XX:-UsePerfData -Xss512k)
fi
java_bin=${java_cmd[0]}
javac_bin="$(dirname "$java_bin")/javac"
[ -x "$javac_bin" ] || javac_bin=javac
record - java "$("$java_bin" -version 2>&1 | head -1)"

# the same kind of class-data archive for Trivial as the launcher uses for sockscope:
# flags without the -D properties and without sockscope's own archive
jvm_flags=()
archive_kind=default-cds
for arg in "${java_cmd[@]:1}"; do
  case $arg in
    -XX:SharedArchiveFile=*) archive_kind=appcds ;;
    -XX:AOTCache=*) archive_kind=aot ;;
    -XX:AOTMode=* | -XX:ArchiveClassesAtExit=* | -XX:AOTCacheOutput=* | -D*) ;;
    *) jvm_flags+=("$arg") ;;
  esac
done
record - archive "$archive_kind"
record - java_cmd "${java_cmd[*]}"

if [ ! -f "$bench/out/Trivial.class" ] || [ "$bench/Trivial.java" -nt "$bench/out/Trivial.class" ]; then
  "$javac_bin" --release 17 -d "$bench/out" "$bench/Trivial.java"
  rm -f "$bench/out/trivial.jsa" "$bench/out/trivial.aot" "$bench/out/trivial.jar"
fi
# class-data archives take classes from jars only, as the launcher runs sockscope.jar
[ -f "$bench/out/trivial.jar" ] || "$(dirname "$javac_bin")/jar" cf "$bench/out/trivial.jar" -C "$bench/out" Trivial.class
trivial_cmd=("$java_bin" "${jvm_flags[@]}")
case $archive_kind in
  appcds)
    [ -f "$bench/out/trivial.jsa" ] || "$java_bin" "${jvm_flags[@]}" \
      "-XX:ArchiveClassesAtExit=$bench/out/trivial.jsa" -cp "$bench/out/trivial.jar" Trivial >/dev/null 2>&1 || true
    trivial_cmd+=("-XX:SharedArchiveFile=$bench/out/trivial.jsa") ;;
  aot)
    [ -f "$bench/out/trivial.aot" ] || "$java_bin" "${jvm_flags[@]}" \
      "-XX:AOTCacheOutput=$bench/out/trivial.aot" -cp "$bench/out/trivial.jar" Trivial >/dev/null 2>&1 || true
    trivial_cmd+=("-XX:AOTCache=$bench/out/trivial.aot") ;;
esac
trivial_cmd+=(-cp "$bench/out/trivial.jar" Trivial)
record - trivial_cmd "${trivial_cmd[*]}"

# --- the load ----------------------------------------------------------------------------------
lg_pid=""
lg_fd=""
tcp_lines() { cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | grep -vc 'local_address' || true; }
baseline_lines=$(tcp_lines)

start_load() {
  local n=$1 fifo="$out/loadgen.fifo" waited=0
  rm -f "$fifo"; mkfifo "$fifo"
  "$loadgen" --conns "$n" --seconds "$LOAD_SECONDS" <"$fifo" >"$out/loadgen-$n.log" 2>&1 &
  lg_pid=$!
  exec {lg_fd}>"$fifo"
  rm -f "$fifo"
  until grep -q '^ready' "$out/loadgen-$n.log"; do
    kill -0 "$lg_pid" 2>/dev/null || { cat "$out/loadgen-$n.log" >&2; lg_pid=""; return 1; }
    sleep 0.2; waited=$((waited + 1))
    [ "$waited" -lt 1500 ] || { stop_load; die "load of $n not ready after 300 s"; }
  done
  note "load $n up: $(cat "$out/loadgen-$n.log")"
}

stop_load() {
  [ -n "$lg_pid" ] || return 0
  [ -n "$lg_fd" ] && exec {lg_fd}>&-
  lg_fd=""
  local i
  for ((i = 0; i < 600; i++)); do kill -0 "$lg_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$lg_pid" 2>/dev/null; then
    kill -TERM "$lg_pid" 2>/dev/null || true
    sleep 2
    kill -0 "$lg_pid" 2>/dev/null && kill -KILL "$lg_pid" 2>/dev/null || true
  fi
  wait "$lg_pid" 2>/dev/null || true
  lg_pid=""
  # let the kernel drop the closed sockets before the next load is built
  for ((i = 0; i < 300; i++)); do
    [ "$(tcp_lines)" -le $((baseline_lines + 100)) ] && break
    sleep 0.2
  done
}
trap 'stop_load' EXIT
trap 'exit 130' INT TERM

# --- measuring ---------------------------------------------------------------------------------
# measure LOAD NAME CMD...: one probe run (bounded by TOOL_TIMEOUT) that checks the exit status
# and picks the number of runs, then hyperfine with the JSON export.
measure() {
  local n=$1 name=$2; shift 2
  skipped "$name" && return 0
  local t0 t1 ms rc
  t0=$(date +%s%N)
  set +e
  timeout "$TOOL_TIMEOUT" "$@" >/dev/null 2>"$out/$n-$name.err"
  rc=$?
  set -e
  t1=$(date +%s%N)
  ms=$(((t1 - t0) / 1000000))
  if [ "$rc" -eq 124 ]; then
    note "$name at $n: timed out after ${TOOL_TIMEOUT}s"
    record "$n" "status.$name" "timeout>${TOOL_TIMEOUT}s"
    return 0
  fi
  # exit 1 means "nothing matched" for sockscope and lsof (lsof -iTCP on an idle machine)
  if [ "$rc" -ne 0 ] && ! { [ "$rc" -eq 1 ] && [[ $name == sockscope* || $name == lsof ]]; }; then
    note "$name at $n: exit $rc (see $out/$n-$name.err)"
    record "$n" "status.$name" "exit $rc"
    return 0
  fi
  local runs=$RUNS warmup=$WARMUP
  if [ "$n" -eq 0 ] && { [ "$name" = sockscope ] || [ "$name" = trivial ]; }; then runs=$STARTUP_RUNS; warmup=3; fi
  if [ "$ms" -gt "$VERY_SLOW_MS" ]; then runs=2; warmup=0
  elif [ "$ms" -gt "$SLOW_MS" ]; then runs=3; warmup=0
  fi
  record "$n" "probe_ms.$name" "$ms"
  record "$n" "loadavg.$name" "$(cut -d' ' -f1 /proc/loadavg)"
  note "$name at $n: probe ${ms} ms, hyperfine --warmup $warmup --runs $runs"
  local cmd q
  cmd=""
  for q in "$@"; do cmd+="$(printf '%q' "$q") "; done
  hyperfine -N -i --style basic --warmup "$warmup" --runs "$runs" \
    --export-json "$out/$n-$name.json" --command-name "$name" -- "${cmd% }" >"$out/$n-$name.txt" 2>&1 \
    || { note "$name at $n: hyperfine failed (see $out/$n-$name.txt)"; record "$n" "status.$name" "hyperfine failed"; }
}

# rss LOAD NAME CMD...: peak RSS (KiB, GNU time %M) of three runs; the median is recorded.
rss() {
  local n=$1 name=$2; shift 2
  skipped "$name" && return 0
  local i vals=()
  for i in 1 2 3; do
    vals+=("$(/usr/bin/time -f %M timeout "$TOOL_TIMEOUT" "$@" 2>&1 >/dev/null | tail -1)")
  done
  record "$n" "rss_kib.$name" "$(printf '%s\n' "${vals[@]}" | sort -n | sed -n 2p)"
}

record - host "$(uname -n) $(uname -r), $(nproc) CPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
record - tools "$(ss -V 2>&1 | head -1); $(netstat -V 2>&1 | head -1); lsof $(lsof -v 2>&1 | sed -n 's/^ *revision: *//p' | head -1); $(hyperfine --version)"
record - nofile "hard $(ulimit -Hn), fs.nr_open $(cat /proc/sys/fs/nr_open), fs.file-max $(cat /proc/sys/fs/file-max), tcp_max_orphans $(cat /proc/sys/net/ipv4/tcp_max_orphans), ip_local_port_range $(tr '\t' '-' </proc/sys/net/ipv4/ip_local_port_range)"

for n in "${loads[@]}"; do
  if [ "$n" -gt 0 ]; then
    start_load "$n" || die "could not build a load of $n connections (see $out/loadgen-$n.log)"
  fi
  record "$n" sockets "$(tcp_lines)"
  if [ "$n" -eq 0 ] && [ "$(tcp_lines)" -gt 1000 ]; then
    note "warning: $(tcp_lines) TCP sockets already open: the idle figures are not idle"
  fi
  measure "$n" ss ss -tuanp
  command -v netstat >/dev/null 2>&1 && measure "$n" netstat netstat -tuanp
  command -v lsof >/dev/null 2>&1 && measure "$n" lsof lsof -nP -iTCP
  if $sockscope_ok; then
    measure "$n" sockscope bin/sockscope --list -tu
    # the start-up comparison: Trivial right after sockscope, under the same conditions
    [ "$n" -eq 0 ] && measure "$n" trivial "${trivial_cmd[@]}"
    measure "$n" sockscope-json bin/sockscope --list -tu --format json
    rss "$n" sockscope bin/sockscope --list -tu
    rss "$n" sockscope-json bin/sockscope --list -tu --format json
  fi
  if [ "$n" -eq 0 ] && ! $sockscope_ok; then
    measure "$n" trivial "${trivial_cmd[@]}"
  fi
  case " $REPEAT_AT " in
    *" $n "*)
      measure "$n" ss-x11 "$bench/repeat.sh" 11 ss -tuanp
      $sockscope_ok && measure "$n" sockscope-x11 bin/sockscope --list -tu --count 11 --interval 0
      ;;
  esac
  if [ "$n" -gt 0 ]; then stop_load; fi
done

python3 "$bench/summarize.py" "$out" | tee "$out/summary.md"
cp "$out/summary.md" "$bench/results/$stamp.md"
cp "$out/summary.md" "$bench/results/latest.md"
note "results in $out"
