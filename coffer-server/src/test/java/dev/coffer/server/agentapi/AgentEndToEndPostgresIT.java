package dev.coffer.server.agentapi;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

/** The real agent against the real server: account repositories in the local store on PostgreSQL. */
@ContextConfiguration(initializers = Database.OnPostgres.class)
class AgentEndToEndPostgresIT extends AgentEndToEndIT {
}
