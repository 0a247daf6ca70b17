#!/usr/bin/env bash
# CPU and peak RSS of the live view under a loopback load: the load generator holds the load,
# sockscope runs in a private tmux server (120x40) with --interval 1; after a warm-up the JVM's
# user+system CPU time (/proc/PID/stat) is read over a window, and its VmHWM at the end.
# bench/run.sh measures the same way (bench/lib.sh, live_cpu) at LIVE_AT; this runs it alone.
#
# usage: bench/live-cpu.sh [CONNS] [WARMUP_S] [WINDOW_S]     defaults 40000 30 60
# env:   KIND=spread  bench/loadgen with CONNS connections (2 x CONNS sockets), listeners from
#                     127.0.0.1:SPREAD_PORT (20000)
#        KIND=few     bench/loadmix with the same number of sockets (2 x CONNS) in 4 processes,
#                     listeners from FEW_PORT (21000)
#        SOCKETS=N    a load of N sockets instead (either kind; CONNS is then ignored)
#        CHURN=K      also run src/test/resources/hardening/churn.py with K children (processes
#                     forking, opening and closing loopback sockets) for the whole run: the live
#                     view's owner resolution under churn
# prints: live-cpu: kind=... [conns=...] sockets=... window_s=... cpu_pct=... peak_rss_kb=... rss_kb=...
# Only loopback; the load (by pid) and the tmux server (by its private name) are stopped on exit.
set -euo pipefail
bench=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(dirname "$bench")
# shellcheck source=bench/lib.sh
. "$bench/lib.sh"
conns=${1:-40000}; warm=${2:-30}; window=${3:-60}
kind=${KIND:-spread}
sockets=${SOCKETS:-$((2 * conns))}
for v in "$conns" "$warm" "$window" "$sockets"; do
  case $v in '' | *[!0-9]*) echo "live-cpu: arguments are numbers, got '$v'" >&2; exit 2 ;; esac
done
case $kind in spread | few) ;; *) echo "live-cpu: KIND is spread or few, got '$kind'" >&2; exit 2 ;; esac
churn=${CHURN:-0}
case $churn in '' | *[!0-9]*) echo "live-cpu: CHURN is a number, got '$churn'" >&2; exit 2 ;; esac
command -v tmux >/dev/null || { echo "live-cpu: tmux is not installed" >&2; exit 2; }
bench_build
"$root/bin/sockscope" --version >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/sockscope-livecpu.XXXXXX")
churn_pid=""
churn_stop() {
  [ -n "$churn_pid" ] || return 0
  touch "$work/churn.stop"
  wait "$churn_pid" 2>/dev/null || true
}
trap 'churn_stop; load_stop; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
load_start "$kind" "$sockets" $((warm + window + 300)) "$work/load.log" || { cat "$work/load.log" >&2; exit 1; }
listed=$(inet_sockets)
if [ "$churn" -gt 0 ]; then
  python3 "$root/src/test/resources/hardening/churn.py" --log "$work/churn.log" --children "$churn" \
    --seconds $((warm + window + 30)) --stop-file "$work/churn.stop" >"$work/churn.out" 2>&1 &
  churn_pid=$!
fi
if ! line=$(live_cpu "$warm" "$window" "$work"); then
  echo "live-cpu: the live view did not run ($line); its stderr:" >&2
  cat "$work/live.err" >&2 2>/dev/null || true
  exit 1
fi
what="kind=$kind"
[ "$kind" = spread ] && what+=" conns=$((sockets / 2))"
[ "$churn" -gt 0 ] && what+=" churn=$churn"
echo "live-cpu: $what sockets=$listed load='$(cat "$work/load.log")' $line"
