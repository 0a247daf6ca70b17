/** The portable backend: the only package that imports {@code oshi.*}. Loaded only when used. */
package dev.sockscope.source.oshi;
