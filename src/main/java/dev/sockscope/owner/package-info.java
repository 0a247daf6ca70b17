/**
 * inode to every holder (pid, name, command line, user), from {@code <procRoot>/[pid]/fd}
 * symlinks {@code socket:[inode]}, and uid to user name.
 */
package dev.sockscope.owner;
