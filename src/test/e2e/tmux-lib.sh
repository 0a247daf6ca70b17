# Helpers shared by the live view's tmux end-to-end tests; sourced, not run. The caller sets
# ROOT (the project), calls e2e_init, then start_server.

# e2e_init NAME: sets BIN (the launcher: $SOCKSCOPE, else bin/sockscope), SERVER (a private tmux
# socket name for -L, NAME-pid), TIMEOUT (seconds, $E2E_TIMEOUT or 20), WORK (a scratch
# directory) and HELPERS (pids of helper processes), cleans up on exit, and ends the script with
# a SKIP line and status 0 when the launcher, tmux or python3 is missing.
e2e_init() {
    BIN=${SOCKSCOPE:-$ROOT/bin/sockscope}
    SERVER="$1-$$"
    TIMEOUT=${E2E_TIMEOUT:-20}
    HELPERS=()
    WORK=$(mktemp -d)
    trap cleanup EXIT
    [[ -x "$BIN" ]] || { echo "SKIP: no launcher at $BIN" >&2; exit 0; }
    command -v tmux >/dev/null || { echo "SKIP: no tmux" >&2; exit 0; }
    command -v python3 >/dev/null || { echo "SKIP: no python3" >&2; exit 0; }
}

fail() {
    echo "FAIL: $*" >&2
    echo "---- screen ----" >&2
    tmux -L "$SERVER" capture-pane -p >&2 || true
    exit 1
}

screen() {
    tmux -L "$SERVER" capture-pane -p "$@"
}

# wait_for TEXT [TARGET]: polls the pane until it shows TEXT (fixed string)
wait_for() {
    local deadline=$((SECONDS + TIMEOUT))
    while ! screen ${2:+-t "$2"} | grep -qF -- "$1"; do
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

# wait_exit PID: polls until the process is gone
wait_exit() {
    local deadline=$((SECONDS + TIMEOUT))
    while kill -0 "$1" 2>/dev/null; do
        if ((SECONDS > deadline)); then
            fail "process $1 still running"
        fi
        sleep 0.1
    done
}

check_tty_restored() {
    # prints TTY:icanon echo when restored, TTY:-icanon -echo when left raw
    keys "clear; echo TTY:\$(stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\n' ' ')" Enter
    wait_for "TTY:icanon echo"
    [[ "$(tmux -L "$SERVER" display -p '#{alternate_on}')" == 0 ]] || fail "alternate screen still on"
    [[ "$(tmux -L "$SERVER" display -p '#{cursor_flag}')" == 1 ]] || fail "cursor still hidden"
}

start_server() {
    tmux -L "$SERVER" new-session -d -x 120 -y 40 "env -u TMUX bash --norc --noprofile"
    tmux -L "$SERVER" set-option -g status off >/dev/null
    keys "export PS1='$ '; clear" Enter
}

# start_listener: a loopback listener on a free port (printed), held by a python3 helper that
# exits by itself after 120 s at the latest
start_listener() {
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    python3 - "$PORT" >/dev/null 2>&1 <<'PY' &
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(4); s.settimeout(1)
held, end = [], time.time() + 120
while time.time() < end:
    try:
        held.append(s.accept()[0])
    except OSError:
        pass
PY
    HELPERS+=($!)
    # the helper binds in the background: wait until it listens, so clients never find it absent
    local deadline=$((SECONDS + TIMEOUT))
    until ss -Hltn "sport = :$PORT" 2>/dev/null | grep -q LISTEN; do
        ((SECONDS < deadline)) || fail "the test listener on $PORT never listened"
        sleep 0.05
    done
}

cleanup() {
    for p in "${HELPERS[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    tmux -L "$SERVER" kill-server 2>/dev/null || true
    # tmux leaves the server's socket file behind
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SERVER"
    rm -rf "$WORK"
}
