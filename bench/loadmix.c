/*
 * loadmix: a few processes holding many sockets of every kind, on loopback only.
 *
 *   loadmix --sockets N [--procs P] [--seconds S] [--base-port PORT]
 *
 * The "few processes" load of bench/run.sh: P child processes (default 4) share N sockets that
 * `ss -tuan` lists (TCP and UDP), and hold unix sockets beside them:
 *   - each child listens on 127.0.0.1:(PORT + i) and [::1]:(PORT + i) (IPV6_V6ONLY);
 *   - 95% of N are both ends of idle TCP connections to its own listeners, half over IPv4 (from
 *     127.0.0.2 .. 127.0.0.9, rotating), half over IPv6 (::1), both ends in the same child;
 *   - 5% of N are UDP sockets, v4 and v6 alternately, every second one connected;
 *   - N/20 unix sockets (stream socket pairs), which `ss -x` lists and the fd tables hold.
 * Every TCP socket gets SO_LINGER {1, 0}, so tearing the load down leaves no TIME_WAIT behind.
 *
 * As root (with CAP_SYS_RESOURCE) the hard RLIMIT_NOFILE is raised as far as a child needs (up
 * to fs.nr_open), so four processes can hold 100,000 sockets between them. Where it cannot be
 * raised, the load takes as many processes as the hard limit needs (and says so on stderr): at
 * 100,000 sockets and a hard limit of 20,000, six.
 *
 * The parent prints "ready <sockets> <procs> <ms>" once every child is up (procs: the number it
 * used), then waits until its stdin reaches EOF or --seconds have passed, kills the children it
 * forked (by pid) and exits.
 * Children die with the parent (PR_SET_PDEATHSIG) and have their own alarm as a second bound.
 *
 * Exit status: 0 after a normal teardown, 1 when the load could not be built (the reason is on
 * stderr), 2 on a usage error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

#define BATCH 512
#define MAX_PROCS 64

static pid_t children[MAX_PROCS];
static int nchildren;

static long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void usage(void) {
    fprintf(stderr, "usage: loadmix --sockets N [--procs P] [--seconds S] [--base-port PORT]\n");
    exit(2);
}

static long parse_long(const char *name, const char *v, long lo, long hi) {
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || *end || end == v || x < lo || x > hi) {
        fprintf(stderr, "loadmix: bad value for %s: '%s' (want %ld..%ld)\n", name, v, lo, hi);
        exit(2);
    }
    return x;
}

static void kill_children(void) {
    for (int i = 0; i < nchildren; i++) {
        if (children[i] > 0) kill(children[i], SIGKILL);
    }
    for (int i = 0; i < nchildren; i++) {
        if (children[i] > 0) waitpid(children[i], NULL, 0);
        children[i] = 0;
    }
}

static volatile sig_atomic_t stop_requested;
static void on_stop(int sig) { (void)sig; stop_requested = 1; }

static void set_linger0(int fd) {
    struct linger l = {1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
}

static int raise_nofile(long need) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) < 0) return -1;
    if (rl.rlim_max != RLIM_INFINITY && (long)rl.rlim_max < need) {
        rl.rlim_max = (rlim_t)need; /* root only; others keep their hard limit */
        if (setrlimit(RLIMIT_NOFILE, &rl) < 0) getrlimit(RLIMIT_NOFILE, &rl);
    }
    rl.rlim_cur = rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &rl) < 0) return -1;
    if (rl.rlim_cur != RLIM_INFINITY && (long)rl.rlim_cur < need) {
        errno = EMFILE; /* the hard limit is below what this child holds, and stays there */
        return -1;
    }
    return 0;
}

/* the open files one child needs: both ends of its connections, its UDP sockets, both ends of
 * its unix pairs, two listeners, stdio and slack */
static long fds_per_child(long tcp_conns, long udp, long unix_pairs, long procs) {
    return 2 * ((tcp_conns + procs - 1) / procs) + (udp + procs - 1) / procs +
           2 * ((unix_pairs + procs - 1) / procs) + 64;
}

/* the most open files a child can have: the hard limit, raised to `need` where allowed */
static long nofile_limit(long need) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) < 0) return 1024;
    if (rl.rlim_max == RLIM_INFINITY || (long)rl.rlim_max >= need) return need;
    rl.rlim_max = (rlim_t)need;
    if (rl.rlim_cur > rl.rlim_max) rl.rlim_cur = rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &rl) == 0) return need; /* the children inherit it */
    getrlimit(RLIMIT_NOFILE, &rl);
    return (long)rl.rlim_max;
}

static int listen_on(int family, int port) {
    int one = 1;
    int fd = socket(family, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (family == AF_INET6) {
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_port = htons(port)};
        a.sin6_addr = in6addr_loopback;
        if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) return -1;
    } else {
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) return -1;
    }
    return listen(fd, 4096) < 0 ? -1 : fd;
}

/* `conns` connections to the listener `lfd` of `family`, accepted batch by batch */
static long connect_batch(int family, int lfd, int port, long conns, long *rot) {
    int one = 1;
    long done = 0;
    while (done < conns) {
        int b = 0;
        for (; b < BATCH && done + b < conns; b++) {
            int c = socket(family, SOCK_STREAM, 0);
            if (c < 0) return -1;
            set_linger0(c);
            if (family == AF_INET6) {
                struct sockaddr_in6 to = {.sin6_family = AF_INET6, .sin6_port = htons(port)};
                to.sin6_addr = in6addr_loopback;
                if (connect(c, (struct sockaddr *)&to, sizeof to) < 0) return -1;
            } else {
                setsockopt(c, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
                struct sockaddr_in from = {.sin_family = AF_INET};
                from.sin_addr.s_addr = htonl(0x7f000002u + (uint32_t)((*rot)++ % 8));
                if (bind(c, (struct sockaddr *)&from, sizeof from) < 0) return -1;
                struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
                to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
                if (connect(c, (struct sockaddr *)&to, sizeof to) < 0) return -1;
            }
        }
        for (int k = 0; k < b; k++) {
            int a = accept(lfd, NULL, NULL);
            if (a < 0) return -1;
            set_linger0(a);
        }
        done += b;
    }
    return done;
}

static int child_main(int idx, long tcp_conns, long udp, long unix_pairs, int port, int report_fd,
                      long seconds) {
    char msg[256];
    const char *step = "rlimit";
    long rot = 0;
    if (raise_nofile(tcp_conns * 2 + udp + unix_pairs * 2 + 64) < 0) goto fail;
    step = "listen";
    int l4 = listen_on(AF_INET, port);
    int l6 = listen_on(AF_INET6, port);
    if (l4 < 0 || l6 < 0) goto fail;
    step = "tcp v4";
    if (connect_batch(AF_INET, l4, port, tcp_conns - tcp_conns / 2, &rot) < 0) goto fail;
    step = "tcp v6";
    if (connect_batch(AF_INET6, l6, port, tcp_conns / 2, &rot) < 0) goto fail;
    step = "udp";
    for (long k = 0; k < udp; k++) {
        int v6 = k % 2;
        int u = socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM, 0);
        if (u < 0) goto fail;
        if (v6) {
            struct sockaddr_in6 a = {.sin6_family = AF_INET6};
            a.sin6_addr = in6addr_loopback;
            if (bind(u, (struct sockaddr *)&a, sizeof a) < 0) goto fail;
            if (k % 4 == 1) {
                a.sin6_port = htons(port);
                if (connect(u, (struct sockaddr *)&a, sizeof a) < 0) goto fail;
            }
        } else {
            struct sockaddr_in a = {.sin_family = AF_INET};
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            if (bind(u, (struct sockaddr *)&a, sizeof a) < 0) goto fail;
            if (k % 4 == 0) {
                a.sin_port = htons(port);
                if (connect(u, (struct sockaddr *)&a, sizeof a) < 0) goto fail;
            }
        }
    }
    step = "unix";
    for (long k = 0; k < unix_pairs; k++) {
        int sv[2];
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) goto fail;
    }
    if (write(report_fd, "R", 1) != 1) return 1;
    close(report_fd);
    alarm((unsigned)(seconds + 10)); /* second bound, should the parent's kill never come */
    for (;;) pause();

fail:;
    int e = errno;
    snprintf(msg, sizeof msg, "E child %d (port %d) failed at %s: %s\n", idx, port, step,
             strerror(e));
    if (write(report_fd, msg, strlen(msg)) < 0) { /* nothing more to do */ }
    return 1;
}

int main(int argc, char **argv) {
    long sockets = -1, procs = 4, seconds = 600, base_port = 21000;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc) usage();
        const char *v = argv[++i];
        if (!strcmp(a, "--sockets")) sockets = parse_long(a, v, 0, 4000000);
        else if (!strcmp(a, "--procs")) procs = parse_long(a, v, 1, MAX_PROCS);
        else if (!strcmp(a, "--seconds")) seconds = parse_long(a, v, 1, 86400);
        else if (!strcmp(a, "--base-port")) base_port = parse_long(a, v, 1024, 65000);
        else usage();
    }
    if (sockets < 0) usage();

    long udp = sockets / 20;
    long unix_pairs = sockets / 40;
    /* Each child holds both ends of its connections. Where the hard RLIMIT_NOFILE cannot be
     * raised to what four children need (no CAP_SYS_RESOURCE), more children share the load:
     * the fewest processes the limit allows. */
    long asked = procs, tcp_conns, need, limit = -1;
    for (;;) {
        tcp_conns = (sockets - udp - 2 * procs) / 2;
        if (tcp_conns < 0) tcp_conns = 0;
        need = fds_per_child(tcp_conns, udp, unix_pairs, procs);
        if (limit < 0) limit = nofile_limit(need);
        if (need <= limit || procs >= MAX_PROCS) break;
        procs++;
    }
    if (need > limit) {
        fprintf(stderr, "loadmix: %ld sockets do not fit in %ld processes of %ld open files\n",
                sockets, procs, limit);
        return 1;
    }
    if (procs != asked) {
        fprintf(stderr, "loadmix: %ld processes instead of %ld: the hard RLIMIT_NOFILE is %ld\n",
                procs, asked, limit);
    }
    /* IPv6 connections all go from ::1 to [::1]:port: one ephemeral range per child */
    if (tcp_conns / procs / 2 > 25000) {
        fprintf(stderr, "loadmix: %ld connections need more than %ld processes (ephemeral ports)\n",
                tcp_conns, procs);
        return 1;
    }

    struct sigaction sa = {0};
    sa.sa_handler = on_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    int pfd[2];
    if (pipe(pfd) < 0) { perror("loadmix: pipe"); return 1; }
    long t0 = now_ms();
    pid_t parent = getpid();
    for (long i = 0; i < procs; i++) {
        long share = tcp_conns / procs + (i < tcp_conns % procs ? 1 : 0);
        long ushare = udp / procs + (i < udp % procs ? 1 : 0);
        long xshare = unix_pairs / procs + (i < unix_pairs % procs ? 1 : 0);
        pid_t pid = fork();
        if (pid < 0) { perror("loadmix: fork"); kill_children(); return 1; }
        if (pid == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent) _exit(1);
            signal(SIGTERM, SIG_DFL);
            signal(SIGINT, SIG_DFL);
            signal(SIGHUP, SIG_DFL);
            close(pfd[0]);
            _exit(child_main((int)i, share, ushare, xshare, (int)(base_port + i), pfd[1], seconds));
        }
        children[nchildren++] = pid;
    }
    close(pfd[1]);

    long deadline = t0 + seconds * 1000L;
    int ready = 0;
    char buf[512];
    while (ready < procs) {
        long left = deadline - now_ms();
        if (left <= 0 || stop_requested) {
            fprintf(stderr, "loadmix: gave up waiting, %d of %ld processes ready\n", ready, procs);
            kill_children();
            return 1;
        }
        struct pollfd p = {.fd = pfd[0], .events = POLLIN};
        int r = poll(&p, 1, left > 1000 ? 1000 : (int)left);
        if (r <= 0) continue;
        ssize_t n = read(pfd[0], buf, sizeof buf - 1);
        if (n <= 0) {
            fprintf(stderr, "loadmix: a child exited before it was ready\n");
            kill_children();
            return 1;
        }
        buf[n] = 0;
        for (ssize_t k = 0; k < n; k++) {
            if (buf[k] == 'R') {
                ready++;
            } else if (buf[k] == 'E') {
                fprintf(stderr, "loadmix: %s", buf + k + 2);
                kill_children();
                return 1;
            }
        }
    }
    printf("ready %ld %ld %ld\n", tcp_conns * 2 + 2 * procs + udp, procs, now_ms() - t0);
    fflush(stdout);

    while (!stop_requested) {
        long left = deadline - now_ms();
        if (left <= 0) {
            fprintf(stderr, "loadmix: --seconds %ld reached, tearing down\n", seconds);
            break;
        }
        struct pollfd p = {.fd = 0, .events = POLLIN};
        int r = poll(&p, 1, left > 1000 ? 1000 : (int)left);
        if (r > 0) {
            ssize_t n = read(0, buf, sizeof buf);
            if (n <= 0) break;
        }
    }
    kill_children();
    return 0;
}
