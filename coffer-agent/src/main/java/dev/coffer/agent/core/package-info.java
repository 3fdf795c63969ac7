/**
 * What every part of the agent shares: the process environment and the machine ({@link AgentEnvironment},
 * {@link Host}), the console, passphrase sources, exit codes and the failure that carries one.
 */
package dev.coffer.agent.core;
