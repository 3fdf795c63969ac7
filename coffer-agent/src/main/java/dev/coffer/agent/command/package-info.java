/**
 * The agent's subcommands (init, backup, snapshots, ls, restore, diff, forget, prune, check, key, register, run).
 * Each depends on the {@link dev.coffer.agent.command.CommandContext} it is constructed with, never on the root
 * command, so this package sits below {@code dev.coffer.agent} with no cycle.
 */
package dev.coffer.agent.command;
