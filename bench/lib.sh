# bench/lib.sh: what bench/run.sh and bench/live-cpu.sh share. Sourced, not run; expects
# $bench (this directory) and $root (the checkout) to be set by the script that sources it.
#
#   bench_build                  compiles bench/out/loadgen and bench/out/loadmix when missing or stale
#   inet_sockets                 the number of sockets `ss -tuan` lists (TCP and UDP, v4 and v6)
#   load_start KIND N SECS LOG   holds a load of N sockets (`ss -tuan` rows) on loopback:
#                                  spread: bench/loadgen --conns N/2 (processes of <= 9000
#                                          connections, listeners on 127.0.0.1:SPREAD_PORT+, 20000)
#                                  few:    bench/loadmix --sockets N (4 processes, listeners on
#                                          127.0.0.1 and ::1 :FEW_PORT+, 21000)
#                                bounded by SECS; sets LOAD_PID and LOAD_FD (the write end of its
#                                stdin); returns 1 when the load could not be built (see LOG)
#   load_stop                    closes the load's stdin (it kills its children and exits), waits
#                                for that pid, TERM then KILL after 60 s; then waits until the
#                                kernel dropped the sockets (down to LOAD_BASELINE + 100)
#   live_cpu WARMUP WINDOW DIR   (call it as $(live_cpu ...): it sets its own traps)
#                                runs `bin/sockscope --interval 1` (the live view) in a private
#                                tmux server (120x40, its own socket under TMPDIR) and prints
#                                one line of key=value: the JVM's
#                                user+system CPU over WINDOW seconds after WARMUP, as a percentage
#                                of one core (cpu_pct), its VmHWM and VmRSS (kB), threads, the
#                                window actually measured; returns 1 when the view did not start

LOAD_PID=""
LOAD_FD=""
LOAD_BASELINE=0

bench_build() {
  local t
  mkdir -p "$bench/out"
  for t in loadgen loadmix; do
    if [ ! -x "$bench/out/$t" ] || [ "$bench/$t.c" -nt "$bench/out/$t" ]; then
      gcc -O2 -Wall -Wextra -o "$bench/out/$t" "$bench/$t.c" || return 1
    fi
  done
}

inet_sockets() {
  cat /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6 2>/dev/null | grep -vc 'local_address' || true
}

load_start() {
  local kind=$1 n=$2 secs=$3 log=$4 fifo waited=0 cmd
  case $kind in
    spread) cmd=("$bench/out/loadgen" --conns $((n / 2)) --base-port "${SPREAD_PORT:-20000}" --seconds "$secs") ;;
    few) cmd=("$bench/out/loadmix" --sockets "$n" --base-port "${FEW_PORT:-21000}" --seconds "$secs") ;;
    *) printf 'unknown load kind %s (spread or few)\n' "$kind" >"$log"; return 1 ;;
  esac
  LOAD_BASELINE=$(inet_sockets)
  fifo=$(mktemp -u "${TMPDIR:-/tmp}/sockscope-load.XXXXXX")
  mkfifo -m 600 "$fifo" || return 1
  "${cmd[@]}" <"$fifo" >"$log" 2>&1 &
  LOAD_PID=$!
  exec {LOAD_FD}>"$fifo"
  rm -f "$fifo"
  until grep -q '^ready' "$log"; do
    if ! kill -0 "$LOAD_PID" 2>/dev/null; then
      wait "$LOAD_PID" 2>/dev/null || true
      exec {LOAD_FD}>&-
      LOAD_PID="" LOAD_FD=""
      return 1
    fi
    sleep 0.2
    waited=$((waited + 1))
    if [ "$waited" -ge 1500 ]; then
      echo "not ready after 300 s" >>"$log"
      load_stop
      return 1
    fi
  done
}

load_stop() {
  [ -n "$LOAD_PID" ] || return 0
  if [ -n "$LOAD_FD" ]; then exec {LOAD_FD}>&-; fi
  LOAD_FD=""
  local i
  for ((i = 0; i < 600; i++)); do kill -0 "$LOAD_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$LOAD_PID" 2>/dev/null; then
    kill -TERM "$LOAD_PID" 2>/dev/null || true
    sleep 2
    if kill -0 "$LOAD_PID" 2>/dev/null; then kill -KILL "$LOAD_PID" 2>/dev/null || true; fi
  fi
  wait "$LOAD_PID" 2>/dev/null || true
  LOAD_PID=""
  # let the kernel drop the closed sockets before the next load is built
  for ((i = 0; i < 300; i++)); do
    [ "$(inet_sockets)" -le $((LOAD_BASELINE + 100)) ] && break
    sleep 0.2
  done
}

live_cpu() {
  local warm=$1 window=$2 dir=$3 sockdir server pid="" i cmd
  command -v tmux >/dev/null 2>&1 || { echo "error=tmux-missing"; return 1; }
  # a private server on a socket of its own (short path: unix socket paths end at 107 bytes)
  sockdir=$(mktemp -d "${TMPDIR:-/tmp}/sockscope-bench.XXXXXX") || { echo "error=mktemp"; return 1; }
  server=$sockdir/tmux
  # called as $(live_cpu ...), a subshell of its own: these traps end the server when it is
  # interrupted, and leave the caller's traps alone
  local stop
  printf -v stop 'tmux -S %q kill-server 2>/dev/null; rm -rf %q' "$server" "$sockdir"
  # shellcheck disable=SC2064
  trap "$stop" EXIT
  trap 'exit 130' INT TERM
  printf -v cmd 'exec %q --interval 1 2>%q' "$root/bin/sockscope" "$dir/live.err"
  # the tmux server must not hold the load's stdin open (it would outlive load_stop's EOF)
  if [ -n "$LOAD_FD" ]; then
    tmux -S "$server" -f /dev/null new-session -d -x 120 -y 40 "$cmd" {LOAD_FD}>&-
  else
    tmux -S "$server" -f /dev/null new-session -d -x 120 -y 40 "$cmd"
  fi
  pid=$(tmux -S "$server" display-message -p '#{pane_pid}' 2>/dev/null || true)
  # the pane's shell execs the launcher, which execs the JVM: same pid; wait for the first frame
  for ((i = 0; i < 300; i++)); do
    tmux -S "$server" capture-pane -p 2>/dev/null | grep -q 'Proto' && break
    sleep 0.2
  done
  tmux -S "$server" capture-pane -p >"$dir/live-start.txt" 2>/dev/null || true
  if [ -z "$pid" ] || ! grep -q 'Proto' "$dir/live-start.txt" || [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != java ]; then
    tmux -S "$server" kill-server 2>/dev/null || true
    rm -rf "$sockdir"
    echo "error=no-view"
    return 1
  fi
  sleep "$warm"
  local tick c0 c1 t0 t1 hwm rss threads shown
  tick=$(getconf CLK_TCK)
  # utime + stime: fields 14 and 15 of /proc/PID/stat (comm, field 2, is "java": no spaces)
  c0=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true)
  t0=$(date +%s.%N)
  sleep "$window"
  c1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true)
  t1=$(date +%s.%N)
  hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
  threads=$(awk '/^Threads:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
  tmux -S "$server" capture-pane -p >"$dir/live-end.txt" 2>/dev/null || true
  shown=$(grep -o '[0-9][0-9,]* sockets\|Sockets: [0-9,]*' "$dir/live-end.txt" | head -1 | tr -dc '0-9' || true)
  tmux -S "$server" kill-server 2>/dev/null || true
  rm -rf "$sockdir"
  if [ -z "$c0" ] || [ -z "$c1" ] || [ -z "$hwm" ]; then
    echo "error=view-exited"
    return 1
  fi
  awk -v a="$c0" -v b="$c1" -v t0="$t0" -v t1="$t1" -v k="$tick" -v hwm="$hwm" -v rss="$rss" \
    -v th="$threads" -v shown="${shown:-?}" 'BEGIN {
      printf "cpu_pct=%.2f window_s=%.1f peak_rss_kb=%s rss_kb=%s threads=%s shown=%s\n",
        100 * (b - a) / k / (t1 - t0), t1 - t0, hwm, rss, th, shown }'
}
