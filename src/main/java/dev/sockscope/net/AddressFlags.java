package dev.sockscope.net;

import java.util.ArrayList;
import java.util.List;

/** {@code IFA_F_*} address flags, named as {@code ip addr} names them. */
public final class AddressFlags {
    public static final int SECONDARY = 0x01; // TEMPORARY for IPv6
    public static final int NODAD = 0x02;
    public static final int OPTIMISTIC = 0x04;
    public static final int DADFAILED = 0x08;
    public static final int HOMEADDRESS = 0x10;
    public static final int DEPRECATED = 0x20;
    public static final int TENTATIVE = 0x40;
    public static final int PERMANENT = 0x80;
    public static final int MANAGETEMPADDR = 0x100;
    public static final int NOPREFIXROUTE = 0x200;
    public static final int MCAUTOJOIN = 0x400;
    public static final int STABLE_PRIVACY = 0x800;

    private AddressFlags() {}

    /**
     * The names ip prints, in its order. {@code permanent} is not printed (ip shows it as
     * "valid_lft forever"); an address without it is {@code dynamic}.
     */
    public static List<String> names(int flags, boolean ipv6) {
        List<String> out = new ArrayList<>(2);
        if ((flags & SECONDARY) != 0) {
            out.add(ipv6 ? "temporary" : "secondary");
        }
        if ((flags & TENTATIVE) != 0) {
            out.add("tentative");
        }
        if ((flags & DEPRECATED) != 0) {
            out.add("deprecated");
        }
        if ((flags & HOMEADDRESS) != 0) {
            out.add("home");
        }
        if ((flags & NODAD) != 0) {
            out.add("nodad");
        }
        if ((flags & OPTIMISTIC) != 0) {
            out.add("optimistic");
        }
        if ((flags & DADFAILED) != 0) {
            out.add("dadfailed");
        }
        if ((flags & MANAGETEMPADDR) != 0) {
            out.add("mngtmpaddr");
        }
        if ((flags & NOPREFIXROUTE) != 0) {
            out.add("noprefixroute");
        }
        if ((flags & MCAUTOJOIN) != 0) {
            out.add("autojoin");
        }
        if ((flags & STABLE_PRIVACY) != 0) {
            out.add("stable-privacy");
        }
        if ((flags & PERMANENT) == 0) {
            out.add("dynamic");
        }
        return out;
    }
}
