package dev.sockscope.netlink;

/**
 * Picks the native binding once, at the first netlink call: {@code FfmSyscalls} when this JDK
 * is 22 or newer and the build has the class (it is compiled only by a JDK 22+ build), else
 * {@link JnaSyscalls}. The system property {@code sockscope.native} ({@code ffm} or
 * {@code jna}) forces one, for measurements and tests.
 */
final class Natives {
    private static final String FFM = "dev.sockscope.netlink.FfmSyscalls";

    private static volatile Syscalls chosen;
    private static volatile NetlinkException failure;

    private Natives() {}

    /** The binding, loading it at the first call. */
    static Syscalls get() throws NetlinkException {
        Syscalls s = chosen;
        if (s != null) {
            return s;
        }
        synchronized (Natives.class) {
            if (chosen == null && failure == null) {
                try {
                    chosen = load(System.getProperty("sockscope.native", ""));
                } catch (NetlinkException e) {
                    failure = e;
                }
            }
            if (chosen == null) {
                throw failure;
            }
            return chosen;
        }
    }

    private static Syscalls load(String forced) throws NetlinkException {
        boolean ffmPossible = Runtime.version().feature() >= 22;
        if (forced.equals("ffm") || (forced.isEmpty() && ffmPossible)) {
            try {
                return (Syscalls) Class.forName(FFM).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // not in this build (made by JDK 17), or native access refused: JNA below
                if (forced.equals("ffm")) {
                    throw new NetlinkException("the JDK's foreign function API cannot be used here: " + e, 0, e);
                }
            }
        }
        try {
            return new JnaSyscalls();
        } catch (LinkageError | RuntimeException e) {
            throw new NetlinkException("no native access for netlink (JNA failed: " + e + ")", 0, e);
        }
    }
}
