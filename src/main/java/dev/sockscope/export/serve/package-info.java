/**
 * The metrics endpoint of {@code --serve}: the only package that imports {@code io.prometheus.*}
 * (the official Prometheus Java client), loaded only when the endpoint runs.
 */
package dev.sockscope.export.serve;
