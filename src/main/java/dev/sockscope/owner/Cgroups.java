package dev.sockscope.owner;

/**
 * What a cgroup path says about who runs a process: its systemd unit, its container. Pure
 * text rules over paths as {@code /proc/[pid]/cgroup} and {@code sock_diag} give them:
 *
 * <ul>
 *   <li>unit: the last path element ending in {@code .service}
 *       ({@code /system.slice/nginx.service} gives {@code nginx.service}, and
 *       {@code /user.slice/user-1000.slice/user@1000.service/app.slice/vite.service} gives
 *       {@code vite.service}); failing that, the last {@code .scope} that is not a container's
 *       ({@code session-4.scope});</li>
 *   <li>container: {@code runtime:id}, from the systemd driver's scopes
 *       ({@code docker-ID.scope}, {@code cri-containerd-ID.scope}, {@code crio-ID.scope},
 *       {@code libpod-ID.scope} for podman) or the cgroupfs driver's directories
 *       ({@code /docker/ID}, {@code /kubepods/.../podUID/ID}, {@code /lxc/NAME},
 *       {@code /lxc.payload.NAME}); under a {@code kubepods} tree without a runtime's scope the
 *       runtime is {@code kubepods}.</li>
 * </ul>
 *
 * Values are raw text (a runtime or a user chose them): sanitize before a terminal.
 */
public final class Cgroups {
    private Cgroups() {}

    private static final String[][] SCOPES = {
        {"docker-", "docker"},
        {"cri-containerd-", "containerd"},
        {"crio-", "cri-o"},
        {"libpod-", "podman"},
    };

    /** The systemd unit of {@code path}, or null (none, or null path). */
    public static String unit(String path) {
        if (path == null) {
            return null;
        }
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (parts[i].endsWith(".service") && parts[i].length() > ".service".length()) {
                return parts[i];
            }
        }
        for (int i = parts.length - 1; i >= 0; i--) {
            if (parts[i].endsWith(".scope")
                    && parts[i].length() > ".scope".length()
                    && scopeContainer(parts[i]) == null) {
                return parts[i];
            }
        }
        return null;
    }

    /** The container of {@code path} as {@code runtime:id}, or null when it is not in one. */
    public static String container(String path) {
        if (path == null) {
            return null;
        }
        String[] parts = path.split("/");
        boolean kube = false;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            String scoped = scopeContainer(p);
            if (scoped != null) {
                return scoped;
            }
            if (p.startsWith("kubepods")) {
                kube = true;
            }
            if (p.equals("docker") && i + 1 < parts.length && isId(parts[i + 1])) {
                return "docker:" + parts[i + 1];
            }
            if (p.equals("lxc") && i + 1 < parts.length && !parts[i + 1].isEmpty()) {
                return "lxc:" + parts[i + 1];
            }
            if (p.startsWith("lxc.payload.") && p.length() > "lxc.payload.".length()) {
                return "lxc:" + p.substring("lxc.payload.".length());
            }
        }
        if (kube) {
            for (int i = parts.length - 1; i >= 0; i--) {
                if (isId(parts[i])) {
                    return "kubepods:" + parts[i];
                }
            }
            return null;
        }
        return null;
    }

    private static String scopeContainer(String part) {
        if (!part.endsWith(".scope")) {
            return null;
        }
        String base = part.substring(0, part.length() - ".scope".length());
        for (String[] s : SCOPES) {
            if (base.startsWith(s[0]) && isId(base.substring(s[0].length()))) {
                return s[1] + ":" + base.substring(s[0].length());
            }
        }
        return null;
    }

    /** A container id: 12 to 64 lower-case hex digits. */
    private static boolean isId(String s) {
        if (s.length() < 12 || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
