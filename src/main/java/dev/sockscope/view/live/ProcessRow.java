package dev.sockscope.view.live;

/**
 * One row of the Processes tab: a process and the sockets the Sockets tab shows for it.
 *
 * @param pid         the process
 * @param program     its name, as the system gave it (sanitized when drawn)
 * @param user        its user, or null when unknown
 * @param sockets     sockets shown for it
 * @param listen      of which listening (TCP LISTEN, or an unconnected UDP/raw socket)
 * @param established of which ESTABLISHED
 * @param tx          bytes per second sent, summed over its connections; NaN when none has a rate
 * @param rx          bytes per second received, likewise
 */
record ProcessRow(
        int pid, String program, String user, int sockets, int listen, int established, double tx, double rx) {
    int other() {
        return sockets - listen - established;
    }
}
