/** Records and enums of sockscope's data, with no I/O and no foreign imports. */
package dev.sockscope.model;
