#!/usr/bin/env python3
"""A loopback transfer of known size and rate, for the rate checks.

  throttled.py recv SECONDS
      listens on 127.0.0.1 (a free port), prints "port P" and flushes, accepts one connection,
      reads everything until the sender closes, prints "received N" and exits; gives up after
      SECONDS whatever happens.
  throttled.py send PORT RATE SECONDS
      connects to 127.0.0.1:PORT and sends RATE bytes a second for SECONDS, paced by a token
      bucket refilled every 10 ms (at most 1/20 s of burst), then prints "sent N" and closes.

Both end by themselves; only 127.0.0.1 is used.
"""
import socket
import sys
import time


def recv(limit):
    end = time.monotonic() + limit
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    s.settimeout(limit)
    print("port", s.getsockname()[1], flush=True)
    c, _ = s.accept()
    s.close()
    total = 0
    while time.monotonic() < end:
        c.settimeout(max(0.01, end - time.monotonic()))
        try:
            b = c.recv(1 << 16)
        except socket.timeout:
            break
        if not b:
            break
        total += len(b)
    print("received", total, flush=True)
    c.close()


def send(port, rate, seconds):
    c = socket.create_connection(("127.0.0.1", port), timeout=5)
    c.setblocking(True)
    chunk = b"x" * 4096
    burst = rate / 20.0
    tokens = 0.0
    start = last = time.monotonic()
    end = start + seconds
    total = 0
    goal = int(rate * seconds)
    while total < goal:
        now = time.monotonic()
        if now > end + 5:
            break  # the receiver stopped reading: give up
        tokens = min(burst, tokens + (now - last) * rate)
        last = now
        while tokens >= len(chunk) and total < goal:
            n = c.send(chunk[: min(len(chunk), goal - total)])
            total += n
            tokens -= n
        time.sleep(0.01)
    print("sent", total, "in %.3f s" % (time.monotonic() - start), flush=True)
    c.shutdown(socket.SHUT_WR)
    c.close()


if __name__ == "__main__":
    if sys.argv[1] == "recv":
        recv(float(sys.argv[2]))
    elif sys.argv[1] == "send":
        send(int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]))
    else:
        sys.exit("usage: throttled.py recv SECONDS | send PORT RATE SECONDS")
