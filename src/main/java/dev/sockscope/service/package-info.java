/** Port to service name and port class, from a bundled generated registry; reverse DNS that never blocks. */
package dev.sockscope.service;
