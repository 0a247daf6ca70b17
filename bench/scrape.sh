#!/usr/bin/env bash
# The cost of one scrape of `sockscope --serve` at N loopback connections (default 40,000),
# against `ss -tanp | awk` producing the same counts (sockets by state, and per program by
# state). Every scrape reads fresh (--interval 0.001). Prints medians of RUNS runs each, and the
# resident memory of the serving process and of ss.
#
#   bench/scrape.sh [N] [RUNS]
#
# Needs gcc, curl, GNU time (/usr/bin/time). Load on loopback only; stops what it starts.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-40000}
runs=${2:-10}
out=$(mktemp -d)
lg=""; srv=""
cleanup() {
  [ -n "$srv" ] && kill "$srv" 2>/dev/null && wait "$srv" 2>/dev/null || true
  [ -n "$lg" ] && { exec 8>&-; wait "$lg" 2>/dev/null || true; }
  rm -rf "$out"
}
trap cleanup EXIT

gcc -O2 -Wall -Wextra -o "$out/loadgen" bench/loadgen.c
mkfifo "$out/fifo"
"$out/loadgen" --conns "$n" --seconds 900 <"$out/fifo" >"$out/loadgen.log" 2>&1 &
lg=$!
exec 8>"$out/fifo"
until grep -q '^ready' "$out/loadgen.log"; do
  kill -0 "$lg" 2>/dev/null || { cat "$out/loadgen.log" >&2; exit 1; }
  sleep 0.5
done
echo "load: $(cat "$out/loadgen.log")"

# the launcher execs java: this pid is the JVM's
bin/sockscope --serve 127.0.0.1:0 --interval 0.001 2>"$out/serve.err" &
srv=$!
until grep -q 'serving' "$out/serve.err"; do kill -0 "$srv" || { cat "$out/serve.err" >&2; exit 1; }; sleep 0.2; done
case $(readlink "/proc/$srv/exe") in */java) ;; *) echo "pid $srv is not the JVM" >&2; exit 1 ;; esac
port=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/metrics|\1|p' "$out/serve.err")
url="http://127.0.0.1:$port/metrics"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for i in 1 2 3; do curl -s -o /dev/null "$url"; done   # warm-up: JIT and the owner cache
: >"$out/scrape.ms"; : >"$out/read.ms"
for i in $(seq "$runs"); do
  curl -s -o "$out/metrics.txt" -w '%{time_total}\n' "$url" | awk '{print $1*1000}' >>"$out/scrape.ms"
  awk '/^sockscope_read_duration_seconds /{print $2*1000}' "$out/metrics.txt" >>"$out/read.ms"
done
rss=$(awk '/VmRSS/{print $2/1024}' "/proc/$srv/status")
hwm=$(awk '/VmHWM/{print $2/1024}' "/proc/$srv/status")
established=$(awk '/^sockscope_sockets\{.*proto="tcp".*state="ESTABLISHED"/{s+=$2} END{print s}' "$out/metrics.txt")

ss_awk='ss -tanp | awk '\''NR>1 {st[$1]++; p="-"; if (match($0, /users:\(\("[^"]*"/)) p=substr($0, RSTART+9, RLENGTH-10); pr[p" "$1]++} END {for (s in st) print "state", s, st[s]; for (k in pr) print "program", k, pr[k]}'\'''
: >"$out/ss.ms"; : >"$out/ss.kb"
for i in $(seq "$runs"); do
  /usr/bin/time -f '%e %M' -o "$out/t" bash -c "$ss_awk" >"$out/ss.txt"
  awk '{print $1*1000}' "$out/t" >>"$out/ss.ms"
  awk '{print $2}' "$out/t" >>"$out/ss.kb"
done
ss_est=$(awk '$1=="state" && $2=="ESTAB" {print $3}' "$out/ss.txt")

printf 'connections: %s (ESTABLISHED tcp sockets: sockscope %s, ss %s)\n' "$n" "$established" "$ss_est"
printf 'sockscope scrape (curl time_total), median of %s: %s ms; its read: %s ms\n' "$runs" \
  "$(median <"$out/scrape.ms")" "$(median <"$out/read.ms")"
printf 'sockscope --serve process after the scrapes: RSS %.0f MiB, peak %.0f MiB\n' "$rss" "$hwm"
printf 'ss -tanp | awk, median of %s: %s ms; peak RSS of the largest process %s MiB\n' "$runs" \
  "$(median <"$out/ss.ms")" "$(median <"$out/ss.kb" | awk '{printf "%.0f", $1/1024}')"
