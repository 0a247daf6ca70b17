"""Holds sockets for the --netns and unix peer tests, then waits until its stdin closes
(at most 240 s) and exits.

  holder.py inet [DEVICE]   TCP listener on 127.0.0.1 with one connection to it, a UDP socket on
                            [::1]; with DEVICE also a UDP socket bound to that device
                            (SO_BINDTODEVICE) on 0.0.0.0
  holder.py unix-listen PATH    a unix stream listener on PATH; accepts one connection
  holder.py unix-connect PATH   a unix stream connection to PATH

Prints key=value facts (pid, port, inode, ...), then "ready".
"""
import os
import select
import socket
import sys
import time


def emit(**kv):
    for k, v in kv.items():
        print("%s=%s" % (k, v))
    sys.stdout.flush()


def wait_stdin(timeout=240.0):
    end = time.time() + timeout
    while time.time() < end:
        r, _, _ = select.select([sys.stdin], [], [], max(0.0, end - time.time()))
        if r and not sys.stdin.buffer.read1(4096):
            return


def main():
    mode = sys.argv[1]
    held = []
    if mode == "inet":
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        port = s.getsockname()[1]
        c = socket.create_connection(("127.0.0.1", port))
        a, _ = s.accept()
        u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        u.bind(("::1", 0))
        held += [s, c, a, u]
        emit(pid=os.getpid(), port=port, client=c.getsockname()[1], udp=u.getsockname()[1],
             inode=os.fstat(s.fileno()).st_ino)
        if len(sys.argv) > 2:
            d = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            d.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, sys.argv[2].encode())
            d.bind(("0.0.0.0", 0))
            held.append(d)
            emit(device_port=d.getsockname()[1])
    elif mode == "unix-listen":
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(sys.argv[2])
        s.listen(1)
        emit(pid=os.getpid(), inode=os.fstat(s.fileno()).st_ino)
        print("ready")
        sys.stdout.flush()
        s.settimeout(30)
        a, _ = s.accept()
        held += [s, a]
        emit(accepted=os.fstat(a.fileno()).st_ino)
        print("accepted")
        sys.stdout.flush()
        wait_stdin()
        return
    elif mode == "unix-connect":
        c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        c.connect(sys.argv[2])
        held.append(c)
        emit(pid=os.getpid(), inode=os.fstat(c.fileno()).st_ino)
    else:
        sys.exit("unknown mode " + mode)
    print("ready")
    sys.stdout.flush()
    wait_stdin()


main()
