package dev.sockscope.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Units and containers from cgroup paths: the captured files are real {@code /proc/PID/cgroup}
 * of processes placed in cgroups named as systemd, docker and Kubernetes name them; the other
 * paths are the cgroupfs driver's layouts, typed in.
 */
class CgroupsTest {
    private static final String ID = "3f2a1c9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19";

    private static String path(String captured) throws IOException {
        return ProcText.cgroupPath(ProcTextTest.captured(captured));
    }

    @Test
    void namesTheServiceOfASystemdUnit() throws IOException {
        assertEquals("nginx.service", Cgroups.unit(path("cgroup-service")));
        assertNull(Cgroups.container(path("cgroup-service")));
    }

    @Test
    void namesTheInnermostServiceOfAUserUnit() throws IOException {
        assertEquals("vite.service", Cgroups.unit(path("cgroup-user-service")));
    }

    @Test
    void namesADockerContainerAndNoUnit() throws IOException {
        assertEquals("docker:" + ID, Cgroups.container(path("cgroup-docker")));
        assertNull(Cgroups.unit(path("cgroup-docker")));
    }

    @Test
    void namesTheRuntimeOfAKubernetesPodsContainer() throws IOException {
        assertEquals("containerd:" + ID, Cgroups.container(path("cgroup-kubepods")));
        assertNull(Cgroups.unit(path("cgroup-kubepods")));
    }

    @Test
    void rootIsNeitherUnitNorContainer() throws IOException {
        assertNull(Cgroups.unit(path("cgroup-root")));
        assertNull(Cgroups.container(path("cgroup-root")));
        assertNull(Cgroups.unit(null));
        assertNull(Cgroups.container(null));
    }

    @Test
    void readsTheCgroupfsDriversLayouts() {
        assertEquals("docker:" + ID, Cgroups.container("/docker/" + ID));
        assertEquals("kubepods:" + ID, Cgroups.container("/kubepods/besteffort/pod0f1e2d3c-4b5a/" + ID));
        assertEquals("podman:" + ID, Cgroups.container("/machine.slice/libpod-" + ID + ".scope/container"));
        assertEquals("cri-o:" + ID, Cgroups.container("/kubepods.slice/crio-" + ID + ".scope"));
        assertEquals("lxc:web1", Cgroups.container("/lxc.payload.web1"));
        assertEquals("lxc:web1", Cgroups.container("/lxc/web1"));
        assertEquals("session-4.scope", Cgroups.unit("/user.slice/user-1000.slice/session-4.scope"));
    }

    @Test
    void doesNotTakeLookalikesForContainers() {
        assertNull(Cgroups.container("/docker/not-an-id"));
        assertNull(Cgroups.container("/system.slice/docker.service"));
        assertEquals("docker.service", Cgroups.unit("/system.slice/docker.service"));
        assertNull(Cgroups.container("/system.slice/docker-short.scope"));
        assertNull(Cgroups.unit("/.service"));
    }
}
