"""Holds TCP sockets on the fixed loopback ports the service-name test needs.

Run inside a network namespace of its own (the ports are fixed, so they must be free):
listeners on 8080, 3306, 1521, 5601, 3389 and 2024; a client bound to 32768, the first port
of Linux's ephemeral range (IANA: filenet-tms), connected to 8080; a client bound to 32769
(IANA: filenet-rpc) connected to 2024 (IANA: xinuexpansion4, no helpful name). Writes its pid
to READY_FILE once every connection is accepted, then sleeps SECONDS (the test ends it sooner).

Usage: service_ports.py READY_FILE SECONDS
"""

import os
import socket
import sys
import time

ready_file, seconds = sys.argv[1], int(sys.argv[2])
held = []


def listen(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(8)
    held.append(s)
    return s


def connect(local_port, server):
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    c.bind(("127.0.0.1", local_port))
    c.connect(("127.0.0.1", server.getsockname()[1]))
    accepted, _ = server.accept()
    held.extend((c, accepted))


servers = {port: listen(port) for port in (8080, 3306, 1521, 5601, 3389, 2024)}
connect(32768, servers[8080])
connect(32769, servers[2024])
with open(ready_file + ".tmp", "w") as f:
    f.write(str(os.getpid()))
os.rename(ready_file + ".tmp", ready_file)
deadline = time.monotonic() + seconds
while time.monotonic() < deadline:
    time.sleep(0.2)
