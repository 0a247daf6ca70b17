#!/usr/bin/env bash
# CPU and peak RSS of the live view at N loopback connections: bench/loadgen holds the load,
# sockscope runs in a private tmux server (120x40) with --interval 1; after a warm-up the JVM's
# user+system CPU time (/proc/PID/stat) is read over a window, and its VmHWM at the end.
#
# usage: bench/live-cpu.sh [CONNS] [WARMUP_S] [WINDOW_S]     defaults 40000 30 60
# env:   BASE_PORT  the load's first listening port (default 20000)
# prints: live-cpu: conns=... sockets=... window_s=... cpu_pct=... peak_rss_kb=... rss_kb=...
# Only loopback; the load and the tmux server are stopped on exit (by pid / by server name).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
conns=${1:-40000}; warm=${2:-30}; window=${3:-60}
command -v tmux >/dev/null || { echo "live-cpu: tmux is not installed" >&2; exit 2; }
mkdir -p "$here/bench/out"
loadgen="$here/bench/out/loadgen"
if [ ! -x "$loadgen" ] || [ "$here/bench/loadgen.c" -nt "$loadgen" ]; then
  gcc -O2 -Wall -Wextra -o "$loadgen" "$here/bench/loadgen.c"
fi
"$here/bin/sockscope" --version >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/sockscope-livecpu.XXXXXX")
server="sockscope-livecpu-$$"
lg_pid=""
cleanup() {
  tmux -L "$server" kill-server 2>/dev/null || true
  if [ -n "$lg_pid" ]; then exec 7>&- 2>/dev/null || true; kill "$lg_pid" 2>/dev/null || true; wait "$lg_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkfifo "$work/fifo"
"$loadgen" --conns "$conns" --base-port "${BASE_PORT:-20000}" --seconds $((warm + window + 120)) <"$work/fifo" >"$work/lg.log" 2>&1 &
lg_pid=$!
exec 7>"$work/fifo"
until grep -q '^ready' "$work/lg.log"; do kill -0 "$lg_pid" || { cat "$work/lg.log" >&2; exit 1; }; sleep 0.2; done
tmux -L "$server" new-session -d -x 120 -y 40 "exec '$here/bin/sockscope' --interval 1 2>'$work/stderr'"
pid=$(tmux -L "$server" display-message -p '#{pane_pid}')
for _ in $(seq 1 150); do tmux -L "$server" capture-pane -p | grep -q 'Proto' && break; sleep 0.2; done
sleep "$warm"
tick=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
c0=$(cpu); t0=$(date +%s.%N)
sleep "$window"
c1=$(cpu); t1=$(date +%s.%N)
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
sockets=$(tmux -L "$server" capture-pane -p | grep -o 'Sockets: [0-9,]*\|[0-9,]* sockets' | head -1 || true)
pct=$(awk -v a="$c0" -v b="$c1" -v t0="$t0" -v t1="$t1" -v k="$tick" 'BEGIN { printf "%.2f", 100 * (b - a) / k / (t1 - t0) }')
echo "live-cpu: conns=$conns sockets='$sockets' window_s=$window cpu_pct=$pct peak_rss_kb=$hwm rss_kb=$rss"
