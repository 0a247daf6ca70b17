/**
 * The views of the network around the sockets ({@code -i}, {@code -r}, {@code --neighbors},
 * {@code --dns}, {@code --route-to}) as a table, JSON or CSV. Pure writers over the records of
 * {@code dev.sockscope.net}; every system string in the table passes through {@link
 * dev.sockscope.view.Sanitizer}, JSON and CSV keep it exact.
 */
package dev.sockscope.view.net;
