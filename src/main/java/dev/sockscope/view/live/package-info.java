/** The live full-screen view: the only package that imports {@code org.jline.*}. */
package dev.sockscope.view.live;
