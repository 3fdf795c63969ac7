package dev.coffer.server.agentapi;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

/** {@code coffer-agent run} against the real server on PostgreSQL. */
@ContextConfiguration(initializers = Database.OnPostgres.class)
class AgentServicePostgresIT extends AgentServiceIT {
}
