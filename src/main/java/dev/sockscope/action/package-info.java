/**
 * Acting on what is shown: terminating the processes that hold sockets
 * ({@link dev.sockscope.action.Terminator}, SIGTERM through {@link java.lang.ProcessHandle}),
 * closing one TCP connection ({@link dev.sockscope.action.ConnectionCloser}, SOCK_DESTROY where
 * the netlink layer provides it) and exporting rows to a file ({@link dev.sockscope.action.Export}).
 * No terminal I/O here: the command line and the live view ask first, with the texts of
 * {@link dev.sockscope.action.Prompts}, and show each {@link dev.sockscope.action.Outcome}.
 */
package dev.sockscope.action;
