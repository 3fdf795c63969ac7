package dev.coffer.server.agentapi;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

/** The real agent against the real server: account repositories in the local store on H2. */
@ContextConfiguration(initializers = Database.OnH2.class)
class AgentEndToEndH2IT extends AgentEndToEndIT {
}
