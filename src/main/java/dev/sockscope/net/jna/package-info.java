/**
 * The rtnetlink socket through JNA direct mapping ({@code socket}, {@code sendto}, {@code
 * recv} of the C library): the only {@code com.sun.jna} imports of the network code, loaded by
 * name only when a network view needs the kernel's answer.
 */
package dev.sockscope.net.jna;
