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
BIN=${SOCKSCOPE:-$ROOT/bin/sockscope}
SERVER="sockscope-e2e-$$"
TIMEOUT=${E2E_TIMEOUT:-20}
HELPERS=()
WORK=$(mktemp -d)

cleanup() {
    for p in "${HELPERS[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    tmux -L "$SERVER" kill-server 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    echo "---- screen ----" >&2
    tmux -L "$SERVER" capture-pane -p >&2 || true
    exit 1
}

screen() {
    tmux -L "$SERVER" capture-pane -p
}

# wait_for TEXT: polls the pane until it shows TEXT (fixed string)
wait_for() {
    local deadline=$((SECONDS + TIMEOUT))
    while ! screen | grep -qF -- "$1"; do
        if ((SECONDS > deadline)); then
            fail "screen never showed: $1"
        fi
        sleep 0.1
    done
}

# wait_gone TEXT: polls until TEXT is no longer on the pane
wait_gone() {
    local deadline=$((SECONDS + TIMEOUT))
    while screen | grep -qF -- "$1"; do
        if ((SECONDS > deadline)); then
            fail "screen still shows: $1"
        fi
        sleep 0.1
    done
}

keys() {
    tmux -L "$SERVER" send-keys "$@"
}

# the java process started by the launcher in the pane (child or grandchild of the pane's shell)
java_pid() {
    local shell pid
    shell=$(tmux -L "$SERVER" display -p '#{pane_pid}')
    for pid in $(pgrep -P "$shell") $(pgrep -P "$(pgrep -P "$shell" | head -1)" 2>/dev/null); do
        if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q java; then
            echo "$pid"
            return
        fi
    done
}

check_tty_restored() {
    # prints TTY:icanon echo when restored, TTY:-icanon -echo when left raw
    keys "clear; echo TTY:\$(stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\n' ' ')" Enter
    wait_for "TTY:icanon echo"
    [[ "$(tmux -L "$SERVER" display -p '#{alternate_on}')" == 0 ]] || fail "alternate screen still on"
}

[[ -x "$BIN" ]] || { echo "SKIP: no launcher at $BIN" >&2; exit 0; }
command -v tmux >/dev/null || { echo "SKIP: no tmux" >&2; exit 0; }
command -v python3 >/dev/null || { echo "SKIP: no python3" >&2; exit 0; }

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

# listener: accepts connections and holds them; exits by itself after 120 s at the latest
python3 - "$PORT" >/dev/null 2>&1 <<'EOF' &
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(4); s.settimeout(1)
held, end = [], time.time() + 120
while time.time() < end:
    try:
        held.append(s.accept()[0])
    except OSError:
        pass
EOF
HELPERS+=($!)

tmux -L "$SERVER" new-session -d -x 120 -y 40 "env -u TMUX bash --norc --noprofile"
tmux -L "$SERVER" set-option -g status off >/dev/null
keys "export PS1='$ '; clear" Enter
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
