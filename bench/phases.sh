#!/usr/bin/env bash
# bench/phases.sh [RUNS] [-- sockscope args] — where one `sockscope --list` spends its time.
#
# Runs the JVM command the launcher ends in (read from `bash -x bin/sockscope`, so the same java,
# flags and class-data archive) RUNS times (default 20) with -Dsockscope.phases=<start>, and
# prints for each phase the median milliseconds since the launcher's exec of java, and the step
# from the phase before: main (JVM start and our first class), parsed (options), source-open
# (netlink socket or /proc), tables-read, fd-scan-done, owners-resolved, selected (filter and
# sort), written (format and output), exit. Also the JVM floor: bench/Trivial on the same flags
# (bench/run.sh builds it), and the classes loaded (-Xlog:class+load).
#
# Bring your own load (e.g. bench/out/loadmix --sockets 10000 in another terminal): this script
# measures whatever the machine holds, and prints the socket count.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$here"
runs=${1:-20}
shift || true
[ "${1:-}" = -- ] && shift
args=("$@")
[ "${#args[@]}" -gt 0 ] || args=(--list -tu)

bin/sockscope --version >/dev/null
line=$(bash -x bin/sockscope "${args[@]}" 2>&1 >/dev/null | grep -E '^\+ exec [^ ]*/bin/java ' | tail -1 || true)
[ -n "$line" ] || { echo "phases: could not read the launcher's java command" >&2; exit 1; }
eval "launch=(${line#+ exec })"
java_cmd=()
rest=()
seen_jar=false
for a in "${launch[@]}"; do
  if $seen_jar; then continue; fi
  if [ "$a" = -cp ]; then seen_jar=true; continue; fi
  java_cmd+=("$a")
done
jar=$(printf '%s\n' "${launch[@]}" | grep -A1 -x -- -cp | tail -1)

out=$(mktemp -d "${TMPDIR:-/tmp}/sockscope-phases.XXXXXX")
trap 'rm -rf "$out"' EXIT
for ((i = 0; i < runs; i++)); do
  t0=$(date +%s%N)
  "${java_cmd[@]}" -Dsockscope.phases="$t0" -cp "$jar" dev.sockscope.Main "${args[@]}" 2>>"$out/phases" >/dev/null || true
  echo "run" >>"$out/phases"
done
classes=$("${java_cmd[@]}" -Xlog:class+load:file="$out/classes" -cp "$jar" dev.sockscope.Main "${args[@]}" >/dev/null 2>&1; grep -c 'source:' "$out/classes" || true)
ours=$(grep -c 'dev\.sockscope' "$out/classes" || true)
sockets=$(ss -tuan | tail -n +2 | wc -l)
trivial=""
if [ -f bench/out/trivial.jar ]; then
  flags=()
  for a in "${java_cmd[@]:1}"; do case $a in -D* | -XX:AOTCache=* | -XX:SharedArchiveFile=*) ;; *) flags+=("$a") ;; esac; done
  arch=()
  [ -f bench/out/trivial.aot ] && [[ " ${java_cmd[*]} " == *" -XX:AOTCache="* ]] && arch=(-XX:AOTCache=bench/out/trivial.aot)
  [ -f bench/out/trivial.jsa ] && [[ " ${java_cmd[*]} " == *" -XX:SharedArchiveFile="* ]] && arch=(-XX:SharedArchiveFile=bench/out/trivial.jsa)
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    "${java_cmd[0]}" "${flags[@]}" "${arch[@]}" -cp bench/out/trivial.jar Trivial >/dev/null 2>&1 || true
    echo $(( ($(date +%s%N) - t0) / 1000 ))
  done | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}' >"$out/trivial"
  trivial=$(cat "$out/trivial")
fi
python3 - "$out/phases" "$runs" "$sockets" "$classes" "$ours" "$trivial" "${args[*]}" <<'PY'
import sys, statistics
path, runs, sockets, classes, ours, trivial, args = sys.argv[1:]
order, vals, cur = [], {}, {}
for line in open(path):
    p = line.split()
    if p and p[0] == "run":
        for k, v in cur.items():
            vals.setdefault(k, []).append(v)
        cur = {}
    elif len(p) == 3 and p[0] == "phase":
        if p[1] not in order:
            order.append(p[1])
        cur[p[1]] = float(p[2])
print(f"sockscope {args}: {runs} runs, {sockets} TCP/UDP sockets on this host, {classes} classes loaded ({ours} of sockscope)")
if trivial:
    print(f"JVM floor (bench/Trivial, same flags and kind of archive): {trivial} ms")
print("| phase | at (median ms) | step (ms) |")
print("|---|---|---|")
prev = 0.0
for k in order:
    m = statistics.median(vals[k])
    print(f"| {k} | {m:.1f} | {m - prev:.1f} |")
    prev = m
PY
