/*
 * The seven system calls of sockscope's netlink layer, as JNI functions of
 * dev.sockscope.netlink.JniSyscalls. Each returns its result, or -errno when the call failed
 * (the Java side throws NetlinkException with it). Nothing here reads what the kernel sends:
 * bytes are copied between Java arrays and the calls, and parsed in Java.
 *
 * Why JNI: the library loads in well under a millisecond, where the JDK's foreign function API
 * generates its downcall stub at run time (25-40 ms of every start on JDK 22+) and JNA starts in
 * 70-85 ms (docs/netlink.md).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

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
