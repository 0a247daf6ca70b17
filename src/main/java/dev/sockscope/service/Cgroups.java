package dev.sockscope.service;

/**
 * Names a cgroup v2 path: its systemd unit and its container, as users know them.
 *
 * <pre>
 *   /system.slice/nginx.service                              unit nginx.service
 *   /user.slice/user-1000.slice/user@1000.service/app.slice/app-foo.scope   unit app-foo.scope
 *   /system.slice/docker-3f2a1c….scope                       container docker:3f2a1c…, unit docker-3f2a1c….scope
 *   /kubepods.slice/…/cri-containerd-5e1f….scope             container containerd:5e1f…
 *   /machine.slice/libpod-9ab3….scope                        container podman:9ab3…
 *   /docker/3f2a1c…  (cgroupfs driver)                       container docker:3f2a1c…
 * </pre>
 */
public final class Cgroups {
    private Cgroups() {}

    /** The innermost {@code .service} or {@code .scope} of the path, or null. */
    public static String unit(String cgroup) {
        if (cgroup == null) {
            return null;
        }
        String[] parts = cgroup.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            String p = parts[i];
            if (p.endsWith(".service") || p.endsWith(".scope")) {
                return p;
            }
        }
        return null;
    }

    /** {@code runtime:id} of the container the path belongs to, or null. */
    public static String container(String cgroup) {
        if (cgroup == null) {
            return null;
        }
        String[] parts = cgroup.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            String p = parts[i];
            String id;
            if ((id = scoped(p, "docker-")) != null) {
                return "docker:" + id;
            }
            if ((id = scoped(p, "cri-containerd-")) != null) {
                return "containerd:" + id;
            }
            if ((id = scoped(p, "crio-")) != null) {
                return "cri-o:" + id;
            }
            if ((id = scoped(p, "libpod-")) != null) {
                return "podman:" + id;
            }
            if (i > 0 && parts[i - 1].equals("docker") && isHexId(p)) {
                return "docker:" + p;
            }
            if (i > 0 && parts[i - 1].equals("lxc.payload") || p.startsWith("lxc.payload.")) {
                return "lxc:" + (p.startsWith("lxc.payload.") ? p.substring("lxc.payload.".length()) : p);
            }
        }
        return null;
    }

    private static String scoped(String part, String prefix) {
        if (!part.startsWith(prefix) || !part.endsWith(".scope")) {
            return null;
        }
        String id = part.substring(prefix.length(), part.length() - ".scope".length());
        return isHexId(id) ? id : null;
    }

    private static boolean isHexId(String s) {
        if (s.length() < 12) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
