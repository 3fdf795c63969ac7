/**
 * A device's view of its backup account's repository on a Coffer server: the {@link dev.coffer.engine.store.Store}
 * contract over the agent protocol's HTTP object endpoints (docs/agent-protocol.md), authenticated with the device
 * token, with the server's refusals mapped to exceptions that say whether retrying helps.
 */
package dev.coffer.engine.store.remote;
