/** Renderers of rows: table, JSON, CSV; and the one {@link dev.sockscope.view.Sanitizer} every system string passes. */
package dev.sockscope.view;
