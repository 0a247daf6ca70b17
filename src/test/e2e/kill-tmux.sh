#!/usr/bin/env bash
# End-to-end test of `sockscope --kill` on a real terminal: tmux on a private server (-L), a
# loopback listener held by python3, the question answered with send-keys, the screen read with
# capture-pane (polled, never a fixed sleep). Checks: the plan names the listener's pid and
# command line, 'n' sends nothing (the listener still runs), 'y' terminates it, and the exit
# statuses are 1 and 0.
#
# Usage: src/test/e2e/kill-tmux.sh            (uses bin/sockscope)
# Needs: tmux, python3. Opens only 127.0.0.1 sockets; kills only what it started.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
# shellcheck source=tmux-lib.sh
. "$ROOT/src/test/e2e/tmux-lib.sh"
e2e_init sockscope-kill

start_listener
LISTENER=${HELPERS[-1]}
deadline=$((SECONDS + TIMEOUT))
until python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$PORT" 2>/dev/null; do
    ((SECONDS < deadline)) || fail "the listener never listened on $PORT"
    sleep 0.1
done

start_server
keys "$BIN --kill --port $PORT; echo EXIT=\$?" Enter
wait_for "Send SIGTERM to this process? [y/N]"
screen | grep -qF "  $LISTENER  " || fail "the plan does not name pid $LISTENER"
screen | grep -qF "python3 - $PORT" || fail "the plan does not show the command line"
keys "n" Enter
wait_for "not confirmed; no signal sent"
wait_for "EXIT=1"
kill -0 "$LISTENER" 2>/dev/null || fail "the listener ended after 'n'"

keys "clear" Enter
wait_gone "EXIT=1"
keys "$BIN --kill --port $PORT; echo EXIT=\$?" Enter
wait_for "Send SIGTERM to this process? [y/N]"
kill -0 "$LISTENER" 2>/dev/null || fail "the listener ended before the answer"
keys "y" Enter
wait_for "SIGTERM sent to $LISTENER (python3)"
wait_for "EXIT=0"
wait_exit "$LISTENER"
echo "PASS: --kill asks on the terminal end to end"
