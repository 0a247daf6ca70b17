/**
 * How {@code -s} shows a {@link dev.sockscope.health.Summary}: a table for people (system strings
 * sanitized), JSON and CSV with exact values.
 */
package dev.sockscope.view.summary;
