package dev.sockscope.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sockscope.owner.ProcText;
import dev.sockscope.owner.ProcTextTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Units and containers from the cgroup paths of real {@code /proc/PID/cgroup} files, captured
 * from processes placed in cgroups named as systemd, docker and Kubernetes name them; and the
 * cgroupfs driver's layout, typed in.
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
    void namesTheInnermostUnitOfAUserService() throws IOException {
        assertEquals("vite.service", Cgroups.unit(path("cgroup-user-service")));
    }

    @Test
    void namesADockerContainerAndItsScope() throws IOException {
        assertEquals("docker:" + ID, Cgroups.container(path("cgroup-docker")));
        assertEquals("docker-" + ID + ".scope", Cgroups.unit(path("cgroup-docker")));
    }

    @Test
    void namesTheRuntimeOfAKubernetesPodsContainer() throws IOException {
        assertEquals("containerd:" + ID, Cgroups.container(path("cgroup-kubepods")));
    }

    @Test
    void rootIsNeitherUnitNorContainer() throws IOException {
        assertNull(Cgroups.unit(path("cgroup-root")));
        assertNull(Cgroups.container(path("cgroup-root")));
        assertNull(Cgroups.unit(null));
        assertNull(Cgroups.container(null));
    }

    @Test
    void readsTheCgroupfsDriversLayoutAndLeavesLookalikesAlone() {
        assertEquals("docker:" + ID, Cgroups.container("/docker/" + ID));
        assertEquals("podman:" + ID, Cgroups.container("/machine.slice/libpod-" + ID + ".scope/container"));
        assertNull(Cgroups.container("/docker/not-an-id"));
        assertNull(Cgroups.container("/system.slice/docker.service"));
        assertEquals("docker.service", Cgroups.unit("/system.slice/docker.service"));
    }
}
