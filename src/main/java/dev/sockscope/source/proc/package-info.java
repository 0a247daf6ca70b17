/**
 * The Linux fast path: thin readers of {@code <procRoot>/net/*} and pure byte-level parsers.
 * No OSHI, JNA or JLine class is loaded from here.
 */
package dev.sockscope.source.proc;
