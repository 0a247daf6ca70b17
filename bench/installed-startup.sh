#!/usr/bin/env bash
# Start-up of the installed `sockscope --list` against the checkout's bin/sockscope, at whatever
# load the machine has: each round runs every command once, one right after the other, so a
# change of load hits all of them alike. Prints the median and every run, in ms.
#
# usage: bench/installed-startup.sh [ROUNDS] [-- COMMAND ...]   (default 20 rounds; the
# commands default to the installed sockscope, the checkout's, and the installed one on JDK 17)
# Warm the class-data archives first (run each command once and wait for the training to end).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-20}
shift || true
cmds=()
if [ "${1:-}" = -- ]; then
  shift
  cmds=("$@")
else
  command -v sockscope >/dev/null || { echo "sockscope is not installed" >&2; exit 1; }
  cmds=("sockscope --list" "bin/sockscope --list")
  for j in /usr/lib/jvm/java-17-openjdk-*; do
    [ -x "$j/bin/java" ] && cmds+=("env JAVA_HOME=$j sockscope --list") && break
  done
fi
declare -A t
for _ in $(seq "$rounds"); do
  for i in "${!cmds[@]}"; do
    s=$(date +%s%N)
    ${cmds[$i]} >/dev/null 2>&1 || true
    e=$(date +%s%N)
    t[$i]+="$(( (e - s) / 1000000 )) "
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!cmds[@]}"; do
  med=$(tr ' ' '\n' <<<"${t[$i]}" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%6s ms  %s   (%s)\n' "$med" "${cmds[$i]}" "${t[$i]% }"
done
