package dev.coffer.server.retention;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = Database.OnPostgres.class)
class RetentionPostgresIT extends RetentionIT {
}
