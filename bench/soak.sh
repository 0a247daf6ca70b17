#!/usr/bin/env bash
# Soak test of the live view: sockscope --interval 0.2 in a private tmux server for N minutes
# while src/test/resources/hardening/churn.py forks processes that open and close TCP/UDP
# sockets on 127.0.0.1. Every 5 s it samples the java process's VmRSS and the screen. At the end:
# no exception or stack frame on the screen or on stderr, the view still alive and quitting on
# `q` with status 0, and VmRSS at the end within SOAK_MAX_RATIO (default 1.10) of VmRSS after
# the warm-up (default the first minute), each the median of the samples of one window (the
# warm-up's length, at most a minute) so that one sample on a collection's peak does not decide. The socket count (the view's "Sockets: N") is sampled
# too: when it changed by more than a quarter (and more than 1,000) between the warm-up and the
# end (another load came or went), the RSS comparison says nothing about sockscope and the
# result is INCONCLUSIVE.
#
# usage: bench/soak.sh [MINUTES]          MINUTES defaults to 10; fractions allowed (0.5 = 30 s)
# env:   SOAK_WARMUP_SECONDS  warm-up before the reference RSS (default 60; at most a third of the run)
#        SOAK_MAX_RATIO       largest allowed end/warm-up RSS ratio (default 1.10)
#        SOAK_INTERVAL        the view's --interval (default 0.2)
#        SOAK_OUT             also write the summary line and the RSS samples there
#        SOAK_KEEP=1          keep the work directory (samples, screens, stderr, churn log)
# prints one line: soak: minutes=... rss_warm_kb=... rss_end_kb=... ratio=... max_rss_kb=... (of the
# samples) peak_rss_kb=... (VmHWM, the whole run) result=PASS|FAIL|INCONCLUSIVE
# exit status: 0 pass, 1 fail, 2 could not run (no tmux/python3, no jar), 3 no failure but the
# socket count changed too much to judge RSS
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
minutes=${1:-10}
interval=${SOAK_INTERVAL:-0.2}
max_ratio=${SOAK_MAX_RATIO:-1.10}
total=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')
warm=${SOAK_WARMUP_SECONDS:-60}
if [ $((warm * 3)) -gt "$total" ]; then warm=$((total / 3)); fi
[ "$total" -ge 6 ] || { echo "soak: MINUTES too small" >&2; exit 2; }

command -v tmux >/dev/null || { echo "soak: tmux is not installed" >&2; exit 2; }
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3) || { echo "soak: python3 is not installed" >&2; exit 2; }
# build once up front (the launcher would build inside the tmux pane otherwise)
"$here/bin/sockscope" --version >/dev/null || { echo "soak: sockscope does not run" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sockscope-soak.XXXXXX")
server="sockscope-soak-$$"
churn_pid=""
cleanup() {
  tmux -L "$server" kill-server 2>/dev/null || true
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$server"
  if [ -n "$churn_pid" ] && kill -0 "$churn_pid" 2>/dev/null; then
    touch "$work/churn.stop"
    for _ in $(seq 1 100); do kill -0 "$churn_pid" 2>/dev/null || break; sleep 0.1; done
    kill "$churn_pid" 2>/dev/null || true
  fi
  if [ "${SOAK_KEEP:-0}" = 1 ]; then echo "soak: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

"$python" "$here/src/test/resources/hardening/churn.py" --log "$work/churn.log" --seconds $((total + 60)) \
  --children 6 --stop-file "$work/churn.stop" > "$work/churn.out" &
churn_pid=$!
for _ in $(seq 1 100); do grep -q started "$work/churn.out" 2>/dev/null && break; sleep 0.1; done

tmux -L "$server" new-session -d -x 120 -y 40 \
  "exec '$here/bin/sockscope' --interval $interval 2>'$work/stderr'"
pane_pid=$(tmux -L "$server" display-message -p '#{pane_pid}')

screen() { tmux -L "$server" capture-pane -p 2>/dev/null || true; }
for _ in $(seq 1 150); do screen | grep -q '^Proto' && break; sleep 0.2; done
screen | grep -q '^Proto' || { echo "soak: the live view did not start"; screen; cat "$work/stderr"; exit 1; }
# the pane runs sh -c "exec launcher", and the launcher execs java: the pane's pid is the JVM
java_pid=$pane_pid
[ "$(cat "/proc/$java_pid/comm" 2>/dev/null)" = java ] || { echo "soak: pane pid $pane_pid is not java"; exit 1; }

rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$java_pid/status" 2>/dev/null; }
bad_text='Exception|Error:|^[[:space:]]*at [a-z]+\.|refresh failed'
start=$(date +%s)
rss_warm=""
sockets_warm=""
sockets=""
max_rss=0
samples=0
failures=0
echo "seconds,rss_kb,sockets" > "$work/rss.csv"
while :; do
  now=$(( $(date +%s) - start ))
  if ! kill -0 "$java_pid" 2>/dev/null; then echo "soak: the view exited early at ${now}s"; failures=$((failures + 1)); break; fi
  r=$(rss)
  s=$(screen)
  sockets=$(sed -n 's/^Sockets: \([0-9]*\).*/\1/p' <<<"$s" | head -1)
  echo "$now,$r,$sockets" >> "$work/rss.csv"
  samples=$((samples + 1))
  [ "$r" -gt "$max_rss" ] && max_rss=$r
  if [ -z "$rss_warm" ] && [ "$now" -ge "$warm" ]; then rss_warm=$r; sockets_warm=$sockets; fi
  if grep -Eq "$bad_text" <<<"$s"; then
    echo "soak: exception on the screen at ${now}s"; printf '%s\n' "$s" > "$work/screen-bad.txt"; failures=$((failures + 1))
  fi
  [ "$now" -ge "$total" ] && break
  sleep 5
done
rss_end=$(rss)
# the kernel's high-water mark of the JVM's RSS over the whole run, samples or not
rss_peak=$(awk '/^VmHWM:/ { print $2 }' "/proc/$java_pid/status" 2>/dev/null)
screen > "$work/screen-end.txt"
tmux -L "$server" send-keys q
for _ in $(seq 1 100); do kill -0 "$java_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$java_pid" 2>/dev/null; then echo "soak: q did not end the view"; failures=$((failures + 1)); fi
if [ -s "$work/stderr" ]; then
  echo "soak: stderr is not empty:"; head -20 "$work/stderr"; failures=$((failures + 1))
fi
touch "$work/churn.stop"
wait "$churn_pid" || true
churn=$(tail -1 "$work/churn.out")

# The JVM's RSS is a sawtooth (collections, native heap trims every 5 s): single samples would
# compare noise. The judged values are medians: of the samples in the window that starts at the
# warm-up, and of those in the same length of time before the end (window = the warm-up, at most
# 60 s).
read -r rss_warm_med rss_end_med < <("$python" - "$work/rss.csv" "$warm" <<'PY'
import statistics, sys
rows = [l.split(",") for l in open(sys.argv[1]).read().split("\n")[1:] if l.count(",") == 2 and l.split(",")[1]]
rows = [(int(t), int(r)) for t, r, _ in rows]
warm = int(sys.argv[2]); width = min(60, warm) or 5
end = rows[-1][0] if rows else 0
first = [r for t, r in rows if warm <= t < warm + width] or [0]
last = [r for t, r in rows if t > end - width] or [0]
print(int(statistics.median(first)), int(statistics.median(last)))
PY
)
ratio=$(awk -v a="${rss_end_med:-0}" -v b="${rss_warm_med:-0}" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "nan" }')
within=$(awk -v r="$ratio" -v m="$max_ratio" 'BEGIN { print (r != "nan" && r <= m && r >= 1 / m) ? 1 : 0 }')
steady=$(awk -v a="${sockets:-0}" -v b="${sockets_warm:-0}" 'BEGIN { d = a - b; if (d < 0) d = -d; print (b > 0 && (d <= b / 4 || d <= 1000)) ? 1 : 0 }')
result=PASS
if [ "$within" != 1 ] && [ "$steady" != 1 ]; then
  echo "soak: RSS ratio $ratio not judged: sockets went from $sockets_warm to $sockets"
  result=INCONCLUSIVE
elif [ "$within" != 1 ]; then
  echo "soak: RSS ratio $ratio is outside 1/$max_ratio..$max_ratio"; failures=$((failures + 1))
fi
[ "$failures" -eq 0 ] || result=FAIL
summary="soak: minutes=$minutes interval=$interval warmup_s=$warm samples=$samples sockets_warm=$sockets_warm sockets_end=$sockets rss_warm_kb=$rss_warm rss_end_kb=$rss_end rss_warm_median_kb=$rss_warm_med rss_end_median_kb=$rss_end_med ratio=$ratio max_rss_kb=$max_rss peak_rss_kb=$rss_peak failures=$failures churn=[$churn] result=$result"
echo "$summary"
if [ -n "${SOAK_OUT:-}" ]; then
  { echo "$summary"; cat "$work/rss.csv"; } > "$SOAK_OUT"
fi
[ "$result" = PASS ] && exit 0
[ "$result" = INCONCLUSIVE ] && exit 3
exit 1
