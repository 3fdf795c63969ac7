package dev.coffer.server.agentapi;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

/** {@code coffer-agent run} against the real server on H2. */
@ContextConfiguration(initializers = Database.OnH2.class)
class AgentServiceH2IT extends AgentServiceIT {
}
