# Run as: python3 -c "$(cat hostile_holder.py)" COMM_HEX UNIX_HEX SECONDS REEXEC [ARGS...]
# A process with a hostile name and command line holding a loopback listener and a unix
# listener, for sockscope's hostile-string tests. COMM_HEX: the bytes to write to
# /proc/self/comm (hex); UNIX_HEX: the unix socket's address (hex; a leading 00 is abstract).
# REEXEC: "-", or comma-separated paths of files: the process first re-executes itself with
# each file's bytes appended as an argument (a parent cannot pass invalid UTF-8 through Java,
# nor a 64 KiB argument as hex).
# Prints key=value facts (values of text keys in hex), then "ready"; holds its sockets until
# stdin closes or SECONDS pass. Traffic stays on loopback; it ends by itself.
import os
import select
import socket
import sys
import time

comm_hex, unix_hex, seconds, reexec = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
if reexec != "-":
    with open("/proc/self/cmdline", "rb") as f:
        argv = f.read().rstrip(b"\0").split(b"\0")
    code_index = argv.index(b"-c") + 1
    new = [sys.executable.encode(), b"-c", argv[code_index], comm_hex.encode(), unix_hex.encode(),
           sys.argv[3].encode(), b"-"] + [os.fsencode(a) for a in sys.argv[5:]]
    for name in reexec.split(","):
        with open(name, "rb") as f:
            new.append(f.read())
    os.execv(sys.executable, new)

with open("/proc/self/comm", "wb") as f:
    f.write(bytes.fromhex(comm_hex))

facts = {"pid": str(os.getpid())}
tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
tcp.bind(("127.0.0.1", 0))
tcp.listen(4)
facts["port"] = str(tcp.getsockname()[1])
facts["tcp.inode"] = str(os.fstat(tcp.fileno()).st_ino)

path = bytes.fromhex(unix_hex)
u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
u.bind(path)
u.listen(4)
facts["unix.inode"] = str(os.fstat(u.fileno()).st_ino)
with open("/proc/self/cmdline", "rb") as f:
    facts["cmdline"] = f.read().hex()

for k, v in facts.items():
    print("%s=%s" % (k, v))
print("ready", flush=True)

deadline = time.monotonic() + seconds
try:
    while time.monotonic() < deadline:
        r, _, _ = select.select([sys.stdin], [], [], max(0.0, deadline - time.monotonic()))
        if r and not sys.stdin.buffer.read1(4096):
            break
finally:
    if not path.startswith(b"\0"):
        try:
            os.unlink(path)
        except OSError:
            pass
