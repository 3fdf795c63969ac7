package dev.coffer.server.agentapi;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = Database.OnPostgres.class)
class NotificationProducersPostgresIT extends NotificationProducersIT {
}
