/**
 * The agent protocol's endpoints ({@code /agent/v1/...}, docs/agent-protocol.md): registration, the device, the
 * repository key, the append-only object API over the account's store, and run reports.
 */
package dev.coffer.server.agentapi;
