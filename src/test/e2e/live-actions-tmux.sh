#!/usr/bin/env bash
# End-to-end test of the live view's order, layout, toggles and actions in a real terminal
# (tmux on a private server), against sockets it opens itself on 127.0.0.1:
#   - `--sort X --reverse` orders the live view's rows exactly as `--list --sort X --reverse`
#     orders the same sockets (for pid and remote);
#   - a process renamed to a CJK name (prctl PR_SET_NAME) lines up under its column in the live
#     view and in `--list`;
#   - x shows unix sockets and x again hides them; with -t -4, t says it would hide everything;
#     an unknown key gets a one-line hint;
#   - e exports the rows shown to a .json and a .csv file that parse back to those rows;
#   - k asks first: the process is alive at the question and dies after y;
#   - after a minute of running, the java process has no zombie child.
# Usage: src/test/e2e/live-actions-tmux.sh   (SOCKSCOPE=/path/to/launcher to test another build)
# Needs: tmux, python3. Opens only 127.0.0.1 sockets; kills only what it started.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
# shellcheck source=tmux-lib.sh
. "$ROOT/src/test/e2e/tmux-lib.sh"
e2e_init sockscope-e2e-actions
# the first read on a busy host (another load's 80,000 sockets) can take more than 20 s
TIMEOUT=${E2E_TIMEOUT:-60}
STARTED=$SECONDS

start_listener

# clients: three plain ones and one renamed to a CJK name; each holds its connection
client() {
    python3 - "$PORT" "$1" >/dev/null 2>&1 <<'PY' &
import ctypes, socket, sys, time
name = sys.argv[2]
if name != "-":
    ctypes.CDLL(None).prctl(15, name.encode("utf-8"), 0, 0, 0)
c = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
time.sleep(150)
PY
    HELPERS+=($!)
}
client -; client -; client -
CJK=$'\xe6\xb5\x8b\xe8\xaf\x95\xe6\x9c\x8d\xe5\x8a\xa1'   # 测试服务
client "$CJK"
CJK_PID=${HELPERS[-1]}
for _ in $(seq 1 100); do [[ "$(cat /proc/$CJK_PID/comm 2>/dev/null)" == "$CJK" ]] && break; sleep 0.1; done
[[ "$(cat /proc/$CJK_PID/comm)" == "$CJK" ]] || fail "the client was not renamed"

start_server

# the rows of the live view's table (from the column titles to the footer), one per line
table_rows() {
    screen | awk '/^Proto/ { on = 1; next } on && NF == 0 { exit } on { print }'
}

# the cell (terminal column) where text $2 starts in line $1: wide characters count two
cell_of() {
    python3 - "$1" "$2" <<'PY'
import sys, unicodedata
line, text = sys.argv[1], sys.argv[2]
i = line.index(text)
print(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line[:i]))
PY
}

for sort in pid remote; do
    keys "clear; COLUMNS=120 $BIN --port $PORT --sort $sort --reverse --interval 0.5; echo EXIT=\$?" Enter
    wait_for "Sockets: 9"
    live=$(table_rows | awk '{ print $2, $3 }')
    keys q
    wait_for "EXIT=0"
    list=$(COLUMNS=120 "$BIN" --list --port "$PORT" --sort "$sort" --reverse | awk 'NR > 1 { print $2, $3 }')
    [[ "$live" == "$list" ]] || fail "--sort $sort --reverse: live order
$live
differs from --list
$list"
done

# the CJK name lines up: the State column starts under its title, as in --list
keys "clear; $BIN --port $PORT --columns proto,local,process,state --interval 0.5; echo EXIT=\$?" Enter
wait_for "$CJK"
title=$(screen | grep '^Proto')
row=$(screen | grep -F "$CJK")
[[ "$(cell_of "$row" ESTABLISHED)" == "$(cell_of "$title" State)" ]] || fail "live: the CJK row's state is not under its title
$title
$row"
keys q
wait_for "EXIT=0"
list=$(COLUMNS=120 "$BIN" --list --port "$PORT" --columns proto,local,process,state)
title=$(head -1 <<<"$list")
row=$(grep -F "$CJK" <<<"$list")
[[ "$(cell_of "$row" ESTABLISHED)" == "$(cell_of "$title" State)" ]] || fail "--list: the CJK row's state is not under its title
$title
$row"

# the view that runs for the rest of the test (a minute at least, for the zombie check)
keys "clear; $BIN -t -4 --port $PORT --interval 0.5; echo EXIT=\$?" Enter
wait_for "Sockets: 9"
JAVA=$(java_pid)
[[ -n "$JAVA" ]] || fail "could not find the java process"

keys t
wait_for "hiding TCP would hide every socket: nothing changed"
keys z
wait_for "unknown key 'z': h or ? lists the keys"
keys x
wait_for "Show: tcp unix"
keys x
wait_for "unix hidden"
wait_for "Sockets: 9"

# e: export what is shown (the filter applied) and parse it back
keys "/"
keys -l "pid:$CJK_PID"
keys Enter
wait_for "Sockets: 1 of "
keys e
wait_for "export 1 row to (.json or .csv): sockscope-export.json"
keys C-u
keys -l "$WORK/shown.json"
keys Enter
wait_for "1 row written to $WORK/shown.json"
python3 - "$WORK/shown.json" "$CJK_PID" "$CJK" <<'PY' || fail "the JSON export does not hold the row shown"
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(rows) == 1, rows
assert rows[0]["pid"] == int(sys.argv[2]) and rows[0]["process"] == sys.argv[3], rows[0]
PY
keys "/"
keys C-u
keys Enter
wait_for "Sockets: 9"
keys e
keys C-u
keys -l "$WORK/shown.csv"
keys Enter
wait_for "9 rows written to $WORK/shown.csv"
shown=$(table_rows | awk '{ print $2 }' | sort)
python3 - "$WORK/shown.csv" "$shown" <<'PY' || fail "the CSV export does not hold the rows shown"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
assert len(rows) == 9, len(rows)
local = sorted(f"{r['localAddress']}:{r['localPort']}" for r in rows)
assert local == sorted(sys.argv[2].split("\n")), (local, sys.argv[2])
PY

# k: the process dies after the confirmation, not before
VICTIM=${HELPERS[1]}
keys "/"
keys -l "pid:$VICTIM"
keys Enter
wait_for "Sockets: 1 of "
keys k
wait_for "send SIGTERM to pid $VICTIM (python3"
kill -0 "$VICTIM" 2>/dev/null || fail "the process died before the confirmation"
keys y
wait_exit "$VICTIM"
wait_for "pid $VICTIM"
keys Escape
keys "/"
keys C-u
keys Enter
wait_gone "$VICTIM/python3"

# a minute after the start of the view: no zombie child
while ((SECONDS - STARTED < 75)); do sleep 1; done
kill -0 "$JAVA" 2>/dev/null || fail "the view ended"
zombies=$(ps -o pid=,stat=,comm= --ppid "$JAVA" | awk '$2 ~ /^Z/' || true)
[[ -z "$zombies" ]] || fail "zombie children of the view: $zombies"
keys q
wait_for "EXIT=0"
check_tty_restored

echo "PASS: live view order, layout, toggles and actions (port $PORT)"
