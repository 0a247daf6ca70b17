#!/usr/bin/env bash
# End-to-end test of the live view's K, b/B and Interfaces tab in a real terminal (tmux on a
# private server), against sockets and an interface it makes itself:
#   - K on a loopback client's row asks first, naming both ends and the pid; n leaves the
#     connection open (it still carries data afterwards); y closes it with SOCK_DESTROY: the
#     client's read fails with ECONNABORTED and its peer's with ECONNRESET (as root; otherwise
#     the kernel's refusal, EPERM, is the line shown and the connection stays);
#   - b marks a baseline; a listener started after it is marked + and counted (+1); B clears;
#   - the Interfaces tab shows an interface the test adds (a dummy, or a veth pair where the
#     kernel has no dummy module) with its MTU, MAC and address, and not once it is removed
#     (root only; skipped with a line saying so otherwise).
# Usage: src/test/e2e/live-keys-tmux.sh   (SOCKSCOPE=/path/to/launcher to test another build)
# Needs: tmux, python3, ss; ip for the Interfaces step. Opens only 127.0.0.1 sockets; kills and
# removes only what it started.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
# shellcheck source=tmux-lib.sh
. "$ROOT/src/test/e2e/tmux-lib.sh"
e2e_init sockscope-e2e-keys
TIMEOUT=${E2E_TIMEOUT:-60}
ROOTUSER=false
[[ "$(id -u)" == 0 ]] && ROOTUSER=true
IFACE=""
trap 'if [[ -n "$IFACE" ]]; then ip link del "$IFACE" 2>/dev/null || true; fi; cleanup' EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_re REGEX: polls the pane until a line matches the extended regular expression
wait_re() {
    local deadline=$((SECONDS + TIMEOUT))
    while ! screen | grep -qE -- "$1"; do
        ((SECONDS > deadline)) && fail "screen never matched: $1"
        sleep 0.1
    done
}

# wait_file FILE TEXT: polls until FILE holds TEXT
wait_file() {
    local deadline=$((SECONDS + TIMEOUT))
    until [[ -f "$1" ]] && grep -qF -- "$2" "$1"; do
        ((SECONDS > deadline)) && fail "$1 never held '$2' (it holds: $(cat "$1" 2>/dev/null))"
        sleep 0.1
    done
}

PORT=$(free_port)
PORT2=$(free_port)
# the server: accepts, and records per client port what its reads return (DATA n, EOF, ERR name)
python3 - "$PORT" "$WORK" >/dev/null 2>&1 <<'PY' &
import errno, socket, sys, threading, time
port, work = int(sys.argv[1]), sys.argv[2]
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port)); s.listen(8); s.settimeout(1)
def serve(c, peer):
    def note(t):
        with open(f"{work}/peer-{peer}", "a") as f:
            f.write(t + "\n")
    while True:
        try:
            d = c.recv(100)
        except OSError as e:
            note("ERR " + errno.errorcode.get(e.errno, str(e.errno))); return
        if not d:
            note("EOF"); c.close(); return
        note(f"DATA {len(d)}")
end = time.time() + 150
while time.time() < end:
    try:
        c, a = s.accept()
    except OSError:
        continue
    threading.Thread(target=serve, args=(c, a[1]), daemon=True).start()
PY
HELPERS+=($!)
deadline=$((SECONDS + TIMEOUT))
until ss -Hltn "sport = :$PORT" 2>/dev/null | grep -q LISTEN; do
    ((SECONDS < deadline)) || fail "the test server on $PORT never listened"
    sleep 0.05
done

# a client: writes its local port, sends "ping" on SIGUSR1, records what its own read returns
client() {
    python3 - "$PORT" "$WORK/client-$1" >/dev/null 2>&1 <<'PY' &
import errno, signal, socket, sys, time
c = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
out = sys.argv[2]
open(out + ".port", "w").write(str(c.getsockname()[1]))
signal.signal(signal.SIGUSR1, lambda *a: c.sendall(b"ping"))
c.settimeout(150)
try:
    d = c.recv(100)
    r = "EOF" if not d else "DATA"
except OSError as e:
    r = "ERR " + errno.errorcode.get(e.errno, str(e.errno))
open(out, "w").write(r + "\n")
time.sleep(5)
PY
    HELPERS+=($!)
}
client a; A_PID=${HELPERS[-1]}
client b; B_PID=${HELPERS[-1]}
wait_file "$WORK/client-a.port" ""
wait_file "$WORK/client-b.port" ""
A_PORT=$(cat "$WORK/client-a.port")
B_PORT=$(cat "$WORK/client-b.port")
[[ -n "$A_PORT" && -n "$B_PORT" ]] || fail "the clients did not connect"

start_server
keys "clear; $BIN -t --port $PORT,$PORT2 --interval 0.5; echo EXIT=\$?" Enter
wait_for "Sockets: 5 of "

# K, declined: nothing happens to the connection
keys "/"
keys -l "pid:$B_PID"
keys Enter
wait_re "^tcp +127\.0\.0\.1:$B_PORT +127\.0\.0\.1:$PORT .* $B_PID/python3"
wait_for "Sockets: 1 of "
keys K
wait_for "close tcp 127.0.0.1:$B_PORT <-> 127.0.0.1:$PORT of pid $B_PID (python3) with SOCK_DESTROY? both ends see a reset. y/n"
keys n
wait_for "cancelled"
[[ -z "$(cat "$WORK/peer-$B_PORT" 2>/dev/null)" ]] || fail "the peer saw something after n: $(cat "$WORK/peer-$B_PORT")"
ss -Htn state established "( sport = :$B_PORT and dport = :$PORT )" | grep -q . || fail "the connection is gone after n"
kill -USR1 "$B_PID"
wait_file "$WORK/peer-$B_PORT" "DATA 4"

# K, confirmed
keys "/"
keys C-u
keys -l "pid:$A_PID"
keys Enter
wait_re "^tcp +127\.0\.0\.1:$A_PORT +127\.0\.0\.1:$PORT .* $A_PID/python3"
wait_for "Sockets: 1 of "
keys K
wait_for "close tcp 127.0.0.1:$A_PORT <-> 127.0.0.1:$PORT of pid $A_PID (python3) with SOCK_DESTROY? both ends see a reset. y/n"
[[ -z "$(cat "$WORK/peer-$A_PORT" 2>/dev/null)" ]] || fail "the connection ended before the answer"
keys y
if $ROOTUSER; then
    wait_for "closed 127.0.0.1:$A_PORT <-> 127.0.0.1:$PORT (SOCK_DESTROY)"
    # the kernel's answer on this machine: the peer's read fails with ECONNRESET, the client's with ECONNABORTED
    wait_file "$WORK/peer-$A_PORT" "ERR ECONNRESET"
    wait_file "$WORK/client-a" "ERR ECONNABORTED"
    if ss -Htn state established "( sport = :$A_PORT and dport = :$PORT )" | grep -q .; then
        fail "the connection is still established after K"
    fi
else
    wait_for "not closed: the kernel refused: cannot close the socket: closing another process's socket needs root (CAP_NET_ADMIN) - EPERM (operation not permitted)"
    ss -Htn state established "( sport = :$A_PORT and dport = :$PORT )" | grep -q . || fail "the connection is gone after a refusal"
fi
keys "/"
keys C-u
keys Enter

# b: a baseline; a listener started after it is marked + and counted; B clears
keys b
wait_re "^Baseline [0-9]{2}:[0-9]{2}:[0-9]{2}: \+0 "
python3 - "$PORT2" >/dev/null 2>&1 <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(1); time.sleep(150)
PY
HELPERS+=($!)
LISTENER2=${HELPERS[-1]}
wait_re "^Baseline [0-9]{2}:[0-9]{2}:[0-9]{2}: \+1 "
wait_re "^\+ tcp +127\.0\.0\.1:$PORT2 +\* +LISTEN .* $LISTENER2/python3"
[[ "$(screen | grep -c '^+ ')" == 1 ]] || fail "only the new listener is marked"
kill "$LISTENER2"
wait_re "^Baseline [0-9]{2}:[0-9]{2}:[0-9]{2}: \+0 "
keys B
wait_for "baseline cleared"
wait_gone "Baseline "

# the Interfaces tab
if $ROOTUSER && command -v ip >/dev/null; then
    IFACE="ssk$(($$ % 100000))"
    if ! ip link add "$IFACE" type dummy 2>/dev/null; then
        ip link add "$IFACE" type veth peer name "${IFACE}p" || fail "could not add a test interface"
    fi
    ip link set "$IFACE" mtu 1400 address 02:53:53:00:00:09
    ip addr add 198.51.100.9/24 dev "$IFACE"
    keys Tab
    keys Tab
    wait_re "^  $IFACE +down +1400  02:53:53:00:00:09 .* 198\.51\.100\.9/24"
    wait_re "^  Interface +State +MTU +MAC +Rx/s +Tx/s +Addresses"
    ip link del "$IFACE"
    IFACE=""
    wait_gone "198.51.100.9/24"
    keys Tab
else
    echo "SKIP: the Interfaces step adds an interface, which needs root and ip" >&2
fi

keys q
wait_for "EXIT=0"
check_tty_restored
echo "PASS: live view K, b/B and the Interfaces tab (port $PORT)"
