#!/usr/bin/env bash
# End-to-end test of the Processes tab during a transfer of known rate: a python3 sender paced by
# a token bucket at 2 MiB/s for 60 s (ended by pid when done) to a python3 receiver that reads everything, on 127.0.0.1
# (src/test/resources/holder/throttled.py); the live view on the netlink backend, filtered to
# the transfer's port, Tab to Processes. Checks, on three refreshes in a row: the sender's row
# shows Send/s within 10% of 2 MiB/s and Recv/s 0, the receiver's row Recv/s within 10% of it.
# Prints the last screen (the capture the docs show) and PASS.
#
# Usage: src/test/e2e/live-rates-tmux.sh            (uses bin/sockscope)
#        SOCKSCOPE=/path/to/launcher src/test/e2e/live-rates-tmux.sh
# Needs: tmux, python3. Opens only 127.0.0.1 sockets; kills only what it started.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
# shellcheck source=tmux-lib.sh
. "$ROOT/src/test/e2e/tmux-lib.sh"
e2e_init sockscope-rates
RATE=2097152

python3 "$ROOT/src/test/resources/holder/throttled.py" recv 90 >"$WORK/recv.out" 2>&1 &
RECEIVER=$!
HELPERS+=("$RECEIVER")
deadline=$((SECONDS + TIMEOUT))
until grep -q '^port ' "$WORK/recv.out"; do
    ((SECONDS < deadline)) || fail "the receiver never listened"
    sleep 0.05
done
PORT=$(awk '/^port /{print $2}' "$WORK/recv.out")
python3 "$ROOT/src/test/resources/holder/throttled.py" send "$PORT" "$RATE" 60 >"$WORK/send.out" 2>&1 &
SENDER=$!
HELPERS+=("$SENDER")

start_server
keys "$BIN --backend netlink --port $PORT --interval 1; echo EXIT=\$?" Enter
wait_for "ESTABLISHED"
keys Tab
wait_for "Send/s"

# the Send/s (k=2) or Recv/s (k=1) cell of PID's row in tenths of MiB/s ("2.0M" is 20, "0" is 0);
# empty while the row has no rates (its first read): then the row is two cells short
cell() { # PID K
    printf '%s\n' "$SNAP" | awk -v pid="$1" -v k="$2" '$1 == pid && NF >= 9 { print $(NF - k + 1) }' | python3 -c '
import sys
t = sys.stdin.read().strip()
units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
if t and t[-1] in units:
    print(round(float(t[:-1]) * units[t[-1]] / (1 << 20) * 10))
elif t.isdigit():
    print(round(int(t) / (1 << 20) * 10))'
}
# within 10% of 2 MiB/s at the cell's resolution (0.1M): 1.8M to 2.2M
near() { # TENTHS
    [[ -n "$1" ]] && (($1 >= 18 && $1 <= 22))
}

# wait for the first rate, then three refreshes in a row must be right
deadline=$((SECONDS + TIMEOUT))
SNAP=$(screen)
until [[ -n "$(cell "$SENDER" 2)" ]]; do
    SNAP=$(screen)
    ((SECONDS < deadline)) || fail "the sender's row never showed a send rate"
    sleep 0.2
done
for i in 1 2 3; do
    sleep 1.1
    SNAP=$(screen)
    kill -0 "$SENDER" 2>/dev/null || fail "the transfer ended before the checks did: $(cat "$WORK/send.out")"
    sent=$(cell "$SENDER" 2)
    got=$(cell "$SENDER" 1)
    received=$(cell "$RECEIVER" 1)
    near "$sent" || fail "sender $SENDER: Send/s $sent tenths of MiB/s is not within 10% of 2 MiB/s"
    [[ "$got" == 0 ]] || fail "sender $SENDER: Recv/s $got tenths of MiB/s, expected 0"
    near "$received" || fail "receiver $RECEIVER: Recv/s $received tenths of MiB/s is not within 10% of 2 MiB/s"
    echo "refresh $i: sender $SENDER Send/s $sent, receiver $RECEIVER Recv/s $received (tenths of MiB/s)"
done
echo "---- Processes tab (sender $SENDER, receiver $RECEIVER, port $PORT, 2 MiB/s) ----"
printf '%s\n' "$SNAP"
keys q
wait_for "EXIT=0"
check_tty_restored
echo "PASS: Processes tab shows the transfer's rates (port $PORT)"
