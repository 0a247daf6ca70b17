/*
 * sockscope's JNI library.
 *
 * The seven system calls of the netlink layer, as functions of dev.sockscope.netlink.JniSyscalls:
 * each returns its result, or -errno when the call failed (the Java side throws NetlinkException
 * with it). Nothing here reads what the kernel sends: bytes are copied between Java arrays and
 * the calls, and parsed in Java.
 *
 * For the owner scan, dev.sockscope.owner.NativeFdTable: the socket links of one /proc/PID/fd
 * directory in one call, where Java makes two Path objects, a String and a system call's worth
 * of checks per fd; the pids /proc lists; an fd directory's stamp (inode and size); whether a
 * directory is on procfs; and what a process's threads have run (their schedstat files).
 *
 * For a class-data archive's training run, dev.sockscope.TrainingSockets: a TCP connection and a
 * pair of connected UDP sockets on loopback, so that the training's snapshots show the rows a
 * host with connections shows, without the JDK's socket classes in the archive.
 *
 * Why JNI: the library loads in well under a millisecond, where the JDK's foreign function API
 * generates its downcall stub at run time (25-40 ms of every start on JDK 22+) and JNA starts in
 * 70-85 ms (docs/netlink.md).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <jni.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#define PROC_SUPER_MAGIC 0x9fa0

#define RESULT(r) ((r) < 0 ? -errno : (jint) (r))

JNIEXPORT jint JNICALL Java_dev_sockscope_netlink_JniSyscalls_socket0(JNIEnv *env, jclass cls, jint domain,
                                                                      jint type, jint protocol) {
    (void) env;
    (void) cls;
    int r = socket(domain, type, protocol);
    return RESULT(r);
}

/* Native memory for buf[0, len): NULL with *err set when len is outside the array or memory is short. */
static jbyte *native_buffer(JNIEnv *env, jbyteArray buf, jint len, int *err) {
    if (len < 0 || len > (*env)->GetArrayLength(env, buf)) {
        *err = EINVAL;
        return NULL;
    }
    jbyte *b = malloc(len > 0 ? (size_t) len : 1);
    if (b == NULL) {
        *err = ENOMEM;
    }
    return b;
}

JNIEXPORT jint JNICALL Java_dev_sockscope_netlink_JniSyscalls_send0(JNIEnv *env, jclass cls, jint fd,
                                                                    jbyteArray buf, jint len) {
    (void) cls;
    int err = 0;
    jbyte *b = native_buffer(env, buf, len, &err);
    if (b == NULL) {
        return -err;
    }
    (*env)->GetByteArrayRegion(env, buf, 0, len, b);
    ssize_t r = send(fd, b, (size_t) len, 0);
    int saved = errno;
    free(b);
    return r < 0 ? -saved : (jint) r;
}

/* recv into native memory, then into the array: the call may wait for the kernel, which a
 * pinned Java array must not do. With MSG_TRUNC the result is the datagram's whole length, of
 * which at most len bytes are copied. */
JNIEXPORT jint JNICALL Java_dev_sockscope_netlink_JniSyscalls_recv0(JNIEnv *env, jclass cls, jint fd,
                                                                    jbyteArray buf, jint len, jint flags) {
    (void) cls;
    int err = 0;
    jbyte *b = native_buffer(env, buf, len, &err);
    if (b == NULL) {
        return -err;
    }
    ssize_t r = recv(fd, b, (size_t) len, flags);
    int saved = errno;
    if (r > 0) {
        (*env)->SetByteArrayRegion(env, buf, 0, r < len ? (jint) r : len, b);
    }
    free(b);
    return r < 0 ? -saved : (jint) r;
}

JNIEXPORT jint JNICALL Java_dev_sockscope_netlink_JniSyscalls_setsockopt0(JNIEnv *env, jclass cls, jint fd,
                                                                          jint level, jint name, jint value) {
    (void) env;
    (void) cls;
    int v = value;
    int r = setsockopt(fd, level, name, &v, sizeof v);
    return RESULT(r);
}

JNIEXPORT jint JNICALL Java_dev_sockscope_netlink_JniSyscalls_close0(JNIEnv *env, jclass cls, jint fd) {
    (void) env;
    (void) cls;
    int r = close(fd);
    return RESULT(r);
}

/* path: the file name's bytes, ending in a NUL (the Java side adds it and refuses inner NULs) */
JNIEXPORT jint JNICALL Java_dev_sockscope_netlink_JniSyscalls_open0(JNIEnv *env, jclass cls, jbyteArray path,
                                                                    jint flags) {
    (void) cls;
    jsize n = (*env)->GetArrayLength(env, path);
    if (n < 1) {
        return -EINVAL;
    }
    char *p = malloc((size_t) n);
    if (p == NULL) {
        return -ENOMEM;
    }
    (*env)->GetByteArrayRegion(env, path, 0, n, (jbyte *) p);
    if (p[n - 1] != '\0') {
        free(p);
        return -EINVAL;
    }
    int r = open(p, flags | O_CLOEXEC);
    int saved = errno;
    free(p);
    return r < 0 ? -saved : r;
}

JNIEXPORT jint JNICALL Java_dev_sockscope_netlink_JniSyscalls_setns0(JNIEnv *env, jclass cls, jint fd,
                                                                     jint nstype) {
    (void) env;
    (void) cls;
    int r = setns(fd, nstype);
    return RESULT(r);
}

/* A new long[] {value}: the result of a failed fd-table read (value = -errno). */
static jlongArray one_value(JNIEnv *env, jlong value) {
    jlongArray r = (*env)->NewLongArray(env, 1);
    if (r != NULL) {
        (*env)->SetLongArrayRegion(env, r, 0, 1, &value);
    }
    return r;
}

/*
 * The bytes of a Java byte[] path ending in a NUL, in memory to free; NULL with *err set when
 * the array is empty or has no NUL at its end (EINVAL), or memory is short (ENOMEM).
 */
static char *c_path(JNIEnv *env, jbyteArray a, int *err) {
    jsize n = (*env)->GetArrayLength(env, a);
    if (n < 1) {
        *err = EINVAL;
        return NULL;
    }
    char *p = malloc((size_t) n);
    if (p == NULL) {
        *err = ENOMEM;
        return NULL;
    }
    (*env)->GetByteArrayRegion(env, a, 0, n, (jbyte *) p);
    if (p[n - 1] != '\0') {
        free(p);
        *err = EINVAL;
        return NULL;
    }
    return p;
}

/* The directory at a Java byte[] path ending in a NUL, opened; NULL with *err set when not. */
static DIR *open_dir(JNIEnv *env, jbyteArray path, int *err) {
    char *p = c_path(env, path, err);
    if (p == NULL) {
        return NULL;
    }
    DIR *d = opendir(p); /* O_DIRECTORY | O_CLOEXEC */
    *err = errno;
    free(p);
    return d;
}

/* A long[] of the n values v; null with an exception pending when Java's memory is short. */
static jlongArray values(JNIEnv *env, const jlong *v, size_t n) {
    jlongArray r = (*env)->NewLongArray(env, (jsize) n);
    if (r != NULL) {
        (*env)->SetLongArrayRegion(env, r, 0, (jsize) n, v);
    }
    return r;
}

/*
 * Room in *out (of *cap values) for need values: doubled when short. 0, or ENOMEM (then *out
 * is as it was), or EOVERFLOW past what a Java array holds.
 */
static int room(jlong **out, size_t *cap, size_t need) {
    if (need > (size_t) INT32_MAX) {
        return EOVERFLOW;
    }
    if (need <= *cap) {
        return 0;
    }
    jlong *grown = realloc(*out, *cap * 2 * sizeof(jlong));
    if (grown == NULL) {
        return ENOMEM;
    }
    *out = grown;
    *cap *= 2;
    return 0;
}

/* The used values of out as a long[], or {-err} when err is set; out is freed either way. */
static jlongArray finish(JNIEnv *env, jlong *out, size_t used, int err) {
    jlongArray r = err != 0 ? one_value(env, -err) : values(env, out, used);
    free(out);
    return r;
}

/* The fd number a directory entry names: one to ten decimal digits that fit an int, else -1. */
static jlong fd_number(const char *name) {
    size_t n = strlen(name);
    if (n == 0 || n > 10) {
        return -1;
    }
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (name[i] < '0' || name[i] > '9') {
            return -1;
        }
        v = v * 10 + (name[i] - '0');
    }
    return v > INT32_MAX ? -1 : v;
}

/* The inode of a link "socket:[N]" (N: 1 to 19 digits, below 2^63), else -1. */
static jlong socket_inode(const char *link, ssize_t n) {
    if (n < 10 || link[n - 1] != ']' || memcmp(link, "socket:[", 8) != 0 || n - 9 > 19) {
        return -1;
    }
    int64_t v = 0;
    for (ssize_t i = 8; i < n - 1; i++) {
        if (link[i] < '0' || link[i] > '9') {
            return -1;
        }
        if (v > (INT64_MAX - (link[i] - '0')) / 10) {
            return -1;
        }
        v = v * 10 + (link[i] - '0');
    }
    return v;
}

/*
 * The socket links of the fd directory dir (its path's bytes, ending in a NUL): a long[] of
 * {entries, fd, inode, fd, inode, ...}, where entries counts every fd listed (sockets or not).
 * A link that vanished between the listing and its readlink (the fd was closed) is passed over.
 * {-errno} when the directory cannot be opened or read, or a link cannot be read for another
 * reason; null with an exception pending when Java's memory is short.
 */
JNIEXPORT jlongArray JNICALL Java_dev_sockscope_owner_NativeFdTable_read0(JNIEnv *env, jclass cls, jbyteArray dir) {
    (void) cls;
    int err;
    DIR *d = open_dir(env, dir, &err);
    if (d == NULL) {
        return one_value(env, -err);
    }
    size_t cap = 257;
    size_t used = 1;
    jlong *out = malloc(cap * sizeof(jlong));
    if (out == NULL) {
        closedir(d);
        return one_value(env, -ENOMEM);
    }
    jlong entries = 0;
    err = 0;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (e == NULL) {
            err = errno;
            break;
        }
        if (e->d_name[0] == '.') {
            continue; /* "." and ".."; fd names are digits */
        }
        entries++;
        char link[64];
        ssize_t len = readlinkat(dirfd(d), e->d_name, link, sizeof link);
        if (len < 0) {
            if (errno == ENOENT) {
                continue;
            }
            err = errno;
            break;
        }
        if ((size_t) len >= sizeof link) {
            continue; /* longer than any socket link */
        }
        jlong fd = fd_number(e->d_name);
        jlong inode = socket_inode(link, len);
        if (fd < 0 || inode <= 0) {
            continue;
        }
        err = room(&out, &cap, used + 2); /* EOVERFLOW: no process has so many fds */
        if (err != 0) {
            break;
        }
        out[used++] = fd;
        out[used++] = inode;
    }
    closedir(d);
    out[0] = entries;
    return finish(env, out, used, err);
}

/*
 * The stamp of the fd directory dir (its path's bytes, ending in a NUL): {inode, fds}, the
 * directory's inode number (new for each process that has the pid) and its number of fds, its
 * size since Linux 6.2, else its entries counted (as for any directory: a task directory's
 * threads). {-errno} when it cannot be read.
 */
JNIEXPORT jlongArray JNICALL Java_dev_sockscope_owner_NativeFdTable_stamp0(JNIEnv *env, jclass cls, jbyteArray dir) {
    (void) cls;
    int err;
    char *p = c_path(env, dir, &err);
    if (p == NULL) {
        return one_value(env, -err);
    }
    struct stat st;
    if (lstat(p, &st) != 0) {
        err = errno;
        free(p);
        return one_value(env, -err);
    }
    jlong count = (jlong) st.st_size;
    if (count <= 0) {
        DIR *d = opendir(p);
        if (d == NULL) {
            err = errno;
            free(p);
            return one_value(env, -err);
        }
        count = 0;
        for (;;) {
            errno = 0;
            struct dirent *e = readdir(d);
            if (e == NULL) {
                err = errno;
                break;
            }
            if (e->d_name[0] != '.') {
                count++;
            }
        }
        closedir(d);
        if (err != 0) {
            free(p);
            return one_value(env, -err);
        }
    }
    free(p);
    jlong v[2] = {(jlong) st.st_ino, count};
    return values(env, v, 2);
}

/*
 * The pids the directory root (/proc) lists, in its order: the entries named by one to ten
 * digits that fit an int, with no leading zero. {-errno} when it cannot be read.
 */
JNIEXPORT jlongArray JNICALL Java_dev_sockscope_owner_NativeFdTable_pids0(JNIEnv *env, jclass cls, jbyteArray root) {
    (void) cls;
    int err;
    DIR *d = open_dir(env, root, &err);
    if (d == NULL) {
        return one_value(env, -err);
    }
    size_t cap = 1024;
    size_t used = 0;
    jlong *out = malloc(cap * sizeof(jlong));
    if (out == NULL) {
        closedir(d);
        return one_value(env, -ENOMEM);
    }
    err = 0;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (e == NULL) {
            err = errno;
            break;
        }
        if (e->d_name[0] == '0') {
            continue;
        }
        jlong pid = fd_number(e->d_name);
        if (pid <= 0) {
            continue;
        }
        err = room(&out, &cap, used + 1);
        if (err != 0) {
            break;
        }
        out[used++] = pid;
    }
    closedir(d);
    return finish(env, out, used, err);
}

/*
 * The fields of a schedstat file, "RAN WAITED TIMES\n" (each 1 to 19 digits): 1 with *ran and
 * *times set, 0 when the text is not that.
 */
static int schedstat(const char *b, ssize_t n, jlong *ran, jlong *times) {
    jlong f[3];
    ssize_t i = 0;
    for (int k = 0; k < 3; k++) {
        ssize_t start = i;
        jlong v = 0;
        while (i < n && b[i] >= '0' && b[i] <= '9' && i - start < 19) {
            v = v * 10 + (b[i++] - '0');
        }
        if (i == start || i == n || b[i] != (k < 2 ? ' ' : '\n')) {
            return 0;
        }
        f[k] = v;
        i++;
    }
    if (i != n) {
        return 0;
    }
    *ran = f[0];
    *times = f[2];
    return 1;
}

/*
 * What the threads of a process have run, from its task directory dir (its path's bytes, ending
 * in a NUL): a long[] of {tid, ran, times, ...} in listing order, as ProcFiles.activity reads it
 * in Java. Null when that cannot be told: the directory or a thread's schedstat cannot be read
 * (gone), a file is not schedstat's text or its count is 0 (the kernel does not count), there are
 * more than max_threads threads, or none.
 */
JNIEXPORT jlongArray JNICALL Java_dev_sockscope_owner_NativeFdTable_activity0(JNIEnv *env, jclass cls, jbyteArray dir,
                                                                            jint max_threads) {
    (void) cls;
    int err;
    DIR *d = open_dir(env, dir, &err);
    if (d == NULL) {
        return NULL;
    }
    size_t cap = 12;
    size_t used = 0;
    jlong *out = malloc(cap * sizeof(jlong));
    int ok = out != NULL;
    while (ok) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (e == NULL) {
            ok = errno == 0;
            break;
        }
        if (e->d_name[0] == '.') {
            continue;
        }
        jlong tid = fd_number(e->d_name);
        if ((jlong) (used / 3) >= max_threads || tid <= 0) {
            ok = 0;
            break;
        }
        /* the name is 1 to 10 digits (fd_number) */
        char name[32];
        size_t len = strlen(e->d_name);
        memcpy(name, e->d_name, len);
        memcpy(name + len, "/schedstat", sizeof "/schedstat");
        int fd = openat(dirfd(d), name, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            ok = 0;
            break;
        }
        char text[128];
        ssize_t n = read(fd, text, sizeof text);
        close(fd);
        jlong ran;
        jlong times;
        if (n <= 0 || n == (ssize_t) sizeof text || !schedstat(text, n, &ran, &times) || times == 0 ||
            room(&out, &cap, used + 3) != 0) {
            ok = 0;
            break;
        }
        out[used++] = tid;
        out[used++] = ran;
        out[used++] = times;
    }
    closedir(d);
    jlongArray r = ok && used > 0 ? values(env, out, used) : NULL;
    free(out);
    return r;
}

/* 1 when the path (its bytes, ending in a NUL) is on procfs, 0 when not, -errno when unknown. */
JNIEXPORT jint JNICALL Java_dev_sockscope_owner_NativeFdTable_procfs0(JNIEnv *env, jclass cls, jbyteArray path) {
    (void) cls;
    int err;
    char *p = c_path(env, path, &err);
    if (p == NULL) {
        return -err;
    }
    struct statfs fs;
    int r = statfs(p, &fs);
    err = errno;
    free(p);
    if (r != 0) {
        return -err;
    }
    return fs.f_type == PROC_SUPER_MAGIC ? 1 : 0;
}

/* The socket address of the loopback of family (AF_INET or AF_INET6) at port (network order). */
static socklen_t loopback(int family, in_port_t port, struct sockaddr_storage *a) {
    memset(a, 0, sizeof *a);
    if (family == AF_INET) {
        struct sockaddr_in *v4 = (struct sockaddr_in *) a;
        v4->sin_family = AF_INET;
        v4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        v4->sin_port = port;
        return sizeof *v4;
    }
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *) a;
    v6->sin6_family = AF_INET6;
    v6->sin6_addr = in6addr_loopback;
    v6->sin6_port = port;
    return sizeof *v6;
}

/* A socket of family and type bound to the loopback at a port the kernel picks; -1 when not. */
static int bound(int family, int type, struct sockaddr_storage *a, socklen_t *len) {
    int fd = socket(family, type | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    *len = loopback(family, 0, a);
    if (bind(fd, (struct sockaddr *) a, *len) != 0 || getsockname(fd, (struct sockaddr *) a, len) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/*
 * For family: a TCP listener, a connection to it (both ends) and two UDP sockets connected to
 * each other, all on the loopback, their fds put at fds[*n...]. What fails is closed and left
 * out (a host without IPv6 has no ::1).
 */
static void loopback_family(int family, jint *fds, int *n) {
    struct sockaddr_storage a, b;
    socklen_t la, lb;
    int listener = bound(family, SOCK_STREAM, &a, &la);
    if (listener >= 0) {
        int client = -1;
        if (listen(listener, 1) == 0 && (client = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0)) >= 0 &&
            connect(client, (struct sockaddr *) &a, la) == 0) {
            int server = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
            /* closed with a reset: no TIME_WAIT row left behind for a minute */
            struct linger reset = {1, 0};
            setsockopt(client, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
            fds[(*n)++] = listener;
            fds[(*n)++] = client;
            if (server >= 0) {
                setsockopt(server, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
                fds[(*n)++] = server;
            }
        } else {
            if (client >= 0) {
                close(client);
            }
            close(listener);
        }
    }
    int u1 = bound(family, SOCK_DGRAM, &a, &la);
    int u2 = u1 < 0 ? -1 : bound(family, SOCK_DGRAM, &b, &lb);
    if (u2 >= 0 && connect(u1, (struct sockaddr *) &b, lb) == 0 && connect(u2, (struct sockaddr *) &a, la) == 0) {
        fds[(*n)++] = u1;
        fds[(*n)++] = u2;
    } else {
        if (u2 >= 0) {
            close(u2);
        }
        if (u1 >= 0) {
            close(u1);
        }
    }
}

/* The fds of loopback_family for IPv4 and IPv6, as an int[] (empty when none could be made). */
JNIEXPORT jintArray JNICALL Java_dev_sockscope_TrainingSockets_open0(JNIEnv *env, jclass cls) {
    (void) cls;
    jint fds[10];
    int n = 0;
    loopback_family(AF_INET, fds, &n);
    loopback_family(AF_INET6, fds, &n);
    jintArray r = (*env)->NewIntArray(env, n);
    if (r == NULL) {
        for (int i = 0; i < n; i++) {
            close(fds[i]);
        }
        return NULL;
    }
    (*env)->SetIntArrayRegion(env, r, 0, n, fds);
    return r;
}

JNIEXPORT void JNICALL Java_dev_sockscope_TrainingSockets_close0(JNIEnv *env, jclass cls, jintArray fds) {
    (void) cls;
    jsize n = (*env)->GetArrayLength(env, fds);
    for (jsize i = 0; i < n; i++) {
        jint fd;
        (*env)->GetIntArrayRegion(env, fds, i, 1, &fd);
        close(fd);
    }
}
