#!/usr/bin/env python3
"""Connection and process churn on loopback for sockscope's race tests and soak run.

usage: churn.py --log FILE [--seconds N] [--children K] [--name COMM] [--stop-file PATH] [--linger L]

Keeps up to K child processes alive until N seconds pass (or PATH exists); each child opens, uses and closes
TCP listeners, connected pairs and UDP sockets on 127.0.0.1, forks grandchildren that inherit its
sockets and outlive some of them in the child, replaces sockets behind the same descriptor number,
and exits. The log, one write(2) per line on an O_APPEND descriptor, times on CLOCK_MONOTONIC in
nanoseconds (time.monotonic_ns, the clock of Java's System.nanoTime on Linux):

  A pid inode port proto T   pid came to hold the socket (created, accepted or inherited by
                             fork) no earlier than T
  R pid inode T              pid no longer held it (closed it) at T
  X pid T                    pid had exited (reaped by its parent) at T

so every (pid, socket) pair ever held is logged, within bounds that contain the true holding
time. The parent holds no socket. Prints "started" when running and "done forks=F holdings=H" when all children are reaped.
All traffic stays on 127.0.0.1; every process ends by itself.
"""
import argparse
import os
import random
import socket
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--log", required=True)
ap.add_argument("--seconds", type=float, default=30.0)
ap.add_argument("--children", type=int, default=6)
ap.add_argument("--name", default="sockscope-churn")
ap.add_argument("--stop-file", default=None)
# how long the lingering tenth of the children hold their sockets at least (then up to 1 s more)
ap.add_argument("--linger", type=float, default=1.0)
args = ap.parse_args()

with open("/proc/self/comm", "wb") as f:
    f.write(args.name.encode()[:15])
log = os.open(args.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
deadline = time.monotonic() + args.seconds


now = time.monotonic_ns


def note(sock, proto, since):
    os.write(log, ("A %d %d %d %s %d\n" % (os.getpid(), os.fstat(sock.fileno()).st_ino,
                                            sock.getsockname()[1], proto, since)).encode())


def note_all(socks, since):
    for s, proto in socks:
        note(s, proto, since)


def close(sock):
    inode = os.fstat(sock.fileno()).st_ino
    sock.close()
    os.write(log, ("R %d %d %d\n" % (os.getpid(), inode, now())).encode())


def reaped(pid):
    os.write(log, ("X %d %d\n" % (pid, now())).encode())


def open_tcp(held):
    t = now()
    l = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    l.bind(("127.0.0.1", 0))
    note(l, "tcp", t)
    l.listen(4)
    t = now()
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    note(c, "tcp", t)
    c.connect(l.getsockname())
    t = now()
    a, _ = l.accept()
    note(a, "tcp", t)
    held += [(l, "tcp"), (c, "tcp"), (a, "tcp")]
    c.sendall(b"x" * random.randint(0, 2000))


def open_udp(held):
    t = now()
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind(("127.0.0.1", 0))
    note(u, "udp", t)
    held.append((u, "udp"))


def child(seed):
    rnd = random.Random(seed)
    held = []
    grandchildren = []
    for _ in range(rnd.randint(2, 8)):
        action = rnd.random()
        try:
            if action < 0.3 or not held:
                open_tcp(held)
            elif action < 0.45:
                open_udp(held)
                if len(held) > 1:
                    t = now()
                    v = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                    v.bind(("127.0.0.1", 0))
                    note(v, "udp", t)
                    v.connect(held[-1][0].getsockname())
                    v.send(b"y")
                    held.append((v, "udp"))
            elif action < 0.65:
                # a forked process holds every socket its parent held, for a while after the
                # parent has closed or replaced some of them
                t = now()
                pid = os.fork()
                if pid == 0:
                    note_all(held, t)
                    time.sleep(0.05 + rnd.random() * 0.25)
                    os._exit(0)
                grandchildren.append(pid)
            else:
                # close a socket and open another: it takes the freed descriptor number, so the
                # process keeps the same number of open files while the socket behind fd N changes
                s, _ = held.pop(rnd.randrange(len(held)))
                close(s)
                open_udp(held)
        except OSError:
            pass  # port exhaustion or similar under load: this step just holds less
        time.sleep(rnd.random() * 0.03)
    for pid in grandchildren:
        os.waitpid(pid, 0)
        reaped(pid)
    if rnd.random() < 0.1:
        # some children hold their sockets for a while (--linger, longer than a read): a reader
        # that needs seconds per snapshot (a machine with 100k sockets) still finds churn sockets
        # with their holders
        time.sleep(args.linger + rnd.random())
    os._exit(0)


def running():
    return time.monotonic() < deadline and not (args.stop_file and os.path.exists(args.stop_file))


print("started", flush=True)
children = set()
forks = 0
while running():
    while len(children) < args.children and running():
        seed = forks
        pid = os.fork()
        if pid == 0:
            try:
                child(seed)
            finally:
                os._exit(0)
        children.add(pid)
        forks += 1
    if children:
        pid, _ = os.waitpid(-1, 0)
        reaped(pid)
        children.discard(pid)
for pid in list(children):
    os.waitpid(pid, 0)
    reaped(pid)
os.close(log)
with open(args.log) as f:
    held = sum(1 for line in f if line.startswith("A "))
print("done forks=%d holdings=%d" % (forks, held), flush=True)
