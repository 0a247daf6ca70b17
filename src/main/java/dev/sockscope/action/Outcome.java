package dev.sockscope.action;

/**
 * What happened to one target.
 *
 * @param target the process
 * @param signal what was sent, or meant to be
 * @param sent   the kernel accepted the signal
 * @param reason why not, one line (no system strings in it), or null when sent
 */
public record Outcome(Target target, Signal signal, boolean sent, String reason) {}
