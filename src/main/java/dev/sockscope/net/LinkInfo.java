package dev.sockscope.net;

import java.util.ArrayList;
import java.util.List;

/** Link flags and types of {@code /sys/class/net/IFACE/{flags,type}}, named as {@code ip link} names them. */
public final class LinkInfo {
    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_DEBUG = 0x4;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_POINTOPOINT = 0x10;
    public static final int IFF_NOTRAILERS = 0x20;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_NOARP = 0x80;
    public static final int IFF_PROMISC = 0x100;
    public static final int IFF_ALLMULTI = 0x200;
    public static final int IFF_MASTER = 0x400;
    public static final int IFF_SLAVE = 0x800;
    public static final int IFF_MULTICAST = 0x1000;
    public static final int IFF_PORTSEL = 0x2000;
    public static final int IFF_AUTOMEDIA = 0x4000;
    public static final int IFF_DYNAMIC = 0x8000;
    public static final int IFF_LOWER_UP = 0x10000;
    public static final int IFF_DORMANT = 0x20000;
    public static final int IFF_ECHO = 0x40000;

    private static final int[] ORDER = {
        IFF_LOOPBACK,
        IFF_BROADCAST,
        IFF_POINTOPOINT,
        IFF_MULTICAST,
        IFF_NOARP,
        IFF_ALLMULTI,
        IFF_PROMISC,
        IFF_NOTRAILERS,
        IFF_DEBUG,
        IFF_DYNAMIC,
        IFF_AUTOMEDIA,
        IFF_PORTSEL,
        IFF_MASTER,
        IFF_SLAVE,
        IFF_UP,
        IFF_LOWER_UP,
        IFF_DORMANT,
        IFF_ECHO
    };
    private static final String[] NAMES = {
        "LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP", "ALLMULTI", "PROMISC", "NOTRAILERS", "DEBUG",
        "DYNAMIC", "AUTOMEDIA", "PORTSEL", "MASTER", "SLAVE", "UP", "LOWER_UP", "DORMANT", "ECHO"
    };

    private LinkInfo() {}

    /**
     * The flags as the kernel reports them over rtnetlink ({@code dev_get_flags}), from the
     * device's own flags as {@code /sys/class/net/IFACE/flags} shows them: {@code RUNNING},
     * {@code LOWER_UP} and {@code DORMANT} are not kept there but follow from an up device's
     * operational state and carrier.
     *
     * @param sysFlags  the value of the {@code flags} file
     * @param operState the {@code operstate} file, or null
     * @param carrier   the {@code carrier} file, or null when unreadable
     */
    public static int effectiveFlags(int sysFlags, String operState, Boolean carrier) {
        int f = sysFlags & ~(IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT);
        if ((f & IFF_UP) != 0) {
            if ("up".equals(operState) || "unknown".equals(operState)) {
                f |= IFF_RUNNING;
            }
            if (Boolean.TRUE.equals(carrier)) {
                f |= IFF_LOWER_UP;
            }
            if ("dormant".equals(operState)) {
                f |= IFF_DORMANT;
            }
        }
        return f;
    }

    /** Names in ip's order, {@code NO-CARRIER} first for an up device that is not running; RUNNING is not named. */
    public static List<String> names(int flags) {
        List<String> out = new ArrayList<>(6);
        if ((flags & IFF_UP) != 0 && (flags & IFF_RUNNING) == 0) {
            out.add("NO-CARRIER");
        }
        for (int i = 0; i < ORDER.length; i++) {
            if ((flags & ORDER[i]) != 0) {
                out.add(NAMES[i]);
            }
        }
        return out;
    }

    /** ARPHRD type number to ip's name ({@code ether}, {@code loopback}, {@code none}...), else the number. */
    public static String linkType(int type) {
        switch (type) {
            case 1:
                return "ether";
            case 32:
                return "infiniband";
            case 512:
                return "ppp";
            case 768:
                return "ipip";
            case 769:
                return "tunnel6";
            case 772:
                return "loopback";
            case 776:
                return "sit";
            case 778:
                return "gre";
            case 823:
                return "gre6";
            case 65534:
                return "none";
            default:
                return Integer.toString(type);
        }
    }
}
