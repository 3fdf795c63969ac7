/** The agent's subcommands (init, backup, snapshots, ls, restore, diff, forget, prune, check, key). */
package dev.coffer.agent.command;
