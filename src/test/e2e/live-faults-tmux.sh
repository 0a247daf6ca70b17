#!/usr/bin/env bash
# End-to-end test of the live view's fault paths in a real terminal (tmux on a private server,
# -L). Each fault must leave the terminal as it was: canonical mode with echo (stty), the
# alternate screen left and the cursor shown (tmux's alternate_on and cursor_flag).
#   - SIGINT to the java process: quits like Ctrl-C, exit 0
#   - SIGHUP to the java process: exit 129
#   - an internal error in the loop (the sockscope.live.failAfter test hook, passed in
#     JAVA_TOOL_OPTIONS): exit 3 and exactly one line on stderr
#   - a terminal resized to 1 column, 1 row and 1x1: no crash, and a full redraw when enlarged
#   - the tmux window closed under the view (a hangup): the java process ends
# The screen is polled with capture-pane, never read after a fixed sleep.
#
# Usage: src/test/e2e/live-faults-tmux.sh     (uses bin/sockscope)
#        SOCKSCOPE=/path/to/launcher src/test/e2e/live-faults-tmux.sh
# Needs: tmux, python3. Opens only 127.0.0.1 sockets; kills only what it started, by pid.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
# shellcheck source=tmux-lib.sh
. "$ROOT/src/test/e2e/tmux-lib.sh"
e2e_init sockscope-faults

# build the jar now if it is stale, so that no build output lands in the stderr checked below
"$BIN" --list --port 1 >/dev/null 2>&1 </dev/null || true

start_listener
start_server

# run_view [ENV...]: starts the view on the listener's port in the pane, waits for its row
run_view() {
    keys "clear; $* $BIN --port $PORT --interval 0.5 2>$WORK/err; echo EXIT=\$?" Enter
    wait_for "127.0.0.1:$PORT"
    wait_for "LISTEN"
}

# signal SIG EXPECTED_EXIT
signal() {
    run_view
    local pid
    pid=$(java_pid)
    [[ -n "$pid" ]] || fail "could not find the java process"
    kill "-$1" "$pid"
    wait_for "EXIT=$2"
    check_tty_restored
    if [[ -s "$WORK/err" ]]; then
        fail "SIG$1 printed on stderr: $(cat "$WORK/err")"
    fi
    echo "ok: SIG$1 exits $2, terminal restored"
}

signal INT 0
signal HUP 129

# an internal error: one line on stderr (besides the JVM's note that it read JAVA_TOOL_OPTIONS)
keys "clear; JAVA_TOOL_OPTIONS=-Dsockscope.live.failAfter=3 $BIN --port $PORT --interval 0.5 2>$WORK/err; echo EXIT=\$?" Enter
wait_for "EXIT=3"
check_tty_restored
grep -v '^Picked up JAVA_TOOL_OPTIONS' "$WORK/err" >"$WORK/err.own" || true
[[ "$(wc -l <"$WORK/err.own")" == 1 ]] || fail "expected one line on stderr, got: $(cat "$WORK/err")"
grep -qx 'sockscope: live view failed: injected failure (sockscope.live.failAfter=3)' "$WORK/err.own" \
    || fail "unexpected stderr: $(cat "$WORK/err")"
echo "ok: an internal error exits 3 with one line, terminal restored"

# tiny terminals: the view keeps running and redraws in full when the window grows again
run_view
PID=$(java_pid)
[[ -n "$PID" ]] || fail "could not find the java process"
for size in "-x 1 -y 40" "-x 120 -y 1" "-x 1 -y 1" "-x 2 -y 2"; do
    # shellcheck disable=SC2086
    tmux -L "$SERVER" resize-window $size
    # a key makes a frame at that size (selection down), whatever the refresh does
    keys j
    deadline=$((SECONDS + 2))
    while ((SECONDS < deadline)); do
        kill -0 "$PID" 2>/dev/null || fail "the view ended at size $size"
        sleep 0.2
    done
done
tmux -L "$SERVER" resize-window -x 120 -y 40
wait_for "127.0.0.1:$PORT"
wait_for "q quit"
kill -0 "$PID" 2>/dev/null || fail "the view ended after the resizes"
keys q
wait_for "EXIT=0"
check_tty_restored
[[ ! -s "$WORK/err" ]] || fail "stderr after the resizes: $(cat "$WORK/err")"
echo "ok: 1 column, 1 row and 1x1 do not crash; the view redraws when enlarged"

# the window closed under the view: the pty hangs up, the java process must end
tmux -L "$SERVER" new-window -d -n victim "exec $BIN --port $PORT --interval 0.5"
wait_for "127.0.0.1:$PORT" victim
VPID=$(tmux -L "$SERVER" display -p -t victim '#{pane_pid}')
[[ -n "$VPID" ]] && tr '\0' ' ' <"/proc/$VPID/cmdline" | grep -q java || fail "no java in the victim window"
tmux -L "$SERVER" kill-window -t victim
wait_exit "$VPID"
echo "ok: closing the window ends the view"

echo "PASS: live view faults end to end (port $PORT)"
