# A process whose main thread exits (pthread_exit) while another thread keeps a loopback
# listener: the thread-group leader becomes a zombie with an empty fd/, and the socket shows
# only under /proc/PID/task/TID/fd. Prints port=N and ready, then waits for stdin to close.
import ctypes
import socket
import sys
import threading
import time

s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)


def keep():
    # give the main thread time to exit before saying ready
    time.sleep(0.3)
    print("port=%d" % s.getsockname()[1], flush=True)
    print("ready", flush=True)
    sys.stdin.read()


threading.Thread(target=keep).start()
# ctypes releases the GIL around the call, so the other thread runs on
ctypes.CDLL(None).pthread_exit(None)
