/**
 * The agent's side of the agent ↔ server protocol (docs/agent-protocol.md) beyond the object store: its
 * configuration ({@code agent.json}), registration, the device, run reports, the schedule and device type detection.
 */
package dev.coffer.agent.server;
