package dev.sockscope.netlink;

import java.nio.file.Path;

/**
 * Picks the native binding once, at the first netlink call: {@link JniSyscalls} when the build
 * made its library for this system, else {@code FfmSyscalls} when this JDK is 22 or newer and
 * the build has the class (it is compiled only by a JDK 22+ build), else {@link JnaSyscalls}.
 * The system property {@code sockscope.native} ({@code jni}, {@code ffm} or {@code jna}) forces
 * one, for measurements and tests; {@code none} turns native calls off (netlink then cannot be
 * used, as in a sandbox that forbids it).
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
                    chosen = load(System.getProperty("sockscope.native", ""), NativeLibrary.path());
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

    /**
     * The binding {@code forced} names ({@code ""}: the first that loads of JNI, FFM, JNA).
     *
     * @param jniLibrary this build's JNI library, null when there is none
     */
    static Syscalls load(String forced, Path jniLibrary) throws NetlinkException {
        if (forced.equals("none")) {
            throw new NetlinkException("native calls are turned off (sockscope.native=none)");
        }
        if (forced.equals("jni") || forced.isEmpty()) {
            if (jniLibrary == null && forced.equals("jni")) {
                throw new NetlinkException("no JNI library for netlink in this build (built without a C compiler?)");
            }
            if (jniLibrary != null) {
                try {
                    return new JniSyscalls(jniLibrary);
                } catch (LinkageError | RuntimeException e) {
                    // another architecture's file, or damaged: FFM or JNA below
                    if (forced.equals("jni")) {
                        throw new NetlinkException("the JNI library " + jniLibrary + " cannot be loaded: " + e, 0, e);
                    }
                }
            }
        }
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

    /**
     * Whether a binding that starts in a few milliseconds is here, without loading it: the JNI
     * library, or the FFM class on JDK 22+ (JNA alone takes 70-85 ms).
     */
    static boolean quickToStart() {
        if (NativeLibrary.path() != null) {
            return true;
        }
        if (Runtime.version().feature() < 22) {
            return false;
        }
        // loaded, not initialised: cheaper than looking the file up as a resource (3 ms)
        try {
            Class.forName(FFM, false, Natives.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
