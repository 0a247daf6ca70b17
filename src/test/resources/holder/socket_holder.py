#!/usr/bin/env python3
"""Opens a known set of loopback and unix sockets for sockscope's live tests, prints what it
opened as key=value lines ending with "ready", then holds them until stdin closes or the time
limit passes. Traffic stays on loopback; the process ends by itself.

usage: socket_holder.py [--name COMM] [--seconds N] [--dir DIR] [--extra] [--scoped ADDR,IFINDEX]

--extra adds what only netlink tells apart: an IPv6-only listener beside the dual-stack one, a
listener bound to lo (SO_BINDTODEVICE; skipped with "bound.error" when refused), unix
datagram and seqpacket pairs, a unix socket whose path holds a line feed, and a TIME_WAIT
socket. --scoped listens on a link-local address of the interface with that index.
"""
import argparse
import os
import select
import socket
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--name", default="sockscope-hold")
ap.add_argument("--seconds", type=float, default=60.0)
ap.add_argument("--dir", default="/tmp")
ap.add_argument("--extra", action="store_true")
ap.add_argument("--scoped", default=None)
args = ap.parse_args()

# The process name (comm) is what sockscope reports; tests set hostile ones too.
with open("/proc/self/comm", "wb") as f:
    f.write(os.fsencode(args.name)[:15])

keep = []
out = {"pid": os.getpid()}


def emit(key, value):
    out[key] = value


def tcp_listen(family, addr, v6only=None):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind((addr, 0))
    s.listen(16)
    keep.append(s)
    return s


def connect(family, addr, port, listener):
    c = socket.socket(family, socket.SOCK_STREAM)
    c.connect((addr, port))
    a, _ = listener.accept()
    keep.extend([c, a])
    return c, a


# a listener shared by two processes, as a pre-fork server does
shared = tcp_listen(socket.AF_INET, "127.0.0.1")
emit("shared.listen", shared.getsockname()[1])
deadline = time.monotonic() + args.seconds
parent = os.getpid()
child = os.fork()
if child == 0:
    # the child holds the inherited sockets until its parent is gone or the time is up
    while os.getppid() == parent and time.monotonic() < deadline:
        time.sleep(0.1)
    os._exit(0)
emit("shared.child", child)


# tcp4: listener, an established pair, and a CLOSE_WAIT (the client side closes, the server side does not)
l4 = tcp_listen(socket.AF_INET, "127.0.0.1")
emit("tcp4.listen", l4.getsockname()[1])
c4, _ = connect(socket.AF_INET, "127.0.0.1", l4.getsockname()[1], l4)
emit("tcp4.client", c4.getsockname()[1])
cw, _ = connect(socket.AF_INET, "127.0.0.1", l4.getsockname()[1], l4)
emit("tcp4.closewait.peer", cw.getsockname()[1])
keep.remove(cw)
cw.close()

# tcp6 on ::1: listener and an established pair
l6 = tcp_listen(socket.AF_INET6, "::1")
emit("tcp6.listen", l6.getsockname()[1])
c6, _ = connect(socket.AF_INET6, "::1", l6.getsockname()[1], l6)
emit("tcp6.client", c6.getsockname()[1])

# a dual-stack listener on :: reached over IPv4: the accepted socket has v4-mapped addresses
ld = tcp_listen(socket.AF_INET6, "::", v6only=0)
emit("dual.listen", ld.getsockname()[1])
cd, _ = connect(socket.AF_INET, "127.0.0.1", ld.getsockname()[1], ld)
emit("dual.client", cd.getsockname()[1])

# udp4 and udp6: one bound (UNCONN), one connected to it (ESTABLISHED)
for name, fam, addr in (("udp4", socket.AF_INET, "127.0.0.1"), ("udp6", socket.AF_INET6, "::1")):
    b = socket.socket(fam, socket.SOCK_DGRAM)
    b.bind((addr, 0))
    c = socket.socket(fam, socket.SOCK_DGRAM)
    c.bind((addr, 0))
    c.connect((addr, b.getsockname()[1]))
    keep.extend([b, c])
    emit(name + ".bound", b.getsockname()[1])
    emit(name + ".connected", c.getsockname()[1])

# unix: a stream listener with a connected pair, a bound datagram socket, an abstract listener
os.makedirs(args.dir, exist_ok=True)
stream_path = os.path.join(args.dir, "stream.sock")
dgram_path = os.path.join(args.dir, "dgram.sock")
for p in (stream_path, dgram_path):
    if os.path.exists(p):
        os.unlink(p)
us = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
us.bind(stream_path)
us.listen(4)
uc = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
uc.connect(stream_path)
ua, _ = us.accept()
ud = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
ud.bind(dgram_path)
abstract = "sockscope-test-%d" % os.getpid()
ab = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
ab.bind("\0" + abstract)
ab.listen(4)
keep.extend([us, uc, ua, ud, ab])
emit("unix.stream", stream_path)
emit("unix.dgram", dgram_path)
emit("unix.abstract", "@" + abstract)

extra_paths = []
if args.extra:
    l6only = tcp_listen(socket.AF_INET6, "::", v6only=1)
    emit("v6only.listen", l6only.getsockname()[1])
    try:
        bd = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        bd.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"lo")
        bd.bind(("127.0.0.1", 0))
        bd.listen(4)
        keep.append(bd)
        emit("bound.listen", bd.getsockname()[1])
    except OSError as e:
        emit("bound.error", e.errno)
    for kind, typ in (("dgram", socket.SOCK_DGRAM), ("seqpacket", socket.SOCK_SEQPACKET)):
        a, b = socket.socketpair(socket.AF_UNIX, typ)
        keep.extend([a, b])
        emit("pair." + kind, "%d,%d" % (os.fstat(a.fileno()).st_ino, os.fstat(b.fileno()).st_ino))
    # a path whose line feed is followed by what looks like a row of /proc/net/unix
    forged = os.path.join(args.dir, "x\n0000000000000000: 00000002 00000000 00010000 0001 01 4242 @forged")
    if os.path.exists(forged):
        os.unlink(forged)
    fs = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    fs.bind(forged)
    fs.listen(1)
    keep.append(fs)
    extra_paths.append(forged)
    emit("forged.inode", os.fstat(fs.fileno()).st_ino)
    # TIME_WAIT: the side that closes first waits
    tw_c, tw_a = connect(socket.AF_INET, "127.0.0.1", l4.getsockname()[1], l4)
    emit("timewait.client", tw_c.getsockname()[1])
    keep.remove(tw_c)
    keep.remove(tw_a)
    tw_c.close()
    tw_a.close()
if args.scoped:
    addr, index = args.scoped.split(",")
    sl = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    sl.bind((addr, 0, 0, int(index)))
    sl.listen(4)
    keep.append(sl)
    emit("scoped.listen", sl.getsockname()[1])

for k, v in out.items():
    print("%s=%s" % (k, v))
print("ready", flush=True)

try:
    while time.monotonic() < deadline:
        r, _, _ = select.select([sys.stdin], [], [], max(0.0, deadline - time.monotonic()))
        if r and not sys.stdin.buffer.read1(4096):
            break
finally:
    for p in [stream_path, dgram_path] + extra_paths:
        try:
            os.unlink(p)
        except OSError:
            pass
    try:
        os.kill(child, 15)
        os.waitpid(child, 0)
    except OSError:
        pass
