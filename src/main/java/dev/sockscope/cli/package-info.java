/** The command line: options, value converters, exit codes, help. The only package that imports Commons CLI. */
package dev.sockscope.cli;
