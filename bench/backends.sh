#!/usr/bin/env bash
# bench/backends.sh [N...] — `sockscope --list -tu` read over netlink sock_diag against /proc/net,
# on the launcher's newest JDK and on JDK 17, at loads of N sockets (the spread load of
# bench/run.sh; default 0 10000 40000 100000), side by side with `ss -tuanp`; and, at idle, where
# each backend's start-up goes (bench/phases.sh: source-open and tables-read are the native
# layer's first calls on the netlink side).
#
# Netlink's native calls go through the first binding that loads: sockscope's JNI library (where
# the build made it), the JDK's FFM API (JDK 22+, a jar built on JDK 22+), JNA; the summary says
# which, from --version.
# Hyperfine medians in ms (RUNS, default 5); the summary goes to bench/results/backends-<stamp>.md.
# Loopback only; each load is stopped by its pid.
set -euo pipefail
bench=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(dirname "$bench")
cd "$root"
# shellcheck source=bench/lib.sh
. "$bench/lib.sh"
RUNS=${RUNS:-5}
loads=("$@")
[ "${#loads[@]}" -gt 0 ] || loads=(0 10000 40000 100000)
jdk17=""
for j in /usr/lib/jvm/*17*; do [ -x "$j/bin/java" ] && { jdk17=$j; break; }; done
stamp=$(date +%Y%m%d-%H%M%S)
out="$bench/out/backends-$stamp"
mkdir -p "$out"
bench_build
trap 'load_stop' EXIT

median() { python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['results'][0]['median']*1000))" "$1"; }
time_it() { # NAME CMD...
  local name=$1; shift
  hyperfine -N -i --style basic --warmup 1 --runs "$RUNS" --export-json "$out/$name.json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1
  median "$out/$name.json"
}
# warm both launchers' class-data archives (trained by a first run)
bin/sockscope --list -tu >/dev/null 2>&1 || true
[ -n "$jdk17" ] && { JAVA_HOME=$jdk17 bin/sockscope --list -tu >/dev/null 2>&1 || true; }
sleep 30

{
  echo "## Backends $stamp"
  echo
  echo "- Machine: \`$(uname -r), $(nproc) CPU\`; load average at start $(cut -d' ' -f1 /proc/loadavg)"
  echo "- \`sockscope --list -tu --backend B\`, hyperfine median of $RUNS runs (ms); spread load (bench/loadgen)"
  echo "- auto on the launcher's JDK: \`$(bin/sockscope --version | grep '^backend' || true)\`"
  [ -n "$jdk17" ] && echo "- auto on JDK 17: \`$(JAVA_HOME=$jdk17 bin/sockscope --version | grep '^backend' || true)\`"
  echo
  echo "| sockets | \`ss -tuanp\` | netlink, newest JDK | proc, newest JDK | netlink, JDK 17 | proc, JDK 17 |"
  echo "|---|---|---|---|---|---|"
} >"$out/summary.md"
for n in "${loads[@]}"; do
  if [ "$n" -gt 0 ]; then load_start spread "$n" 3600 "$out/load-$n.log" || { echo "load $n failed" >&2; exit 1; }; fi
  ss_ms=$(time_it "$n-ss" ss -tuanp)
  n25=$(time_it "$n-netlink-25" bin/sockscope --backend netlink --list -tu)
  p25=$(time_it "$n-proc-25" bin/sockscope --backend proc --list -tu)
  n17=- p17=-
  if [ -n "$jdk17" ]; then
    n17=$(time_it "$n-netlink-17" env JAVA_HOME="$jdk17" bin/sockscope --backend netlink --list -tu)
    p17=$(time_it "$n-proc-17" env JAVA_HOME="$jdk17" bin/sockscope --backend proc --list -tu)
  fi
  echo "| $(inet_sockets) | $ss_ms | $n25 | $p25 | $n17 | $p17 |" >>"$out/summary.md"
  if [ "$n" -gt 0 ]; then load_stop; fi
done
{
  echo
  echo "Start-up at idle, by phase (bench/phases.sh, median ms since the exec of java; JDK 25):"
  echo
  for b in netlink proc; do
    echo "\`--backend $b\`:"
    echo
    "$bench/phases.sh" 15 -- --backend "$b" --list -tu | sed -n '/^| phase/,$p'
    echo
  done
} >>"$out/summary.md"
cp "$out/summary.md" "$bench/results/backends-$stamp.md"
cat "$out/summary.md"
