/**
 * The command-line agent's entry point (picocli): the root command with the global options, which wires the
 * subcommands of {@code command} to their context, and the mapping of failures to messages and exit codes.
 */
package dev.coffer.agent;
