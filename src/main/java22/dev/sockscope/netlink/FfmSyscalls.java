package dev.sockscope.netlink;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * {@link Syscalls} through the JDK's foreign function API, for JDK 22 and newer. Compiled with
 * {@code --release 22} from its own source root and loaded by name (see {@code Natives}), so a
 * JDK 17 build and run never see it.
 *
 * <p>Every call goes through one downcall handle, the C library's {@code long syscall(long
 * number, ...)} with six {@code long} arguments: the JDK generates a stub class per function
 * shape, and each cost 5-20 ms of start-up (four shapes took 35 ms before the first socket).
 * Pointers are passed as addresses, unused arguments as 0. {@code errno} is captured right
 * after each call. The system call numbers are those of x86-64 and AArch64; on another
 * architecture the constructor throws and {@code Natives} falls back to JNA.
 */
final class FfmSyscalls implements Syscalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET = offsetOf(STATE, "errno");
    private static final int AT_FDCWD = -100;

    /** System call numbers of one architecture. */
    private record Numbers(
            long socket, long sendto, long recvfrom, long close, long setsockopt, long openat, long setns) {
        static Numbers of(String arch) {
            return switch (arch) {
                case "amd64", "x86_64" -> new Numbers(41, 44, 45, 3, 54, 257, 308);
                case "aarch64" -> new Numbers(198, 206, 207, 57, 208, 56, 268);
                default -> throw new IllegalStateException("no system call numbers for " + arch);
            };
        }
    }

    private final Numbers nr;
    private final MethodHandle syscall;

    FfmSyscalls() {
        nr = Numbers.of(System.getProperty("os.arch", ""));
        MemorySegment symbol = LINKER.defaultLookup()
                .find("syscall")
                .orElseThrow(() -> new IllegalStateException("no syscall in the C library"));
        syscall = LINKER.downcallHandle(
                symbol,
                FunctionDescriptor.of(
                        JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.captureCallState("errno"),
                Linker.Option.firstVariadicArg(1));
    }

    private static long offsetOf(StructLayout layout, String name) {
        long at = 0;
        for (MemoryLayout m : layout.memberLayouts()) {
            if (m.name().filter(name::equals).isPresent()) {
                return at;
            }
            at += m.byteSize();
        }
        throw new IllegalStateException("no " + name + " in the captured call state");
    }

    @Override
    public String name() {
        return "ffm";
    }

    /** One system call in {@code arena}: its result, or a {@link NetlinkException} with errno named {@code what}. */
    private long call(Arena arena, String what, long number, long a, long b, long c, long d, long e, long f)
            throws NetlinkException {
        MemorySegment state = arena.allocate(STATE);
        long r;
        try {
            r = (long) syscall.invokeExact(state, number, a, b, c, d, e, f);
        } catch (Throwable t) {
            throw new IllegalStateException("native call failed", t);
        }
        if (r < 0) {
            throw NetlinkException.errno(what, state.get(JAVA_INT, ERRNO_OFFSET));
        }
        return r;
    }

    @Override
    public int socket(int domain, int type, int protocol) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            return (int) call(arena, "socket", nr.socket, domain, type, protocol, 0, 0, 0);
        }
    }

    @Override
    public int send(int fd, byte[] buf, int len) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment b = arena.allocate(Math.max(len, 1));
            MemorySegment.copy(buf, 0, b, JAVA_BYTE, 0, len);
            return (int) call(arena, "send", nr.sendto, fd, b.address(), len, 0, 0, 0);
        }
    }

    @Override
    public int recv(int fd, byte[] buf, int len, int flags) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment b = arena.allocate(Math.max(len, 1));
            long n = call(arena, "recv", nr.recvfrom, fd, b.address(), len, flags, 0, 0);
            MemorySegment.copy(b, JAVA_BYTE, 0, buf, 0, (int) Math.min(n, len));
            return (int) n;
        }
    }

    @Override
    public void setsockopt(int fd, int level, int name, int value) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            call(arena, "setsockopt", nr.setsockopt, fd, level, name, v.address(), 4, 0);
        }
    }

    @Override
    public void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            call(arena, "close", nr.close, fd, 0, 0, 0, 0, 0);
        } catch (NetlinkException e) {
            // nothing to do about a failed close (the descriptor is gone either way)
        }
    }

    @Override
    public int open(String path, int flags) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            return (int) call(arena, "open " + path, nr.openat, AT_FDCWD, p.address(), flags, 0, 0, 0);
        }
    }

    @Override
    public void setns(int fd, int nstype) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            call(arena, "setns", nr.setns, fd, nstype, 0, 0, 0, 0);
        }
    }
}
