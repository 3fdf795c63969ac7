package dev.coffer.server.agentapi;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

/** Notifications end to end on H2 (the outbox's multi-instance behaviour on PostgreSQL has its own test). */
@ContextConfiguration(initializers = Database.OnH2.class)
class NotificationEndToEndH2IT extends NotificationEndToEndIT {
}
