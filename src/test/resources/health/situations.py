#!/usr/bin/env python3
"""Makes one socket situation on loopback for sockscope's health tests, prints key=value lines
ending with "ready", then keeps it until stdin closes or the time limit passes. Every socket is
on 127.0.0.1; counts are bounded; the process ends by itself.

usage: situations.py SITUATION [--count N] [--seconds S] [--name COMM] [--host ADDR]

  close-wait   accepts N connections and never closes them; the clients close: N CLOSE_WAIT here
  backlog      listens with backlog 1 and never accepts; opens a new client every 0.1 s (at most
               N): a full accept queue, and the kernel's ListenOverflows rising
  grow         accepts one connection and never reads it; its client sends 8 KiB every 0.2 s:
               the accepted socket's Recv-Q grows (with --small-rcvbuf the sender's Send-Q grows)
  time-wait    N connections, each closed by the client first: N TIME_WAIT towards the listener
  connect      N connections to --host:--port held open (ephemeral ports towards one destination)
  syn-clients  N non-blocking connects to --host:--port, held (half-open where SYN-ACKs are lost)
  healthy      accepts, answers and closes every connection; 4 clients stay connected and idle
"""
import argparse
import os
import select
import socket
import sys
import threading
import time

ap = argparse.ArgumentParser()
ap.add_argument("situation")
ap.add_argument("--count", type=int, default=20)
ap.add_argument("--seconds", type=float, default=60.0)
ap.add_argument("--name", default="")
ap.add_argument("--host", default="127.0.0.1")
ap.add_argument("--port", type=int, default=0)
ap.add_argument("--small-rcvbuf", action="store_true")
args = ap.parse_args()
if args.name:
    with open("/proc/self/comm", "wb") as f:
        f.write(os.fsencode(args.name)[:15])

deadline = time.time() + args.seconds
keep = []


def emit(**kv):
    for k, v in kv.items():
        print(f"{k}={v}", flush=True)


def listener(backlog=128, rcvbuf=0):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind((args.host, args.port))
    s.listen(backlog)
    keep.append(s)
    return s


def stdin_closed(timeout):
    r, _, _ = select.select([sys.stdin], [], [], timeout)
    return bool(r) and sys.stdin.buffer.read1(1) == b""


def hold(step=None, every=0.1):
    """Waits until stdin closes or the time limit; calls step() every `every` seconds."""
    while time.time() < deadline:
        if stdin_closed(every):
            return
        if step:
            step()


emit(pid=os.getpid())
sit = args.situation
if sit == "close-wait":
    s = listener()
    port = s.getsockname()[1]
    for _ in range(args.count):
        c = socket.create_connection((args.host, port))
        keep.append(s.accept()[0])
        c.close()
    time.sleep(0.2)
    emit(port=port)
    print("ready", flush=True)
    hold()
elif sit == "backlog":
    s = listener(backlog=1)
    port = s.getsockname()[1]
    emit(port=port)
    clients = []

    def connect_one():
        if len(clients) < args.count:
            c = socket.socket()
            c.setblocking(False)
            try:
                c.connect((args.host, port))
            except BlockingIOError:
                pass
            clients.append(c)

    for _ in range(4):
        connect_one()
    time.sleep(0.2)
    print("ready", flush=True)
    hold(connect_one)
elif sit == "grow":
    s = listener(rcvbuf=4096 if args.small_rcvbuf else 0)
    port = s.getsockname()[1]
    c = socket.create_connection((args.host, port))
    if args.small_rcvbuf:
        c.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
    c.setblocking(False)
    server_side = s.accept()[0]
    keep += [c, server_side]
    emit(port=port, client=c.getsockname()[1])
    chunk = b"x" * 8192

    def send_some():
        try:
            c.send(chunk)
        except BlockingIOError:
            pass

    send_some()  # something is queued from the first reading on
    time.sleep(0.1)
    print("ready", flush=True)

    hold(send_some, 0.2)
elif sit == "time-wait":
    s = listener()
    port = s.getsockname()[1]
    for _ in range(args.count):
        c = socket.create_connection((args.host, port))
        a = s.accept()[0]
        c.close()  # the client closes first: its side goes to TIME_WAIT
        a.recv(1)
        a.close()
    emit(port=port)
    print("ready", flush=True)
    hold()
elif sit == "connect":
    for _ in range(args.count):
        keep.append(socket.create_connection((args.host, args.port)))
    print("ready", flush=True)
    hold()
elif sit == "syn-clients":
    for _ in range(args.count):
        c = socket.socket()
        c.setblocking(False)
        try:
            c.connect((args.host, args.port))
        except BlockingIOError:
            pass
        keep.append(c)
    print("ready", flush=True)
    hold()
elif sit == "healthy":
    s = listener()
    port = s.getsockname()[1]
    s.settimeout(0.1)

    def serve():
        while time.time() < deadline:
            try:
                a = s.accept()[0]
            except OSError:
                continue
            keep.append(a)  # idle keep-alive connections: held open, nothing queued

    threading.Thread(target=serve, daemon=True).start()
    for _ in range(4):
        keep.append(socket.create_connection((args.host, port)))
    time.sleep(0.3)
    emit(port=port)
    print("ready", flush=True)
    hold()
elif sit == "listen":
    s = listener()
    emit(port=s.getsockname()[1])
    print("ready", flush=True)
    hold()
else:
    sys.exit("unknown situation " + sit)
