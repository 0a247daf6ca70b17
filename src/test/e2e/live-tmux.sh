#!/usr/bin/env bash
# End-to-end test of the live view in a real terminal: tmux on a private server (-L), a loopback
# listener and a connection to it made by python3, keys sent with send-keys, the screen read
# with capture-pane (polled, never a fixed sleep). Checks: the rows appear, the '/' filter and the
# details page work, 'q' exits 0, SIGTERM to the java process exits 143, and after both the tty
# is back in canonical mode with echo and the alternate screen is left.
#
# Usage: src/test/e2e/live-tmux.sh            (uses bin/sockscope)
#        SOCKSCOPE=/path/to/launcher src/test/e2e/live-tmux.sh
# Needs: tmux, python3. Opens only 127.0.0.1 sockets; kills only what it started.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
# shellcheck source=tmux-lib.sh
. "$ROOT/src/test/e2e/tmux-lib.sh"
e2e_init sockscope-e2e

start_listener

start_server
keys "$BIN --port $PORT --interval 0.5; echo EXIT=\$?" Enter

wait_for "127.0.0.1:$PORT"
wait_for "LISTEN"

# a connection, from a process whose command line we know
python3 -c 'import socket, sys, time
c = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
time.sleep(120)' "$PORT" e2e-client-marker >/dev/null 2>&1 &
CLIENT=$!
HELPERS+=("$CLIENT")
wait_for "ESTABLISHED"

# the filter prompt: only the client's socket stays
keys "/"
keys -l "pid:$CLIENT"
wait_for "/pid:$CLIENT"
keys Enter
wait_gone "LISTEN"
wait_for "$CLIENT/python3"

# details of the selected (only) row: the holder's full command line
keys Enter
wait_for "Socket details"
wait_for "e2e-client-marker"
keys Escape
wait_for "$CLIENT/python3"

# resize redraws at once, every line within the new width
tmux -L "$SERVER" resize-window -x 60 -y 20
wait_for "q quit"
if ! screen | python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 60 for l in sys.stdin))'; then
    fail "a line is wider than 60 columns after the resize"
fi
tmux -L "$SERVER" resize-window -x 120 -y 40

keys q
wait_for "EXIT=0"
check_tty_restored

# SIGTERM to the java process: terminal restored, exit 143
keys "clear; $BIN --port $PORT --interval 0.5; echo EXIT=\$?" Enter
wait_for "127.0.0.1:$PORT"
PID=$(java_pid)
[[ -n "$PID" ]] || fail "could not find the java process"
kill -TERM "$PID"
wait_for "EXIT=143"
check_tty_restored

echo "PASS: live view end to end (port $PORT)"
