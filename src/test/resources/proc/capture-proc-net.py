#!/usr/bin/env python3
"""Opens a known set of loopback and unix sockets, copies /proc/net/* into a fixture tree,
then closes everything. Run as root (raw sockets, the uid-65534 listener):

    python3 capture-proc-net.py OUTDIR

Every fixture file gets a first line "# captured ..." which the tests strip before parsing
(the kernel's own first line is the column header). A manifest of the sockets opened, with
their inodes, is written to OUTDIR/manifest.txt so tests can name rows exactly.
Traffic goes only to 127.0.0.1 and ::1.
"""
import os, socket, sys, time, platform

out = sys.argv[1]
net = os.path.join(out, "net")
os.makedirs(net, exist_ok=True)
manifest = []
keep = []

def ino(s):
    return os.fstat(s.fileno()).st_ino

def note(label, s):
    manifest.append("%s inode=%d" % (label, ino(s)))
    keep.append(s)
    return s

def tcp_listen(fam, addr, port, v6only=None):
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind((addr, port))
    s.listen(16)
    return s

# TCP over IPv4: listener, one established pair with 5 unread bytes at the server side
l4 = note("tcp4 listen 127.0.0.1:46001", tcp_listen(socket.AF_INET, "127.0.0.1", 46001))
c4 = socket.create_connection(("127.0.0.1", 46001))
a4, _ = l4.accept()
note("tcp4 established client %s -> 127.0.0.1:46001" % (c4.getsockname(),), c4)
note("tcp4 established server side (5 unread bytes) peer %s" % (a4.getpeername(),), a4)
c4.sendall(b"hello")

# TIME_WAIT (client closes first, then server), FIN_WAIT2/CLOSE_WAIT (server never closes)
ct = socket.create_connection(("127.0.0.1", 46001))
at, _ = l4.accept()
manifest.append("tcp4 time-wait client %s" % (ct.getsockname(),))
ct.close(); time.sleep(0.05); at.close()
cf = socket.create_connection(("127.0.0.1", 46001))
af, _ = l4.accept()
manifest.append("tcp4 fin-wait2 client %s inode=%d" % (cf.getsockname(), ino(cf)))
note("tcp4 close-wait server peer %s" % (af.getpeername(),), af)
cf.shutdown(socket.SHUT_WR)
keep.append(cf)

# A listener owned by uid 65534 (nobody), in a child process
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.setgid(65534); os.setuid(65534)
    s = tcp_listen(socket.AF_INET, "127.0.0.1", 46002)
    os.write(w, b"%d\n" % ino(s))
    time.sleep(3)
    os._exit(0)
manifest.append("tcp4 listen 127.0.0.1:46002 uid=65534 inode=%s" % os.read(r, 64).decode().strip())

# TCP over IPv6: ::1 listener with a connection, and a dual-stack listener reached over IPv4
l6 = note("tcp6 listen [::1]:46003", tcp_listen(socket.AF_INET6, "::1", 46003, 1))
c6 = socket.create_connection(("::1", 46003))
a6, _ = l6.accept()
note("tcp6 established client %s" % (c6.getsockname()[:2],), c6)
note("tcp6 established server side", a6)
ld = note("tcp6 dual-stack listen [::]:46004", tcp_listen(socket.AF_INET6, "::", 46004, 0))
cm = socket.create_connection(("127.0.0.1", 46004))
am, _ = ld.accept()
note("tcp4 client to dual-stack %s" % (cm.getsockname(),), cm)
note("tcp6 v4-mapped server side %s" % (am.getpeername()[:2],), am)

# UDP: bound and connected, both families, one with an unread datagram
u4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u4.bind(("127.0.0.1", 46005))
note("udp4 bound 127.0.0.1:46005 (one unread datagram)", u4)
u4c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u4c.connect(("127.0.0.1", 46005))
note("udp4 connected %s -> 127.0.0.1:46005" % (u4c.getsockname(),), u4c)
u4c.send(b"x" * 100)
uany = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); uany.bind(("0.0.0.0", 46006))
note("udp4 bound 0.0.0.0:46006", uany)
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.bind(("::1", 46007))
note("udp6 bound [::1]:46007", u6)
u6c = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6c.connect(("::1", 46007))
note("udp6 connected %s -> [::1]:46007" % (u6c.getsockname()[:2],), u6c)
ul = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, 136); ul.bind(("127.0.0.1", 46008))
note("udplite4 bound 127.0.0.1:46008", ul)
ul6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM, 136); ul6.bind(("::1", 46009))
note("udplite6 bound [::1]:46009", ul6)

# raw sockets (root): ICMP over IPv4, ICMPv6 over IPv6
note("raw4 icmp", socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP))
note("raw6 icmpv6", socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6))

# unix: stream listener on a path with spaces plus a connection, dgram on a non-ASCII path,
# abstract stream and seqpacket listeners, an unnamed pair, a path with a byte that is not UTF-8
d = "/tmp/sockscope fixture"
os.makedirs(d, exist_ok=True)
for f in os.listdir(d):
    os.unlink(os.path.join(d, f))
us = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); us.bind(d + "/a b.sock"); us.listen(4)
note("unix stream listen '%s/a b.sock'" % d, us)
usc = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); usc.connect(d + "/a b.sock")
usa, _ = us.accept()
note("unix stream connected client (unnamed)", usc)
note("unix stream accepted server side (listener's path)", usa)
ud = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); ud.bind(d + "/d\u00e9j\u00e0.sock")
note("unix dgram bound '%s/d\u00e9j\u00e0.sock'" % d, ud)
udc = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); udc.connect(d + "/d\u00e9j\u00e0.sock")
note("unix dgram connected (unnamed)", udc)
ua = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); ua.bind(b"\0sockscope-fixture"); ua.listen(1)
note("unix stream listen abstract @sockscope-fixture", ua)
uq = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET); uq.bind(b"\0sockscope-seq"); uq.listen(1)
note("unix seqpacket listen abstract @sockscope-seq", uq)
p1, p2 = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
note("unix socketpair end 1 (unnamed, connected)", p1); note("unix socketpair end 2", p2)
ub = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); ub.bind(os.fsencode(d) + b"/bad\xffname")
note("unix dgram bound path with byte 0xff", ub)

time.sleep(0.2)
kernel = platform.release()
for name in ["tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6", "unix"]:
    with open("/proc/net/" + name, "rb") as f:
        data = f.read()
    with open(os.path.join(net, name), "wb") as f:
        f.write(b"# captured from /proc/net/%s on Linux %s (%s) by ../../capture-proc-net.py; "
                b"the tests strip this line\n" % (name.encode(), kernel.encode(), platform.machine().encode()))
        f.write(data)
with open(os.path.join(out, "manifest.txt"), "w") as f:
    f.write("# sockets opened by capture-proc-net.py on Linux %s (%s), pid %d\n" % (kernel, platform.machine(), os.getpid()))
    f.write("\n".join(manifest) + "\n")
for s in keep:
    s.close()
os.waitpid(pid, 0)
for f in os.listdir(d):
    os.unlink(os.path.join(d, f))
os.rmdir(d)
