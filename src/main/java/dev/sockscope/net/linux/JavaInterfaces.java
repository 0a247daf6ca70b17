package dev.sockscope.net.linux;

import dev.sockscope.model.InetText;
import dev.sockscope.net.IfAddress;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IPv4 addresses and prefix lengths from {@code java.net.NetworkInterface} (the JDK's
 * {@code SIOCGIFCONF} and netmask ioctls): no native code of ours, but no scope, no flags, and
 * an alias label ({@code eth0:1}) only as a sub-interface's name. Used when rtnetlink is not.
 */
final class JavaInterfaces {
    private JavaInterfaces() {}

    /** Interface name (the parent's, for an alias) to its IPv4 addresses; empty when the JDK lists nothing. */
    static Map<String, List<IfAddress>> ipv4Addresses() {
        Map<String, List<IfAddress>> out = new HashMap<>();
        try {
            Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
            while (all != null && all.hasMoreElements()) {
                NetworkInterface ni = all.nextElement();
                add(out, ni, ni.getName(), null);
                Enumeration<NetworkInterface> subs = ni.getSubInterfaces();
                while (subs.hasMoreElements()) {
                    NetworkInterface sub = subs.nextElement();
                    add(out, sub, ni.getName(), sub.getName());
                }
            }
        } catch (SocketException e) {
            // the JDK could not list interfaces: no IPv4 addresses rather than made-up ones
        }
        return out;
    }

    private static void add(Map<String, List<IfAddress>> out, NetworkInterface ni, String name, String label) {
        List<IfAddress> list = out.computeIfAbsent(name, k -> new ArrayList<>());
        for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
            if (ia.getAddress() instanceof Inet4Address) {
                String text = InetText.format(ia.getAddress().getAddress());
                boolean seen = false;
                for (IfAddress a : list) {
                    seen |= a.address().equals(text) && a.prefix() == ia.getNetworkPrefixLength();
                }
                if (!seen) {
                    list.add(new IfAddress("ipv4", text, ia.getNetworkPrefixLength(), null, label, List.of()));
                }
            }
        }
    }
}
