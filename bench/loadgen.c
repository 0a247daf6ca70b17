/*
 * loadgen: holds N idle loopback TCP connections, both ends, spread over P child processes.
 *
 *   loadgen --conns N [--procs P] [--per-proc M] [--seconds S] [--addrs A] [--base-port PORT]
 *
 * Each child raises its soft RLIMIT_NOFILE to the hard limit, listens on 127.0.0.1:(PORT + i)
 * and connects its share of the connections to that listener from 127.0.0.2 .. 127.0.0.(A+1)
 * (rotating), accepting each batch as it goes. Every socket gets SO_LINGER {1, 0}, so tearing
 * the load down sends RSTs and leaves no TIME_WAIT entries behind to pollute the next load.
 *
 * The parent prints "ready <conns> <procs> <ms>" on stdout once every child is up, then waits
 * until its stdin reaches EOF or --seconds have passed (whichever first), kills the children it
 * forked (by pid) and exits. Children die with the parent (PR_SET_PDEATHSIG) and have their own
 * alarm as a second bound. Only loopback addresses are used.
 *
 * Exit status: 0 after a normal teardown, 1 when the load could not be built (the reason is on
 * stderr), 2 on a usage error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
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
#define MAX_PROCS 256

static pid_t children[MAX_PROCS];
static int nchildren;

static long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void usage(void) {
    fprintf(stderr,
            "usage: loadgen --conns N [--procs P] [--per-proc M] [--seconds S] [--addrs A] "
            "[--base-port PORT]\n");
    exit(2);
}

static long parse_long(const char *name, const char *v, long lo, long hi) {
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || *end || end == v || x < lo || x > hi) {
        fprintf(stderr, "loadgen: bad value for %s: '%s' (want %ld..%ld)\n", name, v, lo, hi);
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

/* Child: build `conns` connections to its own listener and report on `report_fd`. */
static int child_main(int idx, long conns, int addrs, int port, int report_fd, long seconds) {
    char msg[256];
    long done = 0;
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    if (lfd < 0) goto fail;
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in la = {.sin_family = AF_INET, .sin_port = htons(port)};
    la.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr *)&la, sizeof la) < 0) goto fail;
    if (listen(lfd, 4096) < 0) goto fail;

    while (done < conns) {
        int b = 0;
        for (; b < BATCH && done + b < conns; b++) {
            int c = socket(AF_INET, SOCK_STREAM, 0);
            if (c < 0) goto fail;
            set_linger0(c);
            setsockopt(c, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
            struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = 0};
            sa.sin_addr.s_addr = htonl(0x7f000002u + (uint32_t)((done + b) % addrs));
            if (bind(c, (struct sockaddr *)&sa, sizeof sa) < 0) goto fail;
            if (connect(c, (struct sockaddr *)&la, sizeof la) < 0) goto fail;
        }
        for (int k = 0; k < b; k++) {
            int a = accept(lfd, NULL, NULL);
            if (a < 0) goto fail;
            set_linger0(a);
        }
        done += b;
    }
    if (write(report_fd, "R", 1) != 1) return 1;
    close(report_fd);
    alarm((unsigned)(seconds + 10)); /* second bound, should the parent's kill never come */
    for (;;) pause();

fail:;
    int e = errno;
    snprintf(msg, sizeof msg, "E child %d (port %d) failed after %ld connections: %s\n", idx,
             port, done, strerror(e));
    if (write(report_fd, msg, strlen(msg)) < 0) { /* nothing more to do */ }
    return 1;
}

int main(int argc, char **argv) {
    long conns = -1, procs = 0, per_proc = 0, seconds = 600, addrs = 8, base_port = 20000;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc) usage();
        const char *v = argv[++i];
        if (!strcmp(a, "--conns")) conns = parse_long(a, v, 0, 10000000);
        else if (!strcmp(a, "--procs")) procs = parse_long(a, v, 1, MAX_PROCS);
        else if (!strcmp(a, "--per-proc")) per_proc = parse_long(a, v, 1, 10000000);
        else if (!strcmp(a, "--seconds")) seconds = parse_long(a, v, 1, 86400);
        else if (!strcmp(a, "--addrs")) addrs = parse_long(a, v, 1, 250);
        else if (!strcmp(a, "--base-port")) base_port = parse_long(a, v, 1024, 65000);
        else usage();
    }
    if (conns < 0) usage();

    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &rl) < 0) perror("loadgen: setrlimit");
    /* both ends of each connection, plus the listener, stdio and slack */
    long fit = ((long)rl.rlim_cur - 32) / 2;
    if (per_proc == 0) per_proc = fit < 9000 ? fit : 9000;
    if (per_proc > fit) {
        fprintf(stderr, "loadgen: --per-proc %ld needs %ld fds, the limit is %ld\n", per_proc,
                per_proc * 2 + 32, (long)rl.rlim_cur);
        return 1;
    }
    if (procs == 0) procs = conns == 0 ? 1 : (conns + per_proc - 1) / per_proc;
    if (procs > MAX_PROCS || (conns + procs - 1) / procs > fit) {
        fprintf(stderr, "loadgen: %ld connections do not fit in %ld processes of %ld fds\n", conns,
                procs, (long)rl.rlim_cur);
        return 1;
    }
    if (base_port + procs > 65535) {
        fprintf(stderr, "loadgen: ports %ld..%ld out of range\n", base_port, base_port + procs);
        return 1;
    }

    struct sigaction sa = {0};
    sa.sa_handler = on_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    int pfd[2];
    if (pipe(pfd) < 0) { perror("loadgen: pipe"); return 1; }
    long t0 = now_ms();
    pid_t parent = getpid();
    for (long i = 0; i < procs; i++) {
        long share = conns / procs + (i < conns % procs ? 1 : 0);
        pid_t pid = fork();
        if (pid < 0) { perror("loadgen: fork"); kill_children(); return 1; }
        if (pid == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent) _exit(1);
            signal(SIGTERM, SIG_DFL);
            signal(SIGINT, SIG_DFL);
            signal(SIGHUP, SIG_DFL);
            close(pfd[0]);
            _exit(child_main((int)i, share, (int)addrs, (int)(base_port + i), pfd[1], seconds));
        }
        children[nchildren++] = pid;
    }
    close(pfd[1]);

    /* collect one 'R' per child, or the first error; bounded by --seconds */
    long deadline = t0 + seconds * 1000L;
    int ready = 0;
    char buf[512];
    while (ready < procs) {
        long left = deadline - now_ms();
        if (left <= 0 || stop_requested) {
            fprintf(stderr, "loadgen: gave up waiting, %d of %ld processes ready\n", ready, procs);
            kill_children();
            return 1;
        }
        struct pollfd p = {.fd = pfd[0], .events = POLLIN};
        int r = poll(&p, 1, left > 1000 ? 1000 : (int)left);
        if (r <= 0) continue;
        ssize_t n = read(pfd[0], buf, sizeof buf - 1);
        if (n <= 0) {
            fprintf(stderr, "loadgen: a child exited before it was ready\n");
            kill_children();
            return 1;
        }
        buf[n] = 0;
        for (ssize_t k = 0; k < n; k++) {
            if (buf[k] == 'R') {
                ready++;
            } else if (buf[k] == 'E') {
                fprintf(stderr, "loadgen: %s", buf + k + 2);
                kill_children();
                return 1;
            }
        }
    }
    printf("ready %ld %ld %ld\n", conns, procs, now_ms() - t0);
    fflush(stdout);

    /* hold until stdin closes, a signal, or the deadline */
    while (!stop_requested) {
        long left = deadline - now_ms();
        if (left <= 0) {
            fprintf(stderr, "loadgen: --seconds %ld reached, tearing down\n", seconds);
            break;
        }
        struct pollfd p = {.fd = 0, .events = POLLIN};
        int r = poll(&p, 1, left > 1000 ? 1000 : (int)left);
        if (r > 0) {
            ssize_t n = read(0, buf, sizeof buf);
            if (n <= 0) break; /* EOF (or error): the driver is done */
        }
    }
    kill_children();
    return 0;
}
