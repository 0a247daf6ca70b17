package dev.sockscope.netlink;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * {@link Syscalls} through the JDK's foreign function API, for JDK 22 and newer. Compiled with
 * {@code --release 22} from its own source root and loaded by name (see {@code Natives}), so a
 * JDK 17 build and run never see it. Each call captures {@code errno} right after the call.
 * Byte arrays are copied through a native buffer that lives for the call.
 */
final class FfmSyscalls implements Syscalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    private final MethodHandle socket;
    private final MethodHandle send;
    private final MethodHandle recv;
    private final MethodHandle setsockopt;
    private final MethodHandle close;
    private final MethodHandle open;
    private final MethodHandle setns;

    FfmSyscalls() {
        SymbolLookup libc = LINKER.defaultLookup();
        socket = handle(libc, "socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE);
        send = handle(libc, "send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), CAPTURE);
        recv = handle(libc, "recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), CAPTURE);
        setsockopt = handle(
                libc,
                "setsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT),
                CAPTURE);
        close = handle(libc, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        // open(const char *, int, ...): the mode is variadic
        open = handle(
                libc,
                "open",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
                CAPTURE,
                Linker.Option.firstVariadicArg(2));
        setns = handle(libc, "setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE);
    }

    private static MethodHandle handle(
            SymbolLookup libc, String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment symbol =
                libc.find(name).orElseThrow(() -> new IllegalStateException("no " + name + " in the C library"));
        return LINKER.downcallHandle(symbol, fd, options);
    }

    @Override
    public String name() {
        return "ffm";
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static IllegalStateException unexpected(Throwable t) {
        return new IllegalStateException("native call failed", t);
    }

    @Override
    public int socket(int domain, int type, int protocol) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            int fd = (int) socket.invokeExact(state, domain, type, protocol);
            if (fd < 0) {
                throw NetlinkException.errno("socket", errno(state));
            }
            return fd;
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int send(int fd, byte[] buf, int len) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            MemorySegment b = arena.allocate(Math.max(len, 1));
            MemorySegment.copy(buf, 0, b, JAVA_BYTE, 0, len);
            long n = (long) send.invokeExact(state, fd, b, (long) len, 0);
            if (n < 0) {
                throw NetlinkException.errno("send", errno(state));
            }
            return (int) n;
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int recv(int fd, byte[] buf, int len, int flags) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            MemorySegment b = arena.allocate(Math.max(len, 1));
            long n = (long) recv.invokeExact(state, fd, b, (long) len, flags);
            if (n < 0) {
                throw NetlinkException.errno("recv", errno(state));
            }
            MemorySegment.copy(b, JAVA_BYTE, 0, buf, 0, (int) Math.min(n, len));
            return (int) n;
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public void setsockopt(int fd, int level, int name, int value) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            MemorySegment v = arena.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            int r = (int) setsockopt.invokeExact(state, fd, level, name, v, 4);
            if (r < 0) {
                throw NetlinkException.errno("setsockopt", errno(state));
            }
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public void close(int fd) {
        try {
            int ignored = (int) close.invokeExact(fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int open(String path, int flags) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            MemorySegment p = arena.allocateFrom(path);
            int fd = (int) open.invokeExact(state, p, flags, 0);
            if (fd < 0) {
                throw NetlinkException.errno("open " + path, errno(state));
            }
            return fd;
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public void setns(int fd, int nstype) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            int r = (int) setns.invokeExact(state, fd, nstype);
            if (r < 0) {
                throw NetlinkException.errno("setns", errno(state));
            }
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
