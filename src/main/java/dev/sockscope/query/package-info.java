/** Selection of rows (AND across options, OR inside a list), the live view's filter words, and sort orders. */
package dev.sockscope.query;
